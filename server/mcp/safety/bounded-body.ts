import { McpConnectionError } from "@/server/mcp/connection";

/**
 * Bounds an HTTP response body by message: a JSON (or any non-SSE) body as a whole, an SSE stream
 * event by event (a long-lived stream may carry any number of events, but no single event may grow
 * past the limit). Exceeding it errors the body with a "protocol" McpConnectionError and tells
 * `onViolation`, so the connection is closed instead of buffering without end. A body that breaks
 * off (the server died, the network dropped) is reported to `onBroken`.
 */
export function boundBody(
  body: ReadableStream<Uint8Array>,
  options: {
    isEventStream: boolean;
    maxMessageBytes: number;
    describe: string;
    onViolation?: (error: McpConnectionError) => void;
    onBroken?: (error: unknown) => void;
  },
): ReadableStream<Uint8Array> {
  const measure = options.isEventStream ? eventSizeMeter() : totalSizeMeter();
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await reader.read();
      } catch (error) {
        options.onBroken?.(error);
        controller.error(error);
        return;
      }
      if (result.done) {
        controller.close();
        return;
      }
      if (measure(result.value) > options.maxMessageBytes) {
        const error = oversizeError(options.describe, options.maxMessageBytes);
        options.onViolation?.(error);
        controller.error(error);
        await reader.cancel(error).catch(() => undefined);
        return;
      }
      controller.enqueue(result.value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

export function oversizeError(describe: string, maxMessageBytes: number): McpConnectionError {
  return new McpConnectionError(
    "protocol",
    `${describe} sent a message larger than ${maxMessageBytes} bytes (TRELLIS_MCP_MAX_MESSAGE_BYTES); the connection was closed.`,
  );
}

function totalSizeMeter(): (chunk: Uint8Array) => number {
  let total = 0;
  return (chunk) => (total += chunk.byteLength);
}

const LF = 0x0a;
const CR = 0x0d;

/** The size of the SSE event being received: an empty line (LF, CR or CRLF) ends an event. */
function eventSizeMeter(): (chunk: Uint8Array) => number {
  let eventBytes = 0;
  let lineBytes = 0;
  let afterCarriageReturn = false;
  let largest = 0;
  return (chunk) => {
    largest = 0;
    for (const byte of chunk) {
      if (byte === LF || byte === CR) {
        const isSecondHalfOfCrLf = byte === LF && afterCarriageReturn;
        afterCarriageReturn = byte === CR;
        if (isSecondHalfOfCrLf) continue;
        if (lineBytes === 0) eventBytes = 0;
        lineBytes = 0;
        continue;
      }
      afterCarriageReturn = false;
      lineBytes += 1;
      eventBytes += 1;
      if (eventBytes > largest) largest = eventBytes;
    }
    return largest;
  };
}
