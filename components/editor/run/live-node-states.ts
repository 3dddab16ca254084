import type { NodeRunState } from "@/components/graph/graph-view";
import type { RunState, StepState, StepStatus } from "@/components/runs/run-state";
import { formatCount } from "@/components/runs/run-view/format";

/** What the drawer reports to the canvas: each node's state in the current run, and a short badge. */
export type LiveNodeStates = {
  states: Record<string, NodeRunState>;
  badges: Record<string, string>;
};

const FROM_STEP_STATUS: Record<StepStatus, NodeRunState> = {
  running: "running",
  succeeded: "succeeded",
  failed: "failed",
  cancelled: "cancelled",
  interrupted: "cancelled",
};

export function charactersBadge(length: number): string {
  return `${formatCount(length)} ${length === 1 ? "char" : "chars"}`;
}

/**
 * A node's badge from its newest step: an agent shows how much it has streamed, a workflow the
 * decision it made last (an evaluator–optimizer its last rating, a router where it routed).
 */
function badgeOf(step: StepState): string | undefined {
  switch (step.kind) {
    case "agent":
      return charactersBadge(step.text.length);
    case "evaluator_optimizer":
      return step.evaluations.at(-1)?.rating;
    case "router": {
      const decision = step.routeDecisions.at(-1);
      return decision?.agent ? `→ ${decision.agent}` : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Each design node's live state in a run, from the steps that ran it (step-start carries the node
 * id). A node is `waiting` while one of its steps waits for an answer, `running` while any of its
 * steps runs (a reused chain step, a MAKER worker's samples, parallel calls), and otherwise shows
 * how its newest step ended.
 */
export function liveNodeStates(run: RunState): LiveNodeStates {
  const waitingSteps = new Set(run.pendingInputs.map((request) => request.stepId));
  const newest = new Map<string, StepState>();
  const waiting = new Set<string>();
  const running = new Set<string>();
  for (const stepId of run.stepOrder) {
    const step = run.steps[stepId];
    if (!step) continue;
    newest.set(step.nodeId, step);
    if (waitingSteps.has(stepId)) waiting.add(step.nodeId);
    if (step.status === "running") running.add(step.nodeId);
  }
  const states: Record<string, NodeRunState> = {};
  const badges: Record<string, string> = {};
  for (const [nodeId, step] of newest) {
    states[nodeId] = waiting.has(nodeId)
      ? "waiting"
      : running.has(nodeId)
        ? "running"
        : FROM_STEP_STATUS[step.status];
    const badge = badgeOf(step);
    if (badge !== undefined) badges[nodeId] = badge;
  }
  return { states, badges };
}

function sameRecord<Value>(first: Record<string, Value>, second: Record<string, Value>): boolean {
  const keys = Object.keys(first);
  if (keys.length !== Object.keys(second).length) return false;
  return keys.every((key) => Object.hasOwn(second, key) && first[key] === second[key]);
}

/** Whether two reports say the same, so the canvas is not re-rendered for nothing. */
export function sameLiveNodeStates(first: LiveNodeStates | null, second: LiveNodeStates | null): boolean {
  if (first === null || second === null) return first === second;
  return sameRecord(first.states, second.states) && sameRecord(first.badges, second.badges);
}
