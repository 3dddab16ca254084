import type { GraphNode } from "@/server/designs/graph-schema";
import { assembleToolbox } from "@/server/engine/agent-tools";
import type { ExecutionScope } from "@/server/engine/execution-scope";
import { ITERATIVE_PLAN_SYSTEM_PROMPT_TEMPLATE } from "@/server/engine/orchestrator-prompts";
import { ROUTING_SYSTEM_INSTRUCTION } from "@/server/engine/router-prompts";

/**
 * What a router or an orchestrator is told about each child (fast-agent's A2A agent card): its
 * name, its description (else its instruction, else the instruction fast-agent gives that kind of
 * workflow by default) and, for basic agents, its tools as skills.
 */
export type AgentCard = {
  name: string;
  description: string | undefined;
  skills: { id: string; name: string; description: string }[];
};

/** The default instructions of fast-agent's workflow decorators (whitespace as in the source). */
const DEFAULT_INSTRUCTIONS: Partial<Record<GraphNode["type"], string>> = {
  chain:
    "Chain processes requests through a series of agents in sequence, the output of each agent is passed to the next.",
  parallel:
    "\n        You are a parallel processor that executes multiple agents simultaneously\n        and aggregates their results.\n        ",
  evaluator_optimizer:
    "\n        You implement an iterative refinement process where content is generated,\n        evaluated for quality, and then refined based on specific feedback until\n        it reaches an acceptable quality standard.\n        ",
  maker:
    "\n        MAKER: Massively decomposed Agentic processes with K-voting Error Reduction.\n        Implements statistical error correction through voting consensus.\n        Multiple samples are drawn and the first response to achieve a k-vote\n        margin wins, ensuring high reliability even with cost-effective models.\n        ",
  router: ROUTING_SYSTEM_INSTRUCTION,
  orchestrator: ITERATIVE_PLAN_SYSTEM_PROMPT_TEMPLATE,
};

export function descriptionOf(node: GraphNode): string | undefined {
  const instruction = "instruction" in node.data ? node.data.instruction : undefined;
  return node.data.description || instruction || DEFAULT_INSTRUCTIONS[node.type] || undefined;
}

export async function agentCardOf(node: GraphNode, scope: ExecutionScope): Promise<AgentCard> {
  const card: AgentCard = { name: node.data.name, description: descriptionOf(node), skills: [] };
  if (node.type !== "agent") return card;
  const toolbox = await assembleToolbox(node, scope);
  card.skills = toolbox.definitions.map((tool) => ({
    id: tool.name,
    name: withoutNamespace(tool.name),
    description: tool.description ?? "",
  }));
  return card;
}

/** `server__tool` → `tool`, as fast-agent's aggregator shows a namespaced tool. */
function withoutNamespace(toolName: string): string {
  const index = toolName.indexOf("__");
  return index > 0 ? toolName.slice(index + 2) : toolName;
}
