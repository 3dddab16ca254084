import "server-only";
import type { Graph, GraphNode } from "@/server/designs/graph-schema";
import { runAgent } from "@/server/engine/agent";
import { runChain } from "@/server/engine/chain";
import type { EngineContext } from "@/server/engine/context";
import { runEvaluatorOptimizer } from "@/server/engine/evaluator-optimizer";
import { type ExecutionScope, type RunBase, runStep } from "@/server/engine/execution-scope";
import { indexGraph } from "@/server/engine/graph-index";
import { runMaker } from "@/server/engine/maker";
import type { Message } from "@/server/engine/messages";
import { runOrchestrator } from "@/server/engine/orchestrator";
import { runParallel } from "@/server/engine/parallel";
import { runRouter } from "@/server/engine/router";
import { createRunState, type RunState } from "@/server/engine/run-state";
import type { StructuredRequest } from "@/server/engine/structured-output";

export type RunGraphOptions = {
  /**
   * The run's memory, models and usage. Defaults to a fresh state; pass one to preload agent
   * histories (a chat turn) or to read the conversations and usage afterwards.
   */
  state?: RunState;
  /** The workspace default model, used when neither the node nor the design names one. */
  defaultModel?: string;
  /** Where the agent's step hangs in the run tree (null: a root step). */
  parentStepId?: string | null;
  /** Shown on the agent's step in the run tree. */
  label?: string;
  /** Ask the agent for structured output following this schema. */
  structured?: StructuredRequest;
};

/**
 * Runs the agent `agentName` of `graph` (any node kind, nesting to any depth) on `input` and
 * resolves with its answer. Every node that runs is a step: `step-start`, then `step-end` or
 * `step-error`, with stepId and parentStepId. `run-start` and `run-end` are the run service's.
 * Rejects with the first error that ends the run (RunLimitError, a cancel through ctx.signal, or a
 * step failure that no workflow turned into an answer).
 */
export async function runAgentByName(
  graph: Graph,
  agentName: string,
  input: Message[],
  ctx: EngineContext,
  options: RunGraphOptions = {},
): Promise<Message> {
  const index = indexGraph(graph);
  const node = index.nodeByName(agentName);
  const run = options.state ?? createRunState();
  const base: RunBase = { engine: ctx, graph: index, run, defaultModel: options.defaultModel, dispatch };
  const parent =
    options.parentStepId === undefined || options.parentStepId === null
      ? null
      : // A step of an outer run tree: only its id matters (usage is counted from here down).
        {
          id: options.parentStepId,
          parent: null,
          depth: 0,
          usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0, modelCalls: 0 },
          streamedTurns: 0,
        };
  return runStep(base, node, input, {
    parent,
    memory: run.memory,
    label: options.label,
    structured: options.structured,
  });
}

/** One executor per node kind. */
function dispatch(node: GraphNode, messages: readonly Message[], scope: ExecutionScope): Promise<Message> {
  switch (node.type) {
    case "agent":
      return runAgent(node, messages, scope);
    case "chain":
      return runChain(node, messages, scope);
    case "parallel":
      return runParallel(node, messages, scope);
    case "router":
      return runRouter(node, messages, scope);
    case "evaluator_optimizer":
      return runEvaluatorOptimizer(node, messages, scope);
    case "orchestrator":
      return runOrchestrator(node, messages, scope);
    case "maker":
      return runMaker(node, messages, scope);
  }
}
