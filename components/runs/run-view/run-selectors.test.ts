import { describe, expect, it } from "vitest";
import { applyRunEvents, INITIAL_RUN_STATE, type RunState } from "@/components/runs/run-state";
import { runCostLabel } from "@/components/runs/run-view/run-cost";
import { nodeStatesOf, stepFacts, stepRows, usageSoFar } from "@/components/runs/run-view/run-selectors";
import type { Graph } from "@/server/designs/graph-schema";
import type { EngineEvent } from "@/server/events/schema";

const usage = { inputTokens: 3, outputTokens: 5, totalTokens: 8, modelCalls: 1 };

function replay(events: EngineEvent[]): RunState {
  return applyRunEvents(
    INITIAL_RUN_STATE,
    events.map((event, index) => ({
      ...event,
      runId: "r",
      seq: index + 1,
      ts: new Date(index * 1_000).toISOString(),
    })),
  );
}

const PARALLEL: EngineEvent[] = [
  { type: "run-start", agent: "p", input: [], designId: null },
  { type: "step-start", stepId: "p", parentStepId: null, agent: "p", nodeId: "n-p", kind: "parallel" },
  {
    type: "step-start",
    stepId: "a",
    parentStepId: "p",
    agent: "a",
    nodeId: "n-a",
    kind: "agent",
    label: "fan-out",
  },
  {
    type: "step-start",
    stepId: "b",
    parentStepId: "p",
    agent: "b",
    nodeId: "n-b",
    kind: "agent",
    label: "fan-out",
  },
  { type: "step-end", stepId: "a", output: "A", usage, durationMs: 1 },
  { type: "input-request", stepId: "b", requestId: "q", prompt: "?" },
];

describe("run view selectors", () => {
  it("lists steps depth-first in start order", () => {
    const rows = stepRows(replay(PARALLEL));
    expect(rows.map((row) => [row.step.stepId, row.depth])).toEqual([
      ["p", 0],
      ["a", 1],
      ["b", 1],
    ]);
  });

  it("counts usage of the outermost finished steps only while running", () => {
    const state = replay([...PARALLEL, { type: "step-end", stepId: "b", output: "B", usage, durationMs: 1 }]);
    expect(usageSoFar(state)).toEqual({ inputTokens: 6, outputTokens: 10, totalTokens: 16, modelCalls: 2 });
    const ended = replay([
      ...PARALLEL,
      { type: "step-end", stepId: "b", output: "B", usage, durationMs: 1 },
      { type: "step-end", stepId: "p", output: "AB", usage: { ...usage, modelCalls: 2 }, durationMs: 2 },
    ]);
    expect(usageSoFar(ended)?.modelCalls).toBe(2);
  });

  it("gives each node its most pressing state", () => {
    expect(nodeStatesOf(replay(PARALLEL))).toEqual({
      "n-p": "running",
      "n-a": "succeeded",
      "n-b": "waiting",
    });
  });

  it("interleaves a step's facts with its children by seq", () => {
    const state = replay([
      { type: "run-start", agent: "r", input: [], designId: null },
      { type: "step-start", stepId: "r", parentStepId: null, agent: "r", nodeId: "n-r", kind: "router" },
      { type: "route-decision", stepId: "r", agent: "x", confidence: "low", reasoning: null },
      { type: "step-start", stepId: "x", parentStepId: "r", agent: "x", nodeId: "n-x", kind: "agent" },
    ]);
    const step = state.steps.r;
    expect(step && stepFacts(state, step).map((fact) => fact.kind)).toEqual(["route", "child"]);
  });
});

function graphWith(models: (string | undefined)[], defaultModel?: string): Graph {
  return {
    version: 1,
    ...(defaultModel === undefined ? {} : { defaultModel }),
    nodes: [
      ...models.map((model, index) => ({
        id: `a${index}`,
        type: "agent" as const,
        position: { x: 0, y: 0 },
        data: { name: `a${index}`, ...(model === undefined ? {} : { model }) },
      })),
      { id: "c", type: "chain" as const, position: { x: 0, y: 0 }, data: { name: "c" } },
    ],
    edges: [],
  };
}

describe("runCostLabel", () => {
  it("is free when every model is a built-in offline one", () => {
    expect(runCostLabel(graphWith(["passthrough", "slow?delayMs=10", undefined]))).toBe("$0.00");
    expect(runCostLabel(graphWith([undefined], "scripted?replies=%5B%5D"))).toBe("$0.00");
  });

  it("is unknown as soon as one node may call a paid model", () => {
    expect(runCostLabel(graphWith(["passthrough", "openai.gpt-4.1"]))).toBe("cost unknown");
    expect(runCostLabel(graphWith([undefined], "sonnet"))).toBe("cost unknown");
  });
});
