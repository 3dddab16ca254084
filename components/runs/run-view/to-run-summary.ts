import type { RunSummary } from "@/components/runs/run-view/types";
import type { Message } from "@/server/engine/messages";
import type { RunStatus, Usage } from "@/server/events/schema";

type RunLike = {
  id: string;
  status: RunStatus;
  agent: string;
  input: Message[];
  output: string | null;
  error: string | null;
  usage: Usage | null;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  designId: string | null;
  designName: string | null;
};

/** A run as the server loaded it, made serialisable for the client run view. */
export function toRunSummary(run: RunLike): RunSummary {
  return {
    id: run.id,
    status: run.status,
    agent: run.agent,
    input: run.input,
    output: run.output,
    error: run.error,
    usage: run.usage,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    endedAt: run.endedAt?.toISOString() ?? null,
    designId: run.designId,
    designName: run.designName,
  };
}
