import type { TRPC_ERROR_CODE_KEY } from "@trpc/server";
import {
  ConflictError,
  type DomainError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  PayloadTooLargeError,
  QuotaExceededError,
  RateLimitedError,
  UnauthenticatedError,
} from "@/server/errors";

/** The one mapping from domain errors to what the API edges answer: HTTP status and tRPC code. */
const MAPPING: [new (...args: never[]) => DomainError, number, TRPC_ERROR_CODE_KEY][] = [
  [InvalidInputError, 400, "BAD_REQUEST"],
  [UnauthenticatedError, 401, "UNAUTHORIZED"],
  [ForbiddenError, 403, "FORBIDDEN"],
  [NotFoundError, 404, "NOT_FOUND"],
  [ConflictError, 409, "CONFLICT"],
  [PayloadTooLargeError, 413, "PAYLOAD_TOO_LARGE"],
  [RateLimitedError, 429, "TOO_MANY_REQUESTS"],
  [QuotaExceededError, 429, "TOO_MANY_REQUESTS"],
];

function mappingOf(error: DomainError): { status: number; trpcCode: TRPC_ERROR_CODE_KEY } {
  const found = MAPPING.find(([type]) => error instanceof type);
  return found ? { status: found[1], trpcCode: found[2] } : { status: 400, trpcCode: "BAD_REQUEST" };
}

export function httpStatusOf(error: DomainError): number {
  return mappingOf(error).status;
}

export function trpcCodeOf(error: DomainError): TRPC_ERROR_CODE_KEY {
  return mappingOf(error).trpcCode;
}

/** Seconds to put in Retry-After, for the errors that have them. */
export function retryAfterOf(error: unknown): number | undefined {
  if (error instanceof RateLimitedError) return error.retryAfterSeconds;
  if (error instanceof QuotaExceededError) return error.retryAfterSeconds;
  return undefined;
}
