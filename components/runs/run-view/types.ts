import type { Message } from "@/server/engine/messages";
import type { RunStatus, Usage } from "@/server/events/schema";

/** What the run page knows about a run before any event arrives (dates as ISO strings). */
export type RunSummary = {
  id: string;
  status: RunStatus;
  agent: string;
  input: Message[];
  output: string | null;
  error: string | null;
  usage: Usage | null;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  designId: string | null;
  designName: string | null;
};

/** Who is looking: the owner may cancel, answer and share when they can edit; a shared link only reads. */
export type RunViewMode = { kind: "owner"; canEdit: boolean } | { kind: "shared" };
