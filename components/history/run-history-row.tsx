"use client";

import { RotateCcw, Trash2 } from "lucide-react";
import Link from "next/link";
import { formatDuration } from "@/components/runs/run-view/format";
import { RunStatusBadge } from "@/components/runs/run-view/run-status-badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { FINAL_STATUSES } from "@/server/events/schema";
import type { RunListItem } from "@/server/runs/history";

export type RunHistoryColumns = { design: boolean };

/**
 * One run. The input cell holds the row's link to the run page; CSS stretches it over the whole
 * row so a click anywhere opens the run, while the design link and buttons stay on top of it.
 */
export function RunHistoryRow({
  run,
  columns,
  canEdit,
  rerunPending,
  onRerun,
  onDelete,
}: {
  run: RunListItem;
  columns: RunHistoryColumns;
  canEdit: boolean;
  rerunPending: boolean;
  onRerun: () => void;
  onDelete: () => void;
}) {
  const ended = FINAL_STATUSES.has(run.status);
  return (
    <tr className="history-row" data-run-id={run.id}>
      <td className="history-status">
        <RunStatusBadge status={run.status} />
      </td>
      {columns.design ? (
        <td className="history-design">
          {run.designId ? (
            <Link className="history-above-row-link" href={`/designs/${run.designId}`}>
              {run.designName ?? "Deleted design"}
            </Link>
          ) : (
            <span className="muted">unsaved graph</span>
          )}
        </td>
      ) : null}
      <td className="history-agent history-optional">
        <code>{run.agent}</code>
      </td>
      <td className="history-input">
        <Link className="history-row-link" href={`/runs/${run.id}`}>
          {run.inputPreview || <span className="muted">(no text input)</span>}
        </Link>
      </td>
      <td className="history-started">
        <RelativeTime date={run.startedAt ?? run.createdAt} />
      </td>
      <td className="history-duration history-optional">
        {run.durationMs !== null ? formatDuration(run.durationMs) : <span className="muted">—</span>}
      </td>
      {canEdit ? (
        <td className="actions">
          <button
            type="button"
            className="icon-button history-above-row-link"
            aria-label="Run again"
            title="Run again with the same input"
            disabled={rerunPending}
            onClick={onRerun}
          >
            <RotateCcw size={15} aria-hidden />
          </button>
          {ended ? (
            <button
              type="button"
              className="icon-button history-above-row-link"
              aria-label="Delete run"
              title="Delete run"
              onClick={onDelete}
            >
              <Trash2 size={15} aria-hidden />
            </button>
          ) : null}
        </td>
      ) : null}
    </tr>
  );
}
