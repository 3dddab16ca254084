import type { Graph } from "@/server/designs/graph-schema";

export type Point = { x: number; y: number };

const COLUMN_WIDTH = 270;
const ROW_HEIGHT = 110;

/**
 * Positions for display. Graphs drawn in the editor keep their own positions; graphs written by
 * hand or by the API often put every node at the origin, so those get a layered left-to-right
 * layout (parents left of children) instead of a pile.
 */
export function displayPositions(graph: Graph): Map<string, Point> {
  const positions = new Map(graph.nodes.map((node) => [node.id, node.position]));
  const distinct = new Set(graph.nodes.map((node) => `${node.position.x},${node.position.y}`));
  if (graph.nodes.length < 2 || distinct.size === graph.nodes.length) return positions;
  return layeredLayout(graph);
}

function layeredLayout(graph: Graph): Map<string, Point> {
  const ids = new Set(graph.nodes.map((node) => node.id));
  const children = new Map<string, string[]>();
  const hasParent = new Set<string>();
  const edges = [...graph.edges].sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  for (const edge of edges) {
    if (!ids.has(edge.source) || !ids.has(edge.target)) continue;
    children.set(edge.source, [...(children.get(edge.source) ?? []), edge.target]);
    hasParent.add(edge.target);
  }
  // Longest-path depth from the roots; bounded by the node count so cycles cannot loop forever.
  const depth = new Map<string, number>();
  const queue = graph.nodes.filter((node) => !hasParent.has(node.id)).map((node) => node.id);
  if (queue.length === 0 && graph.nodes[0]) queue.push(graph.nodes[0].id);
  for (const id of queue) depth.set(id, 0);
  for (let index = 0; index < queue.length && index < graph.nodes.length * graph.nodes.length; index += 1) {
    const id = queue[index] as string;
    const next = (depth.get(id) ?? 0) + 1;
    for (const child of children.get(id) ?? []) {
      if ((depth.get(child) ?? -1) < next && next < graph.nodes.length) {
        depth.set(child, next);
        queue.push(child);
      }
    }
  }
  const rows = new Map<number, number>();
  const positions = new Map<string, Point>();
  for (const node of graph.nodes) {
    const column = depth.get(node.id) ?? 0;
    const row = rows.get(column) ?? 0;
    rows.set(column, row + 1);
    positions.set(node.id, { x: column * COLUMN_WIDTH, y: row * ROW_HEIGHT });
  }
  return positions;
}
