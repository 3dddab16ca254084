import "server-only";
import { chatsRouter } from "@/server/api/routers/chats";
import { designsRouter } from "@/server/api/routers/designs";
import { mcpServersRouter } from "@/server/api/routers/mcp-servers";
import { providersRouter } from "@/server/api/routers/providers";
import { runsRouter } from "@/server/api/routers/runs";
import { sharesRouter } from "@/server/api/routers/shares";
import { router } from "@/server/api/trpc";

export const appRouter = router({
  designs: designsRouter,
  runs: runsRouter,
  shares: sharesRouter,
  chats: chatsRouter,
  mcpServers: mcpServersRouter,
  providers: providersRouter,
});

export type AppRouter = typeof appRouter;
