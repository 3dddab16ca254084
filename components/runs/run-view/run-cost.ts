import type { Graph } from "@/server/designs/graph-schema";

// The built-in models (semantics.md) make no paid calls; kept here because the server's model
// parser is not client code.
const OFFLINE_MODELS = new Set(["passthrough", "playback", "silent", "slow", "scripted"]);
// What the server runs when neither the node nor the design names a model.
const SERVER_DEFAULT_MODEL = "passthrough";

export function isOfflineModel(modelString: string): boolean {
  const name = modelString.trim().split("?", 1)[0] ?? "";
  return OFFLINE_MODELS.has(name);
}

/** "$0.00" when no node of the design can spend money, otherwise "cost unknown" (no price table). */
export function runCostLabel(graph: Graph): string {
  const fallback = graph.defaultModel ?? SERVER_DEFAULT_MODEL;
  const allOffline = graph.nodes.every((node) => {
    if (node.type !== "agent" && node.type !== "router" && node.type !== "orchestrator") return true;
    return isOfflineModel(node.data.model ?? fallback);
  });
  return allOffline ? "$0.00" : "cost unknown";
}
