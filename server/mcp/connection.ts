import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type {
  CreateMessageRequest,
  CreateMessageResult,
  ElicitRequest,
  ElicitResult,
} from "@modelcontextprotocol/sdk/types.js";
import type { McpServerEntry } from "@/server/mcp/server-entry";

/**
 * The seam between MCP connections (transports, safety checks) and their users (the registry's
 * "Test connection", the tool source of a run). Users receive an `OpenMcpConnection` as an
 * argument, so tests can hand them a connector of their own.
 */

/** Requests a server may send to us while connected; declared as client capabilities when given. */
export type McpRequestHandlers = {
  /** `elicitation/create`: ask a person (a run turns this into an input-request event). */
  elicit?: (params: ElicitRequest["params"], signal: AbortSignal) => Promise<ElicitResult>;
  /** `sampling/createMessage`: answer with a model (a run uses the calling agent's model). */
  sample?: (params: CreateMessageRequest["params"], signal: AbortSignal) => Promise<CreateMessageResult>;
};

export type McpConnection = {
  /** The registry name of the server. */
  readonly name: string;
  /** An initialized SDK client. */
  readonly client: Client;
  /** Closes the transport; for stdio, ends the child process (and waits until it has exited). */
  close(): Promise<void>;
};

export type OpenMcpConnectionOptions = {
  /** Aborting stops connecting, or closes the connection once open. */
  signal: AbortSignal;
  handlers?: McpRequestHandlers;
};

export type OpenMcpConnection = (
  entry: McpServerEntry,
  options: OpenMcpConnectionOptions,
) => Promise<McpConnection>;

/** Why a connection failed, in words a workspace owner can act on. */
export type McpFailureKind =
  | "not_allowed" // stdio command not on TRELLIS_MCP_STDIO_ALLOW, or bad arguments/cwd
  | "blocked_address" // the SSRF guard refused the URL's address
  | "cannot_start" // spawn failed, process exited, connection refused, DNS failure
  | "timeout"
  | "auth_required" // 401/403 from an HTTP server
  | "protocol" // not an MCP server, invalid JSON-RPC, oversize message
  | "closed"; // the connection went away (crash) during a request

export class McpConnectionError extends Error {
  override readonly name = "McpConnectionError";
  constructor(
    readonly kind: McpFailureKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
