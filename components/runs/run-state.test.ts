import { describe, expect, it } from "vitest";
import { applyRunEvent, INITIAL_RUN_STATE, type RunState } from "@/components/runs/run-state";
import type { EngineEvent, RunEvent } from "@/server/events/schema";

const usage = { inputTokens: 3, outputTokens: 5, totalTokens: 8, modelCalls: 1 };

function replay(events: EngineEvent[]): RunState {
  return events
    .map((event, index) => ({ ...event, runId: "r", seq: index + 1, ts: "2026-01-01T00:00:00.000Z" }))
    .reduce(applyRunEvent, INITIAL_RUN_STATE);
}

describe("applyRunEvent", () => {
  it("builds the step tree and the streamed text from events alone", () => {
    const state = replay([
      { type: "run-start", agent: "chain", input: [], designId: null },
      { type: "step-start", stepId: "s1", parentStepId: null, agent: "chain", nodeId: "c", kind: "chain" },
      {
        type: "step-start",
        stepId: "s2",
        parentStepId: "s1",
        agent: "writer",
        nodeId: "w",
        kind: "agent",
        label: "step 1",
      },
      { type: "step-delta", stepId: "s2", text: "Hel" },
      { type: "step-delta", stepId: "s2", text: "lo" },
    ]);
    expect(state.status).toBe("running");
    expect(state.stepOrder).toEqual(["s1", "s2"]);
    expect(state.steps.s2).toMatchObject({
      parentStepId: "s1",
      text: "Hello",
      status: "running",
      label: "step 1",
    });
  });

  it("ends with the run's status, output and usage", () => {
    const state = replay([
      { type: "run-start", agent: "a", input: [], designId: null },
      { type: "step-start", stepId: "s1", parentStepId: null, agent: "a", nodeId: "a", kind: "agent" },
      { type: "tool-call", stepId: "s1", callId: "t1", tool: "fs__read", arguments: { path: "x" } },
      { type: "tool-result", stepId: "s1", callId: "t1", tool: "fs__read", content: "data", isError: false },
      { type: "step-end", stepId: "s1", output: "final", usage, durationMs: 12 },
      { type: "run-end", status: "succeeded", output: "final", usage },
    ]);
    expect(state).toMatchObject({ status: "succeeded", output: "final", usage });
    expect(state.steps.s1).toMatchObject({ status: "succeeded", text: "final", durationMs: 12 });
    expect(state.steps.s1?.toolCalls).toEqual([
      { callId: "t1", tool: "fs__read", arguments: { path: "x" }, result: "data", isError: false },
    ]);
  });

  it("tracks pending human input", () => {
    const waiting = replay([
      { type: "run-start", agent: "a", input: [], designId: null },
      { type: "step-start", stepId: "s1", parentStepId: null, agent: "a", nodeId: "a", kind: "agent" },
      { type: "input-request", stepId: "s1", requestId: "q1", prompt: "Which city?" },
    ]);
    expect(waiting.status).toBe("waiting_for_input");
    expect(waiting.pendingInputs).toEqual([
      { requestId: "q1", stepId: "s1", prompt: "Which city?", description: undefined },
    ]);
    const answered = applyRunEvent(waiting, {
      type: "input-response",
      stepId: "s1",
      requestId: "q1",
      response: "Paris",
      runId: "r",
      seq: 4,
      ts: "2026-01-01T00:00:00.000Z",
    });
    expect(answered).toMatchObject({ status: "running", pendingInputs: [] });
  });

  it("ignores an event it has already applied", () => {
    const once = replay([{ type: "run-start", agent: "a", input: [], designId: null }]);
    const event: RunEvent = { type: "log", level: "info", message: "x", runId: "r", seq: 1, ts: "" };
    expect(applyRunEvent(once, event)).toBe(once);
  });
});
