import { z } from "zod";

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
  // Per client address; raise it when many people sign in from behind one address.
  TRELLIS_SIGN_IN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(10),
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
