"use client";

import { Copy } from "lucide-react";
import { useId, useRef, useState, type FocusEvent } from "react";

/**
 * A labelled read-only value with a Copy button. Where the browser refuses the clipboard (insecure
 * origins, some browsers) the text is selected instead and the status line says how to copy it.
 * The class names stay with the caller so each dialog keeps its own layout.
 */
export function CopyField({
  label,
  value,
  multiline = false,
  buttonText = "Copy",
  buttonLabel,
  selectedHint,
  selectOnFocus = false,
  rowClassName,
  valueClassName,
}: {
  label: string;
  value: string;
  /** A textarea as tall as the value, for snippets of several lines. */
  multiline?: boolean;
  buttonText?: string;
  /** The button's accessible name when its text alone would be ambiguous. */
  buttonLabel?: string;
  selectedHint: string;
  selectOnFocus?: boolean;
  rowClassName: string;
  valueClassName?: string;
}) {
  const fieldId = useId();
  const field = useRef<HTMLInputElement | HTMLTextAreaElement | null>(null);
  const [copyState, setCopyState] = useState<"idle" | "copied" | "selected">("idle");

  async function copy() {
    try {
      if (!navigator.clipboard) throw new Error("no clipboard");
      await navigator.clipboard.writeText(value);
      setCopyState("copied");
    } catch {
      // Insecure origins and some browsers refuse the clipboard: select it for a manual copy.
      field.current?.focus();
      field.current?.select();
      setCopyState("selected");
    }
  }

  const shared = {
    ref: (element: HTMLInputElement | HTMLTextAreaElement | null) => {
      field.current = element;
    },
    id: fieldId,
    className: valueClassName ? `input ${valueClassName}` : "input",
    readOnly: true,
    value,
    spellCheck: false,
    onFocus: selectOnFocus
      ? (event: FocusEvent<HTMLInputElement | HTMLTextAreaElement>) => event.currentTarget.select()
      : undefined,
  };
  return (
    <div className="field">
      <label htmlFor={fieldId}>{label}</label>
      <div className={rowClassName}>
        {multiline ? <textarea {...shared} rows={value.split("\n").length} /> : <input {...shared} />}
        <button type="button" className="button" onClick={() => void copy()} aria-label={buttonLabel}>
          <Copy size={13} aria-hidden />
          {buttonText}
        </button>
      </div>
      <span className="hint" role="status" aria-live="polite">
        {copyState === "copied" ? "Copied" : copyState === "selected" ? selectedHint : ""}
      </span>
    </div>
  );
}
