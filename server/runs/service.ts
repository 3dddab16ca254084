import "server-only";
import type { Caller } from "@/server/auth/caller";
import { atLeast } from "@/server/auth/roles";
import { serverEnv } from "@/server/config/env";
import { checkGraphForSave } from "@/server/designs/graph-for-save";
import type { Graph } from "@/server/designs/graph-schema";
import { getDesign, validateForWorkspace } from "@/server/designs/service";
import type { AgentMemory } from "@/server/engine/agent-memory";
import { toMessages } from "@/server/engine/messages";
import { eventBus } from "@/server/events/bus-instance";
import { FINAL_STATUSES } from "@/server/events/schema";
import type { Prisma } from "@/server/db/client";
import { scopedDb, type ScopedTransaction } from "@/server/db/scoped";
import {
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  PayloadTooLargeError,
} from "@/server/errors";
import { activeRuns } from "@/server/runs/active-runs";
import { runDependencies } from "@/server/runs/engine-wiring";
import { endOrphanedRun } from "@/server/runs/interrupted";
import { executeRun, RunCancelledError, type RunOutcome } from "@/server/runs/execute-run";
import { MAX_RUN_INPUT_BYTES, type AnswerInput, type StartRunInput } from "@/server/runs/run-schemas";
import { findRun, getRun } from "@/server/runs/queries";
import { checkRunQuotas } from "@/server/runs/quotas";
import { toRunView, type RunView } from "@/server/runs/run-view";
import { consumeRateLimits, RATE_LIMITS } from "@/server/security/rate-limit";

export { getRun };

/** A chat turn's extras: the session the run belongs to, what its agents remember, what to keep after. */
export type ChatTurnOptions = {
  chatId?: string;
  memory?: AgentMemory;
  /** Runs in the same transaction as the run's creation (a chat stores the user's message). */
  onCreated?: (run: { id: string }, transaction: ScopedTransaction) => Promise<void>;
  onEnded?: (runId: string, outcome: RunOutcome) => Promise<void>;
};

/**
 * Starts a run of a saved design or of an unsaved graph (editors only), for the entry agent or a
 * named one. Everything that would stop the run is checked first (graph errors, unknown agent,
 * unusable models, input size), so a refused run leaves nothing behind.
 */
export async function startRun(
  caller: Caller,
  input: StartRunInput,
  turn: ChatTurnOptions = {},
): Promise<RunView> {
  if (!atLeast(caller.role, "editor")) throw new ForbiddenError("Viewers cannot start runs.");
  await consumeRateLimits([
    [RATE_LIMITS.runStart(), `user:${caller.userId}`],
    ...(caller.address ? [[RATE_LIMITS.runStart(), `ip:${caller.address}`] as const] : []),
  ]);
  if (new TextEncoder().encode(JSON.stringify(input.input)).length > MAX_RUN_INPUT_BYTES) {
    throw new PayloadTooLargeError(`A run's input is at most ${MAX_RUN_INPUT_BYTES / 1024} KiB.`);
  }
  let graph: Graph;
  let designId: string | null = null;
  if (input.designId !== undefined) {
    const design = await getDesign(caller, input.designId);
    graph = design.graph;
    designId = design.id;
  } else {
    graph = checkGraphForSave(input.graph);
  }
  const validation = await validateForWorkspace(caller, graph);
  const errors = validation.issues.filter((issue) => issue.severity === "error");
  if (errors.length > 0)
    throw new InvalidInputError("The design has errors; fix them before running it.", errors);

  const agent = input.agent ?? graph.entry ?? graph.nodes[0]?.data.name ?? "";
  if (!graph.nodes.some((node) => node.data.name === agent)) {
    throw new InvalidInputError(`There is no agent named "${agent}" in this design.`, [
      { code: "unknown_agent", message: `There is no agent named "${agent}" in this design.` },
    ]);
  }
  const dependencies = runDependencies();
  const modelIssues = await dependencies.checkModels(caller.workspaceId, graph);
  if (modelIssues.length > 0) {
    throw new InvalidInputError("Some models of this design cannot be used yet.", modelIssues);
  }

  const messages = toMessages(input.input);
  const row = await scopedDb(caller).$transaction(async (transaction) => {
    await checkRunQuotas(caller.workspaceId, transaction);
    const created = await transaction.run.create({
      data: {
        workspaceId: caller.workspaceId,
        designId,
        chatId: turn.chatId ?? null,
        graph: graph as unknown as Prisma.InputJsonValue,
        agent,
        input: messages as unknown as Prisma.InputJsonValue,
        createdById: caller.userId,
      },
    });
    await turn.onCreated?.(created, transaction);
    return created;
  });

  const env = serverEnv();
  const execution = executeRun({
    runId: row.id,
    graph,
    agent,
    input: messages,
    designId,
    runAgent: dependencies.runAgent,
    models: dependencies.models(caller.workspaceId),
    tools: (run) => dependencies.tools(caller.workspaceId, run),
    bus: eventBus(),
    limits: {
      maxSeconds: env.TRELLIS_RUN_MAX_SECONDS,
      maxModelCalls: env.TRELLIS_RUN_MAX_MODEL_CALLS,
      maxTokens: env.TRELLIS_RUN_MAX_TOKENS,
    },
    memory: turn.memory,
    onEnded: turn.onEnded ? (outcome) => turn.onEnded?.(row.id, outcome) ?? Promise.resolve() : undefined,
  });
  if (input.wait) {
    await execution;
    return getRun(caller, row.id);
  }
  void execution;
  return toRunView(row);
}

/** Cancels a run; answers with the run once it has stopped (within a second). */
export async function cancelRun(caller: Caller, id: string): Promise<RunView> {
  if (!atLeast(caller.role, "editor")) throw new ForbiddenError("Viewers cannot cancel runs.");
  const row = await findRun(caller, id);
  if (FINAL_STATUSES.has(row.status)) throw new ConflictError(`The run has already ended (${row.status}).`);
  const active = activeRuns().get(id);
  if (active) {
    active.controller.abort(new RunCancelledError());
    await active.finished;
  } else {
    await endOrphanedRun(id, "cancelled", "The run was cancelled.");
  }
  return getRun(caller, id);
}

/** Answers a pending human-input request of a run (202 at the API edge). */
export async function answerRunInput(caller: Caller, id: string, answer: AnswerInput): Promise<void> {
  if (!atLeast(caller.role, "editor")) throw new ForbiddenError("Viewers cannot answer runs.");
  await findRun(caller, id);
  const resolve = activeRuns().get(id)?.pendingInputs.get(answer.requestId);
  if (!resolve) throw new NotFoundError(`Pending input request "${answer.requestId}"`);
  resolve(answer.response);
}

/** Waits until the run has ended (for `wait: true` and the CLI). */
export async function waitForRun(caller: Caller, id: string): Promise<RunView> {
  await findRun(caller, id);
  await activeRuns().get(id)?.finished;
  return getRun(caller, id);
}
