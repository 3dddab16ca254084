"use client";

import { Plus, Trash2 } from "lucide-react";
import { useId } from "react";
import { newRow, type FormErrors, type SecretRow } from "./form-values";

/**
 * Rows of name/value pairs (environment variables, headers). Values are secrets: typed like
 * passwords and never prefilled; a stored entry shows its name and keeps its value when left empty.
 */
export function SecretRowsEditor({
  kind,
  legend,
  itemLabel,
  hint,
  rows,
  errors,
  onChange,
}: {
  kind: "env" | "headers";
  legend: string;
  /** "Variable", "Header": numbered per row for unique, visible labels. */
  itemLabel: string;
  hint: string;
  rows: SecretRow[];
  errors: FormErrors;
  onChange: (rows: SecretRow[]) => void;
}) {
  const baseId = useId();
  const update = (id: string, patch: Partial<SecretRow>) =>
    onChange(rows.map((row) => (row.id === id ? { ...row, ...patch } : row)));
  const groupError = errors[kind];
  return (
    <fieldset className="mcp-transport-fields" aria-describedby={`${baseId}-hint`}>
      <legend>{legend}</legend>
      <p id={`${baseId}-hint`} className="muted" style={{ margin: "0 0 8px", fontSize: 12 }}>
        {hint}
      </p>
      {rows.length > 0 ? (
        <div className="mcp-secret-rows">
          {rows.map((row, index) => {
            const nameId = `${baseId}-${row.id}-name`;
            const valueId = `${baseId}-${row.id}-value`;
            const nameError = errors[`${kind}.${row.id}.name`];
            const valueError = errors[`${kind}.${row.id}.value`];
            const stored = row.storedName !== undefined && row.storedName === row.name.trim();
            return (
              <div key={row.id}>
                <div className="mcp-secret-row">
                  <div className="field">
                    <label htmlFor={nameId}>
                      {itemLabel} {index + 1} name
                    </label>
                    <input
                      id={nameId}
                      className="input"
                      value={row.name}
                      autoComplete="off"
                      spellCheck={false}
                      aria-invalid={Boolean(nameError)}
                      aria-describedby={nameError ? `${nameId}-error` : undefined}
                      onChange={(event) => update(row.id, { name: event.target.value })}
                    />
                  </div>
                  <div className="field">
                    <label htmlFor={valueId}>
                      {itemLabel} {index + 1} value
                      {stored ? (
                        <span className="badge badge-ok" style={{ marginLeft: 6 }}>
                          set
                        </span>
                      ) : null}
                    </label>
                    <input
                      id={valueId}
                      className="input"
                      type="password"
                      value={row.value}
                      autoComplete="new-password"
                      placeholder={stored ? "leave empty to keep" : undefined}
                      aria-invalid={Boolean(valueError)}
                      aria-describedby={valueError ? `${valueId}-error` : undefined}
                      onChange={(event) => update(row.id, { value: event.target.value })}
                    />
                  </div>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Remove ${itemLabel.toLowerCase()} ${index + 1}${row.name ? ` (${row.name})` : ""}`}
                    title="Remove"
                    onClick={() => onChange(rows.filter((candidate) => candidate.id !== row.id))}
                  >
                    <Trash2 size={15} aria-hidden />
                  </button>
                </div>
                {nameError ? (
                  <span
                    id={`${nameId}-error`}
                    className="form-error"
                    role="alert"
                    style={{ display: "block", marginTop: 4 }}
                  >
                    {nameError}
                  </span>
                ) : null}
                {valueError ? (
                  <span
                    id={`${valueId}-error`}
                    className="form-error"
                    role="alert"
                    style={{ display: "block", marginTop: 4 }}
                  >
                    {valueError}
                  </span>
                ) : null}
              </div>
            );
          })}
        </div>
      ) : null}
      {groupError ? (
        <p className="form-error" role="alert">
          {groupError}
        </p>
      ) : null}
      <button type="button" className="button" onClick={() => onChange([...rows, newRow()])}>
        <Plus size={15} aria-hidden />
        Add {itemLabel.toLowerCase()}
      </button>
    </fieldset>
  );
}
