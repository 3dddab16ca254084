"use client";

import type { StepRow } from "@/components/runs/run-view/run-selectors";
import { formatDuration, timeOf } from "@/components/runs/run-view/format";
import { STATE_LOOK } from "@/components/runs/run-view/run-status-badge";

/**
 * The Gantt strip: one bar per step, placed by its start and end relative to the run's start, in
 * tree order so work that overlapped (fan-out branches) shows as overlapping bars. Running bars
 * end at `endMs`, which the viewer moves forward every tick.
 */
export function RunTimeline({
  rows,
  startMs,
  endMs,
  waitingStepIds,
  selectedStepId,
  onSelect,
}: {
  rows: StepRow[];
  startMs: number;
  endMs: number;
  waitingStepIds: ReadonlySet<string>;
  selectedStepId: string | null;
  onSelect: (stepId: string) => void;
}) {
  if (rows.length === 0) return null;
  const span = Math.max(1, endMs - startMs);
  return (
    <section className="run-timeline" aria-label="Timeline">
      <div className="timeline-axis" aria-hidden>
        <span>0 s</span>
        <span>{formatDuration(span)}</span>
      </div>
      <ol className="timeline-rows">
        {rows.map(({ step, depth }) => {
          const stepStart = timeOf(step.startedAt) ?? startMs;
          const stepEnd = timeOf(step.endedAt) ?? endMs;
          const left = Math.min(100, Math.max(0, ((stepStart - startMs) / span) * 100));
          const width = Math.min(100 - left, Math.max(0, ((stepEnd - stepStart) / span) * 100));
          const look = STATE_LOOK[waitingStepIds.has(step.stepId) ? "waiting_for_input" : step.status];
          const selected = step.stepId === selectedStepId;
          return (
            <li key={step.stepId}>
              <button
                type="button"
                // The step tree is the keyboard path; one tab stop per bar would double it.
                tabIndex={-1}
                className={`timeline-row${selected ? " is-selected" : ""}`}
                aria-label={`${step.agent}${step.label ? ` (${step.label})` : ""}: ${look.word.toLowerCase()}, ${formatDuration(stepEnd - stepStart)}`}
                onClick={() => onSelect(step.stepId)}
              >
                <span className="timeline-name" style={{ paddingLeft: depth * 10 }}>
                  {step.agent}
                </span>
                <span className="timeline-track">
                  <span
                    className={`timeline-bar state-${look.tone}${step.status === "running" ? " is-live" : ""}`}
                    style={{ left: `${left}%`, width: `${width}%` }}
                  />
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
