import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import type { LanguageModelV3 } from "@ai-sdk/provider";
import { generateText } from "ai";
import { db, type Prisma } from "@/server/db/client";
import type { Graph, GraphEdge, GraphNode } from "@/server/designs/graph-schema";
import { validateGraph } from "@/server/designs/validate-graph";
import { type EngineContext, type ModelFactory, NO_TOOLS, type RunLimits } from "@/server/engine/context";
import { messageText, userMessage } from "@/server/engine/messages";
import { PARALLEL_REQUEST_SENTENCE } from "@/server/engine/parallel";
import { runAgentByName } from "@/server/engine/run-graph";
import { createInProcessEventBus } from "@/server/events/bus";
import type { EngineEvent } from "@/server/events/schema";
import { parseModelString } from "@/server/models/model-string";
import { createOfflineModel, createOfflineModelState, type OfflineModelState } from "@/server/models/offline";
import { createRunEventLog } from "@/server/runs/event-log";
import { mean, percentile } from "./report";

/**
 * The engine benchmark: a 10-step chain and a 10-way parallel (plus a fan-in agent) on the
 * `silent` offline model, which answers at once and reports no usage. The same model calls, with
 * the same inputs, are made directly as the baseline: through the AI SDK's `generateText`, and
 * through the bare `LanguageModelV3.doStream` that the engine itself uses (the floor). The engine
 * is measured with an in-memory event sink and with the production event log (PostgreSQL batches,
 * then the in-process bus). "Per step" means per agent step, i.e. per model call: the workflow
 * node's own step (chain or parallel) is part of the overhead it spreads over its agents.
 *
 * `streamText` is not a baseline: on these calls it costs about five times `generateText` (every
 * delta goes through several streams), which would flatter the engine.
 */

export const STEP_MODEL = "silent";
export const CHAIN_STEPS = 10;
export const PARALLEL_WIDTH = 10;
/** A short request: the silent model echoes it, so every agent step streams one delta per word. */
export const PROMPT = "Summarise the quarterly report for the board in three short bullet points.";

/** The run service's default limits (server/config/env.ts); neither is reached here. */
const LIMITS: RunLimits = { maxModelCalls: 500, maxTokens: 5_000_000 };

export type GraphKey = "chain" | "parallel";
export type Mode = "direct-generateText" | "direct-doStream" | "engine-memory" | "engine-postgres";

export const MODE_LABELS: Record<Mode, string> = {
  "direct-generateText": "direct: AI SDK generateText",
  "direct-doStream": "direct: model.doStream (no SDK)",
  "engine-memory": "engine, events to an array",
  "engine-postgres": "engine + PostgreSQL + bus",
};

export type PhaseResult = {
  graph: GraphKey;
  mode: Mode;
  requestedRuns: number;
  runs: number;
  /** The phase ran out of its share of the time budget before `requestedRuns`. */
  stoppedByBudget: boolean;
  budgetMs: number;
  modelCallsPerRun: number;
  /** Engine events per run (0 for the direct calls). */
  eventsPerRun: number;
  /** Per run: wall time / model calls, ascending. */
  perStepMs: number[];
  medianMs: number;
  p95Ms: number;
  meanMs: number;
  /**
   * Per run, ascending: time until the engine answered / model calls. For the postgres phase the
   * rest of the run is waiting for the last event batches to be stored and published.
   */
  engineDonePerStepMs: number[];
  /** Sum of the measured runs' wall times. */
  totalMs: number;
  /** Events emitted (memory) or stored in PostgreSQL (postgres) during the measured runs. */
  events: number;
  /** Events the bus subscriber received (postgres only). */
  delivered: number;
  /** Batches the bus subscriber received, i.e. INSERTs of the event log (postgres only). */
  batches: number;
  /** Rows in run_event for the measured runs, counted afterwards (postgres only). */
  storedRows: number;
};

export type EngineBenchOptions = {
  runs: number;
  warmupRuns: number;
  /**
   * Wall-clock budget for all phases together. A phase may use the budget still left divided by
   * the phases still to run, so what a fast phase leaves over goes to the slower ones after it.
   */
  budgetMs: number;
  log: (line: string) => void;
};

export type EngineBenchResult = { phases: PhaseResult[] };

// ---------- Graphs ----------

const AT = { x: 0, y: 0 };
const agentNode = (name: string): GraphNode => ({
  id: name,
  type: "agent",
  position: AT,
  data: { name, model: STEP_MODEL },
});
const edgesFrom = (source: string, role: GraphEdge["role"], targets: readonly string[]): GraphEdge[] =>
  targets.map((target, order) => ({ id: `${source}-${role}-${order}`, source, target, role, order }));
const numbered = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, index) => `${prefix}_${String(index + 1).padStart(2, "0")}`);

function checked(graph: Graph): Graph {
  const result = validateGraph(graph);
  const errors = result.issues.filter((issue) => issue.severity === "error");
  if (!result.valid || result.graph === undefined || errors.length > 0) {
    throw new Error(`Benchmark graph is invalid: ${errors.map((issue) => issue.message).join("; ")}`);
  }
  return result.graph;
}

export function chainGraph(): Graph {
  const steps = numbered("step", CHAIN_STEPS);
  return checked({
    version: 1,
    entry: "chain",
    nodes: [{ id: "chain", type: "chain", position: AT, data: { name: "chain" } }, ...steps.map(agentNode)],
    edges: edgesFrom("chain", "step", steps),
  });
}

export function parallelGraph(): Graph {
  const workers = numbered("worker", PARALLEL_WIDTH);
  return checked({
    version: 1,
    entry: "parallel",
    nodes: [
      { id: "parallel", type: "parallel", position: AT, data: { name: "parallel" } },
      ...workers.map(agentNode),
      agentNode("merge"),
    ],
    edges: [...edgesFrom("parallel", "fan_out", workers), ...edgesFrom("parallel", "fan_in", ["merge"])],
  });
}

// ---------- The direct baseline: the same calls, same inputs, no engine ----------

type DirectCall = (model: LanguageModelV3, text: string) => Promise<string>;

const viaGenerateText: DirectCall = async (model, text) => {
  const result = await generateText({ model, messages: [{ role: "user", content: text }] });
  return result.text;
};

const viaDoStream: DirectCall = async (model, text) => {
  const { stream } = await model.doStream({ prompt: [{ role: "user", content: [{ type: "text", text }] }] });
  const reader = stream.getReader();
  let answer = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return answer;
    if (value.type === "text-delta") answer += value.delta;
  }
};

const silentModel = () => createOfflineModel(STEP_MODEL, {}, createOfflineModelState());

/** What the chain does: each step gets the previous answer as one user message. */
async function directChain(call: DirectCall, models: readonly LanguageModelV3[]): Promise<string> {
  let text = PROMPT;
  for (const model of models) text = await call(model, text);
  return text;
}

/** What the parallel does: the workers concurrently, then the fan-in on the tagged responses. */
async function directParallel(
  call: DirectCall,
  workers: readonly LanguageModelV3[],
  merge: LanguageModelV3,
  names: readonly string[],
): Promise<string> {
  const responses = await Promise.all(workers.map((model) => call(model, PROMPT)));
  const parts = [PARALLEL_REQUEST_SENTENCE, `<fastagent:request>\n${PROMPT}\n</fastagent:request>`];
  responses.forEach((text, index) => {
    parts.push(`<fastagent:response agent="${names[index] ?? ""}">\n${text}\n</fastagent:response>`);
  });
  return call(merge, parts.join("\n\n"));
}

// ---------- The engine ----------

/** Offline models as the run service creates them: one per agent per run, each with its own state. */
function modelsForRun(): ModelFactory {
  const states = new Map<string, OfflineModelState>();
  return (modelString, agent) => {
    const parsed = parseModelString(modelString);
    if (!parsed.ok || parsed.model.provider !== "offline" || parsed.model.model !== STEP_MODEL) {
      throw new Error(`The benchmark runs on "${STEP_MODEL}" only, not "${modelString}".`);
    }
    let state = states.get(agent.nodeId);
    if (state === undefined) {
      state = createOfflineModelState();
      states.set(agent.nodeId, state);
    }
    return createOfflineModel(STEP_MODEL, {}, state);
  };
}

/** An EngineContext like executeRun's (random ids, wall clock, run limits), emitting to `emit`. */
function engineContext(emit: (event: EngineEvent) => void): EngineContext {
  return {
    models: modelsForRun(),
    tools: NO_TOOLS,
    emit,
    signal: new AbortController().signal,
    clock: { now: () => Date.now() },
    limits: LIMITS,
    humanInput: () => Promise.reject(new Error("The benchmark graphs ask no one.")),
    newId: () => randomUUID(),
  };
}

// ---------- Measuring ----------

type RunSample = {
  ms: number;
  /** Until the engine answered (postgres: before waiting for the last writes). */
  engineMs: number;
  events: number;
  delivered: number;
  /** Batches the bus delivered: one per INSERT of the event log (postgres only). */
  batches: number;
  output: string;
};

/** Measured even past the budget, so that a phase always has a median and a p95. */
const MIN_MEASURED_RUNS = 20;

type Phase = {
  graph: GraphKey;
  mode: Mode;
  modelCalls: number;
  runOnce: (index: number) => Promise<RunSample>;
  expectedOutput: string;
};

async function measurePhase(
  phase: Phase,
  options: EngineBenchOptions,
  budgetMs: number,
): Promise<PhaseResult> {
  const { graph, mode, modelCalls } = phase;
  // Warm-up runs count against the phase's budget too, so the whole phase stays within it.
  const deadline = performance.now() + budgetMs;
  for (let index = 0; index < options.warmupRuns; index += 1) {
    if (index > 0 && performance.now() > deadline) break;
    const sample = await phase.runOnce(index);
    if (sample.output !== phase.expectedOutput) {
      throw new Error(`${graph} / ${mode} answered differently from the direct baseline: not comparable.`);
    }
  }
  const perStepMs: number[] = [];
  const engineDonePerStepMs: number[] = [];
  let totalMs = 0;
  let events = 0;
  let delivered = 0;
  let batches = 0;
  let stoppedByBudget = false;
  for (let index = 0; index < options.runs; index += 1) {
    if (index >= MIN_MEASURED_RUNS && performance.now() > deadline) {
      stoppedByBudget = true;
      break;
    }
    const sample = await phase.runOnce(options.warmupRuns + index);
    perStepMs.push(sample.ms / modelCalls);
    engineDonePerStepMs.push(sample.engineMs / modelCalls);
    totalMs += sample.ms;
    events += sample.events;
    delivered += sample.delivered;
    batches += sample.batches;
  }
  const ascending = (a: number, b: number) => a - b;
  perStepMs.sort(ascending);
  engineDonePerStepMs.sort(ascending);
  const runs = perStepMs.length;
  options.log(
    `  ${graph.padEnd(8)} ${MODE_LABELS[mode].padEnd(32)} ${String(runs).padStart(5)} runs in ` +
      `${(totalMs / 1000).toFixed(1)} s${stoppedByBudget ? ` (stopped: phase budget of ${(budgetMs / 1000).toFixed(1)} s reached)` : ""}`,
  );
  return {
    graph,
    mode,
    requestedRuns: options.runs,
    runs,
    stoppedByBudget,
    budgetMs,
    modelCallsPerRun: modelCalls,
    eventsPerRun: runs === 0 ? 0 : events / runs,
    perStepMs,
    medianMs: percentile(perStepMs, 0.5),
    p95Ms: percentile(perStepMs, 0.95),
    meanMs: mean(perStepMs),
    engineDonePerStepMs,
    totalMs,
    events,
    delivered,
    batches,
    storedRows: 0,
  };
}

export async function runEngineBenchmark(options: EngineBenchOptions): Promise<EngineBenchResult> {
  const endOfBudget = performance.now() + options.budgetMs;
  const workerNames = numbered("worker", PARALLEL_WIDTH);
  const bus = createInProcessEventBus();
  // One workspace and, for every persisted run (warm-ups included), its own run row, made up front.
  const workspace = await db().workspace.create({ data: { name: `bench-${randomUUID()}` } });

  const runIdsByGraph = new Map<GraphKey, string[]>();
  const phasesOf = async (key: GraphKey): Promise<Phase[]> => {
    const graph = key === "chain" ? chainGraph() : parallelGraph();
    const entry = key;
    const modelCalls = key === "chain" ? CHAIN_STEPS : PARALLEL_WIDTH + 1;
    // Created once, outside the timing: the baseline is the bare cost of the calls.
    const stepModels = Array.from({ length: CHAIN_STEPS }, silentModel);
    const workerModels = Array.from({ length: PARALLEL_WIDTH }, silentModel);
    const mergeModel = silentModel();
    const direct = (call: DirectCall) =>
      key === "chain"
        ? directChain(call, stepModels)
        : directParallel(call, workerModels, mergeModel, workerNames);
    const expectedOutput = await direct(viaGenerateText);

    const timedDirect = (call: DirectCall) => async (): Promise<RunSample> => {
      const startedAt = performance.now();
      const output = await direct(call);
      const ms = performance.now() - startedAt;
      return { ms, engineMs: ms, events: 0, delivered: 0, batches: 0, output };
    };

    const inMemory = async (): Promise<RunSample> => {
      const events: EngineEvent[] = [];
      const startedAt = performance.now();
      const answer = await runAgentByName(
        graph,
        entry,
        [userMessage(PROMPT)],
        engineContext((event) => events.push(event)),
      );
      const ms = performance.now() - startedAt;
      return {
        ms,
        engineMs: ms,
        events: events.length,
        delivered: 0,
        batches: 0,
        output: messageText(answer),
      };
    };

    const runIds = Array.from({ length: options.warmupRuns + options.runs }, () => randomUUID());
    runIdsByGraph.set(key, runIds);
    await db().run.createMany({
      data: runIds.map((id) => ({
        id,
        workspaceId: workspace.id,
        graph,
        agent: entry,
        input: [userMessage(PROMPT)] as unknown as Prisma.InputJsonValue,
        status: "running" as const,
      })),
    });
    const persisted = async (index: number): Promise<RunSample> => {
      const runId = runIds[index];
      if (runId === undefined) throw new Error("Ran out of run rows.");
      let delivered = 0;
      let batches = 0;
      const unsubscribe = bus.subscribe(runId, (batch) => {
        delivered += batch.length;
        batches += 1;
      });
      try {
        const startedAt = performance.now();
        const eventLog = createRunEventLog({ runId, bus });
        const answer = await runAgentByName(
          graph,
          entry,
          [userMessage(PROMPT)],
          engineContext((event) => void eventLog.append(event)),
        );
        const engineMs = performance.now() - startedAt;
        await eventLog.flush();
        const ms = performance.now() - startedAt;
        return {
          ms,
          engineMs,
          events: eventLog.lastSeq(),
          delivered,
          batches,
          output: messageText(answer),
        };
      } finally {
        unsubscribe();
      }
    };

    const phase = (mode: Mode, runOnce: Phase["runOnce"]): Phase => ({
      graph: key,
      mode,
      modelCalls,
      runOnce,
      expectedOutput,
    });
    return [
      phase("direct-generateText", timedDirect(viaGenerateText)),
      phase("direct-doStream", timedDirect(viaDoStream)),
      phase("engine-memory", inMemory),
      phase("engine-postgres", persisted),
    ];
  };

  const all = [...(await phasesOf("chain")), ...(await phasesOf("parallel"))];
  // The fast phases first; the slow persisted ones then share what is left of the budget.
  const ordered = [
    ...all.filter((phase) => phase.mode !== "engine-postgres"),
    ...all.filter((phase) => phase.mode === "engine-postgres"),
  ];
  const results: PhaseResult[] = [];
  for (const [index, phase] of ordered.entries()) {
    const budgetMs = Math.max(0, endOfBudget - performance.now()) / (ordered.length - index);
    const result = await measurePhase(phase, options, budgetMs);
    if (phase.mode === "engine-postgres") {
      const measuredIds = (runIdsByGraph.get(phase.graph) ?? []).slice(
        options.warmupRuns,
        options.warmupRuns + result.runs,
      );
      result.storedRows = await db().runEvent.count({ where: { runId: { in: measuredIds } } });
    }
    results.push(result);
  }
  // Reported per graph, in the order of MODE_LABELS.
  const modeOrder = Object.keys(MODE_LABELS);
  results.sort(
    (a, b) => a.graph.localeCompare(b.graph) || modeOrder.indexOf(a.mode) - modeOrder.indexOf(b.mode),
  );
  return { phases: results };
}
