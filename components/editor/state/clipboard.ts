/**
 * Copy and paste of part of a design: a fragment holds the chosen nodes and the edges between
 * them; pasting gives everything new ids and free names, offset so the copy does not hide the
 * original.
 */
import type { Graph, GraphEdge, GraphNode, NodePosition } from "@/server/designs/graph-schema";
import { createRandomId, type CreateId } from "./graph-edits";
import { namesIn, uniqueName } from "./names";

export type GraphFragment = { nodes: GraphNode[]; edges: GraphEdge[] };

export const PASTE_OFFSET: NodePosition = { x: 40, y: 40 };

/** The selected nodes (in graph order) and the edges whose both ends are among them. */
export function copySelection(graph: Graph, nodeIds: Iterable<string>): GraphFragment {
  const chosen = new Set(nodeIds);
  return {
    nodes: graph.nodes.filter((node) => chosen.has(node.id)),
    edges: graph.edges.filter((edge) => chosen.has(edge.source) && chosen.has(edge.target)),
  };
}

export function isEmptyFragment(fragment: GraphFragment): boolean {
  return fragment.nodes.length === 0;
}

/** Adds a copy of the fragment: new ids, unique names (`writer` → `writer_2`), shifted positions. */
export function pasteFragment(
  graph: Graph,
  fragment: GraphFragment,
  options: { offset?: NodePosition; createId?: CreateId } = {},
): { graph: Graph; nodeIds: string[]; edgeIds: string[] } {
  const createId = options.createId ?? createRandomId;
  const offset = options.offset ?? PASTE_OFFSET;
  const taken = namesIn(graph);
  const idMap = new Map<string, string>();
  const nodes = fragment.nodes.map((node) => {
    const id = createId();
    idMap.set(node.id, id);
    const name = uniqueName(node.data.name, taken);
    taken.add(name);
    // structuredClone: the copy must not share nested data (requestParams, tools) with the original.
    const data = { ...structuredClone(node.data), name };
    return {
      ...node,
      id,
      position: { x: node.position.x + offset.x, y: node.position.y + offset.y },
      data,
    };
  });
  const edges: GraphEdge[] = [];
  for (const edge of fragment.edges) {
    const source = idMap.get(edge.source);
    const target = idMap.get(edge.target);
    if (source === undefined || target === undefined) continue;
    edges.push({ ...edge, id: createId(), source, target });
  }
  return {
    graph: { ...graph, nodes: [...graph.nodes, ...nodes], edges: [...graph.edges, ...edges] },
    nodeIds: nodes.map((node) => node.id),
    edgeIds: edges.map((edge) => edge.id),
  };
}
