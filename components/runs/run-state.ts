import type { NodeType } from "@/server/designs/graph-schema";
import type { RunEvent, RunStatus, ToolResultPart, Usage } from "@/server/events/schema";

/**
 * A run's state as the page shows it, rebuilt from its events alone: the same reducer serves the
 * live stream and a replay, so a finished run looks exactly as it did live. Times are the events'
 * own `ts` (server clock), never the browser's, for the same reason.
 */

/** Steps still running when the run ends were stopped by it: they take the run's reason. */
export type StepStatus = "running" | "succeeded" | "failed" | "cancelled" | "interrupted";

/** Every fact below keeps the seq that produced it, so views can interleave facts and children. */
export type ToolCallState = {
  seq: number;
  callId: string;
  tool: string;
  arguments: unknown;
  calledAt: string;
  result?: string;
  isError?: boolean;
  resultAt?: string;
  /** Images and resources of the result. */
  parts?: ToolResultPart[];
  /** The latest progress the tool reported while it ran. */
  progress?: ToolProgress;
};

export type ToolProgress = { progress: number; total?: number; message?: string };

export type RouteDecision = {
  seq: number;
  ts: string;
  agent: string | null;
  confidence: "high" | "medium" | "low" | null;
  reasoning: string | null;
};

export type EvaluationRound = {
  seq: number;
  ts: string;
  iteration: number;
  rating: "POOR" | "FAIR" | "GOOD" | "EXCELLENT";
  feedback: string;
  needsImprovement: boolean;
  focusAreas: string[];
};

export type PlanIteration = {
  seq: number;
  ts: string;
  iteration: number;
  description: string;
  tasks: { description: string; agent: string }[];
  isComplete: boolean;
};

export type VoteSample = {
  seq: number;
  ts: string;
  sample: number;
  /** Null when the sample was red-flagged and did not vote. */
  key: string | null;
  votes: Record<string, number>;
};

export type InputExchange = {
  seq: number;
  requestId: string;
  prompt: string;
  description?: string;
  requestedAt: string;
  response?: string;
  answeredAt?: string;
};

export type LogEntry = { seq: number; ts: string; level: "info" | "warn" | "error"; message: string };

export type StepState = {
  stepId: string;
  parentStepId: string | null;
  nodeId: string;
  agent: string;
  kind: NodeType;
  label?: string;
  status: StepStatus;
  startSeq: number;
  startedAt: string;
  endedAt?: string;
  /** Streamed text of the current model call (step-delta), replaced by the output at step-end. */
  text: string;
  turn: number;
  stopReason?: string;
  error?: string;
  durationMs?: number;
  usage?: Usage;
  /** Child step ids in the order they started. */
  children: string[];
  toolCalls: ToolCallState[];
  routeDecisions: RouteDecision[];
  evaluations: EvaluationRound[];
  plans: PlanIteration[];
  votes: VoteSample[];
  inputs: InputExchange[];
  logs: LogEntry[];
};

export type PendingInput = { requestId: string; stepId: string; prompt: string; description?: string };

export type RunState = {
  status: RunStatus;
  lastSeq: number;
  agent: string | null;
  startedAt: string | null;
  endedAt: string | null;
  /** The newest event's ts: a lower bound for "now" that does not depend on the browser's clock. */
  lastEventAt: string | null;
  steps: Record<string, StepState>;
  /** Every step id in start order. */
  stepOrder: string[];
  /** Steps without a (known) parent, in start order. */
  rootStepIds: string[];
  output: string | null;
  error: string | null;
  usage: Usage | null;
  pendingInputs: PendingInput[];
  /** Log events that belong to no step. */
  logs: LogEntry[];
};

export const INITIAL_RUN_STATE: RunState = {
  status: "queued",
  lastSeq: 0,
  agent: null,
  startedAt: null,
  endedAt: null,
  lastEventAt: null,
  steps: {},
  stepOrder: [],
  rootStepIds: [],
  output: null,
  error: null,
  usage: null,
  pendingInputs: [],
  logs: [],
};

/**
 * Whether applying this event would skip some: the log has no gaps, so a jump means events were
 * lost on the way and the stream must be resumed from `lastSeq` instead.
 */
export function leavesGap(state: Pick<RunState, "lastSeq">, event: Pick<RunEvent, "seq">): boolean {
  return event.seq > state.lastSeq + 1;
}

function updateStep(state: RunState, stepId: string, change: (step: StepState) => StepState): RunState {
  const step = state.steps[stepId];
  return step ? { ...state, steps: { ...state.steps, [stepId]: change(step) } } : state;
}

function startStep(state: RunState, event: Extract<RunEvent, { type: "step-start" }>): RunState {
  if (state.steps[event.stepId]) return state;
  const parent = event.parentStepId === null ? undefined : state.steps[event.parentStepId];
  const step: StepState = {
    stepId: event.stepId,
    parentStepId: event.parentStepId,
    nodeId: event.nodeId,
    agent: event.agent,
    kind: event.kind,
    ...(event.label === undefined ? {} : { label: event.label }),
    status: "running",
    startSeq: event.seq,
    startedAt: event.ts,
    text: "",
    turn: 1,
    children: [],
    toolCalls: [],
    routeDecisions: [],
    evaluations: [],
    plans: [],
    votes: [],
    inputs: [],
    logs: [],
  };
  const steps = { ...state.steps, [event.stepId]: step };
  if (parent) steps[parent.stepId] = { ...parent, children: [...parent.children, event.stepId] };
  return {
    ...state,
    steps,
    stepOrder: [...state.stepOrder, event.stepId],
    rootStepIds: parent ? state.rootStepIds : [...state.rootStepIds, event.stepId],
  };
}

function endRun(state: RunState, event: Extract<RunEvent, { type: "run-end" }>): RunState {
  // Whatever still runs was stopped with the run; it must not look alive forever.
  const stoppedAs: StepStatus = event.status === "interrupted" ? "interrupted" : "cancelled";
  const steps: Record<string, StepState> = {};
  for (const [stepId, step] of Object.entries(state.steps)) {
    steps[stepId] = step.status === "running" ? { ...step, status: stoppedAs, endedAt: event.ts } : step;
  }
  return {
    ...state,
    status: event.status,
    endedAt: event.ts,
    output: event.output,
    error: event.error ?? null,
    usage: event.usage,
    pendingInputs: [],
    steps,
  };
}

export function applyRunEvent(state: RunState, event: RunEvent): RunState {
  // Events are applied once each, in order; a seq already seen is a repeat (replay, reconnect).
  if (event.seq <= state.lastSeq) return state;
  const next: RunState = { ...state, lastSeq: event.seq, lastEventAt: event.ts };
  switch (event.type) {
    case "run-start":
      return { ...next, status: "running", agent: event.agent, startedAt: event.ts };
    case "run-end":
      return endRun(next, event);
    case "step-start":
      return startStep(next, event);
    case "step-delta":
      // A new model call of the same step (after tool calls) starts its text afresh.
      return updateStep(next, event.stepId, (step) =>
        (event.turn ?? 1) === step.turn
          ? { ...step, text: step.text + event.text }
          : { ...step, text: event.text, turn: event.turn ?? 1 },
      );
    case "step-end":
      return updateStep(next, event.stepId, (step) => ({
        ...step,
        status: "succeeded",
        text: event.output,
        endedAt: event.ts,
        durationMs: event.durationMs,
        usage: event.usage,
        ...(event.stopReason === undefined ? {} : { stopReason: event.stopReason }),
      }));
    case "step-error":
      return updateStep(next, event.stepId, (step) => ({
        ...step,
        status: "failed",
        error: event.error,
        endedAt: event.ts,
      }));
    case "tool-call":
      return updateStep(next, event.stepId, (step) => ({
        ...step,
        toolCalls: [
          ...step.toolCalls,
          {
            seq: event.seq,
            callId: event.callId,
            tool: event.tool,
            arguments: event.arguments,
            calledAt: event.ts,
          },
        ],
      }));
    case "tool-result":
      return updateStep(next, event.stepId, (step) => ({
        ...step,
        toolCalls: step.toolCalls.map((call) =>
          call.callId === event.callId
            ? {
                ...call,
                result: event.content,
                isError: event.isError,
                resultAt: event.ts,
                ...(event.parts === undefined ? {} : { parts: event.parts }),
              }
            : call,
        ),
      }));
    case "tool-progress":
      return updateStep(next, event.stepId, (step) => ({
        ...step,
        toolCalls: step.toolCalls.map((call) =>
          call.callId === event.callId
            ? {
                ...call,
                progress: {
                  progress: event.progress,
                  ...(event.total === undefined ? {} : { total: event.total }),
                  ...(event.message === undefined ? {} : { message: event.message }),
                },
              }
            : call,
        ),
      }));
    case "route-decision":
      return updateStep(next, event.stepId, (step) => ({
        ...step,
        routeDecisions: [
          ...step.routeDecisions,
          {
            seq: event.seq,
            ts: event.ts,
            agent: event.agent,
            confidence: event.confidence,
            reasoning: event.reasoning,
          },
        ],
      }));
    case "evaluation":
      return updateStep(next, event.stepId, (step) => ({
        ...step,
        evaluations: [
          ...step.evaluations,
          {
            seq: event.seq,
            ts: event.ts,
            iteration: event.iteration,
            rating: event.rating,
            feedback: event.feedback,
            needsImprovement: event.needsImprovement,
            focusAreas: event.focusAreas,
          },
        ],
      }));
    case "plan":
      return updateStep(next, event.stepId, (step) => ({
        ...step,
        plans: [
          ...step.plans,
          {
            seq: event.seq,
            ts: event.ts,
            iteration: event.iteration,
            description: event.description,
            tasks: event.tasks,
            isComplete: event.isComplete,
          },
        ],
      }));
    case "vote":
      return updateStep(next, event.stepId, (step) => ({
        ...step,
        votes: [
          ...step.votes,
          { seq: event.seq, ts: event.ts, sample: event.sample, key: event.key, votes: event.votes },
        ],
      }));
    case "input-request": {
      const withRequest = updateStep(next, event.stepId, (step) => ({
        ...step,
        inputs: [
          ...step.inputs,
          {
            seq: event.seq,
            requestId: event.requestId,
            prompt: event.prompt,
            ...(event.description === undefined ? {} : { description: event.description }),
            requestedAt: event.ts,
          },
        ],
      }));
      return {
        ...withRequest,
        status: "waiting_for_input",
        pendingInputs: [
          ...next.pendingInputs,
          {
            requestId: event.requestId,
            stepId: event.stepId,
            prompt: event.prompt,
            description: event.description,
          },
        ],
      };
    }
    case "input-response": {
      const answered = updateStep(next, event.stepId, (step) => ({
        ...step,
        inputs: step.inputs.map((input) =>
          input.requestId === event.requestId
            ? { ...input, response: event.response, answeredAt: event.ts }
            : input,
        ),
      }));
      const pendingInputs = next.pendingInputs.filter((request) => request.requestId !== event.requestId);
      const status =
        pendingInputs.length === 0 && next.status === "waiting_for_input" ? "running" : next.status;
      return { ...answered, pendingInputs, status };
    }
    case "log": {
      const entry: LogEntry = { seq: event.seq, ts: event.ts, level: event.level, message: event.message };
      if (event.stepId !== undefined && next.steps[event.stepId]) {
        return updateStep(next, event.stepId, (step) => ({ ...step, logs: [...step.logs, entry] }));
      }
      return { ...next, logs: [...next.logs, entry] };
    }
  }
}

/** Applies events in order (duplicates and repeats are ignored as one by one). */
export function applyRunEvents(state: RunState, events: readonly RunEvent[]): RunState {
  return events.reduce(applyRunEvent, state);
}
