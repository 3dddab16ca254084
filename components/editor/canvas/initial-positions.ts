import { displayPositions } from "@/components/graph/layout";
import { moveNodes } from "@/components/editor/state/graph-edits";
import type { Graph } from "@/server/designs/graph-schema";

/**
 * Graphs written by hand or by the API often put every node at the origin; those get a layered
 * layout once, when loaded. Graphs drawn in the editor keep their positions exactly.
 */
export function withInitialPositions(graph: Graph): Graph {
  const allAtOrigin = graph.nodes.every((node) => node.position.x === 0 && node.position.y === 0);
  if (graph.nodes.length < 2 || !allAtOrigin) return graph;
  return moveNodes(graph, displayPositions(graph));
}
