/**
 * Between what a person types in a field and the value stored in the node's data: parsing with a
 * message in words when the text is not (yet) valid, and formatting for display.
 */
import type { FieldDescriptor } from "./field-descriptors";

/** The value at `path` in a node's data (undefined when any step is missing). */
export function valueAt(data: Readonly<Record<string, unknown>>, path: readonly string[]): unknown {
  let current: unknown = data;
  for (const key of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export type ParsedField = { ok: true; value: unknown } | { ok: false; error: string };

function parseList(text: string): string[] {
  return text
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

function parseNumber(field: Extract<FieldDescriptor, { kind: "number" }>, text: string): ParsedField {
  const value = Number(text.trim());
  if (!Number.isFinite(value)) return { ok: false, error: "Enter a number." };
  if (field.integer && !Number.isInteger(value)) return { ok: false, error: "Enter a whole number." };
  if (field.min !== undefined && value < field.min)
    return { ok: false, error: `Enter ${field.min} or more.` };
  if (field.max !== undefined && value > field.max)
    return { ok: false, error: `Enter ${field.max} or less.` };
  return { ok: true, value };
}

function schemaError(field: FieldDescriptor, value: unknown): string | undefined {
  const result = field.schema.safeParse(value);
  return result.success ? undefined : (result.error.issues[0]?.message ?? "This value is not allowed.");
}

/** Parses typed text into the field's value; empty text means "use the default" (undefined). */
export function parseFieldText(field: FieldDescriptor, text: string): ParsedField {
  if (text.trim() === "" && field.kind !== "text") {
    return field.required
      ? { ok: false, error: `${field.label} is required.` }
      : { ok: true, value: undefined };
  }
  switch (field.kind) {
    case "text": {
      if (text === "" && !field.required) return { ok: true, value: undefined };
      const error = schemaError(field, text);
      return error === undefined ? { ok: true, value: text } : { ok: false, error };
    }
    case "number":
      return parseNumber(field, text);
    case "select":
      return field.options.includes(text)
        ? { ok: true, value: text }
        : { ok: false, error: `Choose one of ${field.options.join(", ")}.` };
    case "list": {
      const items = parseList(text);
      return { ok: true, value: items.length === 0 ? undefined : items };
    }
    case "checkbox":
      return { ok: true, value: text === "true" };
    case "group":
      return { ok: false, error: "A group has no text of its own." };
    case "mcp-servers":
      return { ok: false, error: "MCP servers are chosen from the registry, not typed." };
  }
}

/** The text a stored value shows as (the inverse of parseFieldText for valid values). */
export function formatFieldValue(field: FieldDescriptor, value: unknown): string {
  if (value === undefined || value === null) return "";
  switch (field.kind) {
    case "list":
      return Array.isArray(value) ? value.map(String).join(", ") : "";
    case "text":
    case "select":
      return typeof value === "string" ? value : "";
    case "number":
      return typeof value === "number" ? String(value) : "";
    case "checkbox":
    case "group":
    case "mcp-servers":
      return "";
  }
}

/** A hint under the field: the default and the allowed range, in words. */
export function describeFieldRules(field: FieldDescriptor): string | undefined {
  const parts: string[] = [];
  if (field.kind === "number") {
    if (field.integer) parts.push("Whole number");
    if (field.min !== undefined && field.max !== undefined) parts.push(`from ${field.min} to ${field.max}`);
    else if (field.min !== undefined) parts.push(`${field.min} or more`);
    else if (field.max !== undefined) parts.push(`${field.max} or less`);
  }
  if (field.kind === "list") parts.push("Comma-separated names");
  if (field.defaultValue !== undefined && field.kind !== "checkbox" && field.kind !== "select") {
    parts.push(`default ${String(field.defaultValue)}`);
  }
  if (parts.length === 0) return undefined;
  const text = parts.join(", ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
