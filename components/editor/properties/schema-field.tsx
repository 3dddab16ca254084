"use client";

import { useCallback, useId, useState } from "react";
import { useEditorStore } from "@/components/editor/editor-context";
import { setNodeField } from "@/components/editor/state/graph-edits";
import { fieldKey, MODEL_SUGGESTIONS, type FieldDescriptor } from "./field-descriptors";
import { describeFieldRules, valueAt } from "./field-values";
import { McpPromptTemplate } from "./mcp-prompt-template";
import { McpServersField } from "./mcp-servers-field";
import { useFieldEditing, type FieldEditing } from "./use-field-editing";

export const MODEL_LIST_ID = "editor-model-suggestions";

/** The model suggestions, rendered once per page for every model field to share. */
export function ModelSuggestions() {
  return (
    <datalist id={MODEL_LIST_ID}>
      {MODEL_SUGGESTIONS.map((model) => (
        <option key={model} value={model} />
      ))}
    </datalist>
  );
}

type TextLikeProps = {
  field: FieldDescriptor;
  editing: FieldEditing;
  disabled: boolean;
  /** Extra text for the hint, e.g. why an empty model is fine. */
  extraHint?: string;
};

/** A labelled text, number, select or textarea field with its hint and its inline error. */
export function TextLikeField({ field, editing, disabled, extraHint }: TextLikeProps) {
  const id = useId();
  const [badNumber, setBadNumber] = useState(false);
  const hint = [describeFieldRules(field), extraHint].filter(Boolean).join(" ");
  const error = badNumber ? "Enter a number." : editing.error;
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  const common = {
    id,
    disabled,
    className: "input",
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy || undefined,
    "aria-required": field.required || undefined,
    onFocus: editing.onFocus,
    onBlur: editing.onBlur,
  };
  let control;
  if (field.kind === "select") {
    control = (
      <select {...common} value={editing.text} onChange={(event) => editing.onText(event.target.value)}>
        <option value="">
          {field.defaultValue === undefined ? "Not set" : `Default (${String(field.defaultValue)})`}
        </option>
        {field.options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    );
  } else if (field.kind === "number") {
    control = (
      <input
        {...common}
        type="number"
        inputMode={field.integer ? "numeric" : "decimal"}
        min={field.min}
        max={field.max}
        step={field.integer ? 1 : "any"}
        placeholder={field.defaultValue === undefined ? undefined : String(field.defaultValue)}
        value={editing.text}
        onChange={(event) => {
          // A half-typed number ("-", "1e") reads as "" here; the browser keeps showing it.
          setBadNumber(event.target.validity.badInput);
          editing.onText(event.target.value);
        }}
      />
    );
  } else if (field.kind === "text" && field.multiline) {
    control = (
      <textarea
        {...common}
        rows={5}
        value={editing.text}
        onChange={(event) => editing.onText(event.target.value)}
      />
    );
  } else {
    const suggestions = field.kind === "text" && field.suggestions ? MODEL_LIST_ID : undefined;
    control = (
      <input
        {...common}
        type="text"
        list={suggestions}
        autoComplete="off"
        spellCheck={false}
        value={editing.text}
        onChange={(event) => editing.onText(event.target.value)}
      />
    );
  }
  return (
    <div className="field">
      <label htmlFor={id}>{field.label}</label>
      {control}
      {hint ? (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${id}-error`} className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

type NodeFieldProps = {
  nodeId: string;
  field: FieldDescriptor;
  data: Readonly<Record<string, unknown>>;
  disabled: boolean;
};

function NodeTextField({ nodeId, field, data, disabled }: NodeFieldProps) {
  const store = useEditorStore();
  const apply = useCallback(
    (value: unknown, coalesceKey: string) =>
      store.editGraph((graph) => setNodeField(graph, nodeId, field.path, value), { coalesceKey }),
    [store, nodeId, field.path],
  );
  const editing = useFieldEditing(fieldKey(nodeId, field.path), field, valueAt(data, field.path), apply);
  const extraHint =
    field.kind === "text" && field.suggestions ? "Empty: the design's default model." : undefined;
  const textField = (
    <TextLikeField field={field} editing={editing} disabled={disabled} extraHint={extraHint} />
  );
  if (field.kind !== "text" || !field.mcpPromptTemplate || disabled) return textField;
  return (
    <>
      {textField}
      <McpPromptTemplate nodeId={nodeId} field={field} data={data} />
    </>
  );
}

function NodeCheckbox({ nodeId, field, data, disabled }: NodeFieldProps) {
  const store = useEditorStore();
  const id = useId();
  const value = valueAt(data, field.path);
  const checked = typeof value === "boolean" ? value : field.defaultValue === true;
  return (
    <div className="field field-checkbox">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(event) => {
          const next = event.target.checked;
          store.editGraph((graph) => setNodeField(graph, nodeId, field.path, next));
        }}
      />
      <label htmlFor={id}>{field.label}</label>
      {field.defaultValue !== undefined && value === undefined ? (
        <span className="hint">(default)</span>
      ) : null}
    </div>
  );
}

/** One field of a node's data, rendered from its descriptor (groups become fieldsets). */
export function NodeField(props: NodeFieldProps) {
  const { field } = props;
  if (field.kind === "checkbox") return <NodeCheckbox {...props} />;
  if (field.kind === "mcp-servers") return <McpServersField {...props} field={field} />;
  if (field.kind === "group") {
    return (
      <fieldset className="editor-fieldset">
        <legend>{field.label}</legend>
        {field.fields.map((child) => (
          <NodeField key={child.path.join(".")} {...props} field={child} />
        ))}
      </fieldset>
    );
  }
  return <NodeTextField {...props} />;
}
