import { describe, expect, it } from "vitest";
import {
  applyRunEvent,
  applyRunEvents,
  INITIAL_RUN_STATE,
  leavesGap,
  type RunState,
} from "@/components/runs/run-state";
import type { EngineEvent, RunEvent } from "@/server/events/schema";

const usage = { inputTokens: 3, outputTokens: 5, totalTokens: 8, modelCalls: 1 };
const START = Date.parse("2026-01-01T00:00:00.000Z");

/** Stores engine events as the log would: seq 1, 2, 3, ... and one second apart. */
function stored(events: EngineEvent[]): RunEvent[] {
  return events.map((event, index) => ({
    ...event,
    runId: "r",
    seq: index + 1,
    ts: new Date(START + index * 1_000).toISOString(),
  }));
}

function replay(events: EngineEvent[]): RunState {
  return applyRunEvents(INITIAL_RUN_STATE, stored(events));
}

function at(seconds: number): string {
  return new Date(START + seconds * 1_000).toISOString();
}

/** A run that uses every kind of event: workflows nested three deep, tools, input and a failure. */
const FULL_RUN: EngineEvent[] = [
  { type: "run-start", agent: "desk", input: [], designId: "d" },
  {
    type: "step-start",
    stepId: "chain",
    parentStepId: null,
    agent: "desk",
    nodeId: "n-chain",
    kind: "chain",
  },
  {
    type: "step-start",
    stepId: "router",
    parentStepId: "chain",
    agent: "front",
    nodeId: "n-router",
    kind: "router",
    label: "step 1",
  },
  {
    type: "route-decision",
    stepId: "router",
    agent: "research",
    confidence: "high",
    reasoning: "a research question",
  },
  {
    type: "step-start",
    stepId: "fan",
    parentStepId: "router",
    agent: "research",
    nodeId: "n-fan",
    kind: "parallel",
    label: "route",
  },
  {
    type: "step-start",
    stepId: "a",
    parentStepId: "fan",
    agent: "finder",
    nodeId: "n-a",
    kind: "agent",
    label: "fan-out",
  },
  {
    type: "step-start",
    stepId: "b",
    parentStepId: "fan",
    agent: "reader",
    nodeId: "n-b",
    kind: "agent",
    label: "fan-out",
  },
  { type: "tool-call", stepId: "a", callId: "t1", tool: "fs__read", arguments: { path: "x" } },
  { type: "step-delta", stepId: "b", text: "par" },
  {
    type: "tool-result",
    stepId: "a",
    callId: "t1",
    tool: "fs__read",
    content: "no such file",
    isError: true,
  },
  { type: "step-delta", stepId: "a", text: "found", turn: 2 },
  { type: "step-delta", stepId: "b", text: "tial" },
  { type: "step-end", stepId: "a", output: "found", usage, durationMs: 4_000 },
  { type: "step-error", stepId: "b", error: "The model refused." },
  { type: "step-end", stepId: "fan", output: "found", usage, durationMs: 9_000 },
  { type: "step-end", stepId: "router", output: "found", usage, durationMs: 12_000 },
  {
    type: "step-start",
    stepId: "eo",
    parentStepId: "chain",
    agent: "polish",
    nodeId: "n-eo",
    kind: "evaluator_optimizer",
    label: "step 2",
  },
  {
    type: "evaluation",
    stepId: "eo",
    iteration: 0,
    rating: "FAIR",
    feedback: "Too short.",
    needsImprovement: true,
    focusAreas: ["length"],
  },
  {
    type: "plan",
    stepId: "eo",
    iteration: 0,
    description: "Write more",
    tasks: [{ description: "expand", agent: "writer" }],
    isComplete: false,
  },
  { type: "vote", stepId: "eo", sample: 1, key: "yes", votes: { yes: 1 } },
  { type: "vote", stepId: "eo", sample: 2, key: null, votes: { yes: 1 } },
  { type: "input-request", stepId: "eo", requestId: "q1", prompt: "Which city?", description: "One word" },
  { type: "input-response", stepId: "eo", requestId: "q1", response: "Paris" },
  { type: "log", stepId: "eo", level: "warn", message: "slow model" },
  { type: "log", level: "info", message: "run-level note" },
  { type: "run-end", status: "cancelled", output: null, error: "Cancelled by the user.", usage },
];

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
    expect(state.rootStepIds).toEqual(["s1"]);
    expect(state.steps.s1?.children).toEqual(["s2"]);
    expect(state.steps.s2).toMatchObject({
      parentStepId: "s1",
      nodeId: "w",
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
      { type: "step-end", stepId: "s1", output: "final", usage, durationMs: 12, stopReason: "end_turn" },
      { type: "run-end", status: "succeeded", output: "final", usage },
    ]);
    expect(state).toMatchObject({ status: "succeeded", output: "final", usage, endedAt: at(5) });
    expect(state.steps.s1).toMatchObject({
      status: "succeeded",
      text: "final",
      durationMs: 12,
      stopReason: "end_turn",
    });
    expect(state.steps.s1?.toolCalls).toEqual([
      {
        seq: 3,
        callId: "t1",
        tool: "fs__read",
        arguments: { path: "x" },
        calledAt: at(2),
        result: "data",
        isError: false,
        resultAt: at(3),
      },
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
      ts: at(3),
    });
    expect(answered).toMatchObject({ status: "running", pendingInputs: [] });
    expect(answered.steps.s1?.inputs).toEqual([
      {
        seq: 3,
        requestId: "q1",
        prompt: "Which city?",
        requestedAt: at(2),
        response: "Paris",
        answeredAt: at(3),
      },
    ]);
  });

  it("ignores an event it has already applied", () => {
    const once = replay([{ type: "run-start", agent: "a", input: [], designId: null }]);
    const event: RunEvent = { type: "log", level: "info", message: "x", runId: "r", seq: 1, ts: "" };
    expect(applyRunEvent(once, event)).toBe(once);
  });

  it("gives the same state for a replay and for the same events with duplicates and resumes", () => {
    const events = stored(FULL_RUN);
    const clean = applyRunEvents(INITIAL_RUN_STATE, events);
    // Each event twice, then a reconnect that resends from seq 5, then the whole log again.
    const noisy = [...events.flatMap((event) => [event, event]), ...events.slice(4), ...events];
    expect(applyRunEvents(INITIAL_RUN_STATE, noisy)).toEqual(clean);
    // Delivered live in two halves, with the second half overlapping the first.
    const half = Math.floor(events.length / 2);
    const live = applyRunEvents(
      applyRunEvents(INITIAL_RUN_STATE, events.slice(0, half)),
      events.slice(half - 3),
    );
    expect(live).toEqual(clean);
    expect(clean.lastSeq).toBe(events.length);
  });

  it("times every step with its events' timestamps", () => {
    const state = replay(FULL_RUN);
    expect(state.startedAt).toBe(at(0));
    expect(state.endedAt).toBe(at(FULL_RUN.length - 1));
    expect(state.lastEventAt).toBe(at(FULL_RUN.length - 1));
    expect(state.steps.a).toMatchObject({ startedAt: at(5), endedAt: at(12), durationMs: 4_000 });
    expect(state.steps.b).toMatchObject({ startedAt: at(6), endedAt: at(13), status: "failed" });
    expect(state.steps.router).toMatchObject({ startedAt: at(2), endedAt: at(15) });
  });

  it("keeps the tree's order: roots, children in start order", () => {
    const state = replay(FULL_RUN);
    expect(state.rootStepIds).toEqual(["chain"]);
    expect(state.steps.chain?.children).toEqual(["router", "eo"]);
    expect(state.steps.router?.children).toEqual(["fan"]);
    expect(state.steps.fan?.children).toEqual(["a", "b"]);
    expect(state.stepOrder).toEqual(["chain", "router", "fan", "a", "b", "eo"]);
  });

  it("keeps route decisions, evaluations, plans and votes as structured facts", () => {
    const state = replay(FULL_RUN);
    expect(state.steps.router?.routeDecisions).toEqual([
      { seq: 4, ts: at(3), agent: "research", confidence: "high", reasoning: "a research question" },
    ]);
    expect(state.steps.eo?.evaluations).toEqual([
      {
        seq: 18,
        ts: at(17),
        iteration: 0,
        rating: "FAIR",
        feedback: "Too short.",
        needsImprovement: true,
        focusAreas: ["length"],
      },
    ]);
    expect(state.steps.eo?.plans).toEqual([
      {
        seq: 19,
        ts: at(18),
        iteration: 0,
        description: "Write more",
        tasks: [{ description: "expand", agent: "writer" }],
        isComplete: false,
      },
    ]);
    expect(state.steps.eo?.votes.map((vote) => ({ sample: vote.sample, key: vote.key }))).toEqual([
      { sample: 1, key: "yes" },
      { sample: 2, key: null },
    ]);
    expect(state.steps.eo?.logs).toEqual([{ seq: 24, ts: at(23), level: "warn", message: "slow model" }]);
    expect(state.logs).toEqual([{ seq: 25, ts: at(24), level: "info", message: "run-level note" }]);
  });

  it("records tool calls with their arguments and marks failed results", () => {
    const state = replay(FULL_RUN);
    expect(state.steps.a?.toolCalls).toEqual([
      {
        seq: 8,
        callId: "t1",
        tool: "fs__read",
        arguments: { path: "x" },
        calledAt: at(7),
        result: "no such file",
        isError: true,
        resultAt: at(9),
      },
    ]);
    // The second model call's text replaces the first's: the step answers with its last turn.
    expect(state.steps.a?.text).toBe("found");
  });

  it("keeps a failed step's error and partial text", () => {
    const state = replay(FULL_RUN);
    expect(state.steps.b).toMatchObject({ status: "failed", error: "The model refused.", text: "partial" });
  });

  it("stops the steps still running when the run ends", () => {
    const state = replay(FULL_RUN);
    expect(state.status).toBe("cancelled");
    expect(state.error).toBe("Cancelled by the user.");
    expect(state.steps.chain).toMatchObject({ status: "cancelled", endedAt: at(FULL_RUN.length - 1) });
    expect(state.steps.eo).toMatchObject({ status: "cancelled" });
    expect(state.steps.a?.status).toBe("succeeded");
    const interrupted = replay([
      { type: "run-start", agent: "a", input: [], designId: null },
      { type: "step-start", stepId: "s1", parentStepId: null, agent: "a", nodeId: "a", kind: "agent" },
      { type: "run-end", status: "interrupted", output: null, error: "The server stopped.", usage },
    ]);
    expect(interrupted.steps.s1?.status).toBe("interrupted");
  });

  it("does not bring a finished run back to running on a late input response", () => {
    const ended = replay([
      { type: "run-start", agent: "a", input: [], designId: null },
      { type: "step-start", stepId: "s1", parentStepId: null, agent: "a", nodeId: "a", kind: "agent" },
      { type: "input-request", stepId: "s1", requestId: "q1", prompt: "?" },
      { type: "run-end", status: "cancelled", output: null, usage },
      { type: "input-response", stepId: "s1", requestId: "q1", response: "late" },
    ]);
    expect(ended.status).toBe("cancelled");
  });

  it("keeps a step whose parent it never saw as a root", () => {
    const state = replay([
      {
        type: "step-start",
        stepId: "orphan",
        parentStepId: "missing",
        agent: "a",
        nodeId: "a",
        kind: "agent",
      },
    ]);
    expect(state.rootStepIds).toEqual(["orphan"]);
  });
});

describe("leavesGap", () => {
  it("accepts the next seq and repeats, and flags a jump", () => {
    const state = replay([{ type: "run-start", agent: "a", input: [], designId: null }]);
    expect(leavesGap(state, { seq: 2 })).toBe(false);
    expect(leavesGap(state, { seq: 1 })).toBe(false);
    expect(leavesGap(state, { seq: 3 })).toBe(true);
    expect(leavesGap(INITIAL_RUN_STATE, { seq: 1 })).toBe(false);
    expect(leavesGap(INITIAL_RUN_STATE, { seq: 2 })).toBe(true);
  });
});
