"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/components/providers/trpc";

/**
 * Switches the browser to another workspace (the server sets the workspace cookie), then drops
 * every cached query and re-renders the server components: everything on screen belongs to the
 * workspace, so nothing of the old one may linger.
 */
export function useSwitchWorkspace(options: { afterSwitch?: () => void } = {}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  return useMutation(
    trpc.workspaces.switch.mutationOptions({
      onSuccess: async () => {
        options.afterSwitch?.();
        router.refresh();
        await queryClient.invalidateQueries();
      },
    }),
  );
}
