import { describe, expect, it } from "vitest";
import { autoLayout, DEFAULT_NODE_SIZE, layerGraph } from "@/components/editor/layout/auto-layout";
import type { Graph, GraphEdge, GraphNode } from "@/server/designs/graph-schema";

function agent(id: string): GraphNode {
  return { id, type: "agent", position: { x: 0, y: 0 }, data: { name: id } };
}

function link(source: string, target: string, role: GraphEdge["role"], order?: number): GraphEdge {
  return { id: `${source}-${target}`, source, target, role, ...(order === undefined ? {} : { order }) };
}

/** A seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 16_807) % 2_147_483_647;
    return state / 2_147_483_647;
  };
}

/** n agents: a random tree, then random forward edges up to `edgeCount` (a DAG, as designs are). */
function generatedGraph(nodeCount: number, edgeCount: number): Graph {
  const next = random(42);
  const nodes = Array.from({ length: nodeCount }, (_, index) => agent(`n${index}`));
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  const add = (source: number, target: number) => {
    const key = `${source}-${target}`;
    if (seen.has(key)) return;
    seen.add(key);
    edges.push(link(`n${source}`, `n${target}`, "tool"));
  };
  for (let index = 1; index < nodeCount; index += 1) add(Math.floor(next() * index), index);
  while (edges.length < edgeCount) {
    const first = Math.floor(next() * nodeCount);
    const second = Math.floor(next() * nodeCount);
    if (first !== second) add(Math.min(first, second), Math.max(first, second));
  }
  return { version: 1, nodes, edges };
}

function expectParentsLeftOfChildren(graph: Graph, positions: Map<string, { x: number; y: number }>) {
  const wrong = graph.edges.filter(
    (edge) => (positions.get(edge.source)?.x ?? Infinity) >= (positions.get(edge.target)?.x ?? -Infinity),
  );
  expect(wrong).toEqual([]);
}

function expectNoOverlaps(positions: Map<string, { x: number; y: number }>) {
  const boxes = [...positions.values()];
  const { width, height } = DEFAULT_NODE_SIZE;
  // Grouped by column: nodes can only overlap within one.
  const columns = new Map<number, number[]>();
  for (const box of boxes) columns.set(box.x, [...(columns.get(box.x) ?? []), box.y]);
  for (const ys of columns.values()) {
    ys.sort((first, second) => first - second);
    for (let index = 1; index < ys.length; index += 1) {
      expect((ys[index] ?? 0) - (ys[index - 1] ?? 0)).toBeGreaterThanOrEqual(height);
    }
  }
  const xs = [...columns.keys()].sort((first, second) => first - second);
  for (let index = 1; index < xs.length; index += 1) {
    expect((xs[index] ?? 0) - (xs[index - 1] ?? 0)).toBeGreaterThanOrEqual(width);
  }
}

describe("autoLayout", () => {
  it("lays out a chain left to right with its steps in order from top to bottom", async () => {
    // Edges listed out of order on purpose: `order` decides, not the list.
    const graph: Graph = {
      version: 1,
      nodes: [
        { id: "c", type: "chain", position: { x: 0, y: 0 }, data: { name: "pipeline" } },
        agent("s2"),
        agent("s0"),
        agent("s3"),
        agent("s1"),
      ],
      edges: [
        link("c", "s2", "step", 2),
        link("c", "s0", "step", 0),
        link("c", "s3", "step", 3),
        link("c", "s1", "step", 1),
      ],
    };
    const positions = await autoLayout(graph);
    expect([...positions.keys()].sort()).toEqual(["c", "s0", "s1", "s2", "s3"]);
    expectParentsLeftOfChildren(graph, positions);
    const stepYs = ["s0", "s1", "s2", "s3"].map((id) => positions.get(id)?.y ?? Number.NaN);
    expect(stepYs).toEqual([...stepYs].sort((first, second) => first - second));
    expect(new Set(stepYs).size).toBe(4);
    expectNoOverlaps(positions);
  });

  it("keeps a nested design's parents left of their children", async () => {
    const graph: Graph = {
      version: 1,
      entry: "front_desk",
      nodes: [
        { id: "r", type: "router", position: { x: 0, y: 0 }, data: { name: "front_desk" } },
        { id: "c", type: "chain", position: { x: 0, y: 0 }, data: { name: "research", cumulative: true } },
        agent("a1"),
        agent("a2"),
        agent("a3"),
      ],
      edges: [
        link("r", "c", "route"),
        link("r", "a3", "route"),
        link("c", "a1", "step", 0),
        link("c", "a2", "step", 1),
        // a3 is also a tool of a2: the longest path puts it right of a2, not next to c.
        link("a2", "a3", "tool"),
      ],
    };
    const positions = await autoLayout(graph);
    expectParentsLeftOfChildren(graph, positions);
    expectNoOverlaps(positions);
  });

  it("places every node of a 500-node, 2,000-edge graph, parents left of children, quickly", async () => {
    const graph = generatedGraph(500, 2_000);
    expect(graph.edges).toHaveLength(2_000);
    // The first call also loads and compiles ELK; the time that matters is a warm one.
    await autoLayout(graph);
    const started = performance.now();
    const positions = await autoLayout(graph);
    const elapsedMs = performance.now() - started;
    expect(positions.size).toBe(500);
    expectParentsLeftOfChildren(graph, positions);
    expectNoOverlaps(positions);
    // A warm call takes a few hundred ms on a quiet machine; the bound is far above that, so a busy
    // CI machine running other test files alongside does not fail it, yet far below the minutes
    // that unbounded long edges cost (the budget in auto-layout.ts).
    expect(elapsedMs).toBeLessThan(15_000);
  });

  it("does not throw on cycles, self-loops, duplicates and edges to missing nodes", async () => {
    const graph: Graph = {
      version: 1,
      nodes: [agent("a"), agent("b"), agent("c"), agent("loner")],
      edges: [
        link("a", "b", "tool"),
        link("b", "c", "tool"),
        { id: "back", source: "c", target: "a", role: "tool" },
        { id: "self", source: "b", target: "b", role: "tool" },
        { id: "again", source: "a", target: "b", role: "tool" },
        { id: "dangling-target", source: "a", target: "nowhere", role: "tool" },
        { id: "dangling-source", source: "nowhere", target: "c", role: "tool" },
      ],
    };
    const positions = await autoLayout(graph);
    expect([...positions.keys()].sort()).toEqual(["a", "b", "c", "loner"]);
    for (const point of positions.values()) {
      expect(Number.isFinite(point.x) && Number.isFinite(point.y)).toBe(true);
    }
    expect(positions.get("a")?.x).toBeLessThan(positions.get("b")?.x ?? -Infinity);
    expect(positions.get("b")?.x).toBeLessThan(positions.get("c")?.x ?? -Infinity);
  });

  it("answers an empty map for an empty graph", async () => {
    expect((await autoLayout({ version: 1, nodes: [], edges: [] })).size).toBe(0);
  });

  it("uses measured sizes when given", async () => {
    const graph: Graph = { version: 1, nodes: [agent("a"), agent("b")], edges: [link("a", "b", "tool")] };
    const positions = await autoLayout(graph, new Map([["a", { width: 600, height: 200 }]]));
    expect((positions.get("b")?.x ?? 0) - (positions.get("a")?.x ?? 0)).toBeGreaterThanOrEqual(600);
  });
});

describe("layerGraph", () => {
  it("layers by the longest path from the roots and ignores the edge that closes a cycle", () => {
    const graph: Graph = {
      version: 1,
      nodes: [agent("a"), agent("b"), agent("c")],
      edges: [link("a", "b", "tool"), link("b", "c", "tool"), link("a", "c", "tool"), link("c", "a", "tool")],
    };
    const layered = layerGraph(graph);
    expect(Object.fromEntries(layered.layer)).toEqual({ a: 0, b: 1, c: 2 });
    expect(layered.edges).toHaveLength(3);
  });

  it("does not recurse on depth: a 10,000-long chain of agents is fine", () => {
    const nodes = Array.from({ length: 10_000 }, (_, index) => agent(`n${index}`));
    const edges = nodes.slice(1).map((node, index) => link(`n${index}`, node.id, "tool"));
    const layered = layerGraph({ version: 1, nodes, edges });
    expect(layered.layer.get("n9999")).toBe(9_999);
  });
});
