import fc from "fast-check";
import { graphFormatExample } from "@/server/designs/graph-format-example";
import { describe, expect, it } from "vitest";

import { EXAMPLE_DESIGNS } from "./examples";
import { MAX_EDGES, MAX_NODES, ROLES_BY_TYPE, type EdgeRole, type NodeType } from "./graph-schema";
import { GRAPH_ISSUE_CODES, graphIssueSchema, validateGraph, type GraphIssue } from "./validate-graph";

type Json = Record<string, unknown>;

const node = (id: string, type: string, data: Json = {}): Json => ({
  id,
  type,
  position: { x: 0, y: 0 },
  data: { name: id, ...data },
});
const agent = (id: string, data: Json = {}) => node(id, "agent", data);
const edge = (id: string, source: string, target: string, role: string, extra: Json = {}): Json => ({
  id,
  source,
  target,
  role,
  ...extra,
});
const graph = (nodes: unknown[], edges: unknown[] = [], extra: Json = {}): Json => ({
  version: 1,
  nodes,
  edges,
  ...extra,
});

/** A small valid design that cases below break in one place each. */
const chainOfTwo = (extra: Json = {}) =>
  graph(
    [node("pipeline", "chain"), agent("first"), agent("second")],
    [
      edge("e1", "pipeline", "first", "step", { order: 0 }),
      edge("e2", "pipeline", "second", "step", { order: 1 }),
    ],
    extra,
  );

const DOC_EXAMPLE = graphFormatExample();

function codes(issues: GraphIssue[]): string[] {
  return issues.map((issue) => issue.code);
}

function expectWellFormed(result: ReturnType<typeof validateGraph>): void {
  for (const issue of result.issues) expect(graphIssueSchema.safeParse(issue).success).toBe(true);
  const hasError = result.issues.some((issue) => issue.severity === "error");
  expect(result.valid).toBe(!hasError);
  expect(result.graph !== undefined).toBe(result.valid);
}

describe("validateGraph: one case per issue code", () => {
  interface Case {
    code: string;
    input: unknown;
    nodeId?: string;
    edgeId?: string;
    path?: (string | number)[];
    severity?: "error" | "warning";
    message?: RegExp;
    mcpServers?: string[];
  }

  const cases: Case[] = [
    { code: "invalid_graph", input: chainOfTwo({ colour: "red" }), path: ["colour"] },
    { code: "invalid_graph", input: graph([agent("a")], [], { entry: 42 }), path: ["entry"] },
    { code: "invalid_graph", input: { nodes: [agent("a")], edges: [] }, path: ["version"] },
    { code: "unsupported_version", input: { ...chainOfTwo(), version: 2 }, path: ["version"] },
    {
      code: "graph_too_large",
      // 3 bytes per character in UTF-8: only 90,000 characters but 270,000 bytes.
      input: graph(["a", "b", "c"].map((id) => agent(id, { instruction: "€".repeat(30_000) }))),
    },
    {
      code: "string_too_long",
      input: graph([agent("a", { instruction: "x".repeat(100_001) })]),
      nodeId: "a",
      path: ["nodes", 0, "data", "instruction"],
    },
    {
      code: "duplicate_node_id",
      input: graph([agent("a"), { ...agent("a"), data: { name: "other" } }]),
      nodeId: "a",
      path: ["nodes", 1, "id"],
    },
    {
      code: "duplicate_edge_id",
      input: graph(
        [node("c", "chain"), agent("x"), agent("y")],
        [edge("e1", "c", "x", "step"), edge("e1", "c", "y", "step")],
      ),
      edgeId: "e1",
      path: ["edges", 1, "id"],
    },
    {
      code: "unknown_node_type",
      input: graph([node("bot", "robot")]),
      nodeId: "bot",
      path: ["nodes", 0, "type"],
    },
    {
      code: "invalid_node",
      input: graph([{ ...agent("a"), colour: "red" }]),
      nodeId: "a",
      path: ["nodes", 0, "colour"],
      message: /unknown field "colour"/,
    },
    {
      code: "invalid_node",
      input: graph([agent("a", { useHistory: "yes" })]),
      nodeId: "a",
      path: ["nodes", 0, "data", "useHistory"],
      message: /Agent "a": data\.useHistory must be true or false/,
    },
    {
      code: "invalid_node",
      input: graph([agent("a", { requestParams: { temperature: 3 } })]),
      nodeId: "a",
      path: ["nodes", 0, "data", "requestParams", "temperature"],
      message: /at most 2/,
    },
    {
      code: "invalid_node",
      input: graph([{ id: "a", type: "agent", data: { name: "a" } }]),
      nodeId: "a",
      path: ["nodes", 0, "position"],
      message: /position is required/,
    },
    {
      code: "invalid_node",
      input: graph([{ ...agent("a"), position: { x: Number.POSITIVE_INFINITY, y: 0 } }]),
      nodeId: "a",
      path: ["nodes", 0, "position", "x"],
    },
    {
      code: "invalid_node",
      input: graph(
        [node("e", "evaluator_optimizer", { minRating: "OK" }), agent("g"), agent("v")],
        [edge("e1", "e", "g", "generator"), edge("e2", "e", "v", "evaluator")],
      ),
      nodeId: "e",
      path: ["nodes", 0, "data", "minRating"],
      message: /one of "EXCELLENT", "GOOD", "FAIR", "POOR"/,
    },
    { code: "invalid_node", input: graph([42]), path: ["nodes", 0] },
    {
      code: "invalid_edge",
      input: graph([node("c", "chain"), agent("x")], [edge("e1", "c", "x", "step", { weight: 2 })]),
      edgeId: "e1",
      path: ["edges", 0, "weight"],
    },
    {
      code: "invalid_edge",
      input: graph([node("c", "chain"), agent("x")], [edge("e1", "c", "x", "step", { order: 1.5 })]),
      edgeId: "e1",
      path: ["edges", 0, "order"],
    },
    { code: "invalid_edge", input: graph([agent("a")], ["e1"]), path: ["edges", 0] },
    {
      code: "invalid_name",
      input: graph([agent("a", { name: "my agent" })]),
      nodeId: "a",
      path: ["nodes", 0, "data", "name"],
      message: /Agent node "a" has an invalid name "my agent"/,
    },
    {
      code: "duplicate_name",
      input: graph([agent("a", { name: "writer" }), agent("b", { name: "writer" })], [], { entry: "writer" }),
      nodeId: "b",
      path: ["nodes", 1, "data", "name"],
    },
    {
      code: "unknown_role",
      input: graph([node("c", "chain"), agent("x")], [edge("e1", "c", "x", "route")]),
      edgeId: "e1",
      path: ["edges", 0, "role"],
    },
    {
      code: "unknown_role",
      input: graph([agent("a"), agent("b")], [edge("e1", "a", "b", "banana")]),
      edgeId: "e1",
      path: ["edges", 0, "role"],
    },
    {
      code: "edge_missing_node",
      input: graph(
        [node("c", "chain"), agent("x")],
        [edge("e1", "c", "x", "step"), edge("e2", "c", "ghost", "step")],
      ),
      edgeId: "e2",
      path: ["edges", 1, "target"],
    },
    {
      code: "edge_missing_node",
      input: graph([agent("x")], [edge("e1", "ghost", "x", "tool")]),
      edgeId: "e1",
      path: ["edges", 0, "source"],
    },
    {
      code: "self_reference",
      input: graph([agent("a")], [edge("e1", "a", "a", "tool")]),
      nodeId: "a",
      edgeId: "e1",
    },
    {
      code: "cycle",
      input: graph(
        [node("c", "chain"), agent("x"), agent("y")],
        [edge("e1", "c", "x", "step"), edge("e2", "x", "y", "tool"), edge("e3", "y", "c", "tool")],
      ),
      nodeId: "c",
      edgeId: "e3",
      message: /"c" → "x" → "y" → "c"/,
    },
    {
      code: "missing_child",
      input: graph([node("research", "chain")]),
      nodeId: "research",
      message: /^Chain "research" needs at least one step\.$/,
    },
    {
      code: "missing_child",
      input: graph(
        [node("polish", "evaluator_optimizer"), agent("g")],
        [edge("e1", "polish", "g", "generator")],
      ),
      nodeId: "polish",
      message: /needs exactly one evaluator/,
    },
    {
      code: "too_many_children",
      input: graph(
        [node("vote", "maker"), agent("w1"), agent("w2")],
        [edge("e1", "vote", "w1", "worker"), edge("e2", "vote", "w2", "worker")],
      ),
      nodeId: "vote",
      message: /has 2 workers but allows exactly one worker/,
    },
    {
      code: "too_many_children",
      input: graph(
        [node("p", "parallel"), agent("a"), agent("b"), agent("c")],
        [edge("e1", "p", "a", "fan_out"), edge("e2", "p", "b", "fan_in"), edge("e3", "p", "c", "fan_in")],
      ),
      nodeId: "p",
      message: /at most one fan-in child/,
    },
    {
      code: "unknown_mcp_server",
      input: graph([agent("a", { servers: ["fetch", "nope"] })]),
      mcpServers: ["fetch"],
      nodeId: "a",
      path: ["nodes", 0, "data", "servers", 1],
    },
    {
      code: "unknown_mcp_server",
      input: graph([agent("a", { servers: ["fetch"], tools: { other: ["*"] } })]),
      mcpServers: ["fetch"],
      nodeId: "a",
      path: ["nodes", 0, "data", "tools", "other"],
    },
    {
      code: "unknown_model_provider",
      input: graph([agent("a", { model: "llama3" })]),
      nodeId: "a",
      path: ["nodes", 0, "data", "model"],
      message: /generic\.llama3/,
    },
    {
      code: "invalid_model",
      input: graph(
        [node("r", "router", { model: "sonnet?temperature=9" }), agent("x")],
        [edge("e1", "r", "x", "route")],
      ),
      nodeId: "r",
      path: ["nodes", 0, "data", "model"],
    },
    {
      code: "unknown_model_provider",
      input: chainOfTwo({ defaultModel: "acme.model" }),
      path: ["defaultModel"],
    },
    { code: "entry_not_found", input: chainOfTwo({ entry: "nobody" }), path: ["entry"] },
    { code: "empty_graph", input: graph([]), path: ["nodes"] },
    {
      code: "duplicate_order",
      severity: "warning",
      input: graph(
        [node("c", "chain"), agent("x"), agent("y")],
        [edge("e1", "c", "x", "step", { order: 1 }), edge("e2", "c", "y", "step", { order: 1 })],
      ),
      edgeId: "e2",
    },
    {
      code: "duplicate_edge",
      severity: "warning",
      input: graph(
        [node("c", "chain"), agent("x")],
        [edge("e1", "c", "x", "step"), edge("e2", "c", "x", "step")],
      ),
      edgeId: "e2",
    },
    {
      code: "unreachable_node",
      severity: "warning",
      input: graph([...(chainOfTwo().nodes as unknown[]), agent("orphan")], chainOfTwo().edges as unknown[]),
      nodeId: "orphan",
    },
  ];

  it.each(cases.map((testCase) => ({ ...testCase, title: `${testCase.code} ${testCase.message ?? ""}` })))(
    "$title",
    ({ code, input, nodeId, edgeId, path, severity = "error", message, mcpServers }) => {
      const result = validateGraph(
        input,
        mcpServers === undefined ? {} : { mcpServers: new Set(mcpServers) },
      );
      expectWellFormed(result);
      const matching = result.issues.filter((issue) => issue.code === code);
      expect(matching, JSON.stringify(result.issues, null, 1)).not.toHaveLength(0);
      const issue = matching.find(
        (candidate) =>
          (message === undefined || message.test(candidate.message)) &&
          (path === undefined || JSON.stringify(candidate.path) === JSON.stringify(path)),
      );
      expect(issue, JSON.stringify(matching, null, 1)).toBeDefined();
      expect(issue?.severity).toBe(severity);
      expect(issue?.nodeId).toBe(nodeId);
      expect(issue?.edgeId).toBe(edgeId);
      if (severity === "warning") expect(result.valid).toBe(true);
      else expect(result.valid).toBe(false);
    },
  );

  it("covers every code", () => {
    const covered = new Set([...cases.map((testCase) => testCase.code), "too_many_nodes", "too_many_edges"]);
    expect([...GRAPH_ISSUE_CODES].filter((code) => !covered.has(code))).toEqual([]);
  });

  it("unknown_mcp_server is only reported when registered servers are given", () => {
    const input = graph([agent("a", { servers: ["nope"] })]);
    expect(validateGraph(input).valid).toBe(true);
    expect(codes(validateGraph(input, { mcpServers: new Set() }).issues)).toEqual(["unknown_mcp_server"]);
  });
});

describe("validateGraph: valid designs", () => {
  it("accepts the graph-format.md example without any issue", () => {
    const result = validateGraph(DOC_EXAMPLE);
    expect(result.issues).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.graph).toEqual(DOC_EXAMPLE);
  });

  it.each(EXAMPLE_DESIGNS.map((design) => ({ name: design.name, design })))(
    "example $name is valid",
    ({ design }) => {
      const result = validateGraph(design.graph);
      expect(result.issues).toEqual([]);
      expect(result.valid).toBe(true);
    },
  );

  it("examples have unique names and only offline models", () => {
    expect(new Set(EXAMPLE_DESIGNS.map((design) => design.name)).size).toBe(EXAMPLE_DESIGNS.length);
    const offline = /^(passthrough|playback|silent|slow|scripted)(\?|$)/;
    for (const design of EXAMPLE_DESIGNS) {
      if (design.graph.defaultModel !== undefined) expect(design.graph.defaultModel).toMatch(offline);
      for (const graphNode of design.graph.nodes) {
        if ("model" in graphNode.data && graphNode.data.model !== undefined)
          expect(graphNode.data.model).toMatch(offline);
      }
    }
  });

  it("the Research desk example is the graph-format.md example", () => {
    const researchDesk = EXAMPLE_DESIGNS[0];
    expect(researchDesk?.name).toBe("Research desk");
    const withoutPositions = (input: { nodes: { position: unknown }[] }) =>
      input.nodes.map(({ position: _position, ...rest }) => rest);
    expect(withoutPositions(researchDesk?.graph ?? { nodes: [] })).toEqual(withoutPositions(DOC_EXAMPLE));
    expect(researchDesk?.graph.edges).toEqual(DOC_EXAMPLE.edges);
    expect(researchDesk?.graph.entry).toBe(DOC_EXAMPLE.entry);
  });

  it("examples place every parent left of its children", () => {
    for (const design of EXAMPLE_DESIGNS) {
      const byId = new Map(design.graph.nodes.map((graphNode) => [graphNode.id, graphNode]));
      for (const graphEdge of design.graph.edges) {
        const parentX = byId.get(graphEdge.source)?.position.x ?? Number.NaN;
        const childX = byId.get(graphEdge.target)?.position.x ?? Number.NaN;
        expect(parentX).toBeLessThan(childX);
      }
      const positions = design.graph.nodes.map(
        (graphNode) => `${graphNode.position.x},${graphNode.position.y}`,
      );
      expect(new Set(positions).size).toBe(positions.length);
    }
  });

  it("accepts every optional field with correct types", () => {
    const input = graph(
      [
        agent("a", {
          description: "Does things.",
          instruction: "Be brief.",
          model: "openai.o4-mini?reasoning=high",
          servers: ["fetch"],
          tools: { fetch: ["get_*"] },
          useHistory: false,
          humanInput: true,
          requestParams: {
            maxTokens: 100,
            temperature: 0.2,
            topP: 0.9,
            maxIterations: 0,
            parallelToolCalls: false,
          },
        }),
        node("o", "orchestrator", { model: "passthrough", instruction: "Plan.", planIterations: -1 }),
        node("m", "maker", { k: 2, maxSamples: 9, matchStrategy: "structured", redFlagMaxLength: 100 }),
        node("e", "evaluator_optimizer", {
          minRating: "EXCELLENT",
          maxRefinements: 0,
          refinementInstruction: "Fix",
        }),
        node("p", "parallel", { includeRequest: false, instruction: "x", description: "fan" }),
        node("r", "router", { useHistory: true, requestParams: { maxTokens: 5 } }),
      ],
      [
        edge("e1", "o", "a", "worker"),
        edge("e2", "m", "a", "worker"),
        edge("e3", "e", "a", "generator"),
        edge("e4", "e", "m", "evaluator"),
        edge("e5", "p", "o", "fan_out"),
        edge("e6", "p", "e", "fan_in"),
        edge("e7", "r", "p", "route"),
      ],
      { entry: "r", defaultModel: "haiku" },
    );
    const result = validateGraph(input, { mcpServers: new Set(["fetch"]) });
    expect(result.issues).toEqual([]);
  });
});

describe("validateGraph: bad inputs give precise issues and never throw", () => {
  it.each([
    { label: "null", input: null },
    { label: "an array", input: [] },
    { label: "a string", input: "x" },
    { label: "a number", input: 42 },
    { label: "undefined", input: undefined },
  ])("$label is an invalid graph", ({ input }) => {
    const result = validateGraph(input);
    expect(result.valid).toBe(false);
    expect(codes(result.issues)).toEqual(["invalid_graph"]);
  });

  it("version 2 is refused as unsupported, without further noise", () => {
    expect(validateGraph({ version: 2 }).issues).toMatchObject([
      { code: "unsupported_version", path: ["version"] },
    ]);
  });

  it("nodes and edges that are not lists are reported on their own paths", () => {
    const result = validateGraph({ version: 1, nodes: {}, edges: "none" });
    expect(result.issues).toMatchObject([
      { code: "invalid_graph", path: ["nodes"] },
      { code: "invalid_graph", path: ["edges"] },
    ]);
  });

  it("a cyclic object is refused rather than crashing JSON.stringify", () => {
    const input: Json = { version: 1, nodes: [], edges: [] };
    input.self = input;
    expect(codes(validateGraph(input).issues)).toEqual(["invalid_graph"]);
  });

  it("a throwing getter does not escape", () => {
    const input = {
      version: 1,
      edges: [],
      get nodes(): unknown[] {
        throw new Error("boom");
      },
    };
    expect(validateGraph(input)).toMatchObject({ valid: false, issues: [{ code: "invalid_graph" }] });
  });

  it("reports each bad node separately, so one does not hide another", () => {
    const input = graph([
      agent("a", { useHistory: 1 }),
      { ...agent("b"), extra: true },
      node("c", "robot"),
      agent("d", { name: "bad name" }),
      agent("ok"),
    ]);
    const result = validateGraph(input);
    const errors = result.issues.filter((issue) => issue.severity === "error");
    const byNode = new Map(errors.map((issue) => [issue.nodeId, issue.code]));
    expect(byNode.get("a")).toBe("invalid_node");
    expect(byNode.get("b")).toBe("invalid_node");
    expect(byNode.get("c")).toBe("unknown_node_type");
    expect(byNode.get("d")).toBe("invalid_name");
  });

  it("an unknown field in data is reported with its path", () => {
    const result = validateGraph(graph([agent("a", { temprature: 1 })]));
    expect(result.issues).toEqual([
      {
        severity: "error",
        code: "invalid_node",
        message: 'Agent "a" has an unknown field "data.temprature".',
        nodeId: "a",
        path: ["nodes", 0, "data", "temprature"],
      },
    ]);
  });

  it("data with a wrong type names the field and the expected type", () => {
    const result = validateGraph(
      graph([node("c", "chain", { cumulative: "yes" }), agent("x")], [edge("e", "c", "x", "step")]),
    );
    expect(result.issues).toEqual([
      {
        severity: "error",
        code: "invalid_node",
        message: 'Chain "c": data.cumulative must be true or false, not "yes".',
        nodeId: "c",
        path: ["nodes", 0, "data", "cumulative"],
      },
    ]);
  });

  it("a node without data is reported", () => {
    const result = validateGraph(graph([{ id: "a", type: "agent", position: { x: 0, y: 0 } }]));
    expect(result.issues).toMatchObject([{ code: "invalid_node", nodeId: "a", path: ["nodes", 0, "data"] }]);
  });

  it("a node without a name is reported as invalid_name", () => {
    const result = validateGraph(graph([{ id: "a", type: "agent", position: { x: 0, y: 0 }, data: {} }]));
    expect(result.issues).toMatchObject([{ code: "invalid_name", nodeId: "a", message: /needs a name/ }]);
  });

  it.each([
    { label: "a space", name: "my agent" },
    { label: "a double quote", name: 'say"hi' },
    { label: "a single quote", name: "o'brien" },
    { label: "an emoji", name: "robot🤖" },
    { label: "markup", name: "<script>alert(1)</script>" },
    { label: "65 characters", name: "a".repeat(65) },
    { label: "nothing", name: "" },
    { label: "a dot", name: "v1.2" },
    { label: "a trailing newline", name: "name\n" },
    { label: "a number", name: 7 },
  ])("a name with $label is an invalid_name", ({ name }) => {
    const result = validateGraph(graph([agent("a", { name })]));
    expect(result.issues).toMatchObject([
      { severity: "error", code: "invalid_name", nodeId: "a", path: ["nodes", 0, "data", "name"] },
    ]);
  });

  it("64 characters of every allowed kind make a valid name", () => {
    const name = `Ab_-09${"z".repeat(58)}`;
    expect(validateGraph(graph([agent("a", { name })])).valid).toBe(true);
  });

  it("the failing name is quoted in the message, shortened when long", () => {
    const result = validateGraph(graph([agent("a", { name: "x".repeat(500) })]));
    expect(result.issues[0]?.message.length).toBeLessThan(200);
  });

  it("an empty or overlong node id is invalid_node and not attributed", () => {
    for (const id of ["", "i".repeat(129)]) {
      const result = validateGraph(graph([{ ...agent("a"), id }]));
      expect(result.issues).toMatchObject([{ code: "invalid_node", path: ["nodes", 0, "id"] }]);
      expect(result.issues[0]?.nodeId).toBeUndefined();
    }
  });

  it("an edge may not point from an unknown-type node, but its other issues still show", () => {
    const result = validateGraph(
      graph([node("x", "robot"), agent("y")], [edge("e1", "x", "nowhere", "tool")]),
    );
    const errors = result.issues.filter((issue) => issue.severity === "error");
    expect(codes(errors).sort()).toEqual(["edge_missing_node", "unknown_node_type"]);
  });

  it("an edge to a missing node does not also cause a missing_child issue", () => {
    const result = validateGraph(graph([node("c", "chain")], [edge("e1", "c", "ghost", "step")]));
    expect(codes(result.issues)).toEqual(["edge_missing_node"]);
  });
});

describe("validateGraph: limits", () => {
  const deepChain = (chains: number) => {
    const nodes = Array.from({ length: chains }, (_, index) => node(`c${index}`, "chain"));
    nodes.push(agent("leaf"));
    const edges = Array.from({ length: chains }, (_, index) =>
      edge(`e${index}`, `c${index}`, index + 1 < chains ? `c${index + 1}` : "leaf", "step"),
    );
    return { nodes, edges };
  };

  it("a 500-node chain nested 499 deep validates, without recursion", () => {
    const { nodes, edges } = deepChain(MAX_NODES - 1);
    const result = validateGraph(graph(nodes, edges));
    expect(result.issues).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("a 500-node cycle is found", () => {
    const { nodes, edges } = deepChain(MAX_NODES - 1);
    edges.push(edge("back", "leaf", "c0", "tool"));
    const result = validateGraph(graph(nodes, edges));
    expect(result.issues).toMatchObject([{ code: "cycle", edgeId: "back", nodeId: "c0" }]);
  });

  it("a chain with 499 steps validates", () => {
    const steps = Array.from({ length: MAX_NODES - 1 }, (_, index) => agent(`s${index}`));
    const edges = steps.map((_, index) => edge(`e${index}`, "c", `s${index}`, "step", { order: index }));
    expect(validateGraph(graph([node("c", "chain"), ...steps], edges)).issues).toEqual([]);
  });

  it("501 nodes are too many", () => {
    const nodes = Array.from({ length: MAX_NODES + 1 }, (_, index) => agent(`a${index}`));
    expect(validateGraph(graph(nodes)).issues).toMatchObject([{ code: "too_many_nodes", path: ["nodes"] }]);
  });

  it("2,001 edges are too many", () => {
    const edges = Array.from({ length: MAX_EDGES + 1 }, (_, index) => edge(`e${index}`, "a", "b", "tool"));
    const result = validateGraph(graph([agent("a"), agent("b")], edges));
    expect(result.issues).toMatchObject([{ code: "too_many_edges", path: ["edges"] }]);
  });

  it("a graph just under 256 KiB is accepted", () => {
    const nodes = ["a", "b"].map((id) => agent(id, { instruction: "x".repeat(100_000) }));
    const result = validateGraph(graph(nodes, [edge("e1", "a", "b", "tool")]));
    expect(result.valid).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Property-based tests

interface TreeNode {
  type: "agent" | "chain" | "parallel";
  data: Json;
  children: TreeNode[];
  fanIn?: TreeNode;
}

const agentDataArbitrary = fc.record({
  useHistory: fc.boolean(),
  model: fc.constantFrom("passthrough", "sonnet", "slow?delayMs=1"),
});

const treeArbitrary: fc.Arbitrary<TreeNode> = fc.letrec<{ tree: TreeNode }>((tie) => ({
  tree: fc.oneof(
    // Bounded depth keeps trees under the 500-node limit (at most 1 + 4 + 16 + 64 + 256 nodes).
    { depthSize: "small", maxDepth: 4, depthIdentifier: "tree", withCrossShrink: true },
    // The leaf comes first: fast-check falls back to the first option once maxDepth is reached.
    fc.record({
      type: fc.constant("agent" as const),
      data: agentDataArbitrary,
      children: fc.constant<TreeNode[]>([]),
    }),
    fc.record({
      type: fc.constant("agent" as const),
      data: agentDataArbitrary,
      children: fc.array(tie("tree"), { minLength: 1, maxLength: 2 }),
    }),
    fc.record({
      type: fc.constant("chain" as const),
      data: fc.record({ cumulative: fc.boolean() }),
      children: fc.array(tie("tree"), { minLength: 1, maxLength: 3 }),
    }),
    fc.record({
      type: fc.constant("parallel" as const),
      data: fc.record({ includeRequest: fc.boolean() }),
      children: fc.array(tie("tree"), { minLength: 1, maxLength: 3 }),
      fanIn: fc.option(tie("tree"), { nil: undefined }),
    }),
  ),
})).tree;

const CHILD_ROLE: Record<TreeNode["type"], EdgeRole> = { agent: "tool", chain: "step", parallel: "fan_out" };

interface BuiltTree {
  graph: { version: 1; entry?: string; nodes: Json[]; edges: Json[] };
  types: TreeNode["type"][];
  /** ancestors[i] lists the ids of node i's proper ancestors. */
  ancestors: string[][];
}

function buildTree(root: TreeNode, withEntry: boolean): BuiltTree {
  const nodes: Json[] = [];
  const edges: Json[] = [];
  const types: TreeNode["type"][] = [];
  const ancestors: string[][] = [];
  const pending: { tree: TreeNode; parentId?: string; role?: EdgeRole; order: number; above: string[] }[] = [
    { tree: root, order: 0, above: [] },
  ];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const index = nodes.length;
    const id = `n${index}`;
    nodes.push({
      id,
      type: item.tree.type,
      position: { x: item.above.length * 260, y: index * 120 },
      data: { name: `node_${index}`, ...item.tree.data },
    });
    types.push(item.tree.type);
    ancestors.push(item.above);
    if (item.parentId !== undefined && item.role !== undefined) {
      edges.push({
        id: `e${edges.length}`,
        source: item.parentId,
        target: id,
        role: item.role,
        order: item.order,
      });
    }
    const above = [...item.above, id];
    item.tree.children.forEach((child, order) =>
      pending.push({ tree: child, parentId: id, role: CHILD_ROLE[item.tree.type], order, above }),
    );
    if (item.tree.fanIn !== undefined)
      pending.push({ tree: item.tree.fanIn, parentId: id, role: "fan_in", order: 0, above });
  }
  return { graph: { version: 1, ...(withEntry ? { entry: "node_0" } : {}), nodes, edges }, types, ancestors };
}

const builtTreeArbitrary = fc
  .tuple(treeArbitrary, fc.boolean())
  .map(([tree, withEntry]) => buildTree(tree, withEntry));

describe("validateGraph: properties", () => {
  it("never throws on arbitrary values", () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expectWellFormed(validateGraph(value));
      }),
      { numRuns: 500 },
    );
  });

  it("never throws on arbitrary JSON", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expectWellFormed(validateGraph(value));
      }),
      { numRuns: 500 },
    );
  });

  it("never throws on graph-shaped values with arbitrary parts", () => {
    const part = fc.oneof(fc.jsonValue(), fc.anything());
    const nodeLike = fc.record(
      {
        id: part,
        type: fc.oneof(fc.constantFrom(...Object.keys(ROLES_BY_TYPE)), part),
        position: part,
        data: part,
      },
      { requiredKeys: [] },
    );
    const edgeLike = fc.record(
      { id: part, source: part, target: part, role: part, order: part },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        fc.record({
          version: fc.constantFrom(1, 1, 2, "1"),
          nodes: fc.array(nodeLike),
          edges: fc.array(edgeLike),
        }),
        (value) => {
          expectWellFormed(validateGraph(value));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("never throws when one field of a valid tree is replaced by anything", () => {
    fc.assert(
      fc.property(
        builtTreeArbitrary,
        fc.nat(),
        fc.nat(),
        fc.jsonValue(),
        ({ graph: built }, pick, fieldPick, value) => {
          const targets = [...built.nodes, ...built.edges, ...built.nodes.map((item) => item.data as Json)];
          const target = targets[pick % targets.length] ?? {};
          const keys = Object.keys(target);
          const key = keys[fieldPick % Math.max(keys.length, 1)] ?? "extra";
          target[key] = value;
          const result = validateGraph(built);
          expectWellFormed(result);
          for (const issue of result.issues) expect(issue.message.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("random trees of chains, parallels and agents are valid", () => {
    fc.assert(
      fc.property(builtTreeArbitrary, ({ graph: built }) => {
        const result = validateGraph(built);
        expect(result.issues).toEqual([]);
        expect(result.valid).toBe(true);
        expect(result.graph).toEqual(built);
      }),
      { numRuns: 300 },
    );
  });

  it("an edge from a descendant back to an ancestor is always a cycle", () => {
    fc.assert(
      fc.property(
        builtTreeArbitrary,
        fc.nat(),
        fc.nat(),
        ({ graph: built, types, ancestors }, pick, ancestorPick) => {
          const candidates = ancestors
            .map((above, index) => ({ above, index }))
            .filter(({ above }) => above.length > 0);
          fc.pre(candidates.length > 0);
          const chosen = candidates[pick % candidates.length];
          if (chosen === undefined) return;
          const ancestorId = chosen.above[ancestorPick % chosen.above.length] ?? "n0";
          const type = types[chosen.index] ?? "agent";
          built.edges.push({
            id: "back",
            source: `n${chosen.index}`,
            target: ancestorId,
            role: CHILD_ROLE[type],
          });
          const result = validateGraph(built);
          expect(result.valid).toBe(false);
          expect(codes(result.issues)).toContain("cycle");
          expect(codes(result.issues).filter((code) => code !== "cycle")).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("renaming a node to another node's name always yields duplicate_name", () => {
    fc.assert(
      fc.property(builtTreeArbitrary, fc.nat(), fc.nat(), ({ graph: built }, first, second) => {
        fc.pre(built.nodes.length >= 2);
        const renamed = first % built.nodes.length;
        const other = (renamed + 1 + (second % (built.nodes.length - 1))) % built.nodes.length;
        const renamedData = built.nodes[renamed]?.data as Json;
        renamedData.name = (built.nodes[other]?.data as Json).name;
        const result = validateGraph(built);
        expect(result.valid).toBe(false);
        const duplicate = result.issues.find((issue) => issue.code === "duplicate_name");
        expect(duplicate).toBeDefined();
        expect([`n${renamed}`, `n${other}`]).toContain(duplicate?.nodeId);
      }),
      { numRuns: 300 },
    );
  });
});

describe("ROLES_BY_TYPE", () => {
  it("matches graph-format.md", () => {
    const expected: Record<NodeType, Record<string, { min: number; max?: number }>> = {
      agent: { tool: { min: 0 } },
      chain: { step: { min: 1 } },
      parallel: { fan_out: { min: 1 }, fan_in: { min: 0, max: 1 } },
      router: { route: { min: 1 } },
      evaluator_optimizer: { generator: { min: 1, max: 1 }, evaluator: { min: 1, max: 1 } },
      orchestrator: { worker: { min: 1 } },
      maker: { worker: { min: 1, max: 1 } },
    };
    expect(ROLES_BY_TYPE).toEqual(expected);
  });
});
