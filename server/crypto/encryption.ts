import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { deriveKey } from "@/server/crypto/secret";

/**
 * Secrets at rest (provider API keys): AES-256-GCM under a key derived from TRELLIS_SECRET.
 *
 * Format: `v1.<iv>.<tag>.<ciphertext>`, each part base64url. The version prefix lets a later
 * format (or key rotation) coexist with rows written by this one.
 */

const VERSION = "v1";
const ALGORITHM = "aes-256-gcm";
const KEY_PURPOSE = "provider-credentials";
// 96-bit IVs are what GCM is specified for; random ones are safe far beyond our write volume.
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A stored secret could not be decrypted: wrong server secret, wrong context, or tampered data. */
export class DecryptionError extends Error {
  override readonly name = "DecryptionError";
}

/**
 * Encrypts `plaintext`. `context` (e.g. `workspaceId:provider`) is authenticated but not stored,
 * so a ciphertext copied to another row does not decrypt there.
 */
export function encryptSecret(plaintext: string, secret: string, context = ""): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, deriveKey(secret, KEY_PURPOSE), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, "utf8"));
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv, tag, data]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

function decodePart(part: string | undefined, expectedBytes?: number): Buffer {
  if (part === undefined) throw new DecryptionError("Malformed ciphertext.");
  const bytes = Buffer.from(part, "base64url");
  // Node's decoder skips characters it does not know; only the canonical spelling is accepted.
  if (
    bytes.toString("base64url") !== part ||
    (expectedBytes !== undefined && bytes.length !== expectedBytes)
  ) {
    throw new DecryptionError("Malformed ciphertext.");
  }
  return bytes;
}

/** Decrypts what `encryptSecret` produced with the same secret and context; throws otherwise. */
export function decryptSecret(ciphertext: string, secret: string, context = ""): string {
  const parts = ciphertext.split(".");
  if (parts.length !== 4) throw new DecryptionError("Malformed ciphertext.");
  const [version, ivPart, tagPart, dataPart] = parts;
  if (version !== VERSION) throw new DecryptionError(`Unsupported ciphertext version "${version}".`);
  const iv = decodePart(ivPart, IV_BYTES);
  const tag = decodePart(tagPart, TAG_BYTES);
  const data = decodePart(dataPart);
  const decipher = createDecipheriv(ALGORITHM, deriveKey(secret, KEY_PURPOSE), iv, {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8");
  } catch {
    // Node's message ("Unsupported state or unable to authenticate data") says nothing useful.
    throw new DecryptionError("The ciphertext failed authentication (wrong secret or tampered data).");
  }
}
