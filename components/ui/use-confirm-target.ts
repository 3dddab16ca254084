"use client";

import { useState } from "react";

/** The part of a react-query mutation a confirmation needs. */
type ConfirmableMutation<Variables> = {
  isPending: boolean;
  error: { message: string } | null;
  reset: () => void;
  mutate: (variables: Variables, options: { onSuccess: () => void }) => void;
};

/**
 * The item a ConfirmDeleteDialog asks about, and the dialog's props: Cancel (or Escape) forgets
 * the item and the last failure; the confirm button runs the mutation on the item and closes the
 * dialog only once it succeeded, so a failure stays on screen.
 */
export function useConfirmTarget<Target, Variables>(
  mutation: ConfirmableMutation<Variables>,
  variablesOf: (target: Target) => Variables,
) {
  const [target, setTarget] = useState<Target | null>(null);
  return {
    target,
    ask: setTarget,
    dialog: {
      open: target !== null,
      pending: mutation.isPending,
      error: mutation.error?.message,
      onCancel: () => {
        setTarget(null);
        mutation.reset();
      },
      onConfirm: () => {
        if (target === null) return;
        mutation.mutate(variablesOf(target), { onSuccess: () => setTarget(null) });
      },
    },
  };
}
