import "server-only";
import { memberProcedure, ownerProcedure, router } from "@/server/api/trpc";
import { changeMemberRole, leaveWorkspace, listMembers, removeMember } from "@/server/workspaces/members";
import { changeRoleInput, memberByIdInput } from "@/server/workspaces/workspace-schemas";

/** The current workspace's members: everyone sees them; owners change roles and remove people. */
export const membersRouter = router({
  list: memberProcedure.query(async ({ ctx }) => ({
    currentUserId: ctx.caller.userId,
    members: await listMembers(ctx.caller),
  })),
  changeRole: ownerProcedure
    .input(changeRoleInput)
    .mutation(({ ctx, input }) => changeMemberRole(ctx.caller, input.userId, input.role)),
  remove: ownerProcedure.input(memberByIdInput).mutation(async ({ ctx, input }) => {
    await removeMember(ctx.caller, input.userId);
    return { userId: input.userId };
  }),
  leave: memberProcedure.mutation(async ({ ctx }) => {
    await leaveWorkspace(ctx.caller);
    return { workspaceId: ctx.caller.workspaceId };
  }),
});
