import { describe, expect, it } from "vitest";
import { validateGraph } from "@/server/designs/validate-graph";
import {
  addNode,
  connectNodes,
  emptyGraph,
  moveNodes,
  moveStep,
  removeElements,
  reorderSteps,
  setDefaultModel,
  setEntry,
  setNodeField,
  updateNodeData,
} from "./graph-edits";
import { stepEdgesOf } from "./graph-queries";
import { researchDeskGraph, sequentialIds } from "./test-graphs";

describe("adding nodes", () => {
  it("adds a node of a type at a position with a unique numbered name", () => {
    const createId = sequentialIds("n");
    const first = addNode(emptyGraph(), "agent", { x: 10, y: 20 }, { createId });
    const second = addNode(first.graph, "agent", { x: 30, y: 40 }, { createId });
    const chain = addNode(second.graph, "chain", { x: 0, y: 0 }, { createId });
    expect(chain.graph.nodes).toEqual([
      { id: "n-1", type: "agent", position: { x: 10, y: 20 }, data: { name: "agent_1" } },
      { id: "n-2", type: "agent", position: { x: 30, y: 40 }, data: { name: "agent_2" } },
      { id: "n-3", type: "chain", position: { x: 0, y: 0 }, data: { name: "chain_1" } },
    ]);
    expect(first.nodeId).toBe("n-1");
  });

  it("uses random UUIDs by default", () => {
    const { nodeId } = addNode(emptyGraph(), "router", { x: 0, y: 0 });
    expect(nodeId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("does not touch the nodes already there", () => {
    const graph = researchDeskGraph();
    const next = addNode(graph, "maker", { x: 0, y: 0 }).graph;
    expect(next.nodes.slice(0, 5).every((node, index) => node === graph.nodes[index])).toBe(true);
    expect(graph.nodes).toHaveLength(5);
  });
});

describe("changing node data", () => {
  it("sets, nests and removes fields", () => {
    let graph = researchDeskGraph();
    graph = setNodeField(graph, "a1", ["requestParams", "maxTokens"], 100);
    graph = setNodeField(graph, "a1", ["instruction"], undefined);
    expect(graph.nodes[2]?.data).toEqual({
      name: "finder",
      model: "passthrough",
      requestParams: { maxTokens: 100 },
    });
    graph = setNodeField(graph, "a1", ["requestParams", "maxTokens"], undefined);
    expect(graph.nodes[2]?.data).toEqual({ name: "finder", model: "passthrough" });
  });

  it("returns the same graph when nothing changes", () => {
    const graph = researchDeskGraph();
    expect(setNodeField(graph, "a1", ["model"], "passthrough")).toBe(graph);
    expect(setNodeField(graph, "missing", ["model"], "x")).toBe(graph);
  });

  it("renaming the entry agent updates the entry", () => {
    const graph = researchDeskGraph();
    expect(setNodeField(graph, "r", ["name"], "reception").entry).toBe("reception");
    expect(updateNodeData(graph, "r", { name: "desk", model: "passthrough" }).entry).toBe("desk");
    expect(setNodeField(graph, "a1", ["name"], "seeker").entry).toBe("front_desk");
  });
});

describe("moving nodes", () => {
  it("moves only the listed nodes", () => {
    const graph = researchDeskGraph();
    const next = moveNodes(graph, new Map([["a1", { x: 5, y: 6 }]]));
    expect(next.nodes[2]?.position).toEqual({ x: 5, y: 6 });
    expect(next.nodes[0]).toBe(graph.nodes[0]);
    expect(moveNodes(graph, new Map([["a1", { x: 0, y: 0 }]]))).toBe(graph);
  });
});

describe("connecting", () => {
  it("gives a new step the next order", () => {
    const createId = sequentialIds("e");
    let graph = researchDeskGraph();
    graph = addNode(graph, "agent", { x: 0, y: 0 }, { createId, name: "checker" }).graph;
    const { graph: next, edgeId } = connectNodes(
      graph,
      { source: "c", target: "e-1", role: "step" },
      { createId },
    );
    expect(next.edges.at(-1)).toEqual({ id: edgeId, source: "c", target: "e-1", role: "step", order: 2 });
    const route = connectNodes(next, { source: "r", target: "e-1", role: "route" }).graph.edges.at(-1);
    expect(route?.order).toBeUndefined();
  });

  it("starts a chain's steps at 0", () => {
    let graph = addNode(emptyGraph(), "chain", { x: 0, y: 0 }, { createId: () => "c" }).graph;
    graph = addNode(graph, "agent", { x: 0, y: 0 }, { createId: () => "a" }).graph;
    expect(connectNodes(graph, { source: "c", target: "a", role: "step" }).graph.edges[0]?.order).toBe(0);
  });
});

describe("removing", () => {
  it("takes a node's edges along and clears the entry when its node goes", () => {
    const next = removeElements(researchDeskGraph(), { nodeIds: ["r"] });
    expect(next.nodes.map((node) => node.id)).toEqual(["c", "a1", "a2", "a3"]);
    expect(next.edges.map((edge) => edge.id)).toEqual(["e3", "e4"]);
    expect(next.entry).toBeUndefined();
    expect("entry" in next).toBe(false);
  });

  it("removes edges alone and renumbers the remaining steps", () => {
    const next = removeElements(researchDeskGraph(), { edgeIds: ["e3"] });
    expect(next.nodes).toHaveLength(5);
    expect(next.edges.find((edge) => edge.id === "e4")?.order).toBe(0);
    expect(next.entry).toBe("front_desk");
  });

  it("returns the same graph when nothing matches", () => {
    const graph = researchDeskGraph();
    expect(removeElements(graph, { nodeIds: ["nope"] })).toBe(graph);
  });
});

describe("reordering steps", () => {
  it("reorders by edge ids and by moving one step", () => {
    const graph = researchDeskGraph();
    const reordered = reorderSteps(graph, "c", ["e4", "e3"]);
    expect(stepEdgesOf(reordered, "c").map((edge) => edge.id)).toEqual(["e4", "e3"]);
    const moved = moveStep(graph, "c", "e4", -1);
    expect(stepEdgesOf(moved, "c").map((edge) => [edge.id, edge.order])).toEqual([
      ["e4", 0],
      ["e3", 1],
    ]);
    expect(moveStep(graph, "c", "e3", -1)).toBe(graph);
    expect(moveStep(graph, "c", "e4", 1)).toBe(graph);
  });
});

describe("design-level settings", () => {
  it("sets and clears the entry and the default model", () => {
    const graph = researchDeskGraph();
    expect(setEntry(graph, "smalltalk").entry).toBe("smalltalk");
    expect("entry" in setEntry(graph, undefined)).toBe(false);
    expect(setEntry(graph, "front_desk")).toBe(graph);
    expect(setDefaultModel(graph, "passthrough").defaultModel).toBe("passthrough");
    expect("defaultModel" in setDefaultModel(setDefaultModel(graph, "x"), "")).toBe(false);
  });
});

describe("building the example", () => {
  it("produces a graph that validates, from an empty design", () => {
    const createId = sequentialIds();
    let graph = emptyGraph();
    const add = (type: Parameters<typeof addNode>[1], name: string) => {
      const result = addNode(graph, type, { x: 0, y: 0 }, { createId, name });
      graph = result.graph;
      return result.nodeId;
    };
    const router = add("router", "front_desk");
    const chain = add("chain", "research");
    const finder = add("agent", "finder");
    const summariser = add("agent", "summariser");
    const smalltalk = add("agent", "smalltalk");
    for (const id of [router, finder, summariser, smalltalk])
      graph = setNodeField(graph, id, ["model"], "passthrough");
    graph = setNodeField(graph, chain, ["cumulative"], true);
    for (const [source, target, role] of [
      [router, chain, "route"],
      [router, smalltalk, "route"],
      [chain, finder, "step"],
      [chain, summariser, "step"],
    ] as const) {
      graph = connectNodes(graph, { source, target, role }, { createId }).graph;
    }
    graph = setEntry(graph, "front_desk");
    const result = validateGraph(graph);
    expect(result.issues).toEqual([]);
    expect(result.valid).toBe(true);
  });
});

describe("free spots", () => {
  it("staggers new nodes that would land exactly on others", async () => {
    const { freeSpot } = await import("./graph-queries");
    let graph = addNode(emptyGraph(), "agent", { x: 100, y: 100 }).graph;
    expect(freeSpot(graph, { x: 0, y: 0 })).toEqual({ x: 0, y: 0 });
    expect(freeSpot(graph, { x: 102, y: 99 })).toEqual({ x: 132, y: 129 });
    graph = addNode(graph, "agent", { x: 130, y: 130 }).graph;
    expect(freeSpot(graph, { x: 100, y: 100 })).toEqual({ x: 160, y: 160 });
  });
});
