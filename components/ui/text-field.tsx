"use client";

import { useId, type InputHTMLAttributes } from "react";

/**
 * A labelled input (ux.md: every field has a visible label tied to it), with an optional hint and
 * error announced to assistive technology through aria-describedby.
 */
export function TextField({
  label,
  hint,
  error,
  onValueChange,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, "onChange"> & {
  label: string;
  hint?: string;
  error?: string | null;
  onValueChange: (value: string) => void;
}) {
  const generatedId = useId();
  const id = input.id ?? generatedId;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        {...input}
        id={id}
        className="input"
        aria-invalid={Boolean(error) || input["aria-invalid"]}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        onChange={(event) => onValueChange(event.target.value)}
      />
      {hint ? (
        <span id={hintId} className="hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={errorId} className="form-error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
