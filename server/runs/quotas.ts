import "server-only";
import { serverEnv } from "@/server/config/env";
import type { ScopedTransaction } from "@/server/db/scoped";
import { QuotaExceededError } from "@/server/errors";

const ACTIVE_STATUSES = ["queued", "running", "waiting_for_input"] as const;
/** Runs end on their own; a refused start is worth retrying after about this long. */
const ACTIVE_RUNS_RETRY_SECONDS = 10;

/**
 * Refuses a new run when its workspace has as many runs in progress as it may, or stores as many
 * run events as it may. Called inside the transaction that creates the run, after taking the
 * workspace's lock, so two starts at the same moment cannot both take the last place.
 */
export async function checkRunQuotas(workspaceId: string, transaction: ScopedTransaction): Promise<void> {
  const env = serverEnv();
  await transaction.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`run-quota:${workspaceId}`}))`;
  const active = await transaction.run.count({ where: { status: { in: [...ACTIVE_STATUSES] } } });
  if (active >= env.TRELLIS_WORKSPACE_MAX_ACTIVE_RUNS) {
    throw new QuotaExceededError(
      `This workspace already has ${active} runs in progress, its limit: wait for one to end or cancel one.`,
      ACTIVE_RUNS_RETRY_SECONDS,
    );
  }
  // A run's lastSeq is the number of events it stored, so the sum needs no scan of run_event.
  const stored = await transaction.run.aggregate({ _sum: { lastSeq: true } });
  const events = stored._sum.lastSeq ?? 0;
  if (events >= env.TRELLIS_WORKSPACE_MAX_STORED_EVENTS) {
    throw new QuotaExceededError(
      `This workspace stores ${events.toLocaleString("en-US")} run events, its limit: delete old runs to start new ones.`,
    );
  }
}
