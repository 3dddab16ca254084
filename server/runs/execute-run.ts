import "server-only";
import { randomUUID } from "node:crypto";
import type { Graph } from "@/server/designs/graph-schema";
import {
  RunLimitError,
  type EngineContext,
  type ModelFactory,
  type RunLimits,
  type RunToolSource,
} from "@/server/engine/context";
import { createAgentMemory, type AgentMemory } from "@/server/engine/agent-memory";
import { messageText, type Message } from "@/server/engine/messages";
import type { EventBus } from "@/server/events/bus";
import { ZERO_USAGE, type RunStatus, type Usage } from "@/server/events/schema";
import { db } from "@/server/db/client";
import { log } from "@/server/log";
import { activeRuns } from "@/server/runs/active-runs";
import { createRunEventLog } from "@/server/runs/event-log";

/** Runs one agent of a graph to the end: the engine's entry point, as the run service sees it. */
export type RunAgent = (
  graph: Graph,
  agentName: string,
  input: Message[],
  context: EngineContext,
  options: { memory: AgentMemory },
) => Promise<Message>;

/** How a run ended, for whoever started it (a chat stores the answer and the agents' memory). */
export type RunOutcome = {
  status: RunStatus;
  output: string | null;
  error: string | null;
  memory: AgentMemory;
};

export type ExecuteRunOptions = {
  runId: string;
  graph: Graph;
  agent: string;
  input: Message[];
  designId: string | null;
  runAgent: RunAgent;
  models: ModelFactory;
  /** The run's MCP tools, made when it starts (given its abort signal) and closed when it ends. */
  tools: (run: { signal: AbortSignal }) => RunToolSource;
  bus: EventBus;
  limits: RunLimits & { maxSeconds: number };
  /** What agents with useHistory remember from before this run (a chat's earlier turns). */
  memory?: AgentMemory;
  /** Called after the run has ended and its last event is stored; its errors are logged. */
  onEnded?: (outcome: RunOutcome) => Promise<void>;
};

/** Thrown through the abort signal when a person cancels the run. */
export class RunCancelledError extends Error {
  override readonly name = "RunCancelledError";
  constructor() {
    super("The run was cancelled.");
  }
}

/**
 * Executes a run in this process: status transitions, the event log (run-start ... run-end),
 * one abort signal for cancel and the wall-clock limit, and human-input pauses.
 */
export async function executeRun(options: ExecuteRunOptions): Promise<void> {
  const { runId } = options;
  const controller = new AbortController();
  const pendingInputs = new Map<string, (response: string) => void>();
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  activeRuns().set(runId, { controller, pendingInputs, finished });

  const events = createRunEventLog({
    runId,
    bus: options.bus,
    onWriteError: (error) => log.unexpected(error, { runId, what: "writing run events" }),
  });
  const timer = setTimeout(
    () =>
      controller.abort(
        new RunLimitError(`The run reached its time limit of ${options.limits.maxSeconds} s.`),
      ),
    options.limits.maxSeconds * 1000,
  );
  const memory = options.memory ?? createAgentMemory();
  let rootUsage: Usage = ZERO_USAGE;
  const rootStepIds = new Set<string>();

  const setStatus = (status: RunStatus) => db().run.update({ where: { id: runId }, data: { status } });
  const tools = options.tools({ signal: controller.signal });
  let toolsClosed: Promise<void> = Promise.resolve();

  const context: EngineContext = {
    models: options.models,
    tools,
    signal: controller.signal,
    clock: { now: () => Date.now() },
    limits: options.limits,
    newId: () => randomUUID(),
    emit: (event) => {
      // The run's usage is its root step's (workflow steps include their children's).
      if (event.type === "step-end" && rootStepIds.has(event.stepId)) rootUsage = event.usage;
      if (event.type === "step-start" && event.parentStepId === null) rootStepIds.add(event.stepId);
      events.append(event);
    },
    humanInput: async ({ requestId }) => {
      // The input-request event is stored before the status says so: whoever sees the status can read it.
      await events.flush();
      await setStatus("waiting_for_input");
      try {
        return await new Promise<string>((resolve, reject) => {
          pendingInputs.set(requestId, resolve);
          const onAbort = () => reject(controller.signal.reason as Error);
          if (controller.signal.aborted) onAbort();
          controller.signal.addEventListener("abort", onAbort, { once: true });
        });
      } finally {
        pendingInputs.delete(requestId);
        if (!controller.signal.aborted) await setStatus("running");
      }
    },
  };

  let status: RunStatus = "succeeded";
  let output: string | null = null;
  let error: string | undefined;
  try {
    await db().run.update({ where: { id: runId }, data: { status: "running", startedAt: new Date() } });
    events.append({
      type: "run-start",
      agent: options.agent,
      input: options.input,
      designId: options.designId,
    });
    const answer = await options.runAgent(options.graph, options.agent, options.input, context, { memory });
    if (controller.signal.aborted) throw controller.signal.reason;
    output = messageText(answer);
  } catch (caught) {
    const reason = controller.signal.aborted ? (controller.signal.reason as unknown) : caught;
    status = reason instanceof RunCancelledError ? "cancelled" : "failed";
    error = userFacingMessage(reason, runId);
  } finally {
    clearTimeout(timer);
    // Connections and their processes go now, whatever the outcome; the run's end is not held
    // up by it, but the run is only over (executeRun resolves) once they are gone.
    toolsClosed = tools.close().catch((caught: unknown) => {
      log.unexpected(caught, { runId, what: "closing MCP connections" });
    });
  }

  try {
    // Every step event is stored before the run reads as ended.
    await events.flush();
    await db().run.update({
      where: { id: runId },
      data: {
        status,
        output,
        error: error ?? null,
        usage: rootUsage,
        endedAt: new Date(),
      },
    });
    events.append({
      type: "run-end",
      status: status,
      output,
      error,
      usage: rootUsage,
    });
    await events.flush();
  } catch (caught) {
    log.unexpected(caught, { runId, what: "ending run" });
  }
  try {
    await options.onEnded?.({ status, output, error: error ?? null, memory });
  } catch (caught) {
    log.unexpected(caught, { runId, what: "after the run ended" });
  } finally {
    activeRuns().delete(runId);
    finish();
  }
  await toolsClosed;
}

/** Errors meant for people keep their message; anything else becomes "An error occurred" plus a log id. */
const USER_FACING_ERRORS = new Set([
  "RunLimitError",
  "RunCancelledError",
  "AI_APICallError",
  "AI_RetryError",
  "AI_NoOutputGeneratedError",
  "MissingProviderKeyError",
  "EngineError",
  "McpConnectionError",
]);

function userFacingMessage(error: unknown, runId: string): string {
  if (error instanceof Error && USER_FACING_ERRORS.has(error.name)) return error.message;
  const errorId = log.unexpected(error, { runId, what: "run failed" });
  return `An error occurred (error id ${errorId}).`;
}
