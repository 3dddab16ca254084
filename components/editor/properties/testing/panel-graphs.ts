/**
 * Graphs for the properties panel's component tests, built with the editor's own edits so they
 * are shaped exactly like graphs drawn in the page.
 */
import { addNode, connectNodes } from "@/components/editor/state/graph-edits";
import { researchDeskGraph, sequentialIds } from "@/components/editor/state/test-graphs";
import { NODE_TYPES, type Graph, type GraphNode } from "@/server/designs/graph-schema";

const EMPTY_GRAPH: Graph = { version: 1, nodes: [], edges: [] };

/** The graph-format.md example: router "front_desk", chain "research" with finder → summariser. */
export function exampleGraph(): Graph {
  return researchDeskGraph();
}

/** One node of every type, named after its type ("agent", "chain", ...), with no edges. */
export function oneOfEachType(): Graph {
  const createId = sequentialIds("node");
  return NODE_TYPES.reduce(
    (graph, type, index) => addNode(graph, type, { x: index * 200, y: 0 }, { createId, name: type }).graph,
    EMPTY_GRAPH,
  );
}

/** A chain "pipeline" with three agent steps, in order: draft, review, publish. */
export function threeStepChain(): Graph {
  const createId = sequentialIds("id");
  let graph = addNode(EMPTY_GRAPH, "chain", { x: 0, y: 0 }, { createId, name: "pipeline" }).graph;
  const stepNames = ["draft", "review", "publish"];
  stepNames.forEach((name, index) => {
    graph = addNode(graph, "agent", { x: 300, y: index * 150 }, { createId, name }).graph;
  });
  const chain = nodeNamed(graph, "pipeline");
  for (const name of stepNames) {
    graph = connectNodes(
      graph,
      { source: chain.id, target: nodeNamed(graph, name).id, role: "step" },
      { createId },
    ).graph;
  }
  return graph;
}

export function nodeNamed(graph: Graph, name: string): GraphNode {
  const node = graph.nodes.find((candidate) => candidate.data.name === name);
  if (!node) throw new Error(`No node named "${name}".`);
  return node;
}

/** The names of a chain's steps in run order, read from the edges' `order`. */
export function stepNamesOf(graph: Graph, chainName: string): string[] {
  const chain = nodeNamed(graph, chainName);
  const names = new Map(graph.nodes.map((node) => [node.id, node.data.name]));
  return graph.edges
    .filter((edge) => edge.source === chain.id && edge.role === "step")
    .sort((left, right) => (left.order ?? 0) - (right.order ?? 0))
    .map((edge) => names.get(edge.target) ?? "?");
}
