import type { RunEvent } from "@/server/events/schema";

const HEARTBEAT_MS = 15_000;

export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  // nginx and similar proxies would otherwise buffer the stream.
  "x-accel-buffering": "no",
} as const;

export function encodeSseEvent(event: RunEvent): string {
  return `id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** Where a (re)connecting client wants to resume: Last-Event-ID, else ?after=, else the start. */
export function resumeAfter(request: Request): number {
  const header = request.headers.get("last-event-id");
  const query = new URL(request.url).searchParams.get("after");
  const value = Number.parseInt(header ?? query ?? "0", 10);
  return Number.isInteger(value) && value > 0 ? value : 0;
}

/**
 * An SSE body from a run's event sequence: each event with its seq as id, a comment line every
 * 15 s so proxies keep the connection open, closed after run-end or when the client goes away.
 */
export function sseStream(
  events: (signal: AbortSignal) => AsyncGenerator<RunEvent>,
  clientSignal: AbortSignal,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const stop = new AbortController();
  clientSignal.addEventListener("abort", () => stop.abort(), { once: true });
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        if (!stop.signal.aborted) controller.enqueue(encoder.encode(text));
      };
      send("retry: 2000\n\n");
      heartbeat = setInterval(() => send(": keep-alive\n\n"), HEARTBEAT_MS);
      try {
        for await (const event of events(stop.signal)) send(encodeSseEvent(event));
      } catch {
        // The client went away or the database failed: end the stream; the client resumes later.
      } finally {
        clearInterval(heartbeat);
        if (!stop.signal.aborted) controller.close();
        stop.abort();
      }
    },
    cancel() {
      clearInterval(heartbeat);
      stop.abort();
    },
  });
}
