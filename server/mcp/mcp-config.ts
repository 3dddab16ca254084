import path from "node:path";
import { serverEnv, type ServerEnv } from "@/server/config/env";

/**
 * What MCP connections may do, passed explicitly to every function so tests choose their own
 * limits; `mcpConfigFromEnv` builds it from the validated server environment when asked (never on
 * import).
 */
export type McpConfig = {
  /** Exact stdio executables a registry entry may name (TRELLIS_MCP_STDIO_ALLOW). */
  stdioAllow: readonly string[];
  /** Hosts exempt from the address guard: `host`, `host:port`, IPs, `[v6]:port` (TRELLIS_MCP_ALLOW_HOSTS). */
  allowHosts: readonly string[];
  connectTimeoutMs: number;
  /** Largest single message: a stdio line, an HTTP JSON body or one SSE event. */
  maxMessageBytes: number;
  /** Absolute folder under which every stdio server's working directory lives (`<data dir>/mcp`). */
  workRoot: string;
};

export function mcpConfigFromEnv(env: ServerEnv = serverEnv()): McpConfig {
  return {
    stdioAllow: env.TRELLIS_MCP_STDIO_ALLOW,
    allowHosts: env.TRELLIS_MCP_ALLOW_HOSTS,
    connectTimeoutMs: env.TRELLIS_MCP_CONNECT_TIMEOUT_SECONDS * 1000,
    maxMessageBytes: env.TRELLIS_MCP_MAX_MESSAGE_BYTES,
    workRoot: path.resolve(env.TRELLIS_DATA_DIR, "mcp"),
  };
}
