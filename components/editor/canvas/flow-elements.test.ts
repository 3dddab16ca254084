import { describe, expect, it } from "vitest";
import { setNodeField } from "@/components/editor/state/graph-edits";
import { researchDeskGraph } from "@/components/editor/state/test-graphs";
import { EMPTY_ISSUE_INDEX, indexIssues } from "@/components/editor/validation/issue-index";
import { validateGraph } from "@/server/designs/validate-graph";
import { createEdgeDeriver, createNodeDeriver, edgeLabels, type NodeInputs } from "./flow-elements";
import { withInitialPositions } from "./initial-positions";

function inputs(overrides: Partial<NodeInputs> = {}): NodeInputs {
  return {
    graph: researchDeskGraph(),
    selectedNodeIds: new Set(),
    issues: EMPTY_ISSUE_INDEX,
    live: null,
    measured: new Map(),
    dragPositions: new Map(),
    readOnly: false,
    ...overrides,
  };
}

describe("deriving React Flow nodes", () => {
  it("keeps node objects whose inputs did not change", () => {
    const derive = createNodeDeriver();
    const base = inputs();
    const first = derive(base);
    const graph = setNodeField(base.graph, "a1", ["instruction"], "Find more.");
    const second = derive({ ...base, graph });
    expect(second.filter((node, index) => node === first[index]).map((node) => node.id)).toEqual([
      "r",
      "c",
      "a2",
      "a3",
    ]);
    const third = derive({ ...base, graph, selectedNodeIds: new Set(["a3"]) });
    expect(third[4]).not.toBe(second[4]);
    expect(third[4]?.selected).toBe(true);
    expect(third[0]).toBe(second[0]);
  });

  it("marks the entry, counts children and carries issues and run states", () => {
    const derive = createNodeDeriver();
    const graph = researchDeskGraph();
    const issues = indexIssues(graph, [
      { severity: "error", code: "missing_child", message: "Needs a step.", nodeId: "c" },
    ]);
    const nodes = derive(
      inputs({ issues, live: { states: { a1: "running" }, badges: { a1: "2 calls" } }, readOnly: true }),
    );
    expect(nodes[0]?.data).toMatchObject({ isEntry: true, childCounts: { route: 2 } });
    expect(nodes[1]?.data.issues).toEqual({ errors: 1, warnings: 0, messages: ["Needs a step."] });
    expect(nodes[2]?.data).toMatchObject({ runState: "running", runBadge: "2 calls", readOnly: true });
  });

  it("uses drag positions and measured sizes", () => {
    const derive = createNodeDeriver();
    const nodes = derive(
      inputs({
        dragPositions: new Map([["a1", { x: 9, y: 9 }]]),
        measured: new Map([["a1", { width: 180, height: 70 }]]),
      }),
    );
    expect(nodes[2]).toMatchObject({ position: { x: 9, y: 9 }, measured: { width: 180, height: 70 } });
  });
});

describe("deriving React Flow edges", () => {
  it("labels edges by role and steps by run order, and marks issues", () => {
    const graph = researchDeskGraph();
    const swapped = {
      ...graph,
      edges: graph.edges.map((edge) => (edge.id === "e3" ? { ...edge, order: 5 } : edge)),
    };
    expect([...edgeLabels(swapped)]).toEqual([
      ["e1", "route"],
      ["e2", "route"],
      ["e4", "step 1"],
      ["e3", "step 2"],
    ]);
    const issues = indexIssues(graph, [
      { severity: "warning", code: "duplicate_edge", message: "Twice.", edgeId: "e2" },
    ]);
    const edges = createEdgeDeriver()({
      graph,
      selectedEdgeIds: new Set(),
      issues,
      readOnly: false,
    });
    expect(edges[1]).toMatchObject({
      type: "design",
      label: "⚠ route",
      className: "edge-warning",
      data: { role: "route", issue: "warning" },
      sourceHandle: "route",
      targetHandle: "in",
      ariaLabel: "route from front_desk to smalltalk",
    });
  });

  it("keeps unchanged edge objects", () => {
    const derive = createEdgeDeriver();
    const graph = researchDeskGraph();
    const base = {
      graph,
      selectedEdgeIds: new Set<string>(),
      issues: EMPTY_ISSUE_INDEX,
      readOnly: false,
    };
    const first = derive(base);
    const second = derive({ ...base, selectedEdgeIds: new Set(["e1"]) });
    expect(second[0]).not.toBe(first[0]);
    expect(second.slice(1)).toEqual(first.slice(1));
    expect(second[1]).toBe(first[1]);
  });
});

describe("initial positions", () => {
  it("lays out graphs whose nodes all sit at the origin, and leaves drawn ones alone", () => {
    const laidOut = withInitialPositions(researchDeskGraph());
    const positions = new Set(laidOut.nodes.map((node) => `${node.position.x},${node.position.y}`));
    expect(positions.size).toBe(5);
    const drawn = setNodeField(laidOut, "a1", ["model"], "x");
    expect(withInitialPositions(drawn)).toBe(drawn);
  });

  it("validates the example without issues", () => {
    expect(validateGraph(researchDeskGraph()).issues).toEqual([]);
  });
});
