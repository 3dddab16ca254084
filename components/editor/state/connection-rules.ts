/**
 * Whether an edge may be drawn, with the reason in words when not. The canvas asks while the
 * person drags (live feedback) and again on drop; validateGraph still checks the whole drawing.
 */
import {
  NODE_TYPES,
  ROLES_BY_TYPE,
  type EdgeRole,
  type Graph,
  type GraphNode,
  type NodeType,
} from "@/server/designs/graph-schema";
import { canReach, findNode } from "./graph-queries";
import type { ConnectionRequest } from "./graph-edits";

export type ConnectionCheck = { ok: true } | { ok: false; reason: string };

/** "A chain" / "An agent": how a sentence refers to a node of each type. */
const TYPE_NOUNS: Record<NodeType, { one: string; many: string }> = {
  agent: { one: "an agent", many: "agents" },
  chain: { one: "a chain", many: "chains" },
  parallel: { one: "a parallel workflow", many: "parallel workflows" },
  router: { one: "a router", many: "routers" },
  evaluator_optimizer: { one: "an evaluator-optimizer", many: "evaluator-optimizers" },
  orchestrator: { one: "an orchestrator", many: "orchestrators" },
  maker: { one: "a MAKER node", many: "MAKER nodes" },
};

export const ROLE_LABELS: Record<EdgeRole, { one: string; many: string }> = {
  tool: { one: "tool", many: "tools" },
  step: { one: "step", many: "steps" },
  fan_out: { one: "fan-out branch", many: "fan-out branches" },
  fan_in: { one: "fan-in agent", many: "fan-in agents" },
  route: { one: "route", many: "routes" },
  generator: { one: "generator", many: "generators" },
  evaluator: { one: "evaluator", many: "evaluators" },
  worker: { one: "worker", many: "workers" },
};

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1] ?? ""}`;
}

/** The roles a node type allows on its outgoing edges, in schema order. */
export function rolesOf(type: NodeType): EdgeRole[] {
  return Object.keys(ROLES_BY_TYPE[type]) as EdgeRole[];
}

function typesAllowing(role: EdgeRole): NodeType[] {
  return NODE_TYPES.filter((type) => role in ROLES_BY_TYPE[type]);
}

function quoted(node: GraphNode): string {
  return `"${node.data.name}"`;
}

function roleNotAllowed(source: GraphNode, role: EdgeRole): string {
  const allowed = rolesOf(source.type).map((allowedRole) => ROLE_LABELS[allowedRole].many);
  const owners = typesAllowing(role).map((type) => TYPE_NOUNS[type].many);
  return `${capitalise(TYPE_NOUNS[source.type].one)}'s children are ${joinWords(allowed)}; ${role} is for ${joinWords(owners)}.`;
}

function roleFull(source: GraphNode, role: EdgeRole, max: number): string {
  const rule = ROLES_BY_TYPE[source.type][role];
  const amount = rule?.min === max ? "exactly" : "at most";
  const noun = max === 1 ? `one ${ROLE_LABELS[role].one}` : `${max} ${ROLE_LABELS[role].many}`;
  const existing = max === 1 ? "one" : String(max);
  return `${capitalise(TYPE_NOUNS[source.type].one)} has ${amount} ${noun}, and ${quoted(source)} already has ${existing}. Remove that edge first to connect another.`;
}

/**
 * Checks a new edge from `source` (the parent) to `target` (the child) through `role`: refuses
 * self-loops, roles the source type does not have, roles already at their maximum, duplicates
 * and cycles.
 */
export function checkConnection(graph: Graph, request: ConnectionRequest): ConnectionCheck {
  const source = findNode(graph, request.source);
  const target = findNode(graph, request.target);
  if (source === undefined || target === undefined) {
    return { ok: false, reason: "One end of this connection is no longer in the design." };
  }
  const { role } = request;
  if (source.id === target.id) {
    return { ok: false, reason: `${quoted(source)} cannot be its own ${ROLE_LABELS[role].one}.` };
  }
  const rule = ROLES_BY_TYPE[source.type][role];
  if (rule === undefined) return { ok: false, reason: roleNotAllowed(source, role) };

  let count = 0;
  for (const edge of graph.edges) {
    if (edge.source !== source.id || edge.role !== role) continue;
    if (edge.target === target.id) {
      return {
        ok: false,
        reason: `${quoted(target)} is already a ${ROLE_LABELS[role].one} of ${quoted(source)}.`,
      };
    }
    count += 1;
  }
  if (rule.max !== undefined && count >= rule.max)
    return { ok: false, reason: roleFull(source, role, rule.max) };

  if (canReach(graph, target.id, source.id)) {
    return {
      ok: false,
      reason: `This would make a cycle: ${quoted(target)} already contains ${quoted(source)}, and a workflow cannot contain itself.`,
    };
  }
  return { ok: true };
}
