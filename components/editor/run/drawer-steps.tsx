"use client";

import { NODE_KINDS } from "@/components/graph/node-kinds";
import type { RunState, StepState } from "@/components/runs/run-state";
import { describeRoute, formatDuration } from "@/components/runs/run-view/format";
import { StepStatusLabel } from "@/components/runs/run-view/run-status-badge";
import { stepFacts, stepRows, type StepFact } from "@/components/runs/run-view/run-selectors";

/** One line per decision or call inside a step; the run page has the full detail. */
function factLine(fact: Exclude<StepFact, { kind: "child" }>): string {
  switch (fact.kind) {
    case "route":
      return describeRoute(fact.decision);
    case "evaluation":
      return `Round ${fact.round.iteration + 1}: rated ${fact.round.rating}${fact.round.needsImprovement ? ", needs improvement" : ""}`;
    case "plan":
      return `Plan ${fact.plan.iteration + 1}: ${fact.plan.tasks.length} ${fact.plan.tasks.length === 1 ? "task" : "tasks"}${fact.plan.isComplete ? " (complete)" : ""}`;
    case "vote":
      return `Sample ${fact.vote.sample}: ${fact.vote.key === null ? "red-flagged, no vote" : "voted"}`;
    case "tool":
      return `Tool ${fact.call.tool}${fact.call.result === undefined ? " (running)" : fact.call.isError ? " (error)" : ""}`;
    case "input":
      return `Asked: ${fact.input.prompt}${fact.input.response === undefined ? " (waiting for an answer)" : ""}`;
  }
}

function stepMeta(step: StepState): string {
  const duration =
    step.durationMs !== undefined
      ? formatDuration(step.durationMs)
      : step.endedAt
        ? formatDuration(Date.parse(step.endedAt) - Date.parse(step.startedAt))
        : null;
  return [step.label, NODE_KINDS[step.kind].label, duration].filter(Boolean).join(" · ");
}

/** The run's steps as a compact, indented list, in the order the run started them. */
export function DrawerSteps({ state }: { state: RunState }) {
  const rows = stepRows(state);
  const waiting = new Set(state.pendingInputs.map((request) => request.stepId));
  if (rows.length === 0) {
    return <p className="muted run-drawer-empty">No steps yet. They appear here as the run starts them.</p>;
  }
  return (
    <ol className="run-drawer-steps" aria-label="Run steps">
      {rows.map(({ step, depth }) => (
        <li key={step.stepId} className="run-drawer-step" style={{ ["--depth" as string]: depth }}>
          <div className="run-drawer-step-head">
            <StepStatusLabel status={step.status} waiting={waiting.has(step.stepId)} />
            <span className="run-drawer-step-agent">{step.agent}</span>
            <span className="muted run-drawer-step-meta">{stepMeta(step)}</span>
          </div>
          {step.error ? <div className="run-drawer-step-error">{step.error}</div> : null}
          {stepFacts(state, step).map((fact) =>
            fact.kind === "child" ? null : (
              <div key={`${fact.kind}-${fact.seq}`} className="muted run-drawer-step-fact">
                {factLine(fact)}
              </div>
            ),
          )}
        </li>
      ))}
    </ol>
  );
}
