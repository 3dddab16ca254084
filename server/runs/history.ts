import "server-only";
import type { Caller } from "@/server/auth/caller";
import { atLeast } from "@/server/auth/roles";
import type { Prisma } from "@/server/db/client";
import { scopedDb } from "@/server/db/scoped";
import { messageText, type Message } from "@/server/engine/messages";
import { FINAL_STATUSES, type RunStatus } from "@/server/events/schema";
import { ConflictError, ForbiddenError } from "@/server/errors";
import { findRun } from "@/server/runs/queries";
import type { ListRunsInput } from "@/server/runs/run-schemas";
import { startRun } from "@/server/runs/service";
import type { RunView } from "@/server/runs/run-view";
import { announceShareRevocation } from "@/server/shares/revocations";

const INPUT_PREVIEW_LENGTH = 160;

/** One row of the run history (api.md GET /api/v1/runs; the /runs page). */
export type RunListItem = {
  id: string;
  designId: string | null;
  designName: string | null;
  chatId: string | null;
  agent: string;
  status: RunStatus;
  inputPreview: string;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  durationMs: number | null;
};

export function inputPreview(input: unknown): string {
  const messages = Array.isArray(input) ? (input as Message[]) : [];
  const lastUser = messages.filter((message) => message.role === "user").at(-1);
  const text = lastUser ? messageText(lastUser).replace(/\s+/g, " ").trim() : "";
  return text.length > INPUT_PREVIEW_LENGTH ? `${text.slice(0, INPUT_PREVIEW_LENGTH - 1)}…` : text;
}

/** Runs of the caller's workspace, newest first, optionally of one design or chat and some statuses. */
export async function listRuns(
  caller: Caller,
  query: ListRunsInput,
): Promise<{ runs: RunListItem[]; nextCursor: string | null }> {
  const where: Prisma.RunWhereInput = {
    ...(query.designId ? { designId: query.designId } : {}),
    ...(query.chatId ? { chatId: query.chatId } : {}),
    ...(query.status && query.status.length > 0 ? { status: { in: query.status } } : {}),
  };
  const database = scopedDb(caller);
  // A cursor that is not (or no longer) one of this workspace's runs starts from the top.
  const cursorRow = query.cursor
    ? await database.run.findFirst({ where: { id: query.cursor }, select: { id: true } })
    : null;
  const rows = await database.run.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    ...(cursorRow ? { cursor: { id: cursorRow.id }, skip: 1 } : {}),
    select: {
      id: true,
      designId: true,
      chatId: true,
      agent: true,
      status: true,
      input: true,
      createdAt: true,
      startedAt: true,
      endedAt: true,
      design: { select: { name: true } },
    },
  });
  const page = rows.slice(0, query.limit);
  return {
    runs: page.map((row) => ({
      id: row.id,
      designId: row.designId,
      designName: row.design?.name ?? null,
      chatId: row.chatId,
      agent: row.agent,
      status: row.status,
      inputPreview: inputPreview(row.input),
      createdAt: row.createdAt,
      startedAt: row.startedAt,
      endedAt: row.endedAt,
      durationMs:
        row.startedAt && row.endedAt ? Math.max(0, row.endedAt.getTime() - row.startedAt.getTime()) : null,
    })),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** Deletes an ended run with its events and share links (those links stop working at once). */
export async function deleteRun(caller: Caller, id: string): Promise<void> {
  if (!atLeast(caller.role, "editor")) throw new ForbiddenError("Viewers cannot delete runs.");
  const row = await findRun(caller, id);
  if (!FINAL_STATUSES.has(row.status)) throw new ConflictError("The run is still going; cancel it first.");
  await scopedDb(caller).run.delete({ where: { id: row.id } });
  announceShareRevocation(row.id);
}

/** Runs the same design (its current version) or, when it is gone, the same graph, on the same input. */
export async function rerun(caller: Caller, id: string): Promise<RunView> {
  const row = await findRun(caller, id);
  const input = row.input as Message[];
  const designExists =
    row.designId !== null && (await scopedDb(caller).design.count({ where: { id: row.designId } })) > 0;
  return designExists && row.designId
    ? startRun(caller, { designId: row.designId, agent: row.agent, input })
    : startRun(caller, { graph: row.graph, agent: row.agent, input });
}
