"use client";

import { ClipboardList, GitBranch, MessageCircleQuestion, Scale, Vote, Wrench } from "lucide-react";
import type { KeyboardEvent } from "react";
import { NODE_KINDS } from "@/components/graph/node-kinds";
import type { RunState, StepState } from "@/components/runs/run-state";
import { describeRoute, formatDuration } from "@/components/runs/run-view/format";
import { StepStatusLabel } from "@/components/runs/run-view/run-status-badge";
import { stepFacts, type StepFact } from "@/components/runs/run-view/run-selectors";
import { describeProgress } from "@/components/runs/run-view/tool-call-parts";

type TreeProps = {
  state: RunState;
  selectedStepId: string | null;
  waitingStepIds: ReadonlySet<string>;
  onSelect: (stepId: string) => void;
};

/** The fact lines under a step: what a workflow decided, between the children it ran. */
function FactLine({ fact }: { fact: Exclude<StepFact, { kind: "child" }> }) {
  switch (fact.kind) {
    case "route":
      return (
        <>
          <GitBranch size={12} aria-hidden />
          <span>
            {describeRoute(fact.decision)}
            {fact.decision.reasoning ? <span className="fact-note">{fact.decision.reasoning}</span> : null}
          </span>
        </>
      );
    case "evaluation":
      return (
        <>
          <Scale size={12} aria-hidden />
          <span>
            Round {fact.round.iteration + 1}: rated {fact.round.rating}
            {fact.round.needsImprovement ? ", needs improvement" : ""}
            {fact.round.feedback ? <span className="fact-note">{fact.round.feedback}</span> : null}
          </span>
        </>
      );
    case "plan":
      return (
        <>
          <ClipboardList size={12} aria-hidden />
          <span>
            Plan {fact.plan.iteration + 1}: {fact.plan.tasks.length}{" "}
            {fact.plan.tasks.length === 1 ? "task" : "tasks"}
            {fact.plan.isComplete ? " (complete)" : ""}
            {fact.plan.tasks.length > 0 ? (
              <ol className="fact-tasks">
                {fact.plan.tasks.map((task, index) => (
                  <li key={index}>
                    <strong>{task.agent}</strong>: {task.description}
                  </li>
                ))}
              </ol>
            ) : null}
          </span>
        </>
      );
    case "vote":
      return (
        <>
          <Vote size={12} aria-hidden />
          <span>
            Sample {fact.vote.sample}: {fact.vote.key === null ? "red-flagged, no vote" : "voted"}
            {fact.vote.key !== null ? <span className="fact-note">{fact.vote.key}</span> : null}
          </span>
        </>
      );
    case "tool":
      return (
        <>
          <Wrench size={12} aria-hidden />
          <span>
            Tool {fact.call.tool}
            {fact.call.result === undefined
              ? fact.call.progress
                ? ` (running, ${describeProgress(fact.call.progress)})`
                : " (running)"
              : fact.call.isError
                ? " (error)"
                : ""}
          </span>
        </>
      );
    case "input":
      return (
        <>
          <MessageCircleQuestion size={12} aria-hidden />
          <span>
            Asked: {fact.input.prompt}
            <span className="fact-note">
              {fact.input.response === undefined ? "Waiting for an answer" : `Answer: ${fact.input.response}`}
            </span>
          </span>
        </>
      );
  }
}

function stepDuration(step: StepState): string | null {
  if (step.durationMs !== undefined) return formatDuration(step.durationMs);
  if (!step.endedAt) return null;
  return formatDuration(Date.parse(step.endedAt) - Date.parse(step.startedAt));
}

function StepTreeItem({ stepId, depth, ...props }: TreeProps & { stepId: string; depth: number }) {
  const { state, selectedStepId, waitingStepIds, onSelect } = props;
  const step = state.steps[stepId];
  // Depth is bounded because step ids come from the server and must never recurse forever.
  if (!step || depth > 64) return null;
  const selected = stepId === selectedStepId;
  const facts = stepFacts(state, step);
  const duration = stepDuration(step);
  return (
    <li className="tree-item">
      <button
        type="button"
        className={`tree-step${selected ? " is-selected" : ""}`}
        data-step-id={stepId}
        aria-current={selected ? "true" : undefined}
        tabIndex={selected ? 0 : -1}
        onClick={() => onSelect(stepId)}
      >
        <StepStatusLabel status={step.status} waiting={waitingStepIds.has(stepId)} />
        <span className="tree-agent">{step.agent}</span>
        <span className="tree-meta">
          {step.label ? `${step.label} · ` : ""}
          {NODE_KINDS[step.kind].label}
          {duration ? ` · ${duration}` : ""}
        </span>
      </button>
      {facts.length > 0 ? (
        <ul className="tree-children">
          {facts.map((fact) =>
            fact.kind === "child" ? (
              <StepTreeItem key={fact.stepId} {...props} stepId={fact.stepId} depth={depth + 1} />
            ) : (
              <li key={`${fact.kind}-${fact.seq}`} className="tree-fact">
                <FactLine fact={fact} />
              </li>
            ),
          )}
        </ul>
      ) : null}
    </li>
  );
}

const NAVIGATION_KEYS = new Set(["ArrowDown", "ArrowUp", "Home", "End"]);

/**
 * The steps as a nested list of buttons. One tab stop (the selected step, so the caller always
 * passes one); arrow keys, Home and End move through the steps in the order shown and select.
 */
export function StepTree(props: TreeProps) {
  const { state, onSelect } = props;

  function onKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    if (!NAVIGATION_KEYS.has(event.key)) return;
    const buttons = Array.from(
      event.currentTarget.querySelectorAll<HTMLButtonElement>("button[data-step-id]"),
    );
    if (buttons.length === 0) return;
    event.preventDefault();
    const current = buttons.findIndex((button) => button === document.activeElement);
    const index =
      event.key === "Home"
        ? 0
        : event.key === "End"
          ? buttons.length - 1
          : Math.min(buttons.length - 1, Math.max(0, current + (event.key === "ArrowDown" ? 1 : -1)));
    const target = buttons[index];
    const stepId = target?.dataset.stepId;
    if (!target || !stepId) return;
    target.focus();
    onSelect(stepId);
  }

  if (state.rootStepIds.length === 0) {
    return <p className="muted run-empty">No steps yet. They appear here as the run starts them.</p>;
  }
  return (
    <ul className="step-tree" aria-label="Steps" onKeyDown={onKeyDown}>
      {state.rootStepIds.map((stepId) => (
        <StepTreeItem key={stepId} {...props} stepId={stepId} depth={0} />
      ))}
    </ul>
  );
}
