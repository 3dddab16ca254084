import "server-only";
import { memberProcedure, router } from "@/server/api/trpc";
import {
  apiTokenCreateSchema,
  apiTokenIdSchema,
  createApiTokenFor,
  listApiTokensFor,
  revokeApiTokenFor,
} from "@/server/auth/member-api-tokens";

/**
 * API tokens. Every member manages their own (a new token's role is capped at theirs); owners
 * also see and revoke everyone's in the workspace.
 */
export const apiTokensRouter = router({
  list: memberProcedure.query(({ ctx }) => listApiTokensFor(ctx.caller)),
  create: memberProcedure
    .input(apiTokenCreateSchema)
    .mutation(({ ctx, input }) => createApiTokenFor(ctx.caller, input)),
  revoke: memberProcedure.input(apiTokenIdSchema).mutation(async ({ ctx, input }) => {
    await revokeApiTokenFor(ctx.caller, input.id);
    return { id: input.id };
  }),
});
