"use client";

import { ExternalLink, Loader2 } from "lucide-react";
import Link from "next/link";
import { useEffect } from "react";
import type { RunState } from "@/components/runs/run-state";
import { RunStatusBadge } from "@/components/runs/run-view/run-status-badge";
import { useRunEvents } from "@/components/runs/use-run-events";

/**
 * The root step's text as it streams. A workflow's root often says nothing until its children
 * are done, so until then the newest step with text stands in for it.
 */
function answerSoFar(state: RunState): string {
  const rootId = state.rootStepIds[0];
  const root = rootId === undefined ? undefined : state.steps[rootId];
  if (root?.text) return root.text;
  for (const stepId of [...state.stepOrder].reverse()) {
    const text = state.steps[stepId]?.text;
    if (text) return text;
  }
  return "";
}

/** The assistant's answer of the turn still going, streamed in place from the run's events. */
export function StreamingAnswer({ runId, onEnded }: { runId: string; onEnded: (runId: string) => void }) {
  const { state, connection } = useRunEvents({
    eventsUrl: `/api/v1/runs/${runId}/events`,
    runUrl: `/api/v1/runs/${runId}`,
  });
  const ended = connection === "ended" || connection === "gone";

  useEffect(() => {
    if (ended) onEnded(runId);
  }, [ended, onEnded, runId]);

  const text = answerSoFar(state);
  const failure = state.error ?? (connection === "gone" ? "This turn's run no longer exists." : null);

  return (
    <li className="chat-message chat-message-assistant chat-message-live" aria-busy={!ended}>
      <div className="chat-message-meta">
        <span className="chat-author">Assistant</span>
        <span role="status">
          <RunStatusBadge status={state.status} />
        </span>
        {connection === "reconnecting" ? <span className="muted">Reconnecting…</span> : null}
        <Link className="chat-run-link" href={`/runs/${runId}`}>
          View run
          <ExternalLink size={12} aria-hidden />
        </Link>
      </div>
      <div className="chat-bubble">
        {text ? (
          <div className="chat-streaming-text" data-testid="streaming-answer">
            {text}
          </div>
        ) : !ended ? (
          <p className="muted chat-thinking">
            <Loader2 size={14} aria-hidden className="spin" />
            Thinking…
          </p>
        ) : null}
        {failure ? <p className="form-error chat-turn-error">{failure}</p> : null}
      </div>
    </li>
  );
}
