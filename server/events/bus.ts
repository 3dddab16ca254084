import type { RunEvent } from "@/server/events/schema";

/**
 * Where persisted run events are published for live viewers. In-process for one instance; a
 * PostgreSQL LISTEN/NOTIFY or Ably implementation takes its place when several instances share a
 * database (architecture.md "Realtime"). Events are published only after they are stored, so a
 * viewer that replays from the database and then follows the bus misses nothing.
 */
export type EventBus = {
  publish(runId: string, events: readonly RunEvent[]): void;
  /** Returns the function that unsubscribes. */
  subscribe(runId: string, listener: (events: readonly RunEvent[]) => void): () => void;
};

export function createInProcessEventBus(): EventBus {
  const listeners = new Map<string, Set<(events: readonly RunEvent[]) => void>>();
  return {
    publish(runId, events) {
      for (const listener of listeners.get(runId) ?? []) listener(events);
    },
    subscribe(runId, listener) {
      const forRun = listeners.get(runId) ?? new Set();
      forRun.add(listener);
      listeners.set(runId, forRun);
      return () => {
        forRun.delete(listener);
        if (forRun.size === 0) listeners.delete(runId);
      };
    },
  };
}
