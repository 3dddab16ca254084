import "server-only";
import { z } from "zod";
import { editorProcedure, memberProcedure, router } from "@/server/api/trpc";
import { shareRunInput } from "@/server/runs/run-schemas";
import { createShareLink, listShareLinks, revokeShareLinks } from "@/server/shares/share-links";

const byRun = z.strictObject({ runId: z.string().max(100) });

export const sharesRouter = router({
  status: memberProcedure
    .input(byRun)
    .query(async ({ ctx, input }) => ({ links: await listShareLinks(ctx.caller, input.runId) })),
  create: editorProcedure
    .input(byRun.extend(shareRunInput.shape))
    .mutation(({ ctx, input }) =>
      createShareLink(ctx.caller, input.runId, { expiresInHours: input.expiresInHours }),
    ),
  revoke: editorProcedure
    .input(byRun)
    .mutation(({ ctx, input }) => revokeShareLinks(ctx.caller, input.runId)),
});
