import type { EventBus } from "@/server/events/bus";
import type { RunEvent } from "@/server/events/schema";

/** Stored events after `afterSeq`, in order, at most `limit` of them. */
export type ReadEvents = (runId: string, afterSeq: number, limit: number) => Promise<RunEvent[]>;

/** Replay pages: a run with fewer stored events than this costs a new viewer one read. */
const REPLAY_PAGE = 1000;

/**
 * A run's events after `afterSeq`: first the stored ones, then live ones from the bus, each
 * exactly once and in seq order, ending after run-end. It subscribes before it reads, and fills
 * any gap from the database, so an event stored between the two is neither lost nor repeated.
 */
export async function* followRunEvents(options: {
  runId: string;
  afterSeq: number;
  bus: EventBus;
  read: ReadEvents;
  signal: AbortSignal;
}): AsyncGenerator<RunEvent> {
  const { runId, bus, read, signal } = options;
  const live: RunEvent[] = [];
  let wake: (() => void) | null = null;
  const unsubscribe = bus.subscribe(runId, (events) => {
    live.push(...events);
    wake?.();
  });
  let cursor = options.afterSeq;
  let stopListening: () => void = () => undefined;

  async function* fromDatabase(): AsyncGenerator<RunEvent> {
    for (;;) {
      const page = await read(runId, cursor, REPLAY_PAGE);
      for (const event of page) {
        if (event.seq <= cursor) continue;
        cursor = event.seq;
        yield event;
      }
      if (page.length < REPLAY_PAGE) return;
    }
  }

  try {
    for await (const event of fromDatabase()) {
      yield event;
      if (event.type === "run-end") return;
    }
    // One abort listener for the whole follow: adding one per wait would pile up for a long run.
    const onAbort = () => wake?.();
    signal.addEventListener("abort", onAbort, { once: true });
    stopListening = () => signal.removeEventListener("abort", onAbort);
    while (!signal.aborted) {
      if (live.length === 0) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = null;
        continue;
      }
      const batch = live.splice(0).filter((event) => event.seq > cursor);
      batch.sort((a, b) => a.seq - b.seq);
      const first = batch[0];
      if (first && first.seq > cursor + 1) {
        // Published before we subscribed but stored after we read: the database has them.
        for await (const event of fromDatabase()) {
          yield event;
          if (event.type === "run-end") return;
        }
      }
      for (const event of batch) {
        if (event.seq <= cursor) continue;
        cursor = event.seq;
        yield event;
        if (event.type === "run-end") return;
      }
    }
  } finally {
    unsubscribe();
    stopListening();
  }
}
