"use client";

import { WifiOff } from "lucide-react";
import type { ReactNode } from "react";
import type { RunConnection } from "@/components/runs/use-run-events";
import { formatCount, formatDuration } from "@/components/runs/run-view/format";
import { RunStatusBadge } from "@/components/runs/run-view/run-status-badge";
import type { RunStatus, Usage } from "@/server/events/schema";

/** The run's title, status and figures, with the owner's actions on the right. */
export function RunHeader({
  title,
  subtitle,
  status,
  connection,
  durationMs,
  usage,
  costLabel,
  actions,
}: {
  title: string;
  subtitle: ReactNode;
  status: RunStatus;
  connection: RunConnection;
  durationMs: number | null;
  usage: Usage | null;
  costLabel: string;
  actions: ReactNode;
}) {
  return (
    <header className="run-header">
      <div className="run-title-row">
        <h1>{title}</h1>
        <RunStatusBadge status={status} />
        {connection === "reconnecting" ? (
          <span className="badge run-connection">
            <WifiOff size={12} aria-hidden />
            Reconnecting…
          </span>
        ) : null}
        <span className="run-header-spacer" />
        {actions}
      </div>
      {subtitle ? <p className="muted run-subtitle">{subtitle}</p> : null}
      <dl className="run-figures">
        <div>
          <dt>Duration</dt>
          <dd>{durationMs === null ? "—" : formatDuration(durationMs)}</dd>
        </div>
        <div>
          <dt>Model calls</dt>
          <dd>{usage ? formatCount(usage.modelCalls) : "—"}</dd>
        </div>
        <div>
          <dt>Tokens</dt>
          <dd>
            {usage ? `${formatCount(usage.inputTokens)} in · ${formatCount(usage.outputTokens)} out` : "—"}
          </dd>
        </div>
        <div>
          <dt>Cost</dt>
          <dd>{costLabel}</dd>
        </div>
      </dl>
    </header>
  );
}
