import type { ElkExtendedEdge, ElkNode, LayoutOptions } from "elkjs/lib/elk-api";
import type { Graph } from "@/server/designs/graph-schema";

export type LayoutPoint = { x: number; y: number };
export type LayoutSize = { width: number; height: number };

/** The size nodes are drawn at in the editor; a measured size, when given, wins. */
export const DEFAULT_NODE_SIZE: LayoutSize = { width: 240, height: 90 };

/**
 * ELK's model-order comparator and its layer sweeps grow faster than linearly: on a 500-node graph
 * they take seconds. Above this many nodes plus edges the order within each layer is the model
 * order itself (depth first, children by `order`), which keeps trees crossing-free and chain steps
 * in order at a fraction of the cost; shared children may then cross a little more.
 */
const SWEEP_MAX_ELEMENTS = 250;

/**
 * Every layer an edge skips becomes a dummy node for ELK, and a dense graph implies tens of
 * thousands of them (minutes of work). The layers are fixed beforehand, so long edges only refine
 * the order and placement: past this many dummies the longest ones are left out.
 */
const DUMMY_BUDGET = 400;

// Hints for ELK's interactive phases: far enough apart that no two layers or ranks overlap.
const LAYER_HINT_SPACING = 10_000;
const RANK_HINT_SPACING = 1_000;

const COMMON_OPTIONS: LayoutOptions = {
  "elk.algorithm": "layered",
  "elk.direction": "RIGHT",
  "elk.spacing.nodeNode": "36",
  // Room for the role label the canvas draws halfway along each edge.
  "elk.layered.spacing.nodeNodeBetweenLayers": "100",
  "elk.spacing.componentComponent": "64",
  // The layers (longest path from the roots) are computed here and handed over as x positions.
  "elk.layered.layering.strategy": "INTERACTIVE",
  // Only positions are used (the canvas draws its own edges); orthogonal routing is quadratic.
  "elk.edgeRouting": "POLYLINE",
};

const SWEEP_OPTIONS: LayoutOptions = {
  ...COMMON_OPTIONS,
  // Children keep their model order (chain steps by `order`) unless that costs crossings.
  "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
  "elk.layered.thoroughness": "4",
};

const LARGE_OPTIONS: LayoutOptions = {
  ...COMMON_OPTIONS,
  "elk.layered.crossingMinimization.strategy": "INTERACTIVE",
};

type Link = { source: string; target: string };

export type LayeredGraph = {
  /** Node ids in model order: depth first from the roots, children in edge order. */
  order: string[];
  /** Layer of each node: the longest path to it from a root. */
  layer: Map<string, number>;
  /** Edges that point forward (source layer < target layer), deduplicated, in model order. */
  edges: Link[];
};

/** Children per node, `step` (and any ordered) edges by `order`; dangling edges and self-loops dropped. */
function childrenOf(graph: Graph, ids: ReadonlySet<string>): Map<string, string[]> {
  const ranked = graph.edges
    .map((edge, index) => ({ edge, order: edge.order ?? Number.MAX_SAFE_INTEGER, index }))
    .filter(({ edge }) => ids.has(edge.source) && ids.has(edge.target) && edge.source !== edge.target)
    .sort((first, second) => first.order - second.order || first.index - second.index);
  const children = new Map<string, string[]>();
  for (const { edge } of ranked) {
    const list = children.get(edge.source) ?? [];
    if (!list.includes(edge.target)) list.push(edge.target);
    children.set(edge.source, list);
  }
  return children;
}

/**
 * Layers by longest path from the roots, found without recursion (graphs come from users and the
 * API and may be deep). Edges that close a cycle are ignored, so a cycle cannot hang the layout.
 */
export function layerGraph(graph: Graph): LayeredGraph {
  const ids = new Set(graph.nodes.map((node) => node.id));
  const children = childrenOf(graph, ids);
  const hasParent = new Set([...children.values()].flat());
  // Roots first; then the rest, so nodes reachable only through a cycle are visited too.
  const starts = [
    ...graph.nodes.filter((node) => !hasParent.has(node.id)),
    ...graph.nodes.filter((node) => hasParent.has(node.id)),
  ].map((node) => node.id);

  const visit = new Map<string, "open" | "done">();
  const order: string[] = [];
  const postOrder: string[] = [];
  const edges: Link[] = [];
  for (const start of starts) {
    if (visit.has(start)) continue;
    const stack: { id: string; next: number }[] = [{ id: start, next: 0 }];
    visit.set(start, "open");
    order.push(start);
    for (let top = stack.at(-1); top !== undefined; top = stack.at(-1)) {
      const target = children.get(top.id)?.[top.next];
      if (target === undefined) {
        stack.pop();
        visit.set(top.id, "done");
        postOrder.push(top.id);
        continue;
      }
      top.next += 1;
      const seen = visit.get(target);
      if (seen === "open") continue; // this edge closes a cycle
      edges.push({ source: top.id, target });
      if (seen === "done") continue;
      visit.set(target, "open");
      order.push(target);
      stack.push({ id: target, next: 0 });
    }
  }

  const parents = new Map<string, string[]>();
  for (const edge of edges) parents.set(edge.target, [...(parents.get(edge.target) ?? []), edge.source]);
  // Reversed post-order is a topological order of the forward edges.
  const layer = new Map<string, number>();
  for (const id of postOrder.reverse()) {
    let depth = 0;
    for (const parent of parents.get(id) ?? []) depth = Math.max(depth, (layer.get(parent) ?? 0) + 1);
    layer.set(id, depth);
  }
  return { order, layer, edges };
}

/** Edges spanning one layer cost nothing extra; longer ones are kept, shortest first, within budget. */
export function affordableEdges(layered: LayeredGraph): Link[] {
  const span = (edge: Link) => (layered.layer.get(edge.target) ?? 0) - (layered.layer.get(edge.source) ?? 0);
  const kept = new Set(layered.edges.filter((edge) => span(edge) === 1));
  const long = layered.edges
    .filter((edge) => span(edge) > 1)
    .sort((first, second) => span(first) - span(second));
  let dummies = 0;
  for (const edge of long) {
    dummies += span(edge) - 1;
    if (dummies > DUMMY_BUDGET) break;
    kept.add(edge);
  }
  // Back in model order, which ELK reads as the order of each node's children.
  return layered.edges.filter((edge) => kept.has(edge));
}

type Layouter = { layout: (graph: ElkNode) => Promise<ElkNode> };
let layouter: Promise<Layouter> | undefined;

/** ELK is large (about 1.5 MB), so it loads on first use, in the bundled build that needs no worker. */
function loadLayouter(): Promise<Layouter> {
  layouter ??= import("elkjs/lib/elk.bundled.js").then(({ default: Elk }) => new Elk());
  return layouter;
}

/**
 * Positions (top-left corners) for every node: layered left to right, parents left of their
 * children, `step` children in their `order` from top to bottom. Cycles and edges to missing nodes
 * do not throw; those edges simply do not shape the layout.
 */
export async function autoLayout(
  graph: Graph,
  sizes?: ReadonlyMap<string, LayoutSize>,
): Promise<Map<string, LayoutPoint>> {
  const positions = new Map<string, LayoutPoint>();
  if (graph.nodes.length === 0) return positions;
  const layered = layerGraph(graph);
  const kept = affordableEdges(layered);
  const children: ElkNode[] = layered.order.map((id, rank) => {
    const size = sizes?.get(id) ?? DEFAULT_NODE_SIZE;
    return {
      id,
      width: size.width,
      height: size.height,
      x: (layered.layer.get(id) ?? 0) * LAYER_HINT_SPACING,
      y: rank * RANK_HINT_SPACING,
    };
  });
  const edges: ElkExtendedEdge[] = kept.map((edge, index) => ({
    id: `edge-${index}`,
    sources: [edge.source],
    targets: [edge.target],
  }));
  const layoutOptions: LayoutOptions = {
    ...(layered.order.length + kept.length > SWEEP_MAX_ELEMENTS ? LARGE_OPTIONS : SWEEP_OPTIONS),
    // Packing components apart would give each its own x scale, which only holds when every edge
    // is inside one: with edges left out, one drawing keeps every layer at one x.
    "elk.separateConnectedComponents": String(kept.length === layered.edges.length),
  };
  const elk = await loadLayouter();
  const result = await elk.layout({ id: "root", layoutOptions, children, edges });
  for (const child of result.children ?? []) {
    positions.set(child.id, { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) });
  }
  // Only a duplicate id (invalid anyway) is left unplaced; it keeps where it was.
  for (const node of graph.nodes) if (!positions.has(node.id)) positions.set(node.id, node.position);
  return positions;
}
