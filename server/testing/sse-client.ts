import type { RunEvent } from "@/server/events/schema";

export type ReceivedSseEvent = { id: number; type: string; data: RunEvent };

/**
 * A real HTTP SSE client for tests: reads events until `stopAfter` of them arrived or the server
 * ended the stream. Throws when the response is not a 200 event stream.
 */
export async function readSseEvents(
  url: string,
  headers: Record<string, string> = {},
  stopAfter = Infinity,
  abort?: AbortController,
): Promise<ReceivedSseEvent[]> {
  const response = await fetch(url, { headers, signal: abort?.signal });
  if (response.status !== 200 || !response.headers.get("content-type")?.includes("text/event-stream")) {
    throw new Error(
      `Expected an event stream, got ${response.status} ${response.headers.get("content-type")}`,
    );
  }
  if (response.headers.get("x-accel-buffering") !== "no") throw new Error("Proxies would buffer this stream");
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const events: ReceivedSseEvent[] = [];
  while (events.length < stopAfter) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let boundary: number;
    while ((boundary = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary + 2);
      const fields = Object.fromEntries(
        block
          .split("\n")
          .filter((line) => !line.startsWith(":") && line.includes(": "))
          .map((line) => [line.slice(0, line.indexOf(": ")), line.slice(line.indexOf(": ") + 2)]),
      );
      if (fields.data)
        events.push({
          id: Number(fields.id),
          type: fields.event!,
          data: JSON.parse(fields.data) as RunEvent,
        });
    }
  }
  abort?.abort();
  await reader.cancel().catch(() => undefined);
  return events;
}
