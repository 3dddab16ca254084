import type { Graph, GraphNode } from "@/server/designs/graph-schema";
import type { RunEvent } from "@/server/events/schema";

/**
 * What a share link shows of a design: its shape (names, kinds, positions, edges) and each node's
 * model name, nothing of its settings: no instructions, no MCP server names or tool filters, no
 * request parameters, and model strings without their options.
 */
export function redactGraph(graph: Graph): Graph {
  return {
    version: graph.version,
    ...(graph.entry ? { entry: graph.entry } : {}),
    ...(graph.defaultModel ? { defaultModel: modelName(graph.defaultModel) } : {}),
    nodes: graph.nodes.map(redactNode),
    edges: graph.edges.map((edge) => ({ ...edge })),
  };
}

function redactNode(node: GraphNode): GraphNode {
  const base = { id: node.id, position: { ...node.position } };
  switch (node.type) {
    case "agent":
    case "router":
    case "orchestrator":
      return {
        ...base,
        type: node.type,
        data: {
          name: node.data.name,
          ...(node.data.model ? { model: modelName(node.data.model) } : {}),
        },
      };
    default:
      return { ...base, type: node.type, data: { name: node.data.name } };
  }
}

/** `openai.gpt-4.1?reasoning=high` → `openai.gpt-4.1`: options may hold scripted replies or settings. */
function modelName(model: string): string {
  return model.split("?")[0] ?? model;
}

/** Events as a share link shows them: without the link to the design in the workspace. */
export function redactEvent(event: RunEvent): RunEvent {
  return event.type === "run-start" ? { ...event, designId: null } : event;
}
