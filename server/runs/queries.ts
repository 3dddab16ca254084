import "server-only";
import type { Caller } from "@/server/auth/caller";
import { isRecordId } from "@/server/db/ids";
import type { Graph } from "@/server/designs/graph-schema";
import { scopedDb } from "@/server/db/scoped";
import { NotFoundError } from "@/server/errors";
import { toRunView, type RunView } from "@/server/runs/run-view";

/** A run of the caller's workspace; a malformed id is simply not found. */
export async function findRun(caller: Caller, id: string) {
  const row = isRecordId(id) ? await scopedDb(caller).run.findUnique({ where: { id } }) : null;
  if (!row) throw new NotFoundError("Run");
  return row;
}

export async function getRun(caller: Caller, id: string): Promise<RunView> {
  return toRunView(await findRun(caller, id));
}

export type RunDetail = RunView & { graph: Graph; designName: string | null; chatId: string | null };

/** A run with the graph it ran and its design's name: what the run page shows. */
export async function getRunDetail(caller: Caller, id: string): Promise<RunDetail> {
  const row = await findRun(caller, id);
  const design = row.designId
    ? await scopedDb(caller).design.findUnique({ where: { id: row.designId }, select: { name: true } })
    : null;
  return {
    ...toRunView(row),
    graph: row.graph as Graph,
    designName: design?.name ?? null,
    chatId: row.chatId,
  };
}
