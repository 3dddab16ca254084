import { z } from "zod";

/**
 * One registered MCP server, as the registry accepts it (REST, tRPC and the settings page share
 * this schema) and as the runtime receives it after the secrets are decrypted.
 */

/** Registry names appear in tool names (`<server>__<tool>`), so they are short and plain. */
export const MCP_SERVER_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;
export const mcpServerNameSchema = z
  .string()
  .regex(MCP_SERVER_NAME, "use 1–32 letters, digits, '-' or '_' (starting with a letter or digit)")
  .refine((name) => !name.includes("__"), "must not contain '__' (it separates server and tool)");

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
// RFC 9110 token characters.
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,128}$/;

const secretMap = (keyPattern: RegExp, what: string) =>
  z
    .record(
      z.string().regex(keyPattern, `invalid ${what} name`),
      // No control characters: a header value with CR/LF would split the request.
      z
        .string()
        .max(8192)
        .regex(/^[^\0\r\n]*$/, `${what} values cannot contain line breaks or NUL`),
    )
    .refine((value) => Object.keys(value).length <= 64, `at most 64 ${what} entries`);

const description = z.string().max(2000).default("");

const stdioFields = z.object({
  transport: z.literal("stdio"),
  /** An executable on TRELLIS_MCP_STDIO_ALLOW, run without a shell. */
  command: z.string().min(1).max(1024),
  args: z
    .array(
      z
        .string()
        .max(4096)
        .regex(/^[^\0]*$/, "arguments cannot contain NUL"),
    )
    .max(64)
    .default([]),
  env: secretMap(ENV_NAME, "environment variable").default({}),
  /** Relative to the server's MCP working folder under ./.trellis; never outside it. */
  cwd: z.string().max(512).optional(),
});

const httpFields = z.object({
  transport: z.enum(["http", "sse"]),
  url: z.url({ protocol: /^https?$/, message: "must be an http:// or https:// address" }).max(2048),
  headers: secretMap(HEADER_NAME, "header").default({}),
});

export const mcpServerInputSchema = z.discriminatedUnion("transport", [
  stdioFields.extend({ name: mcpServerNameSchema, description }).strict(),
  httpFields.extend({ name: mcpServerNameSchema, description }).strict(),
]);
export type McpServerInput = z.infer<typeof mcpServerInputSchema>;

/** The runtime's view of a registry entry: secrets decrypted, never sent to a browser. */
export type McpServerEntry = McpServerInput;

/** What the API returns: secrets reduced to their names. */
export const mcpServerSummarySchema = z.object({
  name: z.string(),
  description: z.string(),
  transport: z.enum(["stdio", "http", "sse"]),
  command: z.string().optional(),
  args: z.array(z.string()).optional(),
  cwd: z.string().optional(),
  envNames: z.array(z.string()).optional(),
  url: z.string().optional(),
  headerNames: z.array(z.string()).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type McpServerSummary = z.infer<typeof mcpServerSummarySchema>;
