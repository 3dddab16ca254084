import "server-only";
import type { Graph } from "@/server/designs/graph-schema";
import { serverEnv } from "@/server/config/env";
import type { ModelFactory, RunToolSource } from "@/server/engine/context";
import { modelStringFor } from "@/server/engine/model-resolution";
import { runAgentByName } from "@/server/engine/run-graph";
import { createRunState } from "@/server/engine/run-state";
import type { IssueLike } from "@/server/errors";
import { openMcpConnection } from "@/server/mcp/open-connection";
import { loadMcpServerEntries } from "@/server/mcp/registry/entries";
import { createRunToolSource } from "@/server/mcp/run-tools";
import {
  createOfflineModelState,
  offlineModelFactory,
  type OfflineModelState,
} from "@/server/models/offline";
import { checkModelsUsable, createModelFactory } from "@/server/models/registry";
import type { RunAgent } from "@/server/runs/execute-run";

/** What the run service needs from the engine, models and tools: the one place they meet. */
export type RunDependencies = {
  runAgent: RunAgent;
  /** A fresh model factory for one run (offline models keep per-agent state for that run). */
  models: (workspaceId: string) => ModelFactory;
  /**
   * The MCP tools of one run (its workspace's registry; connections opened on first use and
   * closed with the source). The run service closes it when the run ends.
   */
  tools: (workspaceId: string, run: { signal: AbortSignal }) => RunToolSource;
  /** Pre-flight: models that cannot be used (unknown provider, missing key), per node. */
  checkModels: (workspaceId: string, graph: Graph) => Promise<IssueLike[]>;
};

function modelsForRun(workspaceId: string): ModelFactory {
  const states = new Map<string, OfflineModelState>();
  return createModelFactory({
    workspaceId,
    offline: (parsed, agent) => {
      let state = states.get(agent.nodeId);
      if (!state) {
        state = createOfflineModelState();
        states.set(agent.nodeId, state);
      }
      return offlineModelFactory(parsed, agent, state);
    },
  });
}

async function checkModels(workspaceId: string, graph: Graph): Promise<IssueLike[]> {
  const modelNodes = graph.nodes.filter(
    (node) => node.type === "agent" || node.type === "router" || node.type === "orchestrator",
  );
  const byModel = new Map<string, string[]>();
  for (const node of modelNodes) {
    const model = modelStringFor(node, graph.defaultModel, undefined);
    byModel.set(model, [...(byModel.get(model) ?? []), node.id]);
  }
  const issues = await checkModelsUsable(workspaceId, [...byModel.keys()]);
  return issues.flatMap((issue) =>
    (byModel.get(issue.model) ?? []).map((nodeId) => ({ code: issue.code, message: issue.message, nodeId })),
  );
}

function toolsForRun(workspaceId: string, run: { signal: AbortSignal }): RunToolSource {
  return createRunToolSource({
    loadEntries: () => loadMcpServerEntries(workspaceId),
    open: openMcpConnection,
    signal: run.signal,
    callTimeoutMs: serverEnv().TRELLIS_MCP_CALL_TIMEOUT_SECONDS * 1000,
  });
}

export function runDependencies(): RunDependencies {
  return {
    runAgent: (graph, agent, input, context, { memory }) =>
      runAgentByName(graph, agent, input, context, { state: createRunState({ memory }) }),
    models: modelsForRun,
    tools: toolsForRun,
    checkModels,
  };
}
