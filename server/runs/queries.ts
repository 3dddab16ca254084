import "server-only";
import type { Caller } from "@/server/auth/caller";
import { scopedDb } from "@/server/db/scoped";
import { NotFoundError } from "@/server/errors";
import { toRunView, type RunView } from "@/server/runs/run-view";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A run of the caller's workspace; a malformed id is simply not found. */
export async function findRun(caller: Caller, id: string) {
  const row = UUID.test(id) ? await scopedDb(caller).run.findUnique({ where: { id } }) : null;
  if (!row) throw new NotFoundError("Run");
  return row;
}

export async function getRun(caller: Caller, id: string): Promise<RunView> {
  return toRunView(await findRun(caller, id));
}
