import type { Graph, NodeType } from "@/server/designs/graph-schema";
import { assignToolNames } from "@/server/mcp/serve/tool-names";

/** How long a tool description may be: clients put every description into the model's context. */
export const TOOL_DESCRIPTION_MAX_LENGTH = 1_000;

const KIND_WORDS: Record<NodeType, string> = {
  agent: "agent",
  chain: "chain workflow",
  parallel: "parallel workflow",
  router: "router workflow",
  evaluator_optimizer: "evaluator-optimizer workflow",
  orchestrator: "orchestrator workflow",
  maker: "MAKER voting workflow",
};

/** One agent of a design as an MCP tool: every node is an agent (graph-format.md), workflows included. */
export type AgentTool = {
  /** The tool's name (see tool-names.ts). */
  name: string;
  agent: string;
  type: NodeType;
  description: string;
};

/** All agents of a graph as tools, in graph order (what the publishing dialog offers). */
export function agentTools(graph: Graph, designName: string): AgentTool[] {
  const toolNames = [...assignToolNames(graph.nodes.map((node) => node.data.name)).keys()];
  return graph.nodes.map((node, index) => ({
    name: toolNames[index] ?? node.data.name,
    agent: node.data.name,
    type: node.type,
    description: describe(node.data, node.type, designName),
  }));
}

/**
 * The tools a published design exposes: the public agents that still exist in the graph (a
 * renamed or deleted agent silently drops out rather than breaking the server).
 */
export function publishedTools(
  graph: Graph,
  designName: string,
  publicAgents: readonly string[],
): AgentTool[] {
  const isPublic = new Set(publicAgents);
  return agentTools(graph, designName).filter((tool) => isPublic.has(tool.agent));
}

function describe(
  data: { name: string; description?: string; instruction?: string },
  type: NodeType,
  designName: string,
): string {
  const own = data.description?.trim();
  if (own) return clip(own);
  const instruction = data.instruction?.trim();
  const intro = `The ${KIND_WORDS[type]} "${data.name}" of the Trellis design "${designName}": send it a message and it answers with its reply.`;
  return clip(instruction ? `${intro} Its instruction: ${instruction}` : intro);
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, " ");
  return flat.length > TOOL_DESCRIPTION_MAX_LENGTH
    ? `${flat.slice(0, TOOL_DESCRIPTION_MAX_LENGTH - 1)}…`
    : flat;
}
