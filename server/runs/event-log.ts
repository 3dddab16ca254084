import "server-only";
import type { EventBus } from "@/server/events/bus";
import type { EngineEvent, RunEvent } from "@/server/events/schema";
import { db, type Prisma } from "@/server/db/client";

/**
 * The append-only event log of one executing run. `append` is synchronous for the engine: the
 * event gets the next seq at once and is written by a single writer loop, which takes everything
 * queued since its last write as one batch. So the first event goes out at once and a burst of
 * token deltas costs one INSERT, not one each; events are published only once stored.
 */
export type RunEventLog = {
  append(event: EngineEvent): RunEvent;
  /** Resolves once everything appended so far is stored and published. */
  flush(): Promise<void>;
  lastSeq(): number;
};

export function createRunEventLog(options: {
  runId: string;
  bus: EventBus;
  startAfterSeq?: number;
  now?: () => Date;
  onWriteError?: (error: unknown) => void;
}): RunEventLog {
  const { runId, bus } = options;
  const now = options.now ?? (() => new Date());
  let seq = options.startAfterSeq ?? 0;
  let queue: RunEvent[] = [];
  let writing: Promise<void> | null = null;

  let failure: unknown = null;

  async function writeLoop(): Promise<void> {
    while (queue.length > 0 && failure === null) {
      const batch = queue;
      queue = [];
      try {
        await db().runEvent.createMany({
          data: batch.map((event) => ({
            runId,
            seq: event.seq,
            type: event.type,
            payload: event as unknown as Prisma.InputJsonValue,
            createdAt: new Date(event.ts),
          })),
        });
        bus.publish(runId, batch);
      } catch (error) {
        // The log must stay gap-free: after a failed write nothing more is written.
        failure = error;
        options.onWriteError?.(error);
      }
    }
  }

  function schedule(): void {
    writing ??= writeLoop().finally(() => {
      writing = null;
      if (queue.length > 0 && failure === null) schedule();
    });
  }

  return {
    append(event) {
      seq += 1;
      const stored = { ...event, runId, seq, ts: now().toISOString() };
      queue.push(stored);
      schedule();
      return stored;
    },
    async flush() {
      while (writing) await writing;
      if (failure !== null)
        throw failure instanceof Error ? failure : new Error("Writing run events failed.");
    },
    lastSeq: () => seq,
  };
}

/** Stored events of a run after a seq, in order (for replay). */
export async function readRunEvents(runId: string, afterSeq: number, limit = 1000): Promise<RunEvent[]> {
  const rows = await db().runEvent.findMany({
    where: { runId, seq: { gt: afterSeq } },
    orderBy: { seq: "asc" },
    take: limit,
    select: { payload: true },
  });
  return rows.map((row) => row.payload as unknown as RunEvent);
}
