"use client";

import {
  CircleCheck,
  CircleDashed,
  CircleSlash,
  CircleX,
  Hourglass,
  LoaderCircle,
  type LucideIcon,
} from "lucide-react";
import type { StepStatus } from "@/components/runs/run-state";
import type { RunStatus } from "@/server/events/schema";
import "./run-view.css";

type State = RunStatus | StepStatus;

/** One look per state everywhere (ux.md "States and colours"): a tone, an icon and a word. */
export const STATE_LOOK: Record<State, { word: string; icon: LucideIcon; tone: string }> = {
  queued: { word: "Queued", icon: CircleDashed, tone: "queued" },
  running: { word: "Running", icon: LoaderCircle, tone: "running" },
  waiting_for_input: { word: "Waiting for input", icon: Hourglass, tone: "waiting" },
  succeeded: { word: "Succeeded", icon: CircleCheck, tone: "succeeded" },
  failed: { word: "Failed", icon: CircleX, tone: "failed" },
  cancelled: { word: "Cancelled", icon: CircleSlash, tone: "stopped" },
  interrupted: { word: "Interrupted", icon: CircleSlash, tone: "stopped" },
};

export function stateWord(status: State): string {
  return STATE_LOOK[status].word;
}

/** The state's icon, spinning while running (the CSS stops it for reduced motion). */
export function StateIcon({ status, size = 13 }: { status: State; size?: number }) {
  const look = STATE_LOOK[status];
  const Icon = look.icon;
  return <Icon size={size} aria-hidden className={status === "running" ? "spin" : undefined} />;
}

/** A run's status as a badge, for the run page header and run lists. */
export function RunStatusBadge({ status }: { status: RunStatus }) {
  const look = STATE_LOOK[status];
  return (
    <span className={`badge state-badge state-${look.tone}`}>
      <StateIcon status={status} />
      {look.word}
    </span>
  );
}

/**
 * A step's state, as icon and lower-case word: the run's own badge keeps the capitalised word,
 * so "Succeeded" on the page names the run, not one of its many steps.
 */
export function StepStatusLabel({ status, waiting }: { status: StepStatus; waiting?: boolean }) {
  const shown: State = waiting ? "waiting_for_input" : status;
  const look = STATE_LOOK[shown];
  return (
    <span className={`step-state state-${look.tone}`}>
      <StateIcon status={shown} size={12} />
      {look.word.toLowerCase()}
    </span>
  );
}
