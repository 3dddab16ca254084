"use client";

import { CircleAlert } from "lucide-react";
import type { ReactNode } from "react";
import { NODE_KINDS } from "@/components/graph/node-kinds";
import type { RunState, StepState } from "@/components/runs/run-state";
import {
  describeRoute,
  formatCount,
  formatDuration,
  formatJson,
  timeOf,
} from "@/components/runs/run-view/format";
import { StepStatusLabel } from "@/components/runs/run-view/run-status-badge";
import { ToolProgressBar, ToolResultParts } from "@/components/runs/run-view/tool-call-parts";

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="detail-section">
      <h3 className="run-heading">{title}</h3>
      {children}
    </section>
  );
}

function ToolCalls({ step }: { step: StepState }) {
  if (step.toolCalls.length === 0) return null;
  return (
    <Section title="Tool calls">
      <ol className="detail-list">
        {step.toolCalls.map((call) => (
          <li key={call.callId} className={`tool-call${call.isError ? " is-error" : ""}`}>
            <div className="tool-call-head">
              <strong>{call.tool}</strong>
              {call.result === undefined ? (
                <span className="muted">running…</span>
              ) : call.isError ? (
                <span className="badge badge-error">
                  <CircleAlert size={12} aria-hidden />
                  error
                </span>
              ) : null}
            </div>
            <div className="detail-label">Arguments</div>
            <pre className="detail-pre">{formatJson(call.arguments)}</pre>
            {call.result === undefined && call.progress ? (
              <ToolProgressBar progress={call.progress} tool={call.tool} />
            ) : null}
            {call.result !== undefined ? (
              <>
                <div className="detail-label">{call.isError ? "Error" : "Result"}</div>
                {call.result !== "" || !call.parts?.length ? (
                  <pre className="detail-pre">{call.result || "(empty)"}</pre>
                ) : null}
                {call.parts ? <ToolResultParts parts={call.parts} /> : null}
              </>
            ) : null}
          </li>
        ))}
      </ol>
    </Section>
  );
}

function Decisions({ step }: { step: StepState }) {
  return (
    <>
      {step.routeDecisions.length > 0 ? (
        <Section title="Route decision">
          {step.routeDecisions.map((decision) => (
            <div key={decision.seq} className="detail-card">
              <p>
                <strong>{describeRoute(decision)}</strong>
              </p>
              {decision.reasoning ? <p className="detail-text">{decision.reasoning}</p> : null}
            </div>
          ))}
        </Section>
      ) : null}
      {step.evaluations.length > 0 ? (
        <Section title="Evaluations">
          <ol className="detail-list">
            {step.evaluations.map((round) => (
              <li key={round.seq} className="detail-card">
                <p>
                  <strong>
                    Round {round.iteration + 1}: {round.rating}
                  </strong>
                  {round.needsImprovement ? " · needs improvement" : " · good enough"}
                </p>
                {round.feedback ? <p className="detail-text">{round.feedback}</p> : null}
                {round.focusAreas.length > 0 ? (
                  <p className="muted">Focus: {round.focusAreas.join(", ")}</p>
                ) : null}
              </li>
            ))}
          </ol>
        </Section>
      ) : null}
      {step.plans.length > 0 ? (
        <Section title="Plans">
          <ol className="detail-list">
            {step.plans.map((plan) => (
              <li key={plan.seq} className="detail-card">
                <p>
                  <strong>Plan {plan.iteration + 1}</strong>
                  {plan.isComplete ? " · complete" : ""}
                </p>
                {plan.description ? <p className="detail-text">{plan.description}</p> : null}
                {plan.tasks.length > 0 ? (
                  <ol className="fact-tasks">
                    {plan.tasks.map((task, index) => (
                      <li key={index}>
                        <strong>{task.agent}</strong>: {task.description}
                      </li>
                    ))}
                  </ol>
                ) : null}
              </li>
            ))}
          </ol>
        </Section>
      ) : null}
      {step.votes.length > 0 ? (
        <Section title="Votes">
          <ol className="detail-list">
            {step.votes.map((vote) => (
              <li key={vote.seq} className="detail-card">
                <p>
                  <strong>Sample {vote.sample}</strong>
                  {vote.key === null ? " · red-flagged, no vote" : ""}
                </p>
                {vote.key !== null ? <pre className="detail-pre">{vote.key}</pre> : null}
                {Object.keys(vote.votes).length > 0 ? (
                  <ul className="vote-tally" aria-label={`Tally after sample ${vote.sample}`}>
                    {Object.entries(vote.votes)
                      .sort((first, second) => second[1] - first[1])
                      .map(([key, count]) => (
                        <li key={key}>
                          <span className="vote-count">{count}</span> <code>{key}</code>
                        </li>
                      ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ol>
        </Section>
      ) : null}
    </>
  );
}

/** Everything known about one step, growing in place while it runs. */
export function StepDetail({
  state,
  step,
  waiting,
  nowMs,
  onSelect,
}: {
  state: RunState;
  step: StepState;
  waiting: boolean;
  nowMs: number | null;
  onSelect: (stepId: string) => void;
}) {
  const started = timeOf(step.startedAt);
  const ended = timeOf(step.endedAt) ?? nowMs;
  const duration =
    step.durationMs ?? (started !== null && ended !== null ? Math.max(0, ended - started) : undefined);
  const children = step.children.flatMap((childId) => {
    const child = state.steps[childId];
    return child ? [child] : [];
  });
  return (
    <article className="step-detail" aria-labelledby={`step-title-${step.stepId}`}>
      <header className="step-detail-head">
        <h2 id={`step-title-${step.stepId}`}>{step.agent}</h2>
        <StepStatusLabel status={step.status} waiting={waiting} />
      </header>
      <dl className="detail-facts">
        <div>
          <dt>Kind</dt>
          <dd>{NODE_KINDS[step.kind].label}</dd>
        </div>
        {step.label ? (
          <div>
            <dt>Role</dt>
            <dd>{step.label}</dd>
          </div>
        ) : null}
        <div>
          <dt>Duration</dt>
          <dd>{duration === undefined ? "—" : formatDuration(duration)}</dd>
        </div>
        {step.usage ? (
          <>
            <div>
              <dt>Model calls</dt>
              <dd>{formatCount(step.usage.modelCalls)}</dd>
            </div>
            <div>
              <dt>Tokens</dt>
              <dd>
                {formatCount(step.usage.inputTokens)} in · {formatCount(step.usage.outputTokens)} out
              </dd>
            </div>
          </>
        ) : null}
        {step.stopReason ? (
          <div>
            <dt>Stop reason</dt>
            <dd>{step.stopReason}</dd>
          </div>
        ) : null}
      </dl>

      {step.error ? (
        <p className="form-error">
          <CircleAlert size={13} aria-hidden /> {step.error}
        </p>
      ) : null}

      <Section title={step.status === "running" ? "Streaming" : "Output"}>
        <pre className="detail-pre detail-output" data-testid="step-output">
          {step.text || (step.status === "running" ? "…" : "(no text)")}
        </pre>
      </Section>

      {step.inputs.length > 0 ? (
        <Section title="Human input">
          <ol className="detail-list">
            {step.inputs.map((input) => (
              <li key={input.requestId} className="detail-card">
                <p>
                  <strong>{input.prompt}</strong>
                </p>
                {input.description ? <p className="muted input-description">{input.description}</p> : null}
                <p className="detail-text">
                  {input.response === undefined ? "Waiting for an answer…" : `Answer: ${input.response}`}
                </p>
              </li>
            ))}
          </ol>
        </Section>
      ) : null}

      <ToolCalls step={step} />
      <Decisions step={step} />

      {children.length > 0 ? (
        <Section title="Sub-steps">
          <ul className="detail-children">
            {children.map((child) => (
              <li key={child.stepId}>
                <button type="button" className="link-button" onClick={() => onSelect(child.stepId)}>
                  {child.agent}
                  {child.label ? ` (${child.label})` : ""}
                </button>{" "}
                <StepStatusLabel status={child.status} />
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {step.logs.length > 0 ? (
        <Section title="Log">
          <ul className="detail-logs">
            {step.logs.map((entry) => (
              <li key={entry.seq} className={`log-${entry.level}`}>
                <span className="log-level">{entry.level}</span> {entry.message}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
    </article>
  );
}
