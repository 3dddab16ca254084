import "server-only";
import { eventBus } from "@/server/events/bus-instance";
import { followRunEvents } from "@/server/events/follow";
import type { RunEvent } from "@/server/events/schema";
import { readRunEvents } from "@/server/runs/event-log";

/** A run's events from a seq on, stored then live (the caller has checked access to the run). */
export function followRunEventsOf(
  runId: string,
  afterSeq: number,
  signal: AbortSignal,
): AsyncGenerator<RunEvent> {
  return followRunEvents({ runId, afterSeq, bus: eventBus(), read: readRunEvents, signal });
}
