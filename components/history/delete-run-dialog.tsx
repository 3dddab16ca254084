"use client";

import { Dialog } from "@/components/ui/dialog";

/** Asks before deleting a run: its events and share links go with it, for good. */
export function DeleteRunDialog({
  open,
  inputPreview,
  pending,
  error,
  onCancel,
  onConfirm,
}: {
  open: boolean;
  inputPreview: string;
  pending: boolean;
  error: string | null;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  return (
    <Dialog open={open} title="Delete run?" onClose={onCancel}>
      <p>
        The run{inputPreview ? <> on “{inputPreview}”</> : null}, its events and any share links to it will be
        deleted. This cannot be undone.
      </p>
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
          {pending ? "Deleting…" : "Delete run"}
        </button>
      </div>
    </Dialog>
  );
}
