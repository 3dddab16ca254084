import "server-only";
import type { LanguageModelV3Middleware, LanguageModelV3StreamPart } from "@ai-sdk/provider";

/**
 * Keeps a provider key out of error messages. Providers echo what they received (some servers
 * quote the Authorization header back in a 401 body), and the SDK copies response bodies into its
 * errors; those errors then reach run events, logs and the browser. Errors are changed in place,
 * not replaced, so the SDK still recognises them (APICallError.isRetryable drives its retries).
 */

const REDACTED = "[redacted]";
// Errors nest (RetryError.errors, cause chains) but never deeply; the limit only stops cycles.
const MAX_DEPTH = 4;

function redactText(text: string, secret: string): string {
  return text.split(secret).join(REDACTED);
}

function redactValue(value: unknown, secret: string, depth: number, seen: Set<object>): unknown {
  if (typeof value === "string") return redactText(value, secret);
  if (value === null || typeof value !== "object" || depth > MAX_DEPTH || seen.has(value)) return value;
  seen.add(value);
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      value[index] = redactValue(value[index], secret, depth + 1, seen);
    }
    return value;
  }
  const record = value as Record<string, unknown>;
  // message and stack are own properties of Error instances but not enumerable on every engine.
  const keys = new Set([
    ...Object.keys(record),
    ...(value instanceof Error ? ["message", "stack", "cause"] : []),
  ]);
  for (const key of keys) {
    const current = record[key];
    const redacted = redactValue(current, secret, depth + 1, seen);
    // Objects were redacted in place; only new strings need writing back.
    if (redacted === current) continue;
    if (Reflect.set(record, key, redacted)) continue;
    // A class may declare a field readonly; defineProperty still replaces it if it is configurable.
    const descriptor = Object.getOwnPropertyDescriptor(record, key);
    if (descriptor?.configurable) {
      Object.defineProperty(record, key, {
        value: redacted,
        writable: true,
        configurable: true,
        enumerable: descriptor.enumerable ?? false,
      });
    }
  }
  return value;
}

/** Removes every occurrence of `secret` from an error (and what it holds); returns the same error. */
export function redactSecret<T>(error: T, secret: string | undefined): T {
  // A one- to three-character "key" would redact ordinary words; such keys protect nothing anyway.
  if (secret === undefined || secret.length < 4) return error;
  return redactValue(error, secret, 0, new Set()) as T;
}

/** A model middleware that redacts `secret` from every error a call throws or streams. */
export function redactSecretMiddleware(secret: string | undefined): LanguageModelV3Middleware {
  const rethrowRedacted = (error: unknown): never => {
    throw redactSecret(error, secret);
  };
  return {
    specificationVersion: "v3",
    wrapGenerate: async ({ doGenerate }) => {
      try {
        return await doGenerate();
      } catch (error) {
        return rethrowRedacted(error);
      }
    },
    wrapStream: async ({ doStream }) => {
      try {
        const result = await doStream();
        const stream = result.stream.pipeThrough(
          new TransformStream<LanguageModelV3StreamPart, LanguageModelV3StreamPart>({
            transform(part, controller) {
              controller.enqueue(
                part.type === "error" ? { ...part, error: redactSecret(part.error, secret) } : part,
              );
            },
          }),
        );
        return { ...result, stream };
      } catch (error) {
        return rethrowRedacted(error);
      }
    },
  };
}
