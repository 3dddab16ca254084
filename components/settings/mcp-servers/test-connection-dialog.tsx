"use client";

import { CircleAlert, CircleCheck, LoaderCircle } from "lucide-react";
import { Dialog } from "@/components/ui/dialog";
import type { McpInspectionResult } from "@/server/mcp/registry/inspect-registered";
import { FAILURE_WORDS } from "./failure-words";

type TestState =
  | { status: "pending" }
  | { status: "answered"; result: McpInspectionResult }
  | { status: "error"; message: string };

function ItemList({
  title,
  items,
}: {
  title: string;
  items: { key: string; label: string; description?: string }[];
}) {
  return (
    <section aria-label={title}>
      <h3>
        {title} ({items.length})
      </h3>
      {items.length === 0 ? (
        <p className="muted" style={{ margin: 0 }}>
          None.
        </p>
      ) : (
        <ul>
          {items.map((item) => (
            <li key={item.key}>
              <code>{item.label}</code>
              {item.description ? <span className="muted">{item.description}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The outcome of "Test connection": what the server offers, or why it could not be reached. */
export function TestConnectionDialog({
  name,
  state,
  onRetry,
  onClose,
}: {
  name: string | null;
  state: TestState;
  onRetry: () => void;
  onClose: () => void;
}) {
  return (
    <Dialog open={name !== null} title={`Test connection: ${name ?? ""}`} onClose={onClose}>
      <div className="mcp-wide-dialog" aria-live="polite">
        {state.status === "pending" ? (
          <p role="status" style={{ display: "flex", gap: 8, alignItems: "center" }}>
            <LoaderCircle size={16} className="spin" aria-hidden />
            Connecting to “{name}”…
          </p>
        ) : state.status === "error" ? (
          <p className="form-error" role="alert">
            {state.message}
          </p>
        ) : state.result.ok ? (
          <div className="mcp-test-lists">
            <p role="status" style={{ display: "flex", gap: 8, alignItems: "center", margin: 0 }}>
              <CircleCheck size={16} aria-hidden style={{ color: "var(--ok)" }} />
              <strong>Connected.</strong>
              <span className="muted">
                {state.result.tools.length} tools · {state.result.resources.length} resources ·{" "}
                {state.result.prompts.length} prompts
              </span>
            </p>
            <ItemList
              title="Tools"
              items={state.result.tools.map((tool) => ({
                key: tool.name,
                label: tool.name,
                description: tool.description,
              }))}
            />
            <ItemList
              title="Resources"
              items={state.result.resources.map((resource) => ({
                key: resource.uri,
                label: resource.name,
                description: [resource.uri, resource.description].filter(Boolean).join(" · "),
              }))}
            />
            <ItemList
              title="Prompts"
              items={state.result.prompts.map((prompt) => ({
                key: prompt.name,
                label: prompt.name,
                description: prompt.description,
              }))}
            />
          </div>
        ) : (
          <div role="alert">
            <p style={{ display: "flex", gap: 8, alignItems: "center", margin: "0 0 8px" }}>
              <CircleAlert size={16} aria-hidden style={{ color: "var(--danger)" }} />
              <strong>{FAILURE_WORDS[state.result.error.kind].title}</strong>
            </p>
            <p className="form-error">{state.result.error.message}</p>
            <p className="muted">{FAILURE_WORDS[state.result.error.kind].advice}</p>
          </div>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" disabled={state.status === "pending"} onClick={onRetry}>
            Test again
          </button>
          <button type="button" className="button button-primary" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </Dialog>
  );
}

export type { TestState };
