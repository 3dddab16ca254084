import type { RunEvent, RunStatus, Usage } from "@/server/events/schema";

/**
 * A run's state as the page shows it, rebuilt from its events alone: the same reducer serves the
 * live stream and a replay, so a finished run looks exactly as it did live.
 */
export type StepState = {
  stepId: string;
  parentStepId: string | null;
  agent: string;
  kind: string;
  label?: string;
  status: "running" | "succeeded" | "failed";
  /** Streamed text of the current model call (step-delta), replaced by the output at step-end. */
  text: string;
  turn: number;
  error?: string;
  durationMs?: number;
  usage?: Usage;
  toolCalls: { callId: string; tool: string; arguments: unknown; result?: string; isError?: boolean }[];
  notes: string[];
};

export type PendingInput = { requestId: string; stepId: string; prompt: string; description?: string };

export type RunState = {
  status: RunStatus;
  lastSeq: number;
  steps: Record<string, StepState>;
  stepOrder: string[];
  output: string | null;
  error: string | null;
  usage: Usage | null;
  pendingInputs: PendingInput[];
};

export const INITIAL_RUN_STATE: RunState = {
  status: "queued",
  lastSeq: 0,
  steps: {},
  stepOrder: [],
  output: null,
  error: null,
  usage: null,
  pendingInputs: [],
};

function updateStep(state: RunState, stepId: string, change: (step: StepState) => StepState): RunState {
  const step = state.steps[stepId];
  return step ? { ...state, steps: { ...state.steps, [stepId]: change(step) } } : state;
}

export function applyRunEvent(state: RunState, event: RunEvent): RunState {
  // Events arrive exactly once and in order; anything else is a repeat and is ignored.
  if (event.seq <= state.lastSeq) return state;
  const next = { ...state, lastSeq: event.seq };
  switch (event.type) {
    case "run-start":
      return { ...next, status: "running" };
    case "run-end":
      return {
        ...next,
        status: event.status,
        output: event.output,
        error: event.error ?? null,
        usage: event.usage,
        pendingInputs: [],
      };
    case "step-start":
      return {
        ...next,
        stepOrder: [...next.stepOrder, event.stepId],
        steps: {
          ...next.steps,
          [event.stepId]: {
            stepId: event.stepId,
            parentStepId: event.parentStepId,
            agent: event.agent,
            kind: event.kind,
            label: event.label,
            status: "running",
            text: "",
            turn: 1,
            toolCalls: [],
            notes: [],
          },
        },
      };
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
        durationMs: event.durationMs,
        usage: event.usage,
      }));
    case "step-error":
      return updateStep(next, event.stepId, (step) => ({ ...step, status: "failed", error: event.error }));
    case "tool-call":
      return updateStep(next, event.stepId, (step) => ({
        ...step,
        toolCalls: [
          ...step.toolCalls,
          { callId: event.callId, tool: event.tool, arguments: event.arguments },
        ],
      }));
    case "tool-result":
      return updateStep(next, event.stepId, (step) => ({
        ...step,
        toolCalls: step.toolCalls.map((call) =>
          call.callId === event.callId ? { ...call, result: event.content, isError: event.isError } : call,
        ),
      }));
    case "route-decision":
      return updateStep(next, event.stepId, (step) => ({
        ...step,
        notes: [
          ...step.notes,
          `Routed to ${event.agent ?? "nobody"}${event.confidence ? ` (${event.confidence} confidence)` : ""}`,
        ],
      }));
    case "evaluation":
      return updateStep(next, event.stepId, (step) => ({
        ...step,
        notes: [...step.notes, `Round ${event.iteration + 1}: rated ${event.rating}`],
      }));
    case "plan":
      return updateStep(next, event.stepId, (step) => ({
        ...step,
        notes: [
          ...step.notes,
          `Plan ${event.iteration + 1}: ${event.tasks.length} tasks${event.isComplete ? " (complete)" : ""}`,
        ],
      }));
    case "vote":
      return updateStep(next, event.stepId, (step) => ({
        ...step,
        notes: [...step.notes, `Sample ${event.sample} voted`],
      }));
    case "input-request":
      return {
        ...next,
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
    case "input-response": {
      const pendingInputs = next.pendingInputs.filter((request) => request.requestId !== event.requestId);
      return { ...next, pendingInputs, status: pendingInputs.length === 0 ? "running" : next.status };
    }
    case "log":
      return next;
  }
}
