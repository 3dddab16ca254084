/**
 * Between what a person types in a field and the value stored in the node's data: parsing with a
 * message in words when the text is not (yet) valid, and formatting for display.
 */
import type { FieldDescriptor } from "./field-descriptors";

export type ParsedField = { ok: true; value: unknown } | { ok: false; error: string };

const TOOL_LINE = /^([^:]+):(.*)$/;

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

function parseToolFilters(text: string): ParsedField {
  const filters: Record<string, string[]> = {};
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    const match = TOOL_LINE.exec(line);
    const server = match?.[1]?.trim();
    const globs = parseList(match?.[2] ?? "");
    if (!server || globs.length === 0) {
      return { ok: false, error: 'Write one server per line, as "server: glob, glob".' };
    }
    filters[server] = [...(filters[server] ?? []), ...globs];
  }
  return { ok: true, value: Object.keys(filters).length === 0 ? undefined : filters };
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
    case "tool-filters":
      return parseToolFilters(text);
    case "checkbox":
      return { ok: true, value: text === "true" };
    case "group":
      return { ok: false, error: "A group has no text of its own." };
  }
}

/** The text a stored value shows as (the inverse of parseFieldText for valid values). */
export function formatFieldValue(field: FieldDescriptor, value: unknown): string {
  if (value === undefined || value === null) return "";
  switch (field.kind) {
    case "list":
      return Array.isArray(value) ? value.map(String).join(", ") : "";
    case "tool-filters":
      return typeof value === "object"
        ? Object.entries(value as Record<string, unknown>)
            .map(
              ([server, globs]) => `${server}: ${Array.isArray(globs) ? globs.map(String).join(", ") : ""}`,
            )
            .join("\n")
        : "";
    case "text":
    case "select":
      return typeof value === "string" ? value : "";
    case "number":
      return typeof value === "number" ? String(value) : "";
    case "checkbox":
    case "group":
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
  if (field.kind === "tool-filters") parts.push('One server per line: "server: glob, glob"');
  if (field.defaultValue !== undefined && field.kind !== "checkbox" && field.kind !== "select") {
    parts.push(`default ${String(field.defaultValue)}`);
  }
  if (parts.length === 0) return undefined;
  const text = parts.join(", ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
