/**
 * Helpers for engine tests: compact graph builders, an in-memory EngineContext, and event
 * summaries that are easy to compare. Test support only; nothing in production imports it.
 */
import type {
  AgentData,
  ChainData,
  EdgeRole,
  EvaluatorOptimizerData,
  Graph,
  GraphEdge,
  GraphNode,
  MakerData,
  NodeOfType,
  OrchestratorData,
  ParallelData,
  RouterData,
} from "@/server/designs/graph-schema";
import { validateGraph } from "@/server/designs/validate-graph";
import {
  type EngineContext,
  type HumanInput,
  type ModelFactory,
  NO_TOOLS,
  type RunLimits,
  type ToolSource,
} from "@/server/engine/context";
import type { EngineEvent } from "@/server/events/schema";

const AT = { x: 0, y: 0 };
type Extra<Data> = Omit<Data, "name">;

export const agent = (name: string, data: Extra<AgentData> = {}): NodeOfType<"agent"> => ({
  id: name,
  type: "agent",
  position: AT,
  data: { name, ...data },
});
export const chain = (name: string, data: Extra<ChainData> = {}): NodeOfType<"chain"> => ({
  id: name,
  type: "chain",
  position: AT,
  data: { name, ...data },
});
export const parallel = (name: string, data: Extra<ParallelData> = {}): NodeOfType<"parallel"> => ({
  id: name,
  type: "parallel",
  position: AT,
  data: { name, ...data },
});
export const router = (name: string, data: Extra<RouterData> = {}): NodeOfType<"router"> => ({
  id: name,
  type: "router",
  position: AT,
  data: { name, ...data },
});
export const evaluatorOptimizer = (
  name: string,
  data: Extra<EvaluatorOptimizerData> = {},
): NodeOfType<"evaluator_optimizer"> => ({
  id: name,
  type: "evaluator_optimizer",
  position: AT,
  data: { name, ...data },
});
export const orchestrator = (
  name: string,
  data: Extra<OrchestratorData> = {},
): NodeOfType<"orchestrator"> => ({
  id: name,
  type: "orchestrator",
  position: AT,
  data: { name, ...data },
});
export const maker = (name: string, data: Extra<MakerData> = {}): NodeOfType<"maker"> => ({
  id: name,
  type: "maker",
  position: AT,
  data: { name, ...data },
});

/** Edges from `source` to each target, in order (`order` set for every role, as the editor does). */
export function edges(source: string, role: EdgeRole, ...targets: string[]): GraphEdge[] {
  return targets.map((target, order) => ({ id: `${source}-${role}-${order}`, source, target, role, order }));
}

/** A graph of these nodes (node ids are the names); throws when the design would not validate. */
export function design(
  nodes: GraphNode[],
  graphEdges: GraphEdge[][],
  options: { defaultModel?: string } = {},
): Graph {
  const graph: Graph = { version: 1, nodes, edges: graphEdges.flat(), ...options };
  const errors = validateGraph(graph).issues.filter((issue) => issue.severity === "error");
  if (errors.length > 0)
    throw new Error(`Test design is invalid: ${errors.map((issue) => issue.message).join("; ")}`);
  return graph;
}

export const GENEROUS_LIMITS: RunLimits = { maxModelCalls: 1000, maxTokens: 10_000_000 };

export type TestContext = { ctx: EngineContext; events: EngineEvent[]; controller: AbortController };

/** An EngineContext with counter ids, a clock that ticks 1 ms per reading, and recorded events. */
export function createTestContext(options: {
  models: ModelFactory;
  tools?: ToolSource;
  limits?: Partial<RunLimits>;
  humanAnswers?: string[];
  humanInput?: HumanInput;
}): TestContext {
  const events: EngineEvent[] = [];
  const controller = new AbortController();
  const answers = [...(options.humanAnswers ?? [])];
  let nextId = 0;
  let time = 0;
  const ctx: EngineContext = {
    models: options.models,
    tools: options.tools ?? NO_TOOLS,
    emit: (event) => events.push(event),
    signal: controller.signal,
    clock: { now: () => (time += 1) },
    limits: { ...GENEROUS_LIMITS, ...options.limits },
    humanInput:
      options.humanInput ??
      (() => {
        const answer = answers.shift();
        return answer === undefined
          ? Promise.reject(new Error("No human answer left."))
          : Promise.resolve(answer);
      }),
    newId: () => `id${(nextId += 1)}`,
  };
  return { ctx, events, controller };
}

/**
 * Events as short strings, in order: `start <agent>`, `delta <agent>` (at the first text a step
 * streams in a turn; the rest of that turn's deltas are left out), `end <agent>`, `error <agent>: <message>`, `tool-call <tool>`,
 * `tool-result <tool>`, `route <agent>`, `evaluation <rating>`, `plan`, `vote <key>`,
 * `input-request`, `input-response`, `log`.
 */
export function summarizeEvents(events: readonly EngineEvent[]): string[] {
  const agentOfStep = new Map<string, string>();
  const streamingTurns = new Set<string>();
  const lines: string[] = [];
  for (const event of events) {
    const agent =
      "stepId" in event && event.stepId !== undefined ? (agentOfStep.get(event.stepId) ?? "?") : "?";
    switch (event.type) {
      case "step-start":
        agentOfStep.set(event.stepId, event.agent);
        lines.push(`start ${event.agent}`);
        break;
      case "step-delta": {
        const turn = `${event.stepId}#${event.turn ?? 1}`;
        if (!streamingTurns.has(turn)) lines.push(`delta ${agent}`);
        streamingTurns.add(turn);
        break;
      }
      case "step-end":
        lines.push(`end ${agent}`);
        break;
      case "step-error":
        lines.push(`error ${agent}: ${event.error}`);
        break;
      case "tool-call":
      case "tool-result":
        lines.push(`${event.type} ${event.tool}`);
        break;
      case "route-decision":
        lines.push(`route ${event.agent ?? "none"}`);
        break;
      case "evaluation":
        lines.push(`evaluation ${event.rating}`);
        break;
      case "plan":
        lines.push("plan");
        break;
      case "vote":
        lines.push(`vote ${event.key ?? "red-flag"}`);
        break;
      default:
        lines.push(event.type);
    }
  }
  return lines;
}

/** The deltas streamed into each step, concatenated per step and turn. */
export function streamedText(events: readonly EngineEvent[]): Map<string, string> {
  const texts = new Map<string, string>();
  for (const event of events) {
    if (event.type !== "step-delta") continue;
    const key = `${event.stepId}#${event.turn ?? 1}`;
    texts.set(key, (texts.get(key) ?? "") + event.text);
  }
  return texts;
}
