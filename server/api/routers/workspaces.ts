import "server-only";
import { memberProcedure, ownerProcedure, router } from "@/server/api/trpc";
import { workspaceCookie } from "@/server/workspaces/current-workspace-cookie";
import {
  createWorkspaceInput,
  renameWorkspaceInput,
  switchWorkspaceInput,
} from "@/server/workspaces/workspace-schemas";
import {
  createWorkspace,
  currentWorkspace,
  listMyWorkspaces,
  renameWorkspace,
  workspaceToSwitchTo,
} from "@/server/workspaces/workspaces";

/**
 * The signed-in person's workspaces. Anyone may create one (and owns it); switching sets the
 * `trellis.workspace` cookie, which page and API requests of this browser then follow.
 */
export const workspacesRouter = router({
  list: memberProcedure.query(async ({ ctx }) => ({
    currentId: ctx.caller.workspaceId,
    workspaces: await listMyWorkspaces(ctx.caller.userId),
  })),
  current: memberProcedure.query(({ ctx }) => currentWorkspace(ctx.caller)),
  create: memberProcedure
    .input(createWorkspaceInput)
    .mutation(({ ctx, input }) => createWorkspace(ctx.caller.userId, input.name, ctx.caller.address)),
  rename: ownerProcedure
    .input(renameWorkspaceInput)
    .mutation(({ ctx, input }) => renameWorkspace(ctx.caller, input.name)),
  switch: memberProcedure.input(switchWorkspaceInput).mutation(async ({ ctx, input }) => {
    const workspace = await workspaceToSwitchTo(ctx.caller.userId, input.id);
    ctx.resHeaders?.append("set-cookie", workspaceCookie(workspace.id));
    return workspace;
  }),
});
