import "server-only";
import { db } from "@/server/db/client";
import { eventBus } from "@/server/events/bus-instance";
import { ZERO_USAGE, type Usage } from "@/server/events/schema";
import { log } from "@/server/log";
import { activeRuns } from "@/server/runs/active-runs";
import { createRunEventLog } from "@/server/runs/event-log";

/**
 * On start-up: runs left unfinished by a process that died are marked interrupted, with an
 * event saying so, so nobody waits for them forever.
 */
export async function markInterruptedRuns(): Promise<number> {
  const orphans = await db().run.findMany({
    where: { status: { in: ["queued", "running", "waiting_for_input"] } },
    select: { id: true },
  });
  const running = activeRuns();
  let count = 0;
  for (const orphan of orphans) {
    if (running.has(orphan.id)) continue;
    await endOrphanedRun(orphan.id, "interrupted", "The server stopped while this run was executing.");
    count += 1;
  }
  return count;
}

export async function endOrphanedRun(
  runId: string,
  status: "cancelled" | "interrupted",
  reason: string,
): Promise<void> {
  const last = await db().runEvent.aggregate({ where: { runId }, _max: { seq: true } });
  const events = createRunEventLog({ runId, bus: eventBus(), startAfterSeq: last._max.seq ?? 0 });
  const run = await db().run.update({
    where: { id: runId },
    data: { status, error: reason, endedAt: new Date() },
  });
  events.append({ type: "log", level: "warn", message: reason });
  events.append({
    type: "run-end",
    status,
    output: null,
    error: reason,
    usage: (run.usage as Usage | null) ?? ZERO_USAGE,
  });
  await events
    .flush()
    .catch((error: unknown) => log.unexpected(error, { runId, what: "ending orphaned run" }));
}
