"use client";

import { useEffect, useReducer } from "react";
import { applyRunEvents, INITIAL_RUN_STATE, leavesGap, type RunState } from "@/components/runs/run-state";
import { engineEventSchema, runEventSchema, type EventType, type RunEvent } from "@/server/events/schema";

export type RunConnection = "connecting" | "live" | "reconnecting" | "ended" | "gone";

/**
 * Every event type of the union. The stream sends named events (`event: step-delta`), and an
 * EventSource only delivers those to listeners registered for that exact name: `onmessage`
 * never sees them.
 */
export const RUN_EVENT_TYPES: readonly EventType[] = engineEventSchema.options.map(
  (option) => option.shape.type.value,
);

const FLUSH_DELAY_MS = 16;
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

type Store = { key: string | null; run: RunState; connection: RunConnection };

type Action =
  | { type: "events"; key: string; events: RunEvent[] }
  | { type: "connection"; key: string; connection: RunConnection };

/** State belongs to one stream: switching URL starts from scratch rather than mixing two runs. */
function reduce(store: Store, action: Action): Store {
  const current: Store =
    store.key === action.key ? store : { key: action.key, run: INITIAL_RUN_STATE, connection: "connecting" };
  if (action.type === "connection") {
    // Once the run has ended or the link is gone, a late error from a closing socket changes nothing.
    if (current.connection === "ended" || current.connection === "gone") return current;
    return current.connection === action.connection ? current : { ...current, connection: action.connection };
  }
  const run = applyRunEvents(current.run, action.events);
  return run === current.run ? current : { ...current, run };
}

function withAfter(url: string, afterSeq: number): string {
  if (afterSeq <= 0) return url;
  const separator = url.includes("?") ? "&" : "?";
  return `${url}${separator}after=${afterSeq}`;
}

function parseEvent(data: unknown): RunEvent | null {
  if (typeof data !== "string") return null;
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null;
  }
  const parsed = runEventSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** The parts of the browser's EventSource the stream uses (a fake one stands in for tests). */
export type EventSourceLike = {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: string, listener: (event: Event) => void): void;
  removeEventListener(type: string, listener: (event: Event) => void): void;
  close(): void;
};

export type RunStreamEnvironment = {
  createEventSource: (url: string) => EventSourceLike;
  fetchStatus: (url: string) => Promise<number>;
  setTimer: (callback: () => void, delayMs: number) => unknown;
  clearTimer: (timer: unknown) => void;
  random: () => number;
};

// EventSource.CONNECTING; a number so the module loads where EventSource does not exist.
const CONNECTING = 0;

const BROWSER: RunStreamEnvironment = {
  createEventSource: (url) => new EventSource(url),
  fetchStatus: async (url) =>
    (await fetch(url, { headers: { accept: "application/json" }, cache: "no-store" })).status,
  setTimer: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
  random: Math.random,
};

/**
 * Follows a run's event stream until run-end (or until stopped), handing over events in order,
 * each once, in batches.
 *
 * - The browser reconnects by itself after a network blip and resends Last-Event-ID, so the
 *   server resumes where the stream broke; repeats are dropped here and in the reducer.
 * - A gap in seq means events were lost: the stream is reopened with `?after=<lastSeq>`.
 * - After run-end the stream is closed, or the browser would reconnect forever.
 * - When the server refuses the stream (non-200), `runUrl` tells whether the run is gone (404,
 *   e.g. a revoked share link) or the failure is passing, in which case it retries with backoff.
 *
 * Returns the function that stops following.
 */
export function followRunEvents({
  eventsUrl,
  runUrl,
  onEvents,
  onConnection,
  environment = BROWSER,
}: {
  eventsUrl: string;
  runUrl: string | null;
  onEvents: (events: RunEvent[]) => void;
  onConnection: (connection: RunConnection) => void;
  environment?: RunStreamEnvironment;
}): () => void {
  let source: EventSourceLike | null = null;
  let stopped = false;
  let lastSeq = 0;
  // The seq after which a gap was last seen: if reopening there shows the same gap, the missing
  // events cannot be read by this client (unknown type, invalid body), so it moves past them.
  let gapSeenAfter: number | null = null;
  let failures = 0;
  let queue: RunEvent[] = [];
  let flushTimer: unknown = null;
  let retryTimer: unknown = null;

  // Batched so a long replay (or a fast token stream) renders once per frame, not once per event.
  const flush = () => {
    if (flushTimer !== null) environment.clearTimer(flushTimer);
    flushTimer = null;
    if (queue.length === 0) return;
    const events = queue;
    queue = [];
    onEvents(events);
  };

  const close = () => {
    if (!source) return;
    for (const type of RUN_EVENT_TYPES) source.removeEventListener(type, onEvent);
    source.onopen = null;
    source.onerror = null;
    source.close();
    source = null;
  };

  const open = () => {
    if (stopped) return;
    close();
    const next = environment.createEventSource(withAfter(eventsUrl, lastSeq));
    for (const type of RUN_EVENT_TYPES) next.addEventListener(type, onEvent);
    next.onopen = () => {
      failures = 0;
      onConnection("live");
    };
    next.onerror = () => {
      if (stopped || source !== next) return;
      // Still CONNECTING: the browser retries on its own, resending Last-Event-ID.
      if (next.readyState === CONNECTING) {
        onConnection("reconnecting");
        return;
      }
      close();
      void checkGone();
    };
    source = next;
  };

  const scheduleRetry = () => {
    if (stopped) return;
    onConnection("reconnecting");
    const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** failures) * (0.75 + environment.random() / 2);
    failures += 1;
    if (retryTimer !== null) environment.clearTimer(retryTimer);
    retryTimer = environment.setTimer(() => {
      retryTimer = null;
      open();
    }, delay);
  };

  const checkGone = async () => {
    if (runUrl !== null) {
      try {
        const status = await environment.fetchStatus(runUrl);
        if (stopped) return;
        if (status === 404 || status === 410) {
          stopped = true;
          flush();
          onConnection("gone");
          return;
        }
      } catch {
        // Offline or the server is restarting: a passing failure like any other.
      }
    }
    scheduleRetry();
  };

  function onEvent(message: Event) {
    if (stopped) return;
    const event = parseEvent("data" in message ? message.data : undefined);
    if (!event || event.seq <= lastSeq) return;
    if (leavesGap({ lastSeq }, event) && gapSeenAfter !== lastSeq) {
      gapSeenAfter = lastSeq;
      flush();
      open();
      return;
    }
    lastSeq = event.seq;
    queue.push(event);
    if (event.type === "run-end") {
      stopped = true;
      close();
      flush();
      onConnection("ended");
      return;
    }
    flushTimer ??= environment.setTimer(flush, FLUSH_DELAY_MS);
  }

  open();
  return () => {
    stopped = true;
    if (retryTimer !== null) environment.clearTimer(retryTimer);
    if (flushTimer !== null) environment.clearTimer(flushTimer);
    close();
  };
}

/**
 * A run's state, live: follows `eventsUrl` (see followRunEvents) into the run reducer. A null
 * URL follows nothing; a new URL starts again from an empty state.
 */
export function useRunEvents({ eventsUrl, runUrl }: { eventsUrl: string | null; runUrl: string | null }): {
  state: RunState;
  connection: RunConnection;
} {
  const [store, dispatch] = useReducer(reduce, {
    key: eventsUrl,
    run: INITIAL_RUN_STATE,
    connection: "connecting",
  });

  useEffect(() => {
    if (eventsUrl === null) return;
    const key = eventsUrl;
    return followRunEvents({
      eventsUrl,
      runUrl,
      onEvents: (events) => dispatch({ type: "events", key, events }),
      onConnection: (connection) => dispatch({ type: "connection", key, connection }),
    });
  }, [eventsUrl, runUrl]);

  const current = store.key === eventsUrl;
  return {
    state: current ? store.run : INITIAL_RUN_STATE,
    connection: current ? store.connection : "connecting",
  };
}
