/**
 * The viewers of the "many viewers" benchmark, run in a worker thread (started by bench/viewers.ts):
 * N real HTTP SSE connections to one run's events route. They live on their own thread so that
 * reading and parsing N streams does not compete with the server for the event loop, as browser
 * tabs would not; the clock is shared, because `process.hrtime` is process-wide.
 *
 * Every received event is stamped when its chunk arrives, before it is parsed. A `log` event whose
 * message is `EMIT_PREFIX` + the `process.hrtime.bigint()` of its append carries its emit time, so
 * its latency is known at once.
 */
import http from "node:http";
import { type EventLoopUtilization, performance } from "node:perf_hooks";
import { parentPort, workerData } from "node:worker_threads";

export const EMIT_PREFIX = "bench-emit:";

export type ViewerClientsInput = { url: string; token: string; viewers: number };
export type Receipt = { seq: number; type: string; latencyMs: number | null };
export type ViewerOutcome = {
  status: number;
  receipts: Receipt[];
  /** The server ended the stream (it does after run-end). */
  ended: boolean;
  error: string | null;
};
export type ToClients =
  | { kind: "connect" }
  | { kind: "wait-for-seq"; seq: number }
  /** From here on the thread's event-loop utilisation is measured (reported when finished). */
  | { kind: "mark" }
  | { kind: "stop" };
export type FromClients =
  | { kind: "ready" }
  | { kind: "reached"; seq: number; closed: number }
  | { kind: "finished"; viewers: ViewerOutcome[]; utilization: number };

type Viewer = { outcome: ViewerOutcome; lastSeq: number; closed: boolean; request: http.ClientRequest };

function parseBlock(block: string): { id: string; event: string; data: string } | null {
  let id = "";
  let event = "";
  let data = "";
  for (const line of block.split("\n")) {
    const colon = line.indexOf(": ");
    if (line.startsWith(":") || colon < 0) continue;
    const field = line.slice(0, colon);
    const value = line.slice(colon + 2);
    if (field === "id") id = value;
    else if (field === "event") event = value;
    else if (field === "data") data = value;
  }
  return data === "" ? null : { id, event, data };
}

function latencyOf(data: string, receivedAt: bigint): number | null {
  const payload = JSON.parse(data) as { type?: unknown; message?: unknown };
  if (payload.type !== "log" || typeof payload.message !== "string") return null;
  if (!payload.message.startsWith(EMIT_PREFIX)) return null;
  const emittedAt = BigInt(payload.message.slice(EMIT_PREFIX.length));
  return Number(receivedAt - emittedAt) / 1e6;
}

function main(port: NonNullable<typeof parentPort>, input: ViewerClientsInput): void {
  // One socket per viewer, as separate tabs have: no pooling limit, no keep-alive reuse.
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const viewers: Viewer[] = [];
  const waits = new Set<number>();
  let finished = false;
  let mark: EventLoopUtilization | undefined;

  const answerWaits = () => {
    for (const seq of waits) {
      const closed = viewers.filter((viewer) => viewer.closed).length;
      // A closed viewer will not get further: answer anyway, the results will show what it missed.
      if (viewers.every((viewer) => viewer.lastSeq >= seq || viewer.closed)) {
        waits.delete(seq);
        port.postMessage({ kind: "reached", seq, closed } satisfies FromClients);
      }
    }
  };
  const finishIfAllClosed = () => {
    if (finished || !viewers.every((viewer) => viewer.closed)) return;
    finished = true;
    agent.destroy();
    port.postMessage({
      kind: "finished",
      viewers: viewers.map((viewer) => viewer.outcome),
      utilization: mark === undefined ? Number.NaN : performance.eventLoopUtilization(mark).utilization,
    } satisfies FromClients);
    port.close();
  };

  const connect = () => {
    for (let index = 0; index < input.viewers; index += 1) openViewer();
  };
  const openViewer = () => {
    const outcome: ViewerOutcome = { status: 0, receipts: [], ended: false, error: null };
    const close = (error?: string) => {
      if (viewer.closed) return;
      if (error !== undefined && !outcome.ended) outcome.error = error;
      viewer.closed = true;
      answerWaits();
      finishIfAllClosed();
    };
    const request = http.get(
      input.url,
      { agent, headers: { authorization: `Bearer ${input.token}`, accept: "text/event-stream" } },
      (response) => {
        outcome.status = response.statusCode ?? 0;
        if (outcome.status !== 200) {
          response.resume();
          close(`HTTP ${outcome.status}`);
          return;
        }
        response.setEncoding("utf8");
        let buffer = "";
        response.on("data", (chunk: string) => {
          const receivedAt = process.hrtime.bigint();
          buffer += chunk;
          let boundary: number;
          while ((boundary = buffer.indexOf("\n\n")) >= 0) {
            const block = parseBlock(buffer.slice(0, boundary));
            buffer = buffer.slice(boundary + 2);
            if (block === null) continue;
            const seq = Number(block.id);
            outcome.receipts.push({ seq, type: block.event, latencyMs: latencyOf(block.data, receivedAt) });
            viewer.lastSeq = Math.max(viewer.lastSeq, seq);
          }
          answerWaits();
        });
        response.on("end", () => {
          outcome.ended = true;
          close();
        });
        response.on("error", (error) => close(error.message));
        response.on("close", () => close("the connection closed before the stream ended"));
      },
    );
    request.on("error", (error) => close(error.message));
    const viewer: Viewer = { outcome, lastSeq: 0, closed: false, request };
    viewers.push(viewer);
  };

  port.on("message", (message: ToClients) => {
    if (message.kind === "connect") {
      connect();
    } else if (message.kind === "mark") {
      mark = performance.eventLoopUtilization();
    } else if (message.kind === "wait-for-seq") {
      waits.add(message.seq);
      answerWaits();
    } else {
      for (const viewer of viewers) viewer.request.destroy();
    }
  });
  // Starting the thread and loading this module take a while; the connect time starts after.
  port.postMessage({ kind: "ready" } satisfies FromClients);
}

if (parentPort !== null) main(parentPort, workerData as ViewerClientsInput);
