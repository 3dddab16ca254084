import type { z } from "zod";
import {
  envNameSchema,
  envValueSchema,
  headerNameSchema,
  headerValueSchema,
  MAX_SECRET_ENTRIES,
  mcpServerUpdateSchema,
} from "@/server/mcp/registry/registry-schemas";
import { mcpServerInputSchema, type McpServerSummary } from "@/server/mcp/server-entry";

/**
 * The add/edit form of an MCP server as plain values, and their conversion to what the API takes,
 * checked with the API's own schemas so the form says exactly what the server would.
 */

export type Transport = "stdio" | "http" | "sse";

/** One env variable or header row. `storedName`: the name as stored, whose value the page never sees. */
export type SecretRow = { id: string; name: string; value: string; storedName?: string };

export type FormValues = {
  name: string;
  description: string;
  transport: Transport;
  command: string;
  /** One argument per line. */
  args: string;
  cwd: string;
  env: SecretRow[];
  url: string;
  headers: SecretRow[];
};

/** Field name (`name`, `command`, `env.<row id>.name`, ...) → message; `form` for the rest. */
export type FormErrors = Record<string, string>;

export type CreateInput = z.input<typeof mcpServerInputSchema>;
export type UpdateInput = z.input<typeof mcpServerUpdateSchema>;

let rowCounter = 0;
export function newRow(name = "", storedName?: string): SecretRow {
  rowCounter += 1;
  return { id: `row-${rowCounter}`, name, value: "", ...(storedName === undefined ? {} : { storedName }) };
}

export function emptyFormValues(): FormValues {
  return {
    name: "",
    description: "",
    transport: "stdio",
    command: "",
    args: "",
    cwd: "",
    env: [],
    url: "",
    headers: [],
  };
}

/** The form for editing a stored server: secret names shown, their values left empty ("keep"). */
export function formValuesFrom(server: McpServerSummary): FormValues {
  return {
    name: server.name,
    description: server.description,
    transport: server.transport,
    command: server.command ?? "",
    args: (server.args ?? []).join("\n"),
    cwd: server.cwd ?? "",
    env: (server.envNames ?? []).map((name) => newRow(name, name)),
    url: server.url ?? "",
    headers: (server.headerNames ?? []).map((name) => newRow(name, name)),
  };
}

export type Converted<Input> = { ok: true; input: Input } | { ok: false; errors: FormErrors };

function argumentList(text: string): string[] {
  // Blank lines are spacing, not empty arguments; a trailing \r comes from pasted Windows text.
  return text
    .split("\n")
    .map((line) => line.replace(/\r$/, ""))
    .filter((line) => line.trim() !== "");
}

/** A row keeps its stored value when it still has its stored name and no new value was typed. */
function keepsStoredValue(row: SecretRow): boolean {
  return row.storedName !== undefined && row.storedName === row.name.trim() && row.value === "";
}

/** Row-level checks with the API's key and value schemas, so each message sits next to its row. */
function checkRows(rows: SecretRow[], kind: "env" | "headers", errors: FormErrors): void {
  const nameSchema = kind === "env" ? envNameSchema : headerNameSchema;
  const valueSchema = kind === "env" ? envValueSchema : headerValueSchema;
  const seen = new Set<string>();
  for (const row of rows) {
    const name = row.name.trim();
    const nameCheck = nameSchema.safeParse(name);
    if (name === "") errors[`${kind}.${row.id}.name`] = "Enter a name, or remove the row.";
    else if (!nameCheck.success)
      errors[`${kind}.${row.id}.name`] = nameCheck.error.issues[0]?.message ?? "Invalid name.";
    else if (seen.has(kind === "headers" ? name.toLowerCase() : name))
      errors[`${kind}.${row.id}.name`] = "This name appears twice.";
    seen.add(kind === "headers" ? name.toLowerCase() : name);
    if (row.storedName !== undefined && row.storedName !== name && row.value === "")
      errors[`${kind}.${row.id}.value`] = "Enter a value: a renamed entry does not keep its stored value.";
    const valueCheck = valueSchema.safeParse(row.value);
    if (!valueCheck.success)
      errors[`${kind}.${row.id}.value`] ??= valueCheck.error.issues[0]?.message ?? "Invalid value.";
  }
  if (rows.length > MAX_SECRET_ENTRIES) errors[kind] = `At most ${MAX_SECRET_ENTRIES} entries.`;
}

/** Plain messages for empty required fields, where the schema's own would be technical. */
function checkRequired(values: FormValues, errors: FormErrors): void {
  if (values.transport === "stdio" && values.command.trim() === "")
    errors.command = "Enter the command to run.";
  if (values.transport !== "stdio" && values.url.trim() === "") errors.url = "Enter the server's URL.";
}

/** Puts the schema's remaining issues under the field they concern. */
function issuesToErrors(issues: z.core.$ZodIssue[], errors: FormErrors): void {
  for (const issue of issues) {
    const [field, index] = issue.path;
    const key =
      field === "args" && typeof index === "number"
        ? "args"
        : typeof field === "string" &&
            ["name", "description", "command", "cwd", "url", "transport", "args", "env", "headers"].includes(
              field,
            )
          ? field
          : "form";
    const message =
      field === "args" && typeof index === "number" ? `Line ${index + 1}: ${issue.message}` : issue.message;
    // Row-level messages already say it, next to the row.
    if (
      (key === "env" || key === "headers") &&
      Object.keys(errors).some((known) => known.startsWith(`${key}.`))
    )
      continue;
    errors[key] ??= message;
  }
}

function secretMap(rows: SecretRow[], keep: boolean): Record<string, string | null> {
  return Object.fromEntries(
    rows.map((row) => [row.name.trim(), keep && keepsStoredValue(row) ? null : row.value]),
  );
}

function common(values: FormValues) {
  return { name: values.name.trim(), description: values.description.trim() };
}

export function toCreateInput(values: FormValues): Converted<CreateInput> {
  const errors: FormErrors = {};
  const input: CreateInput =
    values.transport === "stdio"
      ? {
          ...common(values),
          transport: "stdio",
          command: values.command.trim(),
          args: argumentList(values.args),
          env: secretMap(values.env, false) as Record<string, string>,
          ...(values.cwd.trim() === "" ? {} : { cwd: values.cwd.trim() }),
        }
      : {
          ...common(values),
          transport: values.transport,
          url: values.url.trim(),
          headers: secretMap(values.headers, false) as Record<string, string>,
        };
  checkRequired(values, errors);
  checkRows(
    values.transport === "stdio" ? values.env : values.headers,
    values.transport === "stdio" ? "env" : "headers",
    errors,
  );
  const parsed = mcpServerInputSchema.safeParse(input);
  if (!parsed.success) issuesToErrors(parsed.error.issues, errors);
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, input };
}

/** Whether the rows are exactly the stored names with nothing typed: then the secrets are not sent. */
function untouched(rows: SecretRow[], storedNames: readonly string[]): boolean {
  return (
    rows.length === storedNames.length &&
    rows.every((row) => keepsStoredValue(row) && storedNames.includes(row.name.trim()))
  );
}

export function toUpdateInput(values: FormValues, original: McpServerSummary): Converted<UpdateInput> {
  const errors: FormErrors = {};
  checkRequired(values, errors);
  const sameKind = (original.transport === "stdio") === (values.transport === "stdio");
  let input: UpdateInput;
  if (values.transport === "stdio") {
    const keepEnv = sameKind && untouched(values.env, original.envNames ?? []);
    input = {
      ...common(values),
      transport: "stdio",
      command: values.command.trim(),
      args: argumentList(values.args),
      ...(keepEnv ? {} : { env: secretMap(values.env, sameKind) }),
      ...(values.cwd.trim() === "" ? {} : { cwd: values.cwd.trim() }),
    };
    checkRows(values.env, "env", errors);
  } else {
    const keepHeaders = sameKind && untouched(values.headers, original.headerNames ?? []);
    input = {
      ...common(values),
      transport: values.transport,
      url: values.url.trim(),
      ...(keepHeaders ? {} : { headers: secretMap(values.headers, sameKind) }),
    };
    checkRows(values.headers, "headers", errors);
  }
  const parsed = mcpServerUpdateSchema.safeParse(input);
  if (!parsed.success) issuesToErrors(parsed.error.issues, errors);
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, input };
}

/** Issues the server sent back (tRPC `data.issues`), under the fields they concern. */
export function serverIssuesToErrors(
  issues: readonly { message: string; path?: readonly (string | number)[] }[],
): FormErrors {
  const errors: FormErrors = {};
  issuesToErrors(
    issues.map((issue) => ({
      code: "custom",
      input: undefined,
      message: issue.message,
      path: [...(issue.path ?? [])],
    })),
    errors,
  );
  return errors;
}
