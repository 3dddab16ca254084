"use client";

import { useCallback, useId } from "react";
import { z } from "zod";
import { useEditorActions, useEditorState, useEditorStore } from "@/components/editor/editor-context";
import type { EditorState } from "@/components/editor/state/editor-store";
import { setDefaultModel, setEntry } from "@/components/editor/state/graph-edits";
import { designDescriptionSchema, designNameSchema } from "@/server/designs/design-schemas";
import { MAX_STRING_LENGTH } from "@/server/designs/graph-schema";
import { MODEL_SUGGESTIONS, type FieldDescriptor } from "./field-descriptors";
import { NodeOptions, nodeOptionEntries } from "./node-options";
import { TextLikeField } from "./schema-field";
import { useFieldEditing } from "./use-field-editing";

const NAME_FIELD: FieldDescriptor = {
  kind: "text",
  path: ["name"],
  label: "Design name",
  schema: designNameSchema,
  required: true,
  multiline: false,
};

const DESCRIPTION_FIELD: FieldDescriptor = {
  kind: "text",
  path: ["description"],
  label: "Design description",
  schema: designDescriptionSchema,
  required: false,
  multiline: true,
};

const DEFAULT_MODEL_FIELD: FieldDescriptor = {
  kind: "text",
  path: ["defaultModel"],
  label: "Default model",
  schema: z.string().max(MAX_STRING_LENGTH),
  required: false,
  multiline: false,
  suggestions: MODEL_SUGGESTIONS,
};

const selectDocument = (state: EditorState) => state.history.present;
const selectVersion = (state: EditorState) => state.saved.version;

/** Design-level settings, shown when nothing is selected. */
export function DesignForm() {
  const store = useEditorStore();
  const { readOnly } = useEditorActions();
  const document = useEditorState(selectDocument);
  const version = useEditorState(selectVersion);
  const entryId = useId();
  const { graph } = document;

  const name = useFieldEditing(
    "design.name",
    NAME_FIELD,
    document.name,
    useCallback(
      (value: unknown, coalesceKey: string) =>
        store.change((current) => ({ ...current, name: typeof value === "string" ? value : "" }), {
          coalesceKey,
        }),
      [store],
    ),
  );
  const description = useFieldEditing(
    "design.description",
    DESCRIPTION_FIELD,
    document.description,
    useCallback(
      (value: unknown, coalesceKey: string) =>
        store.change((current) => ({ ...current, description: typeof value === "string" ? value : "" }), {
          coalesceKey,
        }),
      [store],
    ),
  );
  const defaultModel = useFieldEditing(
    "design.defaultModel",
    DEFAULT_MODEL_FIELD,
    graph.defaultModel,
    useCallback(
      (value: unknown, coalesceKey: string) =>
        store.editGraph(
          (current) => setDefaultModel(current, typeof value === "string" ? value : undefined),
          {
            coalesceKey,
          },
        ),
      [store],
    ),
  );
  const firstName = graph.nodes[0]?.data.name;
  const entryIsMissing =
    graph.entry !== undefined && !graph.nodes.some((node) => node.data.name === graph.entry);

  return (
    <form
      className="editor-design-form"
      aria-label="Design settings"
      onSubmit={(event) => event.preventDefault()}
    >
      <TextLikeField field={NAME_FIELD} editing={name} disabled={readOnly} />
      <TextLikeField field={DESCRIPTION_FIELD} editing={description} disabled={readOnly} />
      <TextLikeField
        field={DEFAULT_MODEL_FIELD}
        editing={defaultModel}
        disabled={readOnly}
        extraHint="For agents without a model of their own; empty: the workspace default."
      />
      <div className="field">
        <label htmlFor={entryId}>Entry agent</label>
        <select
          id={entryId}
          className="input"
          disabled={readOnly}
          value={graph.entry ?? ""}
          aria-describedby={`${entryId}-hint`}
          onChange={(event) =>
            store.editGraph((current) =>
              setEntry(current, event.target.value === "" ? undefined : event.target.value),
            )
          }
        >
          <option value="">{firstName ? `First node (${firstName})` : "First node"}</option>
          {entryIsMissing && graph.entry ? (
            <option value={graph.entry}>{graph.entry} (missing)</option>
          ) : null}
          <NodeOptions
            entries={nodeOptionEntries(
              graph.nodes.map(({ data }) => ({ value: data.name, label: data.name })),
            )}
          />
        </select>
        <span id={`${entryId}-hint`} className="hint">
          Where a run starts.
        </span>
      </div>
      <p className="muted">
        {graph.nodes.length} {graph.nodes.length === 1 ? "node" : "nodes"} · {graph.edges.length}{" "}
        {graph.edges.length === 1 ? "edge" : "edges"} · saved version {version}
      </p>
    </form>
  );
}
