import { describe, expect, it } from "vitest";
import { validateGraph } from "@/server/designs/validate-graph";
import { copySelection, pasteFragment } from "./clipboard";
import { researchDeskGraph, sequentialIds } from "./test-graphs";

describe("clipboard", () => {
  it("copies the selected nodes and only the edges between them", () => {
    const fragment = copySelection(researchDeskGraph(), ["c", "a1", "a3"]);
    expect(fragment.nodes.map((node) => node.id)).toEqual(["c", "a1", "a3"]);
    expect(fragment.edges.map((edge) => edge.id)).toEqual(["e3"]);
  });

  it("pastes with new ids, unique names, offset positions and internal edges kept", () => {
    const graph = researchDeskGraph();
    const fragment = copySelection(graph, ["c", "a1", "a2"]);
    const result = pasteFragment(graph, fragment, {
      createId: sequentialIds("new"),
      offset: { x: 40, y: 40 },
    });
    const pasted = result.graph.nodes.slice(5);
    expect(pasted.map((node) => node.data.name)).toEqual(["research_2", "finder_2", "summariser_2"]);
    expect(pasted.map((node) => node.id)).toEqual(["new-1", "new-2", "new-3"]);
    expect(pasted.every((node) => node.position.x === 40 && node.position.y === 40)).toBe(true);
    expect(result.graph.edges.slice(4)).toEqual([
      { id: "new-4", source: "new-1", target: "new-2", role: "step", order: 0 },
      { id: "new-5", source: "new-1", target: "new-3", role: "step", order: 1 },
    ]);
    expect(result.nodeIds).toEqual(["new-1", "new-2", "new-3"]);
    expect(result.graph.entry).toBe("front_desk");
    expect(validateGraph(result.graph).issues.filter((issue) => issue.severity === "error")).toEqual([]);
  });

  it("makes names unique again when pasting twice, with random ids by default", () => {
    const graph = researchDeskGraph();
    const fragment = copySelection(graph, ["a1"]);
    const once = pasteFragment(graph, fragment).graph;
    const twice = pasteFragment(once, fragment).graph;
    expect(twice.nodes.slice(5).map((node) => node.data.name)).toEqual(["finder_2", "finder_3"]);
    const ids = new Set(twice.nodes.map((node) => node.id));
    expect(ids.size).toBe(7);
  });

  it("does not share nested data with the original", () => {
    const graph = researchDeskGraph();
    const withParams = {
      ...graph,
      nodes: graph.nodes.map((node) =>
        node.id === "a1" ? { ...node, data: { ...node.data, requestParams: { maxTokens: 5 } } } : node,
      ),
    };
    const pasted = pasteFragment(withParams, copySelection(withParams, ["a1"])).graph.nodes[5];
    const original = withParams.nodes[2];
    expect(pasted?.data).toEqual({ ...original?.data, name: "finder_2" });
    expect((pasted?.data as { requestParams?: object }).requestParams).not.toBe(
      (original?.data as { requestParams?: object }).requestParams,
    );
  });
});
