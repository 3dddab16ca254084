"use client";

import { useMutation } from "@tanstack/react-query";
import { ChevronDown, ChevronUp, CircleAlert, ExternalLink, Play, X } from "lucide-react";
import Link from "next/link";
import { useEffect, useEffectEvent, useId, useMemo, useRef, useState } from "react";
import { useEditorActions } from "@/components/editor/editor-context";
import { DrawerSteps } from "@/components/editor/run/drawer-steps";
import {
  liveNodeStates,
  sameLiveNodeStates,
  type LiveNodeStates,
} from "@/components/editor/run/live-node-states";
import { forgetLastRun, readLastRun, rememberLastRun } from "@/components/editor/run/last-run";
import { ResourceAttachments } from "@/components/editor/run/resource-attachments";
import { buildRunInput, type AttachedResource } from "@/components/editor/run/run-input";
import { useDrawerSize } from "@/components/editor/run/use-drawer-size";
import { streamedOutput } from "@/components/editor/run/streamed-output";
import { useFollowOutput } from "@/components/editor/run/use-follow-output";
import { DRAWER_MIN_HEIGHT } from "@/components/editor/run/drawer-size";
import { useTRPC } from "@/components/providers/trpc";
import { CancelRunButton, InputRequestForm } from "@/components/runs/run-view/run-owner-controls";
import { RunStatusBadge, stateWord } from "@/components/runs/run-view/run-status-badge";
import { useRunEvents } from "@/components/runs/use-run-events";
import type { Graph } from "@/server/designs/graph-schema";
import { FINAL_STATUSES } from "@/server/events/schema";
import "./run-drawer.css";

export type EditorRunDrawerProps = {
  designId: string;
  /** The graph as it is on the canvas now, saved or not: that is what Run runs. */
  graph: Graph;
  /** Set while the design cannot run (invalid, or the viewer may not run it); shown by the button. */
  runDisabledReason?: string;
  /** Each node's live state and badge in the current run, for the canvas; null once cleared. */
  onNodeStates: (live: LiveNodeStates | null) => void;
};

/**
 * The editor's bottom drawer (ux.md): an input box and Run for the graph on the canvas, then the
 * run live (status, streamed output, steps, pending questions), while the canvas highlights each
 * node through `onNodeStates`. Resizable from its top edge, collapsible to its bar.
 */
export function EditorRunDrawer({ designId, graph, runDisabledReason, onNodeStates }: EditorRunDrawerProps) {
  const trpc = useTRPC();
  const { readOnly } = useEditorActions();
  const ids = useId();
  const size = useDrawerSize();
  const [input, setInput] = useState("");
  const [attachments, setAttachments] = useState<readonly AttachedResource[]>([]);
  const [runId, setRunId] = useState<string | null>(null);

  const runPath = runId === null ? null : `/api/v1/runs/${encodeURIComponent(runId)}`;
  const { state, connection } = useRunEvents({
    eventsUrl: runPath === null ? null : `${runPath}/events`,
    runUrl: runPath,
  });

  // After a reload the drawer shows the run it showed before, still live if it still runs.
  useEffect(() => {
    const last = readLastRun(designId);
    if (last !== null) setRunId(last);
  }, [designId]);

  const start = useMutation(
    trpc.runs.start.mutationOptions({
      onSuccess: (run) => {
        setRunId(run.id);
        rememberLastRun(designId, run.id);
      },
    }),
  );

  const live = useMemo(() => (runId === null ? null : liveNodeStates(state)), [runId, state]);
  const report = useEffectEvent((next: LiveNodeStates | null) => onNodeStates(next));
  const reported = useRef<LiveNodeStates | null>(null);
  useEffect(() => {
    if (sameLiveNodeStates(reported.current, live)) return;
    reported.current = live;
    report(live);
  }, [live]);
  // Highlights belong to the drawer's run: they go when the drawer does.
  useEffect(
    () => () => {
      if (reported.current === null) return;
      reported.current = null;
      report(null);
    },
    [],
  );

  const gone = connection === "gone";
  const running = runId !== null && !gone && !FINAL_STATUSES.has(state.status);
  const output = streamedOutput(state);
  const followOutput = useFollowOutput(output.text);

  const blockedReason = runDisabledReason ?? (running ? "A run is in progress." : undefined);
  const hasInput = input.trim() !== "" || attachments.length > 0;
  const canRun = blockedReason === undefined && !start.isPending && hasInput;

  function run(event: { preventDefault: () => void }) {
    event.preventDefault();
    if (!canRun) return;
    start.mutate({ graph, input: buildRunInput(input, attachments) });
  }

  function clear() {
    setRunId(null);
    forgetLastRun(designId);
    start.reset();
  }

  const bodyId = `${ids}-body`;
  const reasonId = `${ids}-reason`;

  return (
    <div
      className={`run-drawer${size.collapsed ? " is-collapsed" : ""}`}
      style={{ ["--run-drawer-height" as string]: `${size.height}px` }}
    >
      {size.collapsed ? null : (
        <div
          className="run-drawer-handle"
          role="separator"
          aria-orientation="horizontal"
          aria-label="Resize the drawer"
          aria-controls={bodyId}
          aria-valuenow={size.height}
          aria-valuemin={DRAWER_MIN_HEIGHT}
          aria-valuemax={size.maxHeight}
          tabIndex={0}
          {...size.handle}
        />
      )}
      <div className="run-drawer-bar">
        <button
          type="button"
          className="button run-drawer-toggle"
          aria-expanded={!size.collapsed}
          aria-controls={bodyId}
          onClick={() => size.setCollapsed(!size.collapsed)}
        >
          {size.collapsed ? <ChevronUp size={14} aria-hidden /> : <ChevronDown size={14} aria-hidden />}
          {size.collapsed ? "Expand" : "Collapse"}
        </button>
        <h2 className="run-drawer-title">Run</h2>
        {runId !== null && !gone ? <RunStatusBadge status={state.status} /> : null}
        {connection === "reconnecting" && running ? (
          <span className="badge run-drawer-reconnecting">Reconnecting…</span>
        ) : null}
        <span className="run-drawer-spacer" />
        {running && runId !== null ? <CancelRunButton key={runId} runId={runId} /> : null}
        {runId !== null && !gone ? (
          <Link href={`/runs/${encodeURIComponent(runId)}`} className="button">
            <ExternalLink size={13} aria-hidden />
            Open run page
          </Link>
        ) : null}
        {runId !== null && !running ? (
          <button type="button" className="button" onClick={clear}>
            <X size={13} aria-hidden />
            Clear
          </button>
        ) : null}
      </div>

      <p className="visually-hidden" role="status" aria-live="polite">
        {runId === null
          ? ""
          : gone
            ? "Run no longer available"
            : `Run ${stateWord(state.status).toLowerCase()}`}
      </p>

      <div className="run-drawer-body" id={bodyId} hidden={size.collapsed}>
        <form className="run-drawer-form" onSubmit={run}>
          <label htmlFor={`${ids}-input`}>Input</label>
          <textarea
            id={`${ids}-input`}
            className="input run-drawer-input"
            value={input}
            placeholder="What should the agents work on?"
            onChange={(event) => setInput(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) run(event);
            }}
          />
          {/* Viewers start nothing, and may not connect to MCP servers either. */}
          {readOnly ? null : <ResourceAttachments attachments={attachments} onChange={setAttachments} />}
          <div className="run-drawer-actions">
            <button
              type="submit"
              className="button button-primary"
              disabled={!canRun}
              aria-describedby={blockedReason ? reasonId : undefined}
              aria-keyshortcuts="Control+Enter Meta+Enter"
            >
              <Play size={14} aria-hidden />
              {start.isPending ? "Starting…" : "Run"}
            </button>
            <span className="muted run-drawer-hint">Ctrl/Cmd + Enter</span>
          </div>
          {blockedReason ? (
            <p className="run-drawer-reason" id={reasonId}>
              {blockedReason}
            </p>
          ) : null}
          {start.error ? (
            <p className="form-error run-drawer-error" role="alert">
              The run did not start: {start.error.message}
            </p>
          ) : null}
        </form>

        {runId === null ? (
          <p className="muted run-drawer-empty run-drawer-placeholder">
            Runs use the graph as it is on the canvas, saved or not. The output and the steps appear here, and
            each node shows its progress.
          </p>
        ) : gone ? (
          <p className="run-drawer-gone" role="alert">
            <CircleAlert size={14} aria-hidden />
            This run no longer exists, or you no longer have access to it.
          </p>
        ) : (
          <>
            <section className="run-drawer-output" aria-labelledby={`${ids}-output`}>
              <h3 className="run-heading" id={`${ids}-output`}>
                Output
              </h3>
              {running
                ? state.pendingInputs.map((request) => (
                    <InputRequestForm key={request.requestId} runId={runId} request={request} />
                  ))
                : null}
              {output.from !== null ? (
                <p className="muted run-drawer-output-from">So far, from {output.from}:</p>
              ) : null}
              <pre className="run-output run-drawer-output-text" data-testid="run-output" {...followOutput}>
                {output.text || (running ? "…" : "")}
              </pre>
              {state.error ? (
                <p className="form-error run-drawer-error" role="alert">
                  {state.error}
                </p>
              ) : null}
            </section>
            <section className="run-drawer-steps-column" aria-labelledby={`${ids}-steps`}>
              <h3 className="run-heading" id={`${ids}-steps`}>
                Steps
              </h3>
              <DrawerSteps state={state} />
            </section>
          </>
        )}
      </div>
    </div>
  );
}
