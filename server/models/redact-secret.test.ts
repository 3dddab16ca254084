import { APICallError, RetryError } from "ai";
import { describe, expect, it } from "vitest";
import { redactSecret } from "@/server/models/redact-secret";

const KEY = "sk-live-0123456789";

describe("redactSecret", () => {
  it("redacts messages, stacks, bodies and nested causes in place", () => {
    const apiError = new APICallError({
      message: `Incorrect API key provided: ${KEY}`,
      url: "https://api.example.test/v1/chat/completions",
      requestBodyValues: { model: "m" },
      statusCode: 401,
      responseBody: JSON.stringify({ error: { message: `bad key ${KEY}` } }),
      data: { error: { message: `bad key ${KEY}` } },
      isRetryable: true,
    });
    const wrapper = new Error(`wrapped: ${KEY}`, { cause: apiError });

    expect(redactSecret(wrapper, KEY)).toBe(wrapper);
    expect(wrapper.message).toBe("wrapped: [redacted]");
    expect(apiError.message).toBe("Incorrect API key provided: [redacted]");
    expect(apiError.responseBody).not.toContain(KEY);
    expect(String(apiError.stack)).not.toContain(KEY);
    expect(JSON.stringify(apiError.data)).not.toContain(KEY);
    // Still the SDK's error, so its retry logic still recognises it.
    expect(APICallError.isInstance(apiError) && apiError.isRetryable).toBe(true);
  });

  it("reaches the errors a RetryError collected", () => {
    const attempt = new Error(`attempt with ${KEY}`);
    const retry = new RetryError({
      message: `Failed after 2 attempts: ${KEY}`,
      reason: "maxRetriesExceeded",
      errors: [attempt],
    });
    redactSecret(retry, KEY);
    expect(retry.message).not.toContain(KEY);
    expect(attempt.message).toBe("attempt with [redacted]");
  });

  it("leaves errors alone when there is no key, or one too short to redact safely", () => {
    const error = new Error("Invalid model abc");
    expect(redactSecret(error, undefined).message).toBe("Invalid model abc");
    expect(redactSecret(error, "abc").message).toBe("Invalid model abc");
  });

  it("survives cycles and frozen objects", () => {
    const error = new Error(`cyclic ${KEY}`) as Error & { self?: unknown; frozen?: unknown };
    error.self = error;
    error.frozen = Object.freeze({ text: `frozen ${KEY}` });
    expect(() => redactSecret(error, KEY)).not.toThrow();
    expect(error.message).toBe("cyclic [redacted]");
  });
});
