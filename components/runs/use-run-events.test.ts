import { describe, expect, it } from "vitest";
import {
  followRunEvents,
  RUN_EVENT_TYPES,
  type EventSourceLike,
  type RunConnection,
  type RunStreamEnvironment,
} from "@/components/runs/use-run-events";
import type { EngineEvent, RunEvent } from "@/server/events/schema";

const usage = { inputTokens: 0, outputTokens: 0, totalTokens: 0, modelCalls: 0 };

class FakeEventSource implements EventSourceLike {
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  private readonly listeners = new Map<string, Set<(event: Event) => void>>();

  constructor(readonly url: string) {}

  addEventListener(type: string, listener: (event: Event) => void) {
    const set = this.listeners.get(type) ?? new Set();
    set.add(listener);
    this.listeners.set(type, set);
  }

  removeEventListener(type: string, listener: (event: Event) => void) {
    this.listeners.get(type)?.delete(listener);
  }

  close() {
    this.closed = true;
    this.readyState = 2;
  }

  connect() {
    this.readyState = 1;
    this.onopen?.(new Event("open"));
  }

  /** Sends a named event as the server does: `event: <type>`, `data: <json>`. */
  send(type: string, data: string) {
    for (const listener of this.listeners.get(type) ?? []) listener(new MessageEvent(type, { data }));
  }

  sendEvent(event: RunEvent) {
    this.send(event.type, JSON.stringify(event));
  }

  fail(readyState: 0 | 2) {
    this.readyState = readyState;
    this.onerror?.(new Event("error"));
  }
}

function harness(runStatus: number | Error = 200) {
  const sources: FakeEventSource[] = [];
  const timers: { callback: () => void; delayMs: number; cleared: boolean }[] = [];
  const delivered: RunEvent[] = [];
  const connections: RunConnection[] = [];
  const fetched: string[] = [];
  const environment: RunStreamEnvironment = {
    createEventSource: (url) => {
      const source = new FakeEventSource(url);
      sources.push(source);
      return source;
    },
    fetchStatus: (url) => {
      fetched.push(url);
      return runStatus instanceof Error ? Promise.reject(runStatus) : Promise.resolve(runStatus);
    },
    setTimer: (callback, delayMs) => {
      const timer = { callback, delayMs, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (timer) => {
      (timer as { cleared: boolean }).cleared = true;
    },
    random: () => 0.5,
  };
  const stop = followRunEvents({
    eventsUrl: "/api/v1/runs/r/events",
    runUrl: "/api/v1/runs/r",
    onEvents: (events) => delivered.push(...events),
    onConnection: (connection) => connections.push(connection),
    environment,
  });
  const runTimers = () => {
    for (const timer of timers.splice(0)) if (!timer.cleared) timer.callback();
  };
  const last = () => {
    const source = sources.at(-1);
    if (!source) throw new Error("no event source was opened");
    return source;
  };
  return { sources, timers, delivered, connections, fetched, stop, runTimers, last };
}

const BODIES: EngineEvent[] = [
  { type: "run-start", agent: "a", input: [], designId: null },
  { type: "step-start", stepId: "s", parentStepId: null, agent: "a", nodeId: "n", kind: "agent" },
  { type: "step-delta", stepId: "s", text: "hi" },
  { type: "step-end", stepId: "s", output: "hi", usage, durationMs: 1 },
  { type: "run-end", status: "succeeded", output: "hi", usage },
];
const EVENTS: RunEvent[] = BODIES.map((body, index) => ({
  ...body,
  runId: "r",
  seq: index + 1,
  ts: "2026-01-01T00:00:00.000Z",
}));

function event(seq: number): RunEvent {
  const found = EVENTS[seq - 1];
  if (!found) throw new Error(`no event ${seq}`);
  return found;
}

const flushPromises = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("followRunEvents", () => {
  it("listens for every named event type of the union", () => {
    expect([...RUN_EVENT_TYPES].sort()).toEqual(
      [
        "evaluation",
        "input-request",
        "input-response",
        "log",
        "plan",
        "route-decision",
        "run-end",
        "run-start",
        "step-delta",
        "step-end",
        "step-error",
        "step-start",
        "tool-call",
        "tool-progress",
        "tool-result",
        "vote",
      ].sort(),
    );
  });

  it("delivers events once, in order, and closes after run-end", () => {
    const stream = harness();
    const source = stream.last();
    source.connect();
    source.sendEvent(event(1));
    source.sendEvent(event(2));
    source.sendEvent(event(2));
    stream.runTimers();
    for (const seq of [3, 4, 5]) source.sendEvent(event(seq));
    expect(stream.delivered.map((delivered) => delivered.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(source.closed).toBe(true);
    expect(stream.connections).toEqual(["live", "ended"]);
    expect(stream.sources).toHaveLength(1);
  });

  it("ignores bodies that are not valid run events", () => {
    const stream = harness();
    const source = stream.last();
    source.send("run-start", "{not json");
    source.send("run-start", JSON.stringify({ type: "run-start", seq: 1 }));
    source.sendEvent(event(1));
    stream.runTimers();
    expect(stream.delivered.map((delivered) => delivered.seq)).toEqual([1]);
  });

  it("reopens after the last seq when it sees a gap", () => {
    const stream = harness();
    const first = stream.last();
    first.sendEvent(event(1));
    first.sendEvent(event(3));
    expect(first.closed).toBe(true);
    const second = stream.last();
    expect(second.url).toBe("/api/v1/runs/r/events?after=1");
    for (const seq of [2, 3, 4, 5]) second.sendEvent(event(seq));
    expect(stream.delivered.map((delivered) => delivered.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it("moves past events it cannot read instead of reopening forever", () => {
    const stream = harness();
    stream.last().sendEvent(event(1));
    // Event 2 has a type this client does not know, so it never reaches a listener.
    stream.last().sendEvent(event(3));
    expect(stream.sources).toHaveLength(2);
    stream.last().sendEvent(event(3));
    stream.runTimers();
    expect(stream.sources).toHaveLength(2);
    expect(stream.delivered.map((delivered) => delivered.seq)).toEqual([1, 3]);
  });

  it("lets the browser reconnect by itself while the source is still connecting", () => {
    const stream = harness();
    stream.last().fail(0);
    expect(stream.connections).toEqual(["reconnecting"]);
    expect(stream.sources).toHaveLength(1);
    expect(stream.fetched).toEqual([]);
  });

  it("reports the run gone when the stream is refused and the run answers 404", async () => {
    const stream = harness(404);
    stream.last().fail(2);
    await flushPromises();
    expect(stream.fetched).toEqual(["/api/v1/runs/r"]);
    expect(stream.connections).toEqual(["gone"]);
    stream.runTimers();
    expect(stream.sources).toHaveLength(1);
  });

  it("retries with growing delays after other refusals, resuming after the last seq", async () => {
    const stream = harness(503);
    stream.last().sendEvent(event(1));
    stream.last().fail(2);
    await flushPromises();
    expect(stream.connections).toEqual(["reconnecting"]);
    const firstDelay = stream.timers.find((timer) => timer.delayMs >= 1_000)?.delayMs;
    stream.runTimers();
    expect(stream.last().url).toBe("/api/v1/runs/r/events?after=1");
    stream.last().fail(2);
    await flushPromises();
    const secondDelay = stream.timers.find((timer) => timer.delayMs >= 1_000)?.delayMs;
    expect(firstDelay).toBe(1_000);
    expect(secondDelay).toBe(2_000);
  });

  it("stops following when asked", () => {
    const stream = harness();
    const source = stream.last();
    stream.stop();
    expect(source.closed).toBe(true);
    source.sendEvent(event(1));
    stream.runTimers();
    expect(stream.delivered).toEqual([]);
  });
});
