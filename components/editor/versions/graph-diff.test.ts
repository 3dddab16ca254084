import { describe, expect, it } from "vitest";
import { EXAMPLE_DESIGNS } from "@/server/designs/examples";
import type { Graph } from "@/server/designs/graph-schema";
import { fieldLabel, formatDiffValue, isLongValue } from "./diff-format";
import { countDiff, diffGraphs, isDiffEmpty, jsonEqual } from "./graph-diff";

const base: Graph = {
  version: 1,
  entry: "front",
  nodes: [
    { id: "r", type: "router", position: { x: 0, y: 0 }, data: { name: "front", model: "passthrough" } },
    {
      id: "a",
      type: "agent",
      position: { x: 200, y: 0 },
      data: {
        name: "writer",
        instruction: "Write.",
        servers: ["files"],
        requestParams: { temperature: 0.2, maxTokens: 100 },
      },
    },
    { id: "b", type: "agent", position: { x: 200, y: 100 }, data: { name: "critic" } },
  ],
  edges: [
    { id: "e1", source: "r", target: "a", role: "route" },
    { id: "e2", source: "r", target: "b", role: "route" },
  ],
};

const edit = (change: (graph: Graph) => void): Graph => {
  const copy = structuredClone(base);
  change(copy);
  return copy;
};

describe("diffGraphs", () => {
  it("finds nothing between equal graphs, whatever the key order", () => {
    const reordered = edit((graph) => {
      const writer = graph.nodes[1]!;
      writer.data = { requestParams: { maxTokens: 100, temperature: 0.2 }, ...writer.data };
    });
    const diff = diffGraphs(base, reordered);
    expect(isDiffEmpty(diff)).toBe(true);
    const research = EXAMPLE_DESIGNS[0]!.graph;
    expect(isDiffEmpty(diffGraphs(research, structuredClone(research)))).toBe(true);
  });

  it("reports added and removed nodes and edges", () => {
    const after = edit((graph) => {
      graph.nodes = graph.nodes.filter((node) => node.id !== "b");
      graph.edges = graph.edges.filter((edge) => edge.id !== "e2");
      graph.nodes.push({ id: "c", type: "chain", position: { x: 0, y: 300 }, data: { name: "steps" } });
      graph.edges.push({ id: "e3", source: "r", target: "c", role: "route" });
    });
    const diff = diffGraphs(base, after);
    expect(diff.nodes.added.map((node) => node.id)).toEqual(["c"]);
    expect(diff.nodes.removed.map((node) => node.id)).toEqual(["b"]);
    expect(diff.edges.added.map((edge) => edge.id)).toEqual(["e3"]);
    expect(diff.edges.removed.map((edge) => edge.id)).toEqual(["e2"]);
    expect(diff.nodes.changed).toEqual([]);
    expect(countDiff(diff)).toMatchObject({ nodesAdded: 1, nodesRemoved: 1, edgesAdded: 1, edgesRemoved: 1 });
  });

  it("lists each changed field with its path and values", () => {
    const after = edit((graph) => {
      const writer = graph.nodes[1]!;
      if (writer.type !== "agent") throw new Error("fixture");
      writer.data.instruction = "Write well.";
      writer.data.requestParams = { temperature: 0.7, maxTokens: 100 };
      writer.data.servers = ["files", "web"];
      writer.data.humanInput = true;
      delete writer.data.description;
    });
    const [changed] = diffGraphs(base, after).nodes.changed;
    expect(changed).toEqual({
      id: "a",
      type: "agent",
      name: "writer",
      changes: [
        { path: "data.instruction", before: "Write.", after: "Write well." },
        { path: "data.servers", before: ["files"], after: ["files", "web"] },
        { path: "data.requestParams.temperature", before: 0.2, after: 0.7 },
        { path: "data.humanInput", before: undefined, after: true },
      ],
    });
  });

  it("reports a removed field and a rename with the previous name", () => {
    const after = edit((graph) => {
      const writer = graph.nodes[1]!;
      if (writer.type !== "agent") throw new Error("fixture");
      delete writer.data.instruction;
      writer.data.name = "author";
    });
    const [changed] = diffGraphs(base, after).nodes.changed;
    expect(changed).toMatchObject({ name: "author", previousName: "writer" });
    expect(changed?.changes).toEqual([
      { path: "data.name", before: "writer", after: "author" },
      { path: "data.instruction", before: "Write.", after: undefined },
    ]);
  });

  it("reports a changed node type", () => {
    const after = edit((graph) => {
      graph.nodes[2] = { id: "b", type: "chain", position: { x: 200, y: 100 }, data: { name: "critic" } };
    });
    expect(diffGraphs(base, after).nodes.changed).toEqual([
      {
        id: "b",
        type: "chain",
        name: "critic",
        changes: [{ path: "type", before: "agent", after: "chain" }],
      },
    ]);
  });

  it("reports position-only changes as moves, separately from changes", () => {
    const after = edit((graph) => {
      graph.nodes[0]!.position = { x: 10, y: 20 };
    });
    const diff = diffGraphs(base, after);
    expect(diff.nodes.changed).toEqual([]);
    expect(diff.nodes.moved).toEqual([
      { id: "r", name: "front", before: { x: 0, y: 0 }, after: { x: 10, y: 20 } },
    ]);
    expect(isDiffEmpty(diff)).toBe(false);
    expect(isDiffEmpty(diff, { ignoreMoves: true })).toBe(true);
  });

  it("reports a node that moved and changed in both lists", () => {
    const after = edit((graph) => {
      const critic = graph.nodes[2]!;
      critic.position = { x: 1, y: 1 };
      critic.data.description = "Reviews.";
    });
    const diff = diffGraphs(base, after);
    expect(diff.nodes.changed.map((node) => node.id)).toEqual(["b"]);
    expect(diff.nodes.moved.map((node) => node.id)).toEqual(["b"]);
  });

  it("reports changed edges field by field", () => {
    const after = edit((graph) => {
      graph.edges[0] = { id: "e1", source: "r", target: "b", role: "route", order: 2 };
    });
    const [changed] = diffGraphs(base, after).edges.changed;
    expect(changed?.id).toBe("e1");
    expect(changed?.before.target).toBe("a");
    expect(changed?.changes).toEqual([
      { path: "target", before: "a", after: "b" },
      { path: "order", before: undefined, after: 2 },
    ]);
  });

  it("reports entry and default model changes", () => {
    const after = edit((graph) => {
      delete graph.entry;
      graph.defaultModel = "openai.gpt-4o";
    });
    expect(diffGraphs(base, after).settings).toEqual([
      { path: "entry", before: "front", after: undefined },
      { path: "defaultModel", before: undefined, after: "openai.gpt-4o" },
    ]);
  });

  it("handles empty graphs on either side", () => {
    const empty: Graph = { version: 1, nodes: [], edges: [] };
    expect(countDiff(diffGraphs(empty, base))).toMatchObject({
      nodesAdded: 3,
      edgesAdded: 2,
      settingsChanged: 1,
    });
    expect(countDiff(diffGraphs(base, empty))).toMatchObject({ nodesRemoved: 3, edgesRemoved: 2 });
  });
});

describe("jsonEqual", () => {
  it.each([
    [1, 1, true],
    [[1, 2], [1, 2], true],
    [[1, 2], [2, 1], false],
    [{ a: 1, b: undefined }, { a: 1 }, true],
    [{ a: [1] }, { a: [1, 2] }, false],
    [null, {}, false],
    [[], {}, false],
    ["1", 1, false],
  ])("compares %j and %j", (left, right, expected) => {
    expect(jsonEqual(left, right)).toBe(expected);
  });
});

describe("diff formatting", () => {
  it.each([
    [undefined, "not set"],
    [null, "not set"],
    ["", "empty text"],
    ["Write.", "Write."],
    [0.5, "0.5"],
    [false, "false"],
    [["files", "web"], "files, web"],
    [[], "none"],
    [{ files: ["read_*"] }, '{"files":["read_*"]}'],
  ])("writes %j as %j", (value, expected) => {
    expect(formatDiffValue(value)).toBe(expected);
  });

  it("tells long values from short ones", () => {
    expect(isLongValue("short")).toBe(false);
    expect(isLongValue("x".repeat(121))).toBe(true);
    expect(isLongValue("two\nlines")).toBe(true);
  });

  it("drops the data prefix from field paths", () => {
    expect(fieldLabel("data.requestParams.temperature")).toBe("requestParams.temperature");
    expect(fieldLabel("type")).toBe("type");
  });
});
