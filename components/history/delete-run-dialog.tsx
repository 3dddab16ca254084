"use client";

import { ConfirmDeleteDialog } from "@/components/ui/confirm-delete-dialog";

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
    <ConfirmDeleteDialog
      open={open}
      title="Delete run?"
      confirmLabel="Delete run"
      pending={pending}
      error={error}
      onCancel={onCancel}
      onConfirm={onConfirm}
    >
      <p>
        The run{inputPreview ? <> on “{inputPreview}”</> : null}, its events and any share links to it will be
        deleted. This cannot be undone.
      </p>
    </ConfirmDeleteDialog>
  );
}
