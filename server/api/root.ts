import "server-only";
import { designsRouter } from "@/server/api/routers/designs";
import { router } from "@/server/api/trpc";

export const appRouter = router({
  designs: designsRouter,
});

export type AppRouter = typeof appRouter;
