import type { NodeRunState } from "@/components/graph/graph-view";
import type {
  EvaluationRound,
  InputExchange,
  PlanIteration,
  RouteDecision,
  RunState,
  StepState,
  ToolCallState,
  VoteSample,
} from "@/components/runs/run-state";
import type { Usage } from "@/server/events/schema";

export type StepRow = { step: StepState; depth: number };

// Step ids come from the server; a malformed parent chain must not hang the page.
const MAX_DEPTH = 64;

/** Steps depth-first in start order, the way the tree and the timeline list them. */
export function stepRows(state: RunState): StepRow[] {
  const rows: StepRow[] = [];
  const seen = new Set<string>();
  const visit = (stepId: string, depth: number) => {
    const step = state.steps[stepId];
    if (!step || seen.has(stepId) || depth > MAX_DEPTH) return;
    seen.add(stepId);
    rows.push({ step, depth });
    for (const child of step.children) visit(child, depth + 1);
  };
  for (const root of state.rootStepIds) visit(root, 0);
  return rows;
}

/** What happened inside a step, children included, in the order it happened. */
export type StepFact =
  | { kind: "child"; seq: number; stepId: string }
  | { kind: "route"; seq: number; decision: RouteDecision }
  | { kind: "evaluation"; seq: number; round: EvaluationRound }
  | { kind: "plan"; seq: number; plan: PlanIteration }
  | { kind: "vote"; seq: number; vote: VoteSample }
  | { kind: "tool"; seq: number; call: ToolCallState }
  | { kind: "input"; seq: number; input: InputExchange };

export function stepFacts(state: RunState, step: StepState): StepFact[] {
  const facts: StepFact[] = [
    ...step.children.flatMap((stepId): StepFact[] => {
      const child = state.steps[stepId];
      return child ? [{ kind: "child", seq: child.startSeq, stepId }] : [];
    }),
    ...step.routeDecisions.map((decision): StepFact => ({ kind: "route", seq: decision.seq, decision })),
    ...step.evaluations.map((round): StepFact => ({ kind: "evaluation", seq: round.seq, round })),
    ...step.plans.map((plan): StepFact => ({ kind: "plan", seq: plan.seq, plan })),
    ...step.votes.map((vote): StepFact => ({ kind: "vote", seq: vote.seq, vote })),
    ...step.toolCalls.map((call): StepFact => ({ kind: "tool", seq: call.seq, call })),
    ...step.inputs.map((input): StepFact => ({ kind: "input", seq: input.seq, input })),
  ];
  return facts.sort((first, second) => first.seq - second.seq);
}

function addUsage(total: Usage, usage: Usage): Usage {
  return {
    inputTokens: total.inputTokens + usage.inputTokens,
    outputTokens: total.outputTokens + usage.outputTokens,
    totalTokens: total.totalTokens + usage.totalTokens,
    modelCalls: total.modelCalls + usage.modelCalls,
  };
}

/**
 * The run's usage: final once the run has ended, otherwise the sum of the outermost finished
 * steps (a step's usage already includes its children's, so counting deeper would count twice).
 */
export function usageSoFar(state: RunState): Usage | null {
  if (state.usage) return state.usage;
  let total: Usage | null = null;
  const visit = (stepId: string, depth: number) => {
    const step = state.steps[stepId];
    if (!step || depth > MAX_DEPTH) return;
    if (step.usage) {
      total = addUsage(
        total ?? { inputTokens: 0, outputTokens: 0, totalTokens: 0, modelCalls: 0 },
        step.usage,
      );
      return;
    }
    for (const child of step.children) visit(child, depth + 1);
  };
  for (const root of state.rootStepIds) visit(root, 0);
  return total;
}

const NODE_STATE_RANK: Record<NodeRunState, number> = {
  waiting: 4,
  running: 3,
  failed: 2,
  cancelled: 1,
  succeeded: 0,
};

/**
 * Each design node's state for the graph highlights: a node that runs several times (a chain step
 * reused, a MAKER worker's samples) shows its most pressing state.
 */
export function nodeStatesOf(state: RunState): Record<string, NodeRunState> {
  const waitingSteps = new Set(state.pendingInputs.map((request) => request.stepId));
  const states: Record<string, NodeRunState> = {};
  for (const stepId of state.stepOrder) {
    const step = state.steps[stepId];
    if (!step) continue;
    const nodeState: NodeRunState = waitingSteps.has(stepId)
      ? "waiting"
      : step.status === "interrupted"
        ? "cancelled"
        : step.status;
    const previous = states[step.nodeId];
    if (previous === undefined || NODE_STATE_RANK[nodeState] >= NODE_STATE_RANK[previous]) {
      states[step.nodeId] = nodeState;
    }
  }
  return states;
}
