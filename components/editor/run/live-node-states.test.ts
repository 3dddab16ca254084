import { describe, expect, it } from "vitest";
import {
  charactersBadge,
  liveNodeStates,
  sameLiveNodeStates,
} from "@/components/editor/run/live-node-states";
import { applyRunEvents, INITIAL_RUN_STATE, type RunState } from "@/components/runs/run-state";
import type { EngineEvent } from "@/server/events/schema";

const usage = { inputTokens: 1, outputTokens: 1, totalTokens: 2, modelCalls: 1 };

function replay(events: readonly EngineEvent[]): RunState {
  return applyRunEvents(
    INITIAL_RUN_STATE,
    events.map((event, index) => ({
      ...event,
      runId: "r",
      seq: index + 1,
      ts: new Date(index).toISOString(),
    })),
  );
}

function start(
  stepId: string,
  nodeId: string,
  kind: "agent" | "chain" | "evaluator_optimizer" | "router",
  parent: string | null = null,
): EngineEvent {
  return { type: "step-start", stepId, parentStepId: parent, agent: nodeId, nodeId, kind };
}

describe("liveNodeStates", () => {
  it("reports nothing before any step has started", () => {
    expect(liveNodeStates(INITIAL_RUN_STATE)).toEqual({ states: {}, badges: {} });
    expect(liveNodeStates(replay([{ type: "run-start", agent: "c", input: [], designId: null }]))).toEqual({
      states: {},
      badges: {},
    });
  });

  it("follows a chain: running steps, then finished ones, with each agent's streamed length", () => {
    const running = replay([
      start("c", "chain", "chain"),
      start("s1", "writer", "agent", "c"),
      { type: "step-delta", stepId: "s1", text: "Hello, " },
      { type: "step-delta", stepId: "s1", text: "world" },
    ]);
    expect(liveNodeStates(running)).toEqual({
      states: { chain: "running", writer: "running" },
      badges: { writer: "12 chars" },
    });

    const done = replay([
      start("c", "chain", "chain"),
      start("s1", "writer", "agent", "c"),
      { type: "step-end", stepId: "s1", output: "x".repeat(1_412), usage, durationMs: 1 },
      start("s2", "editor", "agent", "c"),
      { type: "step-error", stepId: "s2", error: "boom" },
      { type: "step-error", stepId: "c", error: "boom" },
    ]);
    expect(liveNodeStates(done)).toEqual({
      states: { chain: "failed", writer: "succeeded", editor: "failed" },
      badges: { writer: "1,412 chars", editor: "0 chars" },
    });
  });

  it("keeps a node running while any of its steps runs, and reports its newest step otherwise", () => {
    const twoCalls = [
      start("p", "fan", "chain"),
      start("a1", "worker", "agent", "p"),
      start("a2", "worker", "agent", "p"),
    ];
    // The newest step finished, the older one still runs: still running.
    expect(
      liveNodeStates(
        replay([...twoCalls, { type: "step-end", stepId: "a2", output: "ok", usage, durationMs: 1 }]),
      ).states.worker,
    ).toBe("running");
    // Both done; the newest failed, so the node shows failed even though the first succeeded.
    expect(
      liveNodeStates(
        replay([
          ...twoCalls,
          { type: "step-end", stepId: "a1", output: "ok", usage, durationMs: 1 },
          { type: "step-error", stepId: "a2", error: "no" },
        ]),
      ).states.worker,
    ).toBe("failed");
  });

  it("shows a node waiting while its step waits for an answer, then running again", () => {
    const asked: EngineEvent[] = [
      start("h", "helper", "agent"),
      { type: "input-request", stepId: "h", requestId: "q1", prompt: "Which colour?" },
    ];
    expect(liveNodeStates(replay(asked)).states.helper).toBe("waiting");
    const answered = replay([
      ...asked,
      { type: "input-response", stepId: "h", requestId: "q1", response: "teal" },
    ]);
    expect(liveNodeStates(answered).states.helper).toBe("running");
  });

  it("badges an evaluator–optimizer with its last rating and a router with its choice", () => {
    const state = replay([
      start("eo", "refine", "evaluator_optimizer"),
      {
        type: "evaluation",
        stepId: "eo",
        iteration: 0,
        rating: "FAIR",
        feedback: "",
        needsImprovement: true,
        focusAreas: [],
      },
      {
        type: "evaluation",
        stepId: "eo",
        iteration: 1,
        rating: "GOOD",
        feedback: "",
        needsImprovement: false,
        focusAreas: [],
      },
      start("r", "desk", "router"),
      { type: "route-decision", stepId: "r", agent: "research", confidence: "high", reasoning: null },
    ]);
    expect(liveNodeStates(state).badges).toEqual({ refine: "GOOD", desk: "→ research" });
  });

  it("stops what still ran when the run ends", () => {
    const state = replay([
      start("a", "slow", "agent"),
      { type: "run-end", status: "cancelled", output: null, usage },
    ]);
    expect(liveNodeStates(state).states).toEqual({ slow: "cancelled" });
    const interrupted = replay([
      start("a", "slow", "agent"),
      { type: "run-end", status: "interrupted", output: null, usage },
    ]);
    expect(liveNodeStates(interrupted).states).toEqual({ slow: "cancelled" });
  });
});

describe("charactersBadge", () => {
  it("counts in words", () => {
    expect(charactersBadge(0)).toBe("0 chars");
    expect(charactersBadge(1)).toBe("1 char");
    expect(charactersBadge(412)).toBe("412 chars");
  });
});

describe("sameLiveNodeStates", () => {
  it("compares contents, not identities", () => {
    const first = { states: { a: "running" as const }, badges: { a: "3 chars" } };
    expect(sameLiveNodeStates(first, { states: { a: "running" }, badges: { a: "3 chars" } })).toBe(true);
    expect(sameLiveNodeStates(first, { states: { a: "running" }, badges: { a: "4 chars" } })).toBe(false);
    expect(
      sameLiveNodeStates(first, { states: { a: "running", b: "running" }, badges: { a: "3 chars" } }),
    ).toBe(false);
    expect(sameLiveNodeStates(null, null)).toBe(true);
    expect(sameLiveNodeStates(first, null)).toBe(false);
  });
});
