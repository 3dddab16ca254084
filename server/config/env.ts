import { z } from "zod";

// A hostname or IPv4 with an optional port, a bare IPv6, or a bracketed IPv6 with an optional port.
const ALLOWED_HOST = /^(?:[a-z0-9_.-]+(?::\d{1,5})?|[0-9a-f:.]*:[0-9a-f:.]*|\[[0-9a-f:.]+\](?::\d{1,5})?)$/;

/** A comma-separated list; blanks around entries and empty entries are ignored. */
const commaList = <Item extends z.ZodType<string, string>>(item: Item) =>
  z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((entry) => entry.trim())
        .filter((entry) => entry !== ""),
    )
    .pipe(z.array(item));

/** Hosts the SSRF guard lets through even on private or loopback addresses (`host`, `host:port`, IP). */
export const allowHostsSchema = commaList(
  z
    .string()
    .transform((entry) => entry.toLowerCase())
    .pipe(z.string().regex(ALLOWED_HOST, "use host, host:port, IP, or [IPv6]:port")),
);

/**
 * The server's environment, validated once. A bad value stops start with a message naming the
 * variable, instead of failing later in some request.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// connection string")
    .optional(),
  TRELLIS_DATA_DIR: z.string().min(1).default(".trellis"),
  TRELLIS_PUBLIC_URL: z
    .url({ protocol: /^https?$/, message: "must be an http:// or https:// address" })
    .transform((value) => value.replace(/\/+$/, ""))
    .optional(),
  TRELLIS_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  // Run limits: a run that reaches one ends with a clear reason instead of running away.
  TRELLIS_RUN_MAX_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  TRELLIS_RUN_MAX_MODEL_CALLS: z.coerce.number().int().min(1).max(100_000).default(500),
  TRELLIS_RUN_MAX_TOKENS: z.coerce.number().int().min(1).default(5_000_000),
  // Per client address and per account; raise it when many people sign in from behind one address.
  TRELLIS_SIGN_IN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(10),
  // Rate limits (429 with Retry-After beyond): per client address, and per person where one is known.
  TRELLIS_SIGN_UPS_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(20),
  TRELLIS_TOKEN_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  TRELLIS_RUN_STARTS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(60),
  TRELLIS_SHARE_VIEWS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(300),
  /** Behind a reverse proxy that sets X-Forwarded-For: take the client address from it. */
  TRELLIS_TRUST_PROXY: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((value) => value === "true" || value === "1"),
  // Quotas per workspace: a run that would pass one is refused before it starts.
  TRELLIS_WORKSPACE_MAX_ACTIVE_RUNS: z.coerce.number().int().min(1).max(100_000).default(20),
  TRELLIS_WORKSPACE_MAX_STORED_EVENTS: z.coerce.number().int().min(1).default(2_000_000),
  // MCP: what registry entries may start or reach. Nothing is allowed unless listed.
  /** Exact stdio executables, as written in registry entries (`node,/usr/bin/uvx`). */
  TRELLIS_MCP_STDIO_ALLOW: commaList(
    z
      .string()
      .max(1024)
      .regex(/^[^\0]+$/, "must not contain NUL"),
  ),
  /** Hosts an http/sse entry may reach even on a private or loopback address (`host`, `host:port`). */
  TRELLIS_MCP_ALLOW_HOSTS: allowHostsSchema,
  /** The same for provider base URLs a workspace sets (the environment's own are trusted). */
  TRELLIS_PROVIDER_ALLOW_HOSTS: allowHostsSchema,
  TRELLIS_MCP_CONNECT_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
  /** One MCP tool call in a run; progress from the server starts it afresh. */
  TRELLIS_MCP_CALL_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  /** Largest single MCP message (a stdio line, an HTTP JSON body or one SSE event). */
  TRELLIS_MCP_MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(256 * 1024 * 1024)
    .default(4 * 1024 * 1024),
});

export type ServerEnv = z.infer<typeof envSchema>;

export class EnvError extends Error {
  override readonly name = "EnvError";
}

export function parseEnv(source: Record<string, string | undefined>): ServerEnv {
  // Empty strings are how shells and .env files spell "unset".
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = envSchema.safeParse(present);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
  throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
}

let cached: ServerEnv | undefined;

export function serverEnv(): ServerEnv {
  cached ??= parseEnv(process.env);
  return cached;
}

export function publicUrl(env: ServerEnv = serverEnv()): string {
  return env.TRELLIS_PUBLIC_URL ?? `http://localhost:${env.PORT}`;
}

/** Origins our own pages are served from: browsers send these as Origin on same-site requests. */
export function allowedOrigins(env: ServerEnv = serverEnv()): string[] {
  return [...new Set([publicUrl(env), `http://localhost:${env.PORT}`, `http://127.0.0.1:${env.PORT}`])];
}
