import { describe, expect, it } from "vitest";
import type { Graph } from "@/server/designs/graph-schema";
import { checkConnection } from "./connection-rules";
import { addNode, connectNodes } from "./graph-edits";
import { researchDeskGraph } from "./test-graphs";

function withNodes(graph: Graph, ...nodes: [id: string, type: Parameters<typeof addNode>[1]][]): Graph {
  let next = graph;
  for (const [id, type] of nodes) next = addNode(next, type, { x: 0, y: 0 }, { createId: () => id }).graph;
  return next;
}

function reasonOf(result: ReturnType<typeof checkConnection>): string {
  return result.ok ? "" : result.reason;
}

describe("checkConnection", () => {
  const graph = researchDeskGraph();

  it("accepts a fresh allowed edge", () => {
    expect(checkConnection(graph, { source: "r", target: "a1", role: "route" })).toEqual({ ok: true });
    expect(checkConnection(graph, { source: "a1", target: "a3", role: "tool" })).toEqual({ ok: true });
  });

  it("refuses self-loops", () => {
    expect(reasonOf(checkConnection(graph, { source: "a1", target: "a1", role: "tool" }))).toBe(
      '"finder" cannot be its own tool.',
    );
  });

  it("refuses roles the source type does not have, in words", () => {
    expect(reasonOf(checkConnection(graph, { source: "c", target: "a3", role: "fan_out" }))).toBe(
      "A chain's children are steps; fan_out is for parallel workflows.",
    );
    expect(reasonOf(checkConnection(graph, { source: "a1", target: "a3", role: "step" }))).toBe(
      "An agent's children are tools; step is for chains.",
    );
    expect(reasonOf(checkConnection(graph, { source: "r", target: "a3", role: "worker" }))).toBe(
      "A router's children are routes; worker is for orchestrators and MAKER nodes.",
    );
  });

  it("refuses a role at its maximum count", () => {
    let eo = withNodes(graph, ["eo", "evaluator_optimizer"], ["m", "maker"], ["p", "parallel"]);
    for (const [source, role] of [
      ["eo", "generator"],
      ["m", "worker"],
      ["p", "fan_in"],
    ] as const) {
      eo = connectNodes(eo, { source, target: "a1", role }).graph;
    }
    expect(reasonOf(checkConnection(eo, { source: "eo", target: "a2", role: "generator" }))).toMatch(
      /^An evaluator-optimizer has exactly one generator, and "evaluator_optimizer_1" already has one\./,
    );
    expect(reasonOf(checkConnection(eo, { source: "m", target: "a2", role: "worker" }))).toMatch(
      /^A MAKER node has exactly one worker/,
    );
    expect(reasonOf(checkConnection(eo, { source: "p", target: "a2", role: "fan_in" }))).toMatch(
      /^A parallel workflow has at most one fan-in agent/,
    );
    expect(checkConnection(eo, { source: "eo", target: "a2", role: "evaluator" }).ok).toBe(true);
    expect(checkConnection(eo, { source: "p", target: "a2", role: "fan_out" }).ok).toBe(true);
  });

  it("refuses duplicates", () => {
    expect(reasonOf(checkConnection(graph, { source: "c", target: "a1", role: "step" }))).toBe(
      '"finder" is already a step of "research".',
    );
  });

  it("refuses cycles, direct and indirect", () => {
    expect(reasonOf(checkConnection(graph, { source: "c", target: "r", role: "step" }))).toMatch(/cycle/);
    expect(reasonOf(checkConnection(graph, { source: "a1", target: "r", role: "tool" }))).toBe(
      'This would make a cycle: "front_desk" already contains "finder", and a workflow cannot contain itself.',
    );
  });

  it("refuses edges to nodes that are gone", () => {
    expect(checkConnection(graph, { source: "r", target: "nope", role: "route" }).ok).toBe(false);
  });
});
