import "server-only";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { serverEnv, type ServerEnv } from "@/server/config/env";
import { pgPool } from "@/server/db/pg-pool";
import { RateLimitedError } from "@/server/errors";

/** One kind of request and how many of it one key may make per window. */
export type RateLimitPolicy = {
  /** Namespaces the keys; also what the 429's message talks about. */
  name: string;
  /** What is limited, for people: "sign-in attempts". */
  what: string;
  points: number;
  durationSeconds: number;
};

/** The limits of issue 7, read from the environment (README, Configuration). */
export const RATE_LIMITS = {
  signIn: (env: ServerEnv = serverEnv()): RateLimitPolicy => ({
    name: "sign-in",
    what: "sign-in attempts",
    points: env.TRELLIS_SIGN_IN_ATTEMPTS_PER_MINUTE,
    durationSeconds: 60,
  }),
  signUp: (env: ServerEnv = serverEnv()): RateLimitPolicy => ({
    name: "sign-up",
    what: "sign-ups",
    points: env.TRELLIS_SIGN_UPS_PER_HOUR,
    durationSeconds: 3600,
  }),
  tokenUse: (env: ServerEnv = serverEnv()): RateLimitPolicy => ({
    name: "token",
    what: "API requests",
    points: env.TRELLIS_TOKEN_REQUESTS_PER_MINUTE,
    durationSeconds: 60,
  }),
  runStart: (env: ServerEnv = serverEnv()): RateLimitPolicy => ({
    name: "run-start",
    what: "runs started",
    points: env.TRELLIS_RUN_STARTS_PER_MINUTE,
    durationSeconds: 60,
  }),
  shareView: (env: ServerEnv = serverEnv()): RateLimitPolicy => ({
    name: "share-view",
    what: "shared-run views",
    points: env.TRELLIS_SHARE_VIEWS_PER_MINUTE,
    durationSeconds: 60,
  }),
} as const;

const limiters = new Map<string, RateLimiterPostgres>();

/**
 * Counters live in PostgreSQL (rate-limiter-flexible's store, table rate_limit from our
 * migrations), so every instance sharing the database counts together. Once a key is over its
 * limit, it is also blocked in this process's memory until the window ends, so a flood costs no
 * more database round trips.
 */
function limiterFor(policy: RateLimitPolicy): RateLimiterPostgres {
  const id = `${policy.name}/${policy.points}/${policy.durationSeconds}`;
  let limiter = limiters.get(id);
  if (!limiter) {
    limiter = new RateLimiterPostgres({
      storeClient: pgPool(),
      storeType: "pool",
      tableName: "rate_limit",
      tableCreated: true,
      keyPrefix: policy.name,
      points: policy.points,
      duration: policy.durationSeconds,
      inMemoryBlockOnConsumed: policy.points,
      inMemoryBlockDuration: policy.durationSeconds,
      // Guessed tokens and passing addresses leave a row each; rows expired an hour ago go.
      clearExpiredByTimeout: true,
    });
    limiters.set(id, limiter);
  }
  return limiter;
}

/**
 * Counts one request against each (policy, key) pair; throws RateLimitedError (429, Retry-After)
 * when any of them is over its limit. Keys are e.g. "ip:203.0.113.7" and "user:<id>".
 */
export async function consumeRateLimits(
  checks: readonly (readonly [RateLimitPolicy, string])[],
): Promise<void> {
  const outcomes = await Promise.all(
    checks.map(async ([policy, key]) => {
      try {
        await limiterFor(policy).consume(key);
        return null;
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) return { policy, rejection };
        throw rejection;
      }
    }),
  );
  const refused = outcomes.find((outcome) => outcome !== null);
  if (!refused) return;
  const retryAfterSeconds = Math.max(1, Math.ceil(refused.rejection.msBeforeNext / 1000));
  throw new RateLimitedError(
    `Too many ${refused.policy.what}: try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? "" : "s"}.`,
    retryAfterSeconds,
  );
}
