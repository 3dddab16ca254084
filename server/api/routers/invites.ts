import "server-only";
import { ownerProcedure, publicProcedure, router } from "@/server/api/trpc";
import { auth } from "@/server/auth/auth";
import { UnauthenticatedError } from "@/server/errors";
import { clientAddress } from "@/server/security/client-address";
import {
  acceptInvitation,
  createInvitation,
  listPendingInvitations,
  revokeInvitation,
} from "@/server/workspaces/invitations";
import { acceptInviteInput, createInviteInput, inviteByIdInput } from "@/server/workspaces/workspace-schemas";

/**
 * Invitation links: owners make, list and revoke them. Accepting needs a signed-in person but no
 * membership anywhere (someone removed from every workspace can still be invited back), so it
 * reads the session itself instead of going through the workspace role gate.
 */
export const invitesRouter = router({
  list: ownerProcedure.query(({ ctx }) => listPendingInvitations(ctx.caller)),
  create: ownerProcedure
    .input(createInviteInput)
    .mutation(({ ctx, input }) => createInvitation(ctx.caller, input)),
  revoke: ownerProcedure.input(inviteByIdInput).mutation(async ({ ctx, input }) => {
    await revokeInvitation(ctx.caller, input.id);
    return { id: input.id };
  }),
  accept: publicProcedure.input(acceptInviteInput).mutation(async ({ ctx, input }) => {
    const userId =
      ctx.caller?.via === "session"
        ? ctx.caller.userId
        : (await auth().api.getSession({ headers: ctx.headers }))?.user.id;
    if (!userId) throw new UnauthenticatedError("Sign in to accept this invitation.");
    return acceptInvitation(userId, input.token, clientAddress(ctx.headers));
  }),
});
