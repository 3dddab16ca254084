"use client";

import { useMutation } from "@tanstack/react-query";
import { ExternalLink, Play, Square } from "lucide-react";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/providers/trpc";
import type { RunState, StepState } from "@/components/runs/run-state";
import { describeRoute } from "@/components/runs/run-view/format";
import { RunStatusBadge, stateWord } from "@/components/runs/run-view/run-status-badge";
import { useRunEvents } from "@/components/runs/use-run-events";
import { FINAL_STATUSES } from "@/server/events/schema";

function StepRow({ step, depth }: { step: StepState; depth: number }) {
  return (
    <li style={{ paddingLeft: 8 + depth * 14 }} className="run-step">
      <span className={`step-dot step-${step.status}`} aria-hidden />
      <span className="step-agent">{step.agent}</span>
      <span className="muted"> · {step.label ?? step.kind}</span>
      <span className="visually-hidden"> ({step.status})</span>
      {step.durationMs !== undefined ? (
        <span className="muted"> · {Math.round(step.durationMs)} ms</span>
      ) : null}
      {step.error ? <div className="form-error">{step.error}</div> : null}
      {step.toolCalls.map((call) => (
        <div key={call.callId} className="muted step-detail">
          tool {call.tool}
          {call.result !== undefined ? ` → ${call.result.slice(0, 200)}` : " …"}
        </div>
      ))}
      {step.routeDecisions.map((decision) => (
        <div key={decision.seq} className="muted step-detail">
          {describeRoute(decision)}
        </div>
      ))}
      {step.evaluations.map((round) => (
        <div key={round.seq} className="muted step-detail">
          Round {round.iteration + 1}: rated {round.rating}
        </div>
      ))}
      {step.plans.map((plan) => (
        <div key={plan.seq} className="muted step-detail">
          Plan {plan.iteration + 1}: {plan.tasks.length} tasks{plan.isComplete ? " (complete)" : ""}
        </div>
      ))}
      {step.votes.map((vote) => (
        <div key={vote.seq} className="muted step-detail">
          Sample {vote.sample} {vote.key === null ? "red-flagged" : "voted"}
        </div>
      ))}
    </li>
  );
}

function depthOf(state: RunState, step: StepState): number {
  let depth = 0;
  let parent = step.parentStepId;
  while (parent && state.steps[parent] && depth < 50) {
    depth += 1;
    parent = state.steps[parent]?.parentStepId ?? null;
  }
  return depth;
}

/** The minimal run panel: input, Run, the streamed output and the steps as they arrive. */
export function RunPanel({ designId, disabledReason }: { designId: string; disabledReason?: string }) {
  const trpc = useTRPC();
  const [input, setInput] = useState("");
  const [runId, setRunId] = useState<string | null>(null);
  const [answer, setAnswer] = useState("");
  // A new run means a new stream URL, and the hook starts from an empty state for it.
  const { state } = useRunEvents({
    eventsUrl: runId ? `/api/v1/runs/${encodeURIComponent(runId)}/events` : null,
    runUrl: runId ? `/api/v1/runs/${encodeURIComponent(runId)}` : null,
  });

  const start = useMutation(trpc.runs.start.mutationOptions({ onSuccess: (run) => setRunId(run.id) }));
  const cancel = useMutation(trpc.runs.cancel.mutationOptions());
  const answerInput = useMutation(trpc.runs.answerInput.mutationOptions({ onSuccess: () => setAnswer("") }));

  const running = runId !== null && !FINAL_STATUSES.has(state.status);
  const rootStep = state.stepOrder
    .map((id) => state.steps[id])
    .find((step) => step && step.parentStepId === null);
  const streamed = state.output ?? rootStep?.text ?? "";
  const pending = state.pendingInputs[0];

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!input.trim() || disabledReason) return;
    start.mutate({ designId, input });
  }

  return (
    <div className="run-panel">
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor="run-input">Input</label>
          <textarea
            id="run-input"
            className="input"
            value={input}
            rows={3}
            placeholder="What should the agents work on?"
            onChange={(event) => setInput(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) submit(event);
            }}
          />
        </div>
        <div style={{ display: "flex", gap: 8, alignItems: "center", flexWrap: "wrap" }}>
          <button
            type="submit"
            className="button button-primary"
            disabled={Boolean(disabledReason) || start.isPending || running || !input.trim()}
            title={disabledReason}
          >
            <Play size={14} aria-hidden />
            Run
          </button>
          {running && runId ? (
            <button
              type="button"
              className="button"
              disabled={cancel.isPending}
              onClick={() => cancel.mutate({ id: runId })}
            >
              <Square size={13} aria-hidden />
              Cancel
            </button>
          ) : null}
          {runId ? <RunStatusBadge status={state.status} /> : null}
          {runId ? (
            <Link href={`/runs/${encodeURIComponent(runId)}`} className="button">
              <ExternalLink size={13} aria-hidden />
              Open run page
            </Link>
          ) : null}
        </div>
        {disabledReason ? <p className="muted">{disabledReason}</p> : null}
        {start.error ? (
          <p className="form-error" role="alert">
            {start.error.message}
          </p>
        ) : null}
      </form>

      <div aria-live="polite" className="visually-hidden">
        {runId ? `Run ${stateWord(state.status).toLowerCase()}` : ""}
      </div>

      {pending && runId ? (
        <form
          className="card run-input-request"
          onSubmit={(event) => {
            event.preventDefault();
            answerInput.mutate({ id: runId, requestId: pending.requestId, response: answer });
          }}
        >
          <label htmlFor="run-answer">{pending.prompt}</label>
          {pending.description ? <p className="muted">{pending.description}</p> : null}
          <textarea
            id="run-answer"
            className="input"
            value={answer}
            onChange={(event) => setAnswer(event.target.value)}
          />
          <button type="submit" className="button button-primary" disabled={answerInput.isPending}>
            Send answer
          </button>
        </form>
      ) : null}

      {runId ? (
        <>
          <h3 className="run-heading">Output</h3>
          <pre className="run-output" data-testid="run-output">
            {streamed || (running ? "…" : "")}
          </pre>
          {state.error ? (
            <p className="form-error" role="alert">
              {state.error}
            </p>
          ) : null}
          <h3 className="run-heading">Steps</h3>
          <ol className="run-steps" aria-label="Run steps">
            {state.stepOrder.map((id) => {
              const step = state.steps[id];
              return step ? <StepRow key={id} step={step} depth={depthOf(state, step)} /> : null;
            })}
          </ol>
        </>
      ) : null}
    </div>
  );
}
