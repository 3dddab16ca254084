/**
 * Which form fields a node type has, derived from its zod data schema (DATA_SCHEMAS_BY_TYPE), so
 * a field added to the schema shows up in the properties panel without touching the panel.
 */
import { z } from "zod";
import { DATA_SCHEMAS_BY_TYPE, type NodeType } from "@/server/designs/graph-schema";

type FieldBase = {
  /** Path into the node's data, e.g. ["requestParams", "maxTokens"]. */
  path: readonly string[];
  label: string;
  /** The documented default, shown so an empty field is not a mystery. */
  defaultValue?: string | number | boolean;
  /** The schema of the value itself (without `optional`), to check what is typed. */
  schema: z.ZodType;
  required: boolean;
};

export type FieldDescriptor =
  | (FieldBase & {
      kind: "text";
      multiline: boolean;
      suggestions?: readonly string[];
      /** An MCP prompt can be applied to this field as a template (an agent's instruction). */
      mcpPromptTemplate?: boolean;
    })
  | (FieldBase & { kind: "checkbox" })
  | (FieldBase & { kind: "number"; integer: boolean; min?: number; max?: number })
  | (FieldBase & { kind: "select"; options: readonly string[] })
  | (FieldBase & { kind: "list" })
  /** An agent's `servers`, picked from the registry, with each server's filter from `toolsPath`. */
  | (FieldBase & { kind: "mcp-servers"; toolsPath: readonly string[] })
  | (FieldBase & { kind: "group"; fields: FieldDescriptor[] });

/** Offline models first (they need no key), then common provider strings. */
export const MODEL_SUGGESTIONS = [
  "passthrough",
  "playback",
  "silent",
  "slow",
  "scripted",
  "openai.gpt-4.1",
  "anthropic.claude-sonnet-4-5",
  "google.gemini-2.5-pro",
  "generic.llama3.2",
] as const;

const LABELS: Record<string, string> = {
  minRating: "Minimum rating",
  k: "k",
  topP: "Top P",
  servers: "MCP servers",
  requestParams: "Request parameters",
  redFlagMaxLength: "Red-flag max length",
};

const MULTILINE_KEYS = new Set(["instruction", "refinementInstruction", "description"]);

/** Defaults from graph-format.md; the same key can default differently per type (useHistory). */
const DEFAULTS: Partial<Record<NodeType, Record<string, string | number | boolean>>> = {
  agent: { useHistory: true, humanInput: false },
  chain: { cumulative: false },
  parallel: { includeRequest: true },
  router: { useHistory: false },
  evaluator_optimizer: { minRating: "GOOD", maxRefinements: 3 },
  orchestrator: { planIterations: 5 },
  maker: { k: 3, maxSamples: 50 },
};

const REQUEST_PARAM_DEFAULTS: Record<string, string | number | boolean> = {
  maxIterations: 20,
  parallelToolCalls: true,
};

// z.int() reports the safe-integer range as its bounds; those are not limits worth showing.
const BOUND_LIMIT = 1e12;

/** "maxRefinements" → "Max refinements". */
export function labelFor(key: string): string {
  const known = LABELS[key];
  if (known !== undefined) return known;
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function unwrap(schema: z.ZodType): { inner: z.ZodType; required: boolean } {
  if (schema instanceof z.ZodOptional) return { inner: schema.unwrap() as z.ZodType, required: false };
  return { inner: schema, required: true };
}

function bound(value: number | null | undefined): number | undefined {
  return value === null || value === undefined || Math.abs(value) >= BOUND_LIMIT ? undefined : value;
}

function describe(
  key: string,
  schema: z.ZodType,
  path: readonly string[],
  defaults: Record<string, string | number | boolean>,
): FieldDescriptor | undefined {
  const { inner, required } = unwrap(schema);
  const base = { path, label: labelFor(key), schema: inner, required, defaultValue: defaults[key] };
  if (key === "servers" && inner instanceof z.ZodArray) {
    return { ...base, kind: "mcp-servers", toolsPath: [...path.slice(0, -1), "tools"] };
  }
  if (inner instanceof z.ZodString) {
    return {
      ...base,
      kind: "text",
      multiline: MULTILINE_KEYS.has(key),
      ...(key === "model" ? { suggestions: MODEL_SUGGESTIONS } : {}),
    };
  }
  if (inner instanceof z.ZodBoolean) return { ...base, kind: "checkbox" };
  if (inner instanceof z.ZodNumber) {
    return {
      ...base,
      kind: "number",
      integer: inner.isInt,
      min: bound(inner.minValue),
      max: bound(inner.maxValue),
    };
  }
  if (inner instanceof z.ZodEnum) return { ...base, kind: "select", options: inner.options.map(String) };
  if (inner instanceof z.ZodArray) return { ...base, kind: "list" };
  if (inner instanceof z.ZodObject) {
    const fields = describeShape(inner.shape, path, REQUEST_PARAM_DEFAULTS);
    return { ...base, kind: "group", fields };
  }
  // A field of a kind the form does not know yet is left out rather than shown wrongly.
  return undefined;
}

function describeShape(
  shape: Record<string, z.ZodType>,
  parentPath: readonly string[],
  defaults: Record<string, string | number | boolean>,
): FieldDescriptor[] {
  const fields: FieldDescriptor[] = [];
  for (const [key, schema] of Object.entries(shape)) {
    // Tool filters are per server: the server picker edits them next to each chosen server.
    if (key === "tools" && "servers" in shape) continue;
    const field = describe(key, schema, [...parentPath, key], defaults);
    if (field !== undefined) fields.push(field);
  }
  return fields;
}

/** Where an MCP prompt can be applied as a template: agents take their servers' prompts. */
const PROMPT_TEMPLATE_FIELDS: Partial<Record<NodeType, string>> = { agent: "instruction" };

function withPromptTemplate(type: NodeType, fields: FieldDescriptor[]): FieldDescriptor[] {
  const key = PROMPT_TEMPLATE_FIELDS[type];
  return fields.map((field) =>
    field.kind === "text" && field.path.length === 1 && field.path[0] === key
      ? { ...field, mcpPromptTemplate: true }
      : field,
  );
}

const cache = new Map<NodeType, FieldDescriptor[]>();

/** The form fields of a node type, in schema order (name first). */
export function fieldsFor(type: NodeType): FieldDescriptor[] {
  const cached = cache.get(type);
  if (cached !== undefined) return cached;
  const fields = withPromptTemplate(
    type,
    describeShape(DATA_SCHEMAS_BY_TYPE[type].shape, [], DEFAULTS[type] ?? {}),
  );
  cache.set(type, fields);
  return fields;
}

/** A stable key for a field of a node: drafts and undo coalescing are tracked per key. */
export function fieldKey(nodeId: string, path: readonly string[]): string {
  return `${nodeId}.${path.join(".")}`;
}
