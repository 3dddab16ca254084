"use client";

import { CircleAlert, Link2Off } from "lucide-react";
import Link from "next/link";
import { useMemo, useState } from "react";
import { GraphView } from "@/components/graph/graph-view";
import { Markdown } from "@/components/markdown/markdown";
import type { RunState } from "@/components/runs/run-state";
import { CancelRunButton, InputRequestForm } from "@/components/runs/run-view/run-owner-controls";
import { runCostLabel } from "@/components/runs/run-view/run-cost";
import { RunHeader } from "@/components/runs/run-view/run-header";
import { nodeStatesOf, stepRows, usageSoFar } from "@/components/runs/run-view/run-selectors";
import { stateWord } from "@/components/runs/run-view/run-status-badge";
import { RunTabs } from "@/components/runs/run-view/run-tabs";
import { RunTimeline } from "@/components/runs/run-view/run-timeline";
import { StepDetail } from "@/components/runs/run-view/step-detail";
import { StepTree } from "@/components/runs/run-view/step-tree";
import { timeOf } from "@/components/runs/run-view/format";
import type { RunSummary, RunViewMode } from "@/components/runs/run-view/types";
import { useNow } from "@/components/runs/run-view/use-now";
import { ShareDialog } from "@/components/runs/share-dialog";
import { useRunEvents } from "@/components/runs/use-run-events";
import { RelativeTime } from "@/components/ui/relative-time";
import type { Graph } from "@/server/designs/graph-schema";
import { messageText } from "@/server/engine/messages";
import { FINAL_STATUSES, type RunStatus, type Usage } from "@/server/events/schema";
import "./run-view.css";

export type RunViewerProps = {
  run: RunSummary;
  graph: Graph;
  /** SSE stream of the run's events, e.g. /api/v1/runs/<id>/events. */
  eventsUrl: string;
  /** The run itself, e.g. /api/v1/runs/<id>: a 404 there means the run (or the link) is gone. */
  runUrl: string;
  mode: RunViewMode;
};

type Shown = {
  status: RunStatus;
  output: string | null;
  error: string | null;
  usage: Usage | null;
  startMs: number | null;
  endMs: number | null;
};

/**
 * What the page shows, from the events when they have said it and from the server's summary
 * before that. A finished run keeps its summary while its events replay, so it never flickers
 * back to "running".
 */
function shownFigures(run: RunSummary, state: RunState): Shown {
  const eventsFinal = FINAL_STATUSES.has(state.status) && state.endedAt !== null;
  const summaryFinal = FINAL_STATUSES.has(run.status);
  const useEvents = eventsFinal || (!summaryFinal && state.lastSeq > 0);
  return {
    status: useEvents ? state.status : run.status,
    output: eventsFinal ? state.output : run.output,
    error: eventsFinal ? state.error : run.error,
    usage: eventsFinal ? state.usage : summaryFinal ? run.usage : (usageSoFar(state) ?? run.usage),
    startMs: timeOf(state.startedAt) ?? timeOf(run.startedAt),
    endMs: eventsFinal ? timeOf(state.endedAt) : summaryFinal ? timeOf(run.endedAt) : null,
  };
}

function GoneMessage({ mode }: { mode: RunViewMode }) {
  return (
    <div className="run-gone card" role="alert">
      <Link2Off size={20} aria-hidden />
      <p>
        {mode.kind === "shared"
          ? "This link is no longer valid."
          : "This run no longer exists, or you no longer have access to it."}
      </p>
    </div>
  );
}

/** The run page: live while the run executes, and identical when opened afterwards. */
export function RunViewer({ run, graph, eventsUrl, runUrl, mode }: RunViewerProps) {
  const { state, connection } = useRunEvents({ eventsUrl, runUrl });
  const [selectedStepId, setSelectedStepId] = useState<string | null>(null);
  const [tab, setTab] = useState<"steps" | "graph">("steps");

  const shown = shownFigures(run, state);
  const final = FINAL_STATUSES.has(shown.status);
  const clientNow = useNow(!final, 500);
  // The browser's clock may lag the server's; the newest event is a floor for "now".
  const nowMs = clientNow === null ? null : Math.max(clientNow, timeOf(state.lastEventAt) ?? 0);
  const endMs = shown.endMs ?? nowMs;
  const durationMs = shown.startMs !== null && endMs !== null ? Math.max(0, endMs - shown.startMs) : null;

  const rows = useMemo(() => stepRows(state), [state]);
  const nodeStates = useMemo(() => nodeStatesOf(state), [state]);
  const costLabel = useMemo(() => runCostLabel(graph), [graph]);
  const waitingStepIds = useMemo(
    () => new Set(state.pendingInputs.map((request) => request.stepId)),
    [state.pendingInputs],
  );

  if (connection === "gone") return <GoneMessage mode={mode} />;

  const canControl = mode.kind === "owner" && mode.canEdit;
  const selected =
    (selectedStepId !== null ? state.steps[selectedStepId] : undefined) ?? rows[0]?.step ?? undefined;
  const rootText = rows[0]?.step.text ?? "";
  const inputText = run.input.map(messageText).filter(Boolean).join("\n\n");
  const timelineStart = shown.startMs ?? timeOf(rows[0]?.step.startedAt);

  return (
    <div className="run-view">
      <RunHeader
        title={run.designName ?? run.agent}
        subtitle={
          <>
            Agent <strong>{run.agent}</strong>
            {mode.kind === "owner" && run.designId ? (
              <>
                {" "}
                of <Link href={`/designs/${run.designId}`}>{run.designName ?? "its design"}</Link>
              </>
            ) : null}{" "}
            · created <RelativeTime date={new Date(run.createdAt)} />
          </>
        }
        status={shown.status}
        connection={connection}
        durationMs={durationMs}
        usage={shown.usage}
        costLabel={costLabel}
        actions={
          canControl ? (
            <div className="run-actions">
              {!final ? <CancelRunButton runId={run.id} /> : null}
              <ShareDialog runId={run.id} />
            </div>
          ) : null
        }
      />

      <p className="visually-hidden" role="status" aria-live="polite">
        Run {stateWord(shown.status).toLowerCase()}
      </p>

      {state.pendingInputs.length > 0 && !final ? (
        canControl ? (
          state.pendingInputs.map((request) => (
            <InputRequestForm key={request.requestId} runId={run.id} request={request} />
          ))
        ) : (
          <p className="run-waiting-note">
            The run is waiting for its owner to answer: {state.pendingInputs[0]?.prompt}
          </p>
        )
      ) : null}

      <section className="run-output-section" aria-labelledby="run-output-heading">
        <h2 id="run-output-heading" className="run-heading">
          Output
        </h2>
        {shown.error ? (
          <p className="form-error run-error">
            <CircleAlert size={14} aria-hidden /> {shown.error}
          </p>
        ) : null}
        {final ? (
          shown.output ? (
            <Markdown text={shown.output} className="run-output-markdown" />
          ) : (
            <p className="muted">This run produced no output.</p>
          )
        ) : (
          <pre className="run-output run-output-live" data-testid="run-live-output">
            {rootText || "The output appears here as the run produces it…"}
          </pre>
        )}
        {inputText ? (
          <details className="run-input-details">
            <summary>Input</summary>
            <pre className="detail-pre">{inputText}</pre>
          </details>
        ) : null}
      </section>

      {timelineStart !== null && endMs !== null ? (
        <RunTimeline
          rows={rows}
          startMs={timelineStart}
          endMs={endMs}
          waitingStepIds={waitingStepIds}
          selectedStepId={selected?.stepId ?? null}
          onSelect={setSelectedStepId}
        />
      ) : null}

      <RunTabs
        label="Run views"
        selected={tab}
        onSelect={setTab}
        tabs={[
          {
            id: "steps",
            label: "Steps",
            content: () => (
              <div className="run-columns">
                <section className="run-tree-column" aria-label="Step tree">
                  <StepTree
                    state={state}
                    selectedStepId={selected?.stepId ?? null}
                    waitingStepIds={waitingStepIds}
                    onSelect={setSelectedStepId}
                  />
                  {state.logs.length > 0 ? (
                    <ul className="detail-logs run-logs" aria-label="Run log">
                      {state.logs.map((entry) => (
                        <li key={entry.seq} className={`log-${entry.level}`}>
                          <span className="log-level">{entry.level}</span> {entry.message}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </section>
                <div className="run-detail-column">
                  {selected ? (
                    <StepDetail
                      state={state}
                      step={selected}
                      waiting={waitingStepIds.has(selected.stepId)}
                      nowMs={nowMs}
                      onSelect={setSelectedStepId}
                    />
                  ) : (
                    <p className="muted run-empty">
                      {final ? "This run has no steps." : "Waiting for the first step…"}
                    </p>
                  )}
                </div>
              </div>
            ),
          },
          {
            id: "graph",
            label: "Graph",
            content: () => (
              <div className="run-graph">
                <GraphView graph={graph} nodeStates={nodeStates} />
              </div>
            ),
          },
        ]}
      />
    </div>
  );
}
