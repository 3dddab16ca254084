"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";
import { FINAL_STATUSES } from "@/server/events/schema";
import type { ListRunsInput } from "@/server/runs/run-schemas";

/** While a listed run is still going, the pages are refreshed this often (status and duration). */
const ACTIVE_REFRESH_MS = 3_000;

type RunPagesInput = Omit<ListRunsInput, "cursor">;

/** The run list, page after page (newest first); refreshed while a listed run is still going. */
export function useRunPages(input: RunPagesInput) {
  const trpc = useTRPC();
  return useInfiniteQuery(
    trpc.runs.list.infiniteQueryOptions(input, {
      getNextPageParam: (page) => page.nextCursor,
      // Changing a filter dims the current rows until the new ones arrive, rather than blanking them.
      placeholderData: keepPreviousData,
      refetchInterval: (query) =>
        query.state.data?.pages.some((page) => page.runs.some((run) => !FINAL_STATUSES.has(run.status)))
          ? ACTIVE_REFRESH_MS
          : false,
    }),
  );
}
