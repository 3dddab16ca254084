"use client";

import type { ReactNode } from "react";
import { Dialog } from "@/components/ui/dialog";

/**
 * Asks before deleting something for good: says what goes (children), shows why a delete failed,
 * and offers Cancel next to a danger button that reads "Deleting…" while the request runs so it
 * cannot be sent twice. Escape and Cancel both call onCancel.
 */
export function ConfirmDeleteDialog({
  open,
  title,
  confirmLabel,
  pending,
  error,
  onCancel,
  onConfirm,
  children,
}: {
  open: boolean;
  title: string;
  confirmLabel: string;
  pending: boolean;
  error: string | null | undefined;
  onCancel: () => void;
  onConfirm: () => void;
  children: ReactNode;
}) {
  return (
    <Dialog open={open} title={title} onClose={onCancel}>
      {children}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button button-danger" disabled={pending} onClick={onConfirm}>
          {pending ? "Deleting…" : confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
