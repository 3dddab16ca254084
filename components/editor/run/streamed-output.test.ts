import { describe, expect, it } from "vitest";
import { streamedOutput } from "@/components/editor/run/streamed-output";
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

const CHAIN: EngineEvent[] = [
  { type: "step-start", stepId: "c", parentStepId: null, agent: "pipeline", nodeId: "c", kind: "chain" },
  { type: "step-start", stepId: "a", parentStepId: "c", agent: "writer", nodeId: "a", kind: "agent" },
  { type: "step-delta", stepId: "a", text: "draft" },
];

describe("streamedOutput", () => {
  it("is empty before anything streamed", () => {
    expect(streamedOutput(INITIAL_RUN_STATE)).toEqual({ text: "", from: null });
  });

  it("shows the top step's own text as the run's", () => {
    const state = replay([
      { type: "step-start", stepId: "a", parentStepId: null, agent: "echo", nodeId: "a", kind: "agent" },
      { type: "step-delta", stepId: "a", text: "hello" },
    ]);
    expect(streamedOutput(state)).toEqual({ text: "hello", from: null });
  });

  it("shows the newest talking step, named, while a workflow has not answered yet", () => {
    expect(streamedOutput(replay(CHAIN))).toEqual({ text: "draft", from: "writer" });
  });

  it("shows the run's output once it has ended", () => {
    const state = replay([
      ...CHAIN,
      { type: "step-end", stepId: "a", output: "draft", usage, durationMs: 1 },
      { type: "step-end", stepId: "c", output: "final", usage, durationMs: 1 },
      { type: "run-end", status: "succeeded", output: "final", usage },
    ]);
    expect(streamedOutput(state)).toEqual({ text: "final", from: null });
  });
});
