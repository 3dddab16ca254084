"use client";

import { Plus, X } from "lucide-react";
import { useId, useState } from "react";
import { ChooseTools } from "./choose-tools";

/**
 * One server's tool filter: its globs as removable chips, a field to add a name or glob, and
 * "Choose tools" to pick exact names from what the server offers. No filter shows every tool of
 * the server; an empty filter (possible in imported JSON) shows none (graph-format.md).
 */
export function ToolFilterEditor({
  server,
  globs,
  hasFilter,
  canChooseTools,
  disabled,
  onChange,
}: {
  server: string;
  globs: readonly string[];
  /** Whether the agent's `tools` has an entry for this server at all. */
  hasFilter: boolean;
  /** False for a server the registry does not have: there is nothing to connect to. */
  canChooseTools: boolean;
  disabled: boolean;
  onChange: (globs: readonly string[]) => void;
}) {
  const ids = useId();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | undefined>();

  function add() {
    const glob = text.trim();
    if (glob === "") return setError("Enter a tool name or a glob such as get_*.");
    if (globs.includes(glob)) return setError(`“${glob}” is already in the filter.`);
    onChange([...globs, glob]);
    setText("");
    setError(undefined);
  }

  return (
    <div className="mcp-subpanel" role="group" aria-label={`Tool filter of ${server}`}>
      {globs.length === 0 ? (
        <p className="hint">
          {hasFilter
            ? `Empty filter: the agent sees none of the tools of ${server}.`
            : `No filter: the agent sees every tool of ${server}.`}
        </p>
      ) : (
        <ul className="mcp-chips" aria-label={`Tools of ${server} the agent may use`}>
          {globs.map((glob) => (
            <li key={glob} className="mcp-chip">
              <code>{glob}</code>
              {disabled ? null : (
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Remove ${glob} from the tool filter of ${server}`}
                  onClick={() => onChange(globs.filter((candidate) => candidate !== glob))}
                >
                  <X size={12} aria-hidden />
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {disabled ? null : (
        <>
          <div className="mcp-inline-form">
            <div className="field">
              <label htmlFor={`${ids}-glob`}>Add a tool name or glob</label>
              <input
                id={`${ids}-glob`}
                className="input"
                type="text"
                autoComplete="off"
                spellCheck={false}
                value={text}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${ids}-error` : `${ids}-hint`}
                onChange={(event) => {
                  setText(event.target.value);
                  setError(undefined);
                }}
                onKeyDown={(event) => {
                  if (event.key !== "Enter") return;
                  // Enter adds here; it must not submit the node's form.
                  event.preventDefault();
                  add();
                }}
              />
            </div>
            <button type="button" className="button" onClick={add}>
              <Plus size={14} aria-hidden />
              Add
            </button>
          </div>
          {error ? (
            <span id={`${ids}-error`} className="field-error" role="alert">
              {error}
            </span>
          ) : (
            <span id={`${ids}-hint`} className="hint">
              Exact names or globs (* and ?); a glob starting with ! excludes.
            </span>
          )}
          {canChooseTools ? (
            <ChooseTools
              server={server}
              globs={globs}
              onToggle={(tool, chosen) =>
                onChange(chosen ? [...globs, tool] : globs.filter((glob) => glob !== tool))
              }
            />
          ) : null}
        </>
      )}
    </div>
  );
}
