import type { EdgeRole, Graph, GraphNode } from "@/server/designs/graph-schema";
import { EngineError } from "@/server/engine/engine-error";

/** Look-ups the executors need on a validated graph: nodes by name and children by role. */
export type GraphIndex = {
  graph: Graph;
  nodeByName(name: string): GraphNode;
  /** Children of `node` through `role`, ordered by the edges' `order`, then as drawn. */
  childrenOf(node: GraphNode, role: EdgeRole): GraphNode[];
};

export function indexGraph(graph: Graph): GraphIndex {
  const byName = new Map(graph.nodes.map((node) => [node.data.name, node] as const));
  const byId = new Map(graph.nodes.map((node) => [node.id, node] as const));
  return {
    graph,
    nodeByName(name) {
      const node = byName.get(name);
      if (node === undefined) throw new EngineError(`The design has no agent named "${name}".`);
      return node;
    },
    childrenOf(node, role) {
      const edges = graph.edges
        .map((edge, position) => ({ edge, position }))
        .filter(({ edge }) => edge.source === node.id && edge.role === role)
        .sort(
          (left, right) =>
            (left.edge.order ?? Number.MAX_SAFE_INTEGER) - (right.edge.order ?? Number.MAX_SAFE_INTEGER) ||
            left.position - right.position,
        );
      return edges.map(({ edge }) => {
        const child = byId.get(edge.target);
        if (child === undefined)
          throw new EngineError(`Edge "${edge.id}" points to a missing node "${edge.target}".`);
        return child;
      });
    },
  };
}
