import { UnauthorizedError } from "@modelcontextprotocol/sdk/client/auth.js";
import { SseError } from "@modelcontextprotocol/sdk/client/sse.js";
import { StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";
import { McpConnectionError } from "@/server/mcp/connection";
import type { McpServerEntry } from "@/server/mcp/server-entry";

/** How an entry is named in messages: its command, or its URL without query, fragment or userinfo. */
export function describeTarget(entry: McpServerEntry): string {
  if (entry.transport === "stdio") return `"${entry.name}"`;
  return `The server at ${safeUrl(entry.url)}`;
}

export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return "(invalid address)";
  }
}

const REQUEST_TIMEOUT: number = ErrorCode.RequestTimeout;

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: "the connection was refused",
  ECONNRESET: "the connection was reset",
  ENOTFOUND: "the host was not found",
  EAI_AGAIN: "the host name could not be resolved",
  ETIMEDOUT: "the connection timed out",
  EHOSTUNREACH: "the host is unreachable",
  ENETUNREACH: "the network is unreachable",
  UND_ERR_CONNECT_TIMEOUT: "the connection timed out",
  UND_ERR_SOCKET: "the connection failed",
  CERT_HAS_EXPIRED: "its TLS certificate has expired",
  DEPTH_ZERO_SELF_SIGNED_CERT: "its TLS certificate is self-signed",
  SELF_SIGNED_CERT_IN_CHAIN: "its TLS certificate is not trusted",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "its TLS certificate is not trusted",
  ERR_TLS_CERT_ALTNAME_INVALID: "its TLS certificate is for another host",
};

/**
 * Why connecting failed, as an McpConnectionError a workspace owner can act on. `stderrTail` is
 * the end of a stdio server's error output, shown when it could not start.
 */
export function connectFailure(entry: McpServerEntry, error: unknown, stderrTail = ""): McpConnectionError {
  const target = describeTarget(entry);
  const withTail = (text: string) => (stderrTail ? `${text}: ${stderrTail}` : `${text}.`);
  if (error instanceof McpConnectionError) {
    // A server that ends before it has answered did not start, whatever ended it.
    if (error.kind === "closed" && entry.transport === "stdio") {
      return new McpConnectionError("cannot_start", withTail(`Could not start "${entry.name}"`), {
        cause: error,
      });
    }
    return error;
  }
  const status = httpStatusOf(error);
  if (status === 401 || status === 403 || error instanceof UnauthorizedError) {
    return new McpConnectionError(
      "auth_required",
      `${target} asks for authentication (HTTP ${status ?? 401}). Add the credentials it needs as headers of the registry entry.`,
      { cause: error },
    );
  }
  if (status !== undefined && status >= 500) {
    return new McpConnectionError("cannot_start", `${target} failed to answer (HTTP ${status}).`, {
      cause: error,
    });
  }
  if (status !== undefined && status > 0) {
    return new McpConnectionError("protocol", `${target} did not answer as an MCP server (HTTP ${status}).`, {
      cause: error,
    });
  }
  const network = networkCodeOf(error);
  if (network) {
    const reason = NETWORK_REASONS[network] ?? `the connection failed (${network})`;
    return new McpConnectionError("cannot_start", `Could not connect to ${lowerFirst(target)}: ${reason}.`, {
      cause: error,
    });
  }
  if (error instanceof McpError && error.code === REQUEST_TIMEOUT) {
    return new McpConnectionError("timeout", `${target} did not answer in time.`, { cause: error });
  }
  if (error instanceof McpError) {
    return new McpConnectionError("protocol", `${target} refused to start an MCP session: ${error.message}`, {
      cause: error,
    });
  }
  // JSON that is not JSON-RPC, a body that is not JSON, an unexpected content type or protocol version.
  return new McpConnectionError(
    "protocol",
    `${target} did not answer as an MCP server (${error instanceof Error ? error.message : String(error)}).`,
    { cause: error },
  );
}

function httpStatusOf(error: unknown): number | undefined {
  if (error instanceof StreamableHTTPError || error instanceof SseError) {
    return typeof error.code === "number" ? error.code : undefined;
  }
  // The legacy SSE transport reports a failed POST only in its message.
  const match = error instanceof Error ? /\(HTTP (\d{3})\)/.exec(error.message) : null;
  return match ? Number(match[1]) : undefined;
}

function networkCodeOf(error: unknown): string | undefined {
  // The legacy SSE transport flattens the network error into its message.
  if (error instanceof SseError && error.code === undefined) {
    return /\b(E[A-Z]{3,}|UND_ERR_[A-Z_]+)\b/.exec(error.message)?.[1];
  }
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; depth += 1) {
    if ("code" in current && typeof current.code === "string" && /^[A-Z_]+$/.test(current.code)) {
      return current.code;
    }
    current = current.cause;
  }
  return undefined;
}

function lowerFirst(text: string): string {
  return text.startsWith("The ") ? `the ${text.slice(4)}` : text;
}
