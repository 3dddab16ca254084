import type {
  ElicitRequest,
  ElicitRequestFormParams,
  ElicitResult,
  PrimitiveSchemaDefinition,
} from "@modelcontextprotocol/sdk/types.js";

/**
 * MCP elicitation (`elicitation/create`) answered by a person through the run's human input: one
 * question in the page (or the API), its free-text answer read against the server's requested
 * schema.
 *
 * The rules, also told to the person in every question:
 * - an empty answer declines, `/cancel` cancels;
 * - one field: the whole answer is that field's value (a number, yes/no, one of the options, a
 *   comma-separated list for several options);
 * - several fields: a JSON object; fields left out take their default;
 * - an answer that does not fit is asked again with the reason, at most MAX_ELICITATION_ATTEMPTS
 *   questions in all; after that the request is declined.
 */

export const MAX_ELICITATION_ATTEMPTS = 3;
export const CANCEL_ANSWER = "/cancel";

export type PersonQuestion = { prompt: string; description?: string };
export type AskPerson = (question: PersonQuestion) => Promise<string>;

type FormSchema = ElicitRequestFormParams["requestedSchema"];
type FieldValue = string | number | boolean | string[];
type Reading = { ok: true; value: FieldValue } | { ok: false; problem: string };
type AnswerReading = { result: ElicitResult } | { problem: string };

export async function elicitFromPerson(
  server: string,
  params: ElicitRequest["params"],
  ask: AskPerson,
): Promise<ElicitResult> {
  // URL mode sends the person to a page of the server's; we only declare form mode.
  if (params.mode === "url") return { action: "decline" };
  let problem: string | undefined;
  for (let attempt = 1; attempt <= MAX_ELICITATION_ATTEMPTS; attempt += 1) {
    const answer = await ask(elicitationQuestion(server, params, { attempt, problem }));
    const reading = readElicitationAnswer(params.requestedSchema, answer);
    if ("result" in reading) return reading.result;
    problem = reading.problem;
  }
  return { action: "decline" };
}

/** The question shown to the person: the server's message, then what to answer and how. */
export function elicitationQuestion(
  server: string,
  params: ElicitRequestFormParams,
  retry: { attempt: number; problem?: string } = { attempt: 1 },
): PersonQuestion {
  const fields = Object.entries(params.requestedSchema.properties);
  const required = new Set(params.requestedSchema.required ?? []);
  const lines: string[] = [];
  if (retry.problem !== undefined) {
    lines.push(
      `Your answer could not be used: ${retry.problem} (question ${retry.attempt} of ${MAX_ELICITATION_ATTEMPTS}).`,
    );
  }
  const [only] = fields;
  if (fields.length === 0 || only === undefined) {
    lines.push("Answer anything (for example “yes”) to accept.");
  } else if (fields.length === 1) {
    const [name, definition] = only;
    lines.push(`Answer with ${definition.title ?? name}: ${describeField(definition)}.`);
    if (definition.description) lines.push(definition.description);
  } else {
    lines.push("Answer with a JSON object with these fields (left out: their default):");
    for (const [name, definition] of fields) {
      const detail = [describeField(definition), ...(required.has(name) ? ["required"] : [])].join(", ");
      lines.push(`- ${name} (${detail})${definition.description ? `: ${definition.description}` : ""}`);
    }
    lines.push(`For example: ${JSON.stringify(exampleAnswer(params.requestedSchema))}`);
  }
  lines.push(
    `Leave the answer empty to decline, or answer ${CANCEL_ANSWER} to cancel. An answer that does not fit is asked again, ${MAX_ELICITATION_ATTEMPTS} questions at most; then the request is declined.`,
  );
  return { prompt: `The MCP server "${server}" asks: ${params.message}`, description: lines.join("\n") };
}

/** A person's answer as an elicitation result, or why it does not fit the schema. */
export function readElicitationAnswer(schema: FormSchema, answer: string): AnswerReading {
  const text = answer.trim();
  if (text === "") return { result: { action: "decline" } };
  if (text.toLowerCase() === CANCEL_ANSWER) return { result: { action: "cancel" } };
  const fields = Object.entries(schema.properties);
  const [only] = fields;
  if (fields.length === 0 || only === undefined) return { result: { action: "accept", content: {} } };
  if (fields.length === 1) {
    const [name, definition] = only;
    const reading = readField(definition, text, "text");
    return reading.ok
      ? { result: { action: "accept", content: { [name]: reading.value } } }
      : { problem: reading.problem };
  }
  return readObjectAnswer(schema, text);
}

function readObjectAnswer(schema: FormSchema, text: string): AnswerReading {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { problem: 'it is not a JSON object (for example {"field": "value"}).' };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return { problem: 'it is not a JSON object (for example {"field": "value"}).' };
  }
  const given = parsed as Record<string, unknown>;
  const unknown = Object.keys(given).filter((key) => !Object.hasOwn(schema.properties, key));
  if (unknown.length > 0) return { problem: `there is no field ${unknown.map(quote).join(", ")}.` };
  const required = new Set(schema.required ?? []);
  const content: Record<string, FieldValue> = {};
  for (const [name, definition] of Object.entries(schema.properties)) {
    const value = given[name];
    if (value === undefined || value === null) {
      if (definition.default !== undefined) content[name] = definition.default;
      else if (required.has(name)) return { problem: `the field ${quote(name)} is required.` };
      continue;
    }
    const reading = readField(definition, value, "json");
    if (!reading.ok) return { problem: `${quote(name)}: ${reading.problem}` };
    content[name] = reading.value;
  }
  return { result: { action: "accept", content } };
}

/** One field's value from a JSON value or, for a single field, from the answer's text. */
function readField(definition: PrimitiveSchemaDefinition, value: unknown, from: "text" | "json"): Reading {
  switch (definition.type) {
    case "boolean":
      return readBoolean(value);
    case "number":
    case "integer":
      return readNumber(definition, value);
    case "array": {
      const options = optionsOf(definition);
      const items = Array.isArray(value)
        ? value
        : typeof value === "string" && from === "text"
          ? value.split(",")
          : null;
      if (items === null) return { ok: false, problem: "expected a list of options." };
      const chosen: string[] = [];
      for (const item of items) {
        const option = matchOption(options, item);
        if (option === undefined)
          return { ok: false, problem: `${describeValue(item)} is not one of the options.` };
        if (!chosen.includes(option)) chosen.push(option);
      }
      if (definition.minItems !== undefined && chosen.length < definition.minItems) {
        return { ok: false, problem: `choose at least ${definition.minItems}.` };
      }
      if (definition.maxItems !== undefined && chosen.length > definition.maxItems) {
        return { ok: false, problem: `choose at most ${definition.maxItems}.` };
      }
      return { ok: true, value: chosen };
    }
    case "string": {
      const options = optionsOf(definition);
      if (options.length > 0) {
        const option = matchOption(options, value);
        return option === undefined
          ? { ok: false, problem: `${describeValue(value)} is not one of the options.` }
          : { ok: true, value: option };
      }
      if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") {
        return { ok: false, problem: "expected text." };
      }
      return readString(
        definition as Extract<PrimitiveSchemaDefinition, { format?: unknown }>,
        String(value),
      );
    }
  }
}

function readBoolean(value: unknown): Reading {
  if (typeof value === "boolean") return { ok: true, value };
  const word = typeof value === "string" ? value.trim().toLowerCase() : "";
  if (["yes", "y", "true", "1", "on"].includes(word)) return { ok: true, value: true };
  if (["no", "n", "false", "0", "off"].includes(word)) return { ok: true, value: false };
  return { ok: false, problem: "expected yes or no." };
}

function readNumber(
  definition: Extract<PrimitiveSchemaDefinition, { type: "number" | "integer" }>,
  value: unknown,
): Reading {
  const number = typeof value === "number" ? value : typeof value === "string" ? Number(value.trim()) : NaN;
  if (!Number.isFinite(number) || (typeof value === "string" && value.trim() === "")) {
    return { ok: false, problem: "expected a number." };
  }
  if (definition.type === "integer" && !Number.isInteger(number)) {
    return { ok: false, problem: "expected a whole number." };
  }
  if (definition.minimum !== undefined && number < definition.minimum) {
    return { ok: false, problem: `expected at least ${definition.minimum}.` };
  }
  if (definition.maximum !== undefined && number > definition.maximum) {
    return { ok: false, problem: `expected at most ${definition.maximum}.` };
  }
  return { ok: true, value: number };
}

type StringDefinition = {
  minLength?: number;
  maxLength?: number;
  format?: "email" | "uri" | "date" | "date-time";
};

function readString(definition: StringDefinition, value: string): Reading {
  if (definition.minLength !== undefined && value.length < definition.minLength) {
    return { ok: false, problem: `expected at least ${definition.minLength} characters.` };
  }
  if (definition.maxLength !== undefined && value.length > definition.maxLength) {
    return { ok: false, problem: `expected at most ${definition.maxLength} characters.` };
  }
  switch (definition.format) {
    case "email":
      return /^[^\s@]+@[^\s@]+$/.test(value)
        ? { ok: true, value }
        : { ok: false, problem: "expected an email address." };
    case "uri":
      return URL.canParse(value) ? { ok: true, value } : { ok: false, problem: "expected an address (URI)." };
    case "date":
      return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))
        ? { ok: true, value }
        : { ok: false, problem: "expected a date as YYYY-MM-DD." };
    case "date-time":
      return !Number.isNaN(Date.parse(value))
        ? { ok: true, value }
        : { ok: false, problem: "expected a date and time (ISO 8601)." };
    default:
      return { ok: true, value };
  }
}

type Option = { value: string; title?: string };

/** The choices of an enum field, whichever of the spec's four spellings it uses. */
function optionsOf(definition: PrimitiveSchemaDefinition): Option[] {
  if (definition.type === "array") {
    const items = definition.items;
    if ("enum" in items) return items.enum.map((value) => ({ value }));
    return items.anyOf.map((option) => ({ value: option.const, title: option.title }));
  }
  if (definition.type !== "string") return [];
  if ("oneOf" in definition)
    return definition.oneOf.map((option) => ({ value: option.const, title: option.title }));
  if ("enum" in definition) {
    const titles = "enumNames" in definition ? definition.enumNames : undefined;
    return definition.enum.map((value, index) => ({ value, title: titles?.[index] }));
  }
  return [];
}

/** An option by its value, else by its title, ignoring case and surrounding blanks. */
function matchOption(options: readonly Option[], given: unknown): string | undefined {
  if (typeof given !== "string") return undefined;
  const text = given.trim();
  const exact = options.find((option) => option.value === text);
  if (exact) return exact.value;
  const folded = text.toLowerCase();
  return options.find(
    (option) => option.value.toLowerCase() === folded || option.title?.toLowerCase() === folded,
  )?.value;
}

function describeField(definition: PrimitiveSchemaDefinition): string {
  const options = optionsOf(definition);
  const optionList = options
    .map((option) => (option.title ? `${option.value} (${option.title})` : option.value))
    .join(", ");
  const parts: string[] = [];
  switch (definition.type) {
    case "boolean":
      parts.push("yes or no");
      break;
    case "number":
    case "integer": {
      const kind = definition.type === "integer" ? "a whole number" : "a number";
      const { minimum, maximum } = definition;
      const range =
        minimum !== undefined && maximum !== undefined
          ? ` from ${minimum} to ${maximum}`
          : minimum !== undefined
            ? ` of at least ${minimum}`
            : maximum !== undefined
              ? ` of at most ${maximum}`
              : "";
      parts.push(`${kind}${range}`);
      break;
    }
    case "array":
      parts.push(`one or more of ${optionList}, separated by commas`);
      break;
    case "string":
      if (options.length > 0) parts.push(`one of ${optionList}`);
      else if ("format" in definition && definition.format !== undefined)
        parts.push(`text (${definition.format})`);
      else parts.push("text");
      break;
  }
  if (definition.default !== undefined) parts.push(`default ${JSON.stringify(definition.default)}`);
  return parts.join(", ");
}

function exampleAnswer(schema: FormSchema): Record<string, FieldValue> {
  const example: Record<string, FieldValue> = {};
  for (const [name, definition] of Object.entries(schema.properties)) {
    if (definition.default !== undefined) {
      example[name] = definition.default;
      continue;
    }
    const [first] = optionsOf(definition);
    switch (definition.type) {
      case "boolean":
        example[name] = true;
        break;
      case "number":
      case "integer":
        example[name] = definition.minimum ?? 1;
        break;
      case "array":
        example[name] = first ? [first.value] : [];
        break;
      case "string":
        example[name] = first ? first.value : "…";
        break;
    }
  }
  return example;
}

function quote(name: string): string {
  return `"${name}"`;
}

function describeValue(value: unknown): string {
  return typeof value === "string" ? quote(value.trim()) : (JSON.stringify(value) ?? String(value));
}
