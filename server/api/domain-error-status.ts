import type { TRPC_ERROR_CODE_KEY } from "@trpc/server";
import {
  ConflictError,
  type DomainError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  PayloadTooLargeError,
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
