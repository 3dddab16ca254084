import "server-only";
import { apiTokensRouter } from "@/server/api/routers/api-tokens";
import { auditRouter } from "@/server/api/routers/audit";
import { chatsRouter } from "@/server/api/routers/chats";
import { designsRouter } from "@/server/api/routers/designs";
import { invitesRouter } from "@/server/api/routers/invites";
import { mcpServersRouter } from "@/server/api/routers/mcp-servers";
import { membersRouter } from "@/server/api/routers/members";
import { providersRouter } from "@/server/api/routers/providers";
import { runsRouter } from "@/server/api/routers/runs";
import { sharesRouter } from "@/server/api/routers/shares";
import { workspacesRouter } from "@/server/api/routers/workspaces";
import { router } from "@/server/api/trpc";

export const appRouter = router({
  designs: designsRouter,
  runs: runsRouter,
  shares: sharesRouter,
  chats: chatsRouter,
  mcpServers: mcpServersRouter,
  workspaces: workspacesRouter,
  members: membersRouter,
  invites: invitesRouter,
  providers: providersRouter,
  apiTokens: apiTokensRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;
