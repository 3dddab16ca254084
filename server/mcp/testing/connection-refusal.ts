import { McpConnectionError } from "@/server/mcp/connection";

/**
 * The McpConnectionError a promise is refused with, for assertions on its kind and message; any
 * other outcome (success included) fails the test with what actually happened.
 */
export async function refusal(promise: Promise<unknown>): Promise<McpConnectionError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof McpConnectionError)) {
    throw new Error(`expected an McpConnectionError, got ${String(error)}`);
  }
  return error;
}
