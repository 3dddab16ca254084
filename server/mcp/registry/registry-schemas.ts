import { z } from "zod";
import { mcpServerInputSchema, mcpServerNameSchema } from "@/server/mcp/server-entry";

/**
 * Shapes of the registry's API beyond the entry itself, all derived from the shared entry schema.
 * No "server-only" here: the settings page validates its form with the same schemas.
 */

const [stdioInput, httpInput] = mcpServerInputSchema.options;
const envMap = stdioInput.shape.env.unwrap();
const headerMap = httpInput.shape.headers.unwrap();

/** The parts of a secret map, for checking one row of a form at a time. */
export const envNameSchema = envMap.keyType;
export const envValueSchema = envMap.valueType;
export const headerNameSchema = headerMap.keyType;
export const headerValueSchema = headerMap.valueType;

export const MAX_SECRET_ENTRIES = 64;

/** In an update, `null` keeps the stored value of that name (the API never returns values). */
const secretMapUpdate = (map: typeof envMap, what: string) =>
  z
    .record(map.keyType, map.valueType.nullable())
    .refine(
      (value) => Object.keys(value).length <= MAX_SECRET_ENTRIES,
      `at most ${MAX_SECRET_ENTRIES} ${what} entries`,
    );

/** Fields that keep their stored value when an update omits them. */
const keptWhenOmitted = {
  /** A new name renames the server (designs that use the old name then fail validation). */
  name: mcpServerNameSchema.optional(),
  description: stdioInput.shape.description.unwrap().optional(),
};

/**
 * An update (PUT): the transport's fields are replaced as given; `name` and `description` are kept
 * when omitted. Env (stdio) and headers (http, sse): omitted keeps the stored ones; a map replaces
 * them, where a `null` value keeps the stored value of that name, so a form that never saw the
 * values can still rename, add or drop single entries.
 */
export const mcpServerUpdateSchema = z.discriminatedUnion("transport", [
  stdioInput.extend({ ...keptWhenOmitted, env: secretMapUpdate(envMap, "environment variable").optional() }),
  httpInput.extend({ ...keptWhenOmitted, headers: secretMapUpdate(headerMap, "header").optional() }),
]);
export type McpServerUpdate = z.infer<typeof mcpServerUpdateSchema>;

/** The registry name in a path or a tRPC call; names that cannot exist are simply "not found". */
export const mcpServerNameParamSchema = z.string().max(100);

export const mcpServerByNameInput = z.strictObject({ name: mcpServerNameParamSchema });
