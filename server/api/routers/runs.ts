import "server-only";
import { tracked } from "@trpc/server";
import { z } from "zod";
import { editorProcedure, memberProcedure, router } from "@/server/api/trpc";
import { deleteRun, listRuns, rerun } from "@/server/runs/history";
import { getRunDetail } from "@/server/runs/queries";
import { answerInputInput, listRunsInput, startRunInput } from "@/server/runs/run-schemas";
import { followRunEventsOf } from "@/server/runs/run-events";
import { answerRunInput, cancelRun, getRun, startRun } from "@/server/runs/service";

const byId = z.strictObject({ id: z.string().max(100) });

export const runsRouter = router({
  start: editorProcedure.input(startRunInput).mutation(({ ctx, input }) => startRun(ctx.caller, input)),
  get: memberProcedure.input(byId).query(({ ctx, input }) => getRun(ctx.caller, input.id)),
  detail: memberProcedure.input(byId).query(({ ctx, input }) => getRunDetail(ctx.caller, input.id)),
  // tRPC's infinite queries add `direction`; pages only go forward, so it is accepted and ignored.
  list: memberProcedure
    .input(listRunsInput.extend({ direction: z.enum(["forward", "backward"]).optional() }))
    .query(({ ctx, input: { direction: _direction, ...query } }) => listRuns(ctx.caller, query)),
  rerun: editorProcedure.input(byId).mutation(({ ctx, input }) => rerun(ctx.caller, input.id)),
  delete: editorProcedure.input(byId).mutation(async ({ ctx, input }) => {
    await deleteRun(ctx.caller, input.id);
    return { id: input.id, deleted: true };
  }),
  cancel: editorProcedure.input(byId).mutation(({ ctx, input }) => cancelRun(ctx.caller, input.id)),
  answerInput: editorProcedure.input(byId.extend(answerInputInput.shape)).mutation(async ({ ctx, input }) => {
    await answerRunInput(ctx.caller, input.id, { requestId: input.requestId, response: input.response });
    return { requestId: input.requestId, accepted: true };
  }),
  /** The run's events, stored then live; resumes after lastEventId on reconnect (tracked ids = seq). */
  events: memberProcedure
    .input(byId.extend({ lastEventId: z.string().max(20).nullish() }))
    .subscription(async function* ({ ctx, input, signal }) {
      const run = await getRun(ctx.caller, input.id);
      const afterSeq = Number.parseInt(input.lastEventId ?? "0", 10) || 0;
      for await (const event of followRunEventsOf(run.id, afterSeq, signal ?? new AbortController().signal)) {
        yield tracked(String(event.seq), event);
      }
    }),
});
