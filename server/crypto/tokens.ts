import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A random token with a readable prefix: 32 bytes (256 bits) of entropy. */
export function generateToken(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString("base64url")}`;
}

/**
 * Tokens are high-entropy, so a fast hash is enough at rest; lookups go by the hash, and the
 * stored hash is compared in constant time.
 */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && timingSafeEqual(left, right);
}
