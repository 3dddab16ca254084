import { describe, expect, it } from "vitest";
import { EXAMPLE_DESIGNS } from "@/server/designs/examples";
import { MAX_GRAPH_BYTES, type Graph } from "@/server/designs/graph-schema";
import { exportFileName, serializeGraph } from "./export-graph";
import { MAX_IMPORT_TEXT_BYTES, parseImport } from "./parse-import";

const research = EXAMPLE_DESIGNS.find((example) => example.name === "Research desk")!.graph;

/** A chain without steps: drawn but unfinished, so it has structural errors but a valid shape. */
const unfinished: Graph = {
  version: 1,
  nodes: [{ id: "c", type: "chain", position: { x: 0, y: 0 }, data: { name: "pipeline" } }],
  edges: [],
};

function expectProblems(text: string) {
  const result = parseImport(text);
  if (result.ok) throw new Error("expected the import to be refused");
  return result.problems;
}

describe("parseImport", () => {
  it("accepts a valid graph with no warnings", () => {
    const result = parseImport(JSON.stringify(research));
    expect(result).toEqual({ ok: true, graph: research, warnings: [] });
  });

  it("reads back exactly what Export JSON writes", () => {
    expect(parseImport(serializeGraph(research))).toMatchObject({ ok: true, graph: research });
  });

  it.each([
    ["prose", "hello there"],
    ["truncated JSON", '{"version": 1, "nodes": ['],
    ["JavaScript, not JSON", "{ version: 1, nodes: [], edges: [] }"],
  ])("refuses %s as not JSON", (_label, text) => {
    expect(expectProblems(text)[0]).toMatch(/^This is not JSON/);
  });

  it.each(["", "   \n"])("asks for a file when the text is blank", (text) => {
    expect(expectProblems(text)).toEqual(["Choose a design file or paste its JSON."]);
  });

  it.each([
    ["a number", "42"],
    ["a list", "[1, 2]"],
    ["null", "null"],
  ])("refuses JSON that is %s", (_label, text) => {
    expect(expectProblems(text)[0]).toMatch(/must be an object with version, nodes and edges/);
  });

  it("refuses a graph larger than 256 KiB", () => {
    const big: Graph = {
      version: 1,
      nodes: [
        {
          id: "a",
          type: "agent",
          position: { x: 0, y: 0 },
          data: { name: "big", instruction: "x".repeat(MAX_GRAPH_BYTES) },
        },
      ],
      edges: [],
    };
    const [problem] = expectProblems(JSON.stringify(big));
    expect(problem).toMatch(/^This design is 257 KiB of JSON; a design is at most 256 KiB\.$/);
  });

  it("refuses a huge text before parsing it", () => {
    const [problem] = expectProblems(" ".repeat(MAX_IMPORT_TEXT_BYTES) + "{}");
    expect(problem).toMatch(/^This is 1,025 KiB of text; a design is at most 256 KiB of JSON\.$/);
  });

  it("accepts a pretty-printed file whose indentation is what makes it larger than 256 KiB", () => {
    const nodes = Array.from({ length: 400 }, (_, index) => ({
      id: `n${index}`,
      type: "agent" as const,
      position: { x: index, y: index },
      data: { name: `agent_${index}`, instruction: "Do one small thing well.".repeat(20) },
    }));
    const graph: Graph = { version: 1, nodes, edges: [] };
    const pretty = JSON.stringify(graph, null, 8);
    expect(new TextEncoder().encode(pretty).length).toBeGreaterThan(MAX_GRAPH_BYTES);
    expect(new TextEncoder().encode(JSON.stringify(graph)).length).toBeLessThan(MAX_GRAPH_BYTES);
    expect(parseImport(pretty).ok).toBe(true);
  });

  it.each([2, 7])("refuses format version %i as made by a newer Trellis", (version) => {
    expect(expectProblems(JSON.stringify({ ...research, version }))).toEqual([
      `This file was made by a newer Trellis (format version ${version}); this one reads version 1.`,
    ]);
  });

  it("refuses a graph without a version", () => {
    const { version: _version, ...withoutVersion } = research;
    expect(expectProblems(JSON.stringify(withoutVersion))).toEqual(["The graph has no version; expected 1."]);
  });

  it("refuses shape errors and names the node", () => {
    const broken = structuredClone(research) as unknown as { nodes: { data: Record<string, unknown> }[] };
    broken.nodes[1]!.data.colour = "red";
    const problems = expectProblems(JSON.stringify(broken));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain("research");
    expect(problems[0]).toContain("colour");
  });

  it("refuses an unknown node type and an unknown top-level field", () => {
    const graph = {
      version: 1,
      nodes: [{ id: "x", type: "robot", position: { x: 0, y: 0 }, data: { name: "bender" } }],
      edges: [],
      theme: "dark",
    };
    const problems = expectProblems(JSON.stringify(graph));
    expect(problems.some((problem) => problem.includes("robot"))).toBe(true);
    expect(problems.some((problem) => problem.includes("theme"))).toBe(true);
  });

  it("accepts an unfinished design with its structural errors as warnings", () => {
    const result = parseImport(JSON.stringify(unfinished));
    if (!result.ok) throw new Error(result.problems.join("; "));
    expect(result.graph).toEqual(unfinished);
    expect(result.warnings).toEqual([
      expect.objectContaining({ severity: "error", code: "missing_child", nodeId: "c" }),
    ]);
  });

  it("keeps validator warnings (an unreachable node) as warnings", () => {
    const graph: Graph = {
      version: 1,
      nodes: [
        { id: "a", type: "agent", position: { x: 0, y: 0 }, data: { name: "first" } },
        { id: "b", type: "agent", position: { x: 0, y: 0 }, data: { name: "lonely" } },
      ],
      edges: [],
    };
    const result = parseImport(JSON.stringify(graph));
    expect(result).toMatchObject({
      ok: true,
      warnings: [expect.objectContaining({ severity: "warning", code: "unreachable_node", nodeId: "b" })],
    });
  });

  it("accepts the wrapped form { name, graph } and returns the name", () => {
    const result = parseImport(JSON.stringify({ name: "  Research desk ", graph: research }));
    expect(result).toEqual({ ok: true, graph: research, warnings: [], name: "Research desk" });
  });

  it("accepts a design as the REST API returns it", () => {
    const design = { id: "7d9c", name: "From the API", version: 12, description: "", graph: unfinished };
    expect(parseImport(JSON.stringify(design))).toMatchObject({
      ok: true,
      graph: unfinished,
      name: "From the API",
    });
  });

  it("checks the graph inside the wrapped form", () => {
    expect(expectProblems(JSON.stringify({ name: "x", graph: { ...research, version: 3 } }))).toEqual([
      "This file was made by a newer Trellis (format version 3); this one reads version 1.",
    ]);
    expect(expectProblems(JSON.stringify({ name: "x", graph: "nope" }))[0]).toMatch(/must be an object/);
  });

  it("ignores a byte-order mark", () => {
    expect(parseImport(`\uFEFF${JSON.stringify(research)}`).ok).toBe(true);
  });
});

describe("serializeGraph", () => {
  it("writes the v1 fields only, in the documented order, pretty-printed", () => {
    const withExtras = {
      ...research,
      defaultModel: "passthrough",
      selection: ["r"],
    } as Graph;
    const text = serializeGraph(withExtras);
    expect(Object.keys(JSON.parse(text) as object)).toEqual([
      "version",
      "entry",
      "defaultModel",
      "nodes",
      "edges",
    ]);
    expect(text).toContain('\n  "nodes": [\n');
    expect(text.endsWith("}\n")).toBe(true);
  });

  it("leaves out unset optional fields", () => {
    expect(JSON.parse(serializeGraph(unfinished))).toEqual(unfinished);
    expect(Object.keys(JSON.parse(serializeGraph(unfinished)) as object)).toEqual([
      "version",
      "nodes",
      "edges",
    ]);
  });
});

describe("exportFileName", () => {
  it.each([
    ["Research desk", "Research desk.trellis.json"],
    ['a/b\\c:d*e?f"g<h>i|j', "a-b-c-d-e-f-g-h-i-j.trellis.json"],
    ["line\nbreak", "line-break.trellis.json"],
    ["..hidden..", "hidden.trellis.json"],
    ["   ", "design.trellis.json"],
    ["设计 ✨", "设计 ✨.trellis.json"],
    ["x".repeat(300), `${"x".repeat(100)}.trellis.json`],
  ])("names the file for %j", (name, expected) => {
    expect(exportFileName(name)).toBe(expected);
  });
});
