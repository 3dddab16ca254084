"use client";

import type { ReactNode } from "react";
import { McpSourceContext } from "./mcp-source";
import { useTrpcMcpSource } from "./use-trpc-mcp-source";

/** Gives the page's MCP pieces the workspace registry and its servers through tRPC. */
export function TrpcMcpSourceProvider({ children }: { children: ReactNode }) {
  return <McpSourceContext.Provider value={useTrpcMcpSource()}>{children}</McpSourceContext.Provider>;
}
