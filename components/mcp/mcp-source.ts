"use client";

import { createContext, useContext, useMemo } from "react";
import type {
  McpGetPromptInput,
  McpPromptResult,
  McpReadResourceInput,
  McpResourceResult,
} from "@/server/mcp/prompts-and-resources-schema";
import type { McpInspectionPart } from "@/server/mcp/registry/inspect-registered";

/**
 * Where the editor's MCP pieces get their data: the workspace's registry and, on demand, what a
 * server offers. The page passes one built on tRPC (use-trpc-mcp-source.ts); component tests pass
 * plain data. Everything but `servers` connects to a server (a process may start), so components
 * call those only when the person asks, never while rendering.
 */
export type McpServerChoice = { name: string; description: string };

export type McpServerListing =
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "ready"; servers: readonly McpServerChoice[] };

export type McpSource = {
  servers: McpServerListing;
  tools: (server: string, signal: AbortSignal) => Promise<McpInspectionPart<"tools">>;
  prompts: (server: string, signal: AbortSignal) => Promise<McpInspectionPart<"prompts">>;
  resources: (server: string, signal: AbortSignal) => Promise<McpInspectionPart<"resources">>;
  getPrompt: (input: McpGetPromptInput, signal: AbortSignal) => Promise<McpPromptResult>;
  readResource: (input: McpReadResourceInput, signal: AbortSignal) => Promise<McpResourceResult>;
};

const unavailable = () => Promise.reject(new Error("MCP servers are not available here."));

/** Outside a provider (a read-only preview, say): no registry, and nothing to connect to. */
export const UNAVAILABLE_MCP_SOURCE: McpSource = {
  servers: { status: "error", message: "MCP servers are not available here." },
  tools: unavailable,
  prompts: unavailable,
  resources: unavailable,
  getPrompt: unavailable,
  readResource: unavailable,
};

export const McpSourceContext = createContext<McpSource>(UNAVAILABLE_MCP_SOURCE);

export function useMcpSource(): McpSource {
  return useContext(McpSourceContext);
}

/**
 * The registered names, for validation; undefined until the registry is known (names are then
 * not checked in the page). The same set while the listing stays the same.
 */
export function useRegisteredServerNames(listing: McpServerListing): ReadonlySet<string> | undefined {
  return useMemo(
    () => (listing.status === "ready" ? new Set(listing.servers.map((server) => server.name)) : undefined),
    [listing],
  );
}
