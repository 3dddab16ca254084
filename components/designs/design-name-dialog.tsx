"use client";

import { useEffect, useState, type FormEvent } from "react";
import { Dialog } from "@/components/ui/dialog";
import { designNameSchema } from "@/server/designs/design-schemas";

export function DesignNameDialog({
  open,
  title,
  submitLabel,
  initialName,
  pending,
  error,
  onClose,
  onSubmit,
}: {
  open: boolean;
  title: string;
  submitLabel: string;
  initialName: string;
  pending: boolean;
  error?: string;
  onClose: () => void;
  onSubmit: (name: string) => void;
}) {
  const [name, setName] = useState(initialName);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (open) {
      setName(initialName);
      setProblem(null);
    }
  }, [open, initialName]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = designNameSchema.safeParse(name);
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message ?? "This name cannot be used.");
      return;
    }
    onSubmit(parsed.data);
  }

  const message = problem ?? error;
  return (
    <Dialog open={open} title={title} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="design-name">Name</label>
          <input
            id="design-name"
            className="input"
            autoFocus
            value={name}
            maxLength={200}
            aria-invalid={Boolean(message)}
            aria-describedby={message ? "design-name-error" : undefined}
            onChange={(event) => {
              setName(event.target.value);
              setProblem(null);
            }}
          />
          {message ? (
            <span id="design-name-error" className="form-error" role="alert">
              {message}
            </span>
          ) : null}
        </div>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={pending}>
            {pending ? "Saving…" : submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
