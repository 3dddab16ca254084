"use client";

import { ChevronDown, ChevronRight, Eye, FileInput } from "lucide-react";
import { useId, useState } from "react";
import { useEditorActions, useEditorStore } from "@/components/editor/editor-context";
import { setNodeField } from "@/components/editor/state/graph-edits";
import { initialServer, McpServerSelect } from "@/components/mcp/mcp-server-select";
import { useMcpSource } from "@/components/mcp/mcp-source";
import { McpError, McpLoading } from "@/components/mcp/mcp-status";
import { useOnDemand } from "@/components/mcp/use-on-demand";
import type { McpPromptResult } from "@/server/mcp/prompts-and-resources-schema";
import type { McpInspectionPart } from "@/server/mcp/registry/inspect-registered";
import { fieldKey, type FieldDescriptor } from "./field-descriptors";
import { valueAt } from "./field-values";
import { readServers } from "./mcp-field-edits";
import "@/components/mcp/mcp.css";

type PromptInfo = Extract<McpInspectionPart<"prompts">, { ok: true }>["prompts"][number];

function missingArguments(
  prompt: PromptInfo | undefined,
  values: Readonly<Record<string, string>>,
): string[] {
  return (prompt?.arguments ?? [])
    .filter((argument) => argument.required === true && (values[argument.name] ?? "").trim() === "")
    .map((argument) => argument.name);
}

/**
 * "Apply an MCP prompt": pick a server, load its prompts (on demand: that connects), fill the
 * chosen prompt's arguments, preview the prompt's text and apply it as the field's value (the
 * agent's instruction) in one undo step. The text is the prompt's messages joined by a blank line
 * (getMcpPrompt says how each message becomes text).
 */
export function McpPromptTemplate({
  nodeId,
  field,
  data,
}: {
  nodeId: string;
  field: Extract<FieldDescriptor, { kind: "text" }>;
  data: Readonly<Record<string, unknown>>;
}) {
  const store = useEditorStore();
  const { announce } = useEditorActions();
  const source = useMcpSource();
  const ids = useId();
  const [open, setOpen] = useState(false);
  const [server, setServer] = useState("");
  const [promptName, setPromptName] = useState("");
  const [values, setValues] = useState<Record<string, string>>({});
  const prompts = useOnDemand<McpInspectionPart<"prompts">>();
  const preview = useOnDemand<McpPromptResult>();

  const promptList =
    prompts.state.status === "done" && prompts.state.value.ok ? prompts.state.value.prompts : [];
  const prompt = promptList.find((candidate) => candidate.name === promptName);
  const missing = missingArguments(prompt, values);
  const current = valueAt(data, field.path);
  const currentLength = typeof current === "string" ? current.length : 0;
  const panelId = `${ids}-panel`;

  function chooseServer(name: string) {
    setServer(name);
    setPromptName("");
    setValues({});
    prompts.reset();
    preview.reset();
  }

  function toggle() {
    if (!open && server === "") setServer(initialServer(source.servers, readServers(data.servers)));
    setOpen(!open);
  }

  async function loadPrompts() {
    preview.reset();
    const loaded = await prompts.start((signal) => source.prompts(server, signal));
    const first = loaded?.ok ? loaded.prompts[0]?.name : undefined;
    setPromptName(first ?? "");
    setValues({});
  }

  function showPreview() {
    const filled = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== ""));
    void preview.start((signal) =>
      source.getPrompt({ name: server, prompt: promptName, arguments: filled }, signal),
    );
  }

  function apply(text: string) {
    // Its own undo step, whatever was typed into the field just before.
    store.seal();
    store.editGraph((graph) => setNodeField(graph, nodeId, field.path, text));
    store.seal();
    store.setDraft(fieldKey(nodeId, field.path), undefined);
    announce(`Applied the prompt “${promptName}” of ${server} as the ${field.label.toLowerCase()}.`);
    preview.reset();
    setOpen(false);
  }

  return (
    <div className="mcp-prompt-template">
      <button
        type="button"
        className="button"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={toggle}
      >
        {open ? <ChevronDown size={14} aria-hidden /> : <ChevronRight size={14} aria-hidden />}
        Apply an MCP prompt
      </button>
      {open ? (
        <div
          id={panelId}
          className="mcp-panel"
          role="group"
          aria-label={`Apply an MCP prompt as the ${field.label.toLowerCase()}`}
        >
          <div className="mcp-inline-form">
            <McpServerSelect label="Prompt server" value={server} onChange={chooseServer} />
            {server === "" ? null : (
              <button type="button" className="button" onClick={() => void loadPrompts()}>
                {prompts.state.status === "idle" ? "Load prompts" : "Reload prompts"}
              </button>
            )}
          </div>

          {prompts.state.status === "loading" ? (
            <McpLoading>Connecting to {server} for its prompts…</McpLoading>
          ) : prompts.state.status === "error" ? (
            <McpError message={`The prompts of ${server} could not be listed: ${prompts.state.message}`} />
          ) : prompts.state.status === "done" && !prompts.state.value.ok ? (
            <McpError message={prompts.state.value.error.message} />
          ) : prompts.state.status === "done" && promptList.length === 0 ? (
            <p className="muted">{server} offers no prompts.</p>
          ) : null}

          {promptList.length === 0 ? null : (
            <>
              <div className="field">
                <label htmlFor={`${ids}-prompt`}>Prompt</label>
                <select
                  id={`${ids}-prompt`}
                  className="input"
                  value={promptName}
                  aria-describedby={prompt?.description ? `${ids}-prompt-description` : undefined}
                  onChange={(event) => {
                    setPromptName(event.target.value);
                    setValues({});
                    preview.reset();
                  }}
                >
                  {promptList.map((candidate) => (
                    <option key={candidate.name} value={candidate.name}>
                      {candidate.name}
                    </option>
                  ))}
                </select>
                {prompt?.description ? (
                  <span className="hint" id={`${ids}-prompt-description`}>
                    {prompt.description}
                  </span>
                ) : null}
              </div>

              {(prompt?.arguments ?? []).map((argument, index) => {
                const id = `${ids}-argument-${index}`;
                return (
                  <div className="field" key={argument.name}>
                    <label htmlFor={id}>
                      {argument.name}
                      {argument.required ? " (required)" : ""}
                    </label>
                    <input
                      id={id}
                      className="input"
                      type="text"
                      value={values[argument.name] ?? ""}
                      aria-required={argument.required === true || undefined}
                      aria-describedby={argument.description ? `${id}-description` : undefined}
                      onChange={(event) => {
                        setValues({ ...values, [argument.name]: event.target.value });
                        preview.reset();
                      }}
                    />
                    {argument.description ? (
                      <span className="hint" id={`${id}-description`}>
                        {argument.description}
                      </span>
                    ) : null}
                  </div>
                );
              })}

              <div className="mcp-actions">
                <button
                  type="button"
                  className="button"
                  disabled={missing.length > 0 || preview.state.status === "loading"}
                  aria-describedby={missing.length > 0 ? `${ids}-missing` : undefined}
                  onClick={showPreview}
                >
                  <Eye size={14} aria-hidden />
                  Preview
                </button>
                <button type="button" className="button" onClick={() => setOpen(false)}>
                  Cancel
                </button>
              </div>
              {missing.length > 0 ? (
                <p className="hint" id={`${ids}-missing`}>
                  Fill in {missing.join(", ")} first.
                </p>
              ) : null}
            </>
          )}

          {preview.state.status === "loading" ? (
            <McpLoading>
              Getting the prompt “{promptName}” from {server}…
            </McpLoading>
          ) : preview.state.status === "error" ? (
            <McpError
              message={`The prompt could not be fetched: ${preview.state.message}`}
              onRetry={showPreview}
            />
          ) : preview.state.status === "done" && !preview.state.value.ok ? (
            <McpError message={preview.state.value.error.message} onRetry={showPreview} />
          ) : preview.state.status === "done" && preview.state.value.ok ? (
            <PromptPreview
              id={`${ids}-preview`}
              result={preview.state.value}
              currentLength={currentLength}
              fieldLabel={field.label.toLowerCase()}
              onApply={apply}
            />
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function PromptPreview({
  id,
  result,
  currentLength,
  fieldLabel,
  onApply,
}: {
  id: string;
  result: Extract<McpPromptResult, { ok: true }>;
  currentLength: number;
  fieldLabel: string;
  onApply: (text: string) => void;
}) {
  const empty = result.text === "";
  return (
    <div className="mcp-prompt-preview">
      <div className="field">
        <label htmlFor={id}>Preview of the {fieldLabel}</label>
        <textarea id={id} className="input mcp-preview" readOnly rows={6} value={result.text} />
        <span className="hint">
          {result.messages.length === 1
            ? "The prompt's one message."
            : `The prompt's ${result.messages.length} messages, joined by a blank line.`}
          {currentLength > 0
            ? ` Applying replaces the current ${fieldLabel} (${currentLength} characters).`
            : ""}
        </span>
        {result.omitted.length > 0 ? (
          <span className="hint">Left out (no text): {result.omitted.join("; ")}.</span>
        ) : null}
      </div>
      {empty ? (
        <p className="form-error" role="alert">
          The prompt has no text to apply.
        </p>
      ) : (
        <button type="button" className="button button-primary" onClick={() => onApply(result.text)}>
          <FileInput size={14} aria-hidden />
          Apply as {fieldLabel}
        </button>
      )}
    </div>
  );
}
