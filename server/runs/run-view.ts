import type { Message } from "@/server/engine/messages";
import type { RunStatus, Usage } from "@/server/events/schema";

/** A run as the API answers it (api.md: GET /api/v1/runs/:id). */
export type RunView = {
  id: string;
  designId: string | null;
  agent: string;
  status: RunStatus;
  input: Message[];
  output: string | null;
  error: string | null;
  usage: Usage | null;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
};

type RunRow = {
  id: string;
  designId: string | null;
  agent: string;
  status: RunStatus;
  input: unknown;
  output: string | null;
  error: string | null;
  usage: unknown;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
};

export function toRunView(row: RunRow): RunView {
  return {
    id: row.id,
    designId: row.designId,
    agent: row.agent,
    status: row.status,
    input: row.input as Message[],
    output: row.output,
    error: row.error,
    usage: (row.usage as Usage | null) ?? null,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
  };
}
