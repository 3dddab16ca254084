import "server-only";
import type { EventBus } from "@/server/events/bus";
import type { EngineEvent, RunEvent } from "@/server/events/schema";
import { db } from "@/server/db/client";
import { pgPool } from "@/server/db/pg-pool";

/**
 * The append-only event log of one executing run. `append` returns at once; a single writer loop
 * takes everything queued since its last write as one batch, joins adjacent token deltas of the
 * same model call (semantics.md allows coalescing; the joined text is unchanged), numbers the
 * batch with the next seqs and stores it in one INSERT, then publishes it. So the first event goes
 * out at once, a burst of tokens costs one row, and nothing is published before it is stored.
 */
export type RunEventLog = {
  append(event: EngineEvent): void;
  /** Resolves once everything appended so far is stored and published. */
  flush(): Promise<void>;
  /** The seq of the last stored event. */
  lastSeq(): number;
};

type Pending = { event: EngineEvent; ts: string };

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
  let queue: Pending[] = [];
  let writing: Promise<void> | null = null;
  let failure: unknown = null;

  async function writeLoop(): Promise<void> {
    while (queue.length > 0 && failure === null) {
      const pending = coalesceDeltas(queue);
      queue = [];
      const batch = pending.map(({ event, ts }, index) => ({ ...event, runId, seq: seq + index + 1, ts }));
      try {
        await insertEvents(runId, batch);
        seq += batch.length;
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
      queue.push({ event, ts: now().toISOString() });
      schedule();
    },
    async flush() {
      while (writing) await writing;
      if (failure !== null)
        throw failure instanceof Error ? failure : new Error("Writing run events failed.");
    },
    lastSeq: () => seq,
  };
}

/** Joins runs of step-delta events of the same step and model call into one. */
export function coalesceDeltas(pending: readonly Pending[]): Pending[] {
  const joined: Pending[] = [];
  for (const item of pending) {
    const previous = joined.at(-1);
    if (
      previous &&
      item.event.type === "step-delta" &&
      previous.event.type === "step-delta" &&
      previous.event.stepId === item.event.stepId &&
      previous.event.turn === item.event.turn
    ) {
      joined[joined.length - 1] = {
        ...previous,
        event: { ...previous.event, text: previous.event.text + item.event.text },
      };
    } else {
      joined.push(item);
    }
  }
  return joined;
}

/** One multi-row INSERT through node-postgres (several times cheaper than Prisma here; see bench/). */
async function insertEvents(runId: string, batch: readonly RunEvent[]): Promise<void> {
  const values: unknown[] = [];
  const rows = batch.map((event) => {
    const at = values.length;
    values.push(runId, event.seq, event.type, JSON.stringify(event), new Date(event.ts));
    return `($${at + 1}::uuid, $${at + 2}, $${at + 3}, $${at + 4}::jsonb, $${at + 5})`;
  });
  await pgPool().query(
    `INSERT INTO "run_event" ("runId", "seq", "type", "payload", "createdAt") VALUES ${rows.join(", ")}`,
    values,
  );
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
