import type { EdgeRole, Graph, GraphEdge, GraphNode } from "@/server/designs/graph-schema";

export function findNode(graph: Graph, nodeId: string): GraphNode | undefined {
  return graph.nodes.find((node) => node.id === nodeId);
}

export function findNodeByName(graph: Graph, name: string): GraphNode | undefined {
  return graph.nodes.find((node) => node.data.name === name);
}

/** Edges in the order they are drawn and run: by `order`, then as stored (for missing orders). */
function byOrder(edges: readonly GraphEdge[]): GraphEdge[] {
  return edges
    .map((edge, index) => ({ edge, index }))
    .sort(
      (left, right) =>
        (left.edge.order ?? Number.MAX_SAFE_INTEGER) - (right.edge.order ?? Number.MAX_SAFE_INTEGER) ||
        left.index - right.index,
    )
    .map(({ edge }) => edge);
}

/** A chain's step edges in run order. */
export function stepEdgesOf(graph: Graph, chainId: string): GraphEdge[] {
  return byOrder(graph.edges.filter((edge) => edge.source === chainId && edge.role === "step"));
}

/** The edges leaving a node through one role, in order. */
export function childEdgesOf(graph: Graph, nodeId: string, role: EdgeRole): GraphEdge[] {
  return byOrder(graph.edges.filter((edge) => edge.source === nodeId && edge.role === role));
}

/** Child counts per node and role, computed in one pass. */
export function countChildren(graph: Graph): Map<string, Map<EdgeRole, number>> {
  const counts = new Map<string, Map<EdgeRole, number>>();
  for (const edge of graph.edges) {
    const byRole = counts.get(edge.source) ?? new Map<EdgeRole, number>();
    byRole.set(edge.role, (byRole.get(edge.role) ?? 0) + 1);
    counts.set(edge.source, byRole);
  }
  return counts;
}

/** The entry node: the one `entry` names, or the first node when no entry is set. */
export function entryNodeOf(graph: Graph): GraphNode | undefined {
  if (graph.entry === undefined) return graph.nodes[0];
  return findNodeByName(graph, graph.entry);
}

/** Whether `to` can be reached from `from` along parent-to-child edges (iterative, linear). */
export function canReach(graph: Graph, from: string, to: string): boolean {
  if (from === to) return true;
  const children = new Map<string, string[]>();
  for (const edge of graph.edges) {
    const list = children.get(edge.source);
    if (list) list.push(edge.target);
    else children.set(edge.source, [edge.target]);
  }
  const seen = new Set<string>([from]);
  const stack = [from];
  while (stack.length > 0) {
    const current = stack.pop();
    if (current === undefined) break;
    for (const child of children.get(current) ?? []) {
      if (child === to) return true;
      if (!seen.has(child)) {
        seen.add(child);
        stack.push(child);
      }
    }
  }
  return false;
}

const SAME_SPOT = 8;
const STAGGER = 30;

/** `position`, or the first spot down and to the right of it that no node sits on exactly. */
export function freeSpot(graph: Graph, position: { x: number; y: number }): { x: number; y: number } {
  let spot = position;
  for (let attempt = 0; attempt < graph.nodes.length; attempt += 1) {
    const taken = graph.nodes.some(
      (node) =>
        Math.abs(node.position.x - spot.x) < SAME_SPOT && Math.abs(node.position.y - spot.y) < SAME_SPOT,
    );
    if (!taken) return spot;
    spot = { x: spot.x + STAGGER, y: spot.y + STAGGER };
  }
  return spot;
}
