import "server-only";
import type { Caller } from "@/server/auth/caller";
import { ConflictError, DomainError, InvalidInputError } from "@/server/errors";
import { cancelRun, startRun, waitForRun } from "@/server/runs/service";
import type { RunView } from "@/server/runs/run-view";
import { log } from "@/server/log";

/** How an agent call ended: its answer, or why there is none (in words for the calling model). */
export type AgentCallOutcome =
  { ok: true; run: RunView; text: string } | { ok: false; run: RunView | null; message: string };

/**
 * Runs one agent of a saved design with a message, as a normal run (run history, events, limits),
 * and waits for it to end. Aborting `signal` cancels the run; the outcome is then the cancelled run.
 * Refusals before the run exists (design errors, unusable models, input too large, viewer role)
 * come back as outcomes with the service's message and issues, not as exceptions.
 */
export async function callAgent(
  caller: Caller,
  call: { designId: string; agent: string; message: string },
  signal: AbortSignal,
): Promise<AgentCallOutcome> {
  if (signal.aborted) return { ok: false, run: null, message: "The call was cancelled." };
  let started: RunView;
  try {
    started = await startRun(caller, { designId: call.designId, agent: call.agent, input: call.message });
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, run: null, message: describeRefusal(error) };
    throw error;
  }

  const cancel = () => {
    cancelRun(caller, started.id).catch((error: unknown) => {
      // A ConflictError means the run ended on its own in the meantime: nothing left to cancel.
      if (!(error instanceof ConflictError)) {
        log.unexpected(error, { runId: started.id, what: "cancelling the run of an MCP tool call" });
      }
    });
  };
  signal.addEventListener("abort", cancel, { once: true });
  // Aborted while the run was being created: the listener came too late to hear it.
  if (signal.aborted) cancel();
  let ended: RunView;
  try {
    ended = await waitForRun(caller, started.id);
  } finally {
    signal.removeEventListener("abort", cancel);
  }

  if (ended.status === "succeeded") return { ok: true, run: ended, text: ended.output ?? "" };
  return {
    ok: false,
    run: ended,
    message: ended.error ?? `The run ended without an answer (${ended.status}).`,
  };
}

function describeRefusal(error: DomainError): string {
  if (!(error instanceof InvalidInputError) || error.issues.length === 0) return error.message;
  const lines = error.issues.map((issue) => `- ${issue.message}`);
  return [error.message, ...lines].join("\n");
}
