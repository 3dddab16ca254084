import "server-only";
import { designsRouter } from "@/server/api/routers/designs";
import { runsRouter } from "@/server/api/routers/runs";
import { router } from "@/server/api/trpc";

export const appRouter = router({
  designs: designsRouter,
  runs: runsRouter,
});

export type AppRouter = typeof appRouter;
