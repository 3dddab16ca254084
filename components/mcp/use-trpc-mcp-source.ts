"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTRPC, useTRPCClient } from "@/components/providers/trpc";
import type { McpServerListing, McpSource } from "./mcp-source";

/**
 * The page's MCP source: the registry from `mcpServers.list` (a database read, loaded with the
 * page), everything else straight through the tRPC client, so nothing is cached or fetched again
 * on its own (a refetch on window focus would start a server's process). Aborting a call (the
 * component went away) aborts the request, and the server closes the connection it opened.
 */
export function useTrpcMcpSource(): McpSource {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const list = useQuery(trpc.mcpServers.list.queryOptions(undefined, { staleTime: 30_000 }));

  const servers = useMemo((): McpServerListing => {
    if (list.data !== undefined) {
      return {
        status: "ready",
        servers: list.data.map((server) => ({ name: server.name, description: server.description })),
      };
    }
    if (list.error) return { status: "error", message: list.error.message };
    return { status: "loading" };
  }, [list.data, list.error]);

  return useMemo(
    (): McpSource => ({
      servers,
      tools: (name, signal) => client.mcpServers.tools.query({ name }, { signal }),
      prompts: (name, signal) => client.mcpServers.prompts.query({ name }, { signal }),
      resources: (name, signal) => client.mcpServers.resources.query({ name }, { signal }),
      getPrompt: (input, signal) => client.mcpServers.getPrompt.mutate(input, { signal }),
      readResource: (input, signal) => client.mcpServers.readResource.mutate(input, { signal }),
    }),
    [client, servers],
  );
}
