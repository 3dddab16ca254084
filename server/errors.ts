/**
 * Domain errors: thrown inside services, turned into HTTP statuses / tRPC codes only at the API
 * edge (server/api). Their messages are written for users and may reach a browser.
 */
export type IssueLike = {
  code: string;
  message: string;
  path?: (string | number)[];
  nodeId?: string;
  edgeId?: string;
};

export class DomainError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export class InvalidInputError extends DomainError {
  override readonly name = "InvalidInputError";
  constructor(
    message: string,
    readonly issues: IssueLike[] = [],
  ) {
    super(message, "invalid_input");
  }
}

export class UnauthenticatedError extends DomainError {
  override readonly name = "UnauthenticatedError";
  constructor(message = "Sign in or send a valid API token.") {
    super(message, "unauthenticated");
  }
}

export class ForbiddenError extends DomainError {
  override readonly name = "ForbiddenError";
  constructor(message = "Your role does not allow this.") {
    super(message, "forbidden");
  }
}

export class NotFoundError extends DomainError {
  override readonly name = "NotFoundError";
  constructor(what: string) {
    super(`${what} not found.`, "not_found");
  }
}

export class ConflictError extends DomainError {
  override readonly name = "ConflictError";
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message, "conflict");
  }
}

export class PayloadTooLargeError extends DomainError {
  override readonly name = "PayloadTooLargeError";
  constructor(message: string) {
    super(message, "payload_too_large");
  }
}

/** Too many requests of one kind from one address or person; `retryAfterSeconds` says when to try again. */
export class RateLimitedError extends DomainError {
  override readonly name = "RateLimitedError";
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, "rate_limited");
  }
}

/** A workspace reached one of its limits (active runs, stored events). */
export class QuotaExceededError extends DomainError {
  override readonly name = "QuotaExceededError";
  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message, "quota_exceeded");
  }
}
