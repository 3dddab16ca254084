import { Client, type ClientOptions } from "@modelcontextprotocol/sdk/client/index.js";
import type { RequestOptions } from "@modelcontextprotocol/sdk/shared/protocol.js";
import type { AnySchema, SchemaOutput } from "@modelcontextprotocol/sdk/server/zod-compat.js";
import { ErrorCode, McpError, type ClientRequest, type Request } from "@modelcontextprotocol/sdk/types.js";
import { McpConnectionError } from "@/server/mcp/connection";

// McpError codes are plain numbers; the enum is how the SDK spells them.
const CONNECTION_CLOSED: number = ErrorCode.ConnectionClosed;
const REQUEST_TIMEOUT: number = ErrorCode.RequestTimeout;

/**
 * The SDK client, with one change: a request that fails because the connection went away (the
 * server crashed, sent an oversize or invalid message, or we closed it) or timed out rejects with
 * an `McpConnectionError` saying why, instead of the SDK's bare "Connection closed". Errors the
 * server answered with (JSON-RPC errors) stay `McpError`s.
 */
export class TrellisMcpClient extends Client {
  constructor(
    options: ClientOptions,
    private readonly explainClosed: () => McpConnectionError,
    private readonly serverName: string,
  ) {
    super({ name: "trellis", version: "1.0.0" }, options);
  }

  override async request<T extends AnySchema>(
    request: ClientRequest | Request,
    resultSchema: T,
    options?: RequestOptions,
  ): Promise<SchemaOutput<T>> {
    try {
      return await super.request(request, resultSchema, options);
    } catch (error) {
      throw this.translate(error);
    }
  }

  private translate(error: unknown): unknown {
    // The SDK's answer to a request on a connection that has already ended.
    if (error instanceof Error && error.message === "Not connected" && !this.transport)
      return this.explainClosed();
    if (!(error instanceof McpError)) return error;
    if (error.code === CONNECTION_CLOSED) return this.explainClosed();
    const timeout = timeoutOf(error);
    if (error.code === REQUEST_TIMEOUT && timeout !== undefined) {
      return new McpConnectionError(
        "timeout",
        `The MCP server "${this.serverName}" did not answer within ${formatSeconds(timeout)}.`,
        { cause: error },
      );
    }
    return error;
  }
}

function timeoutOf(error: McpError): number | undefined {
  const data = error.data;
  if (typeof data === "object" && data !== null && "timeout" in data && typeof data.timeout === "number") {
    return data.timeout;
  }
  if (typeof data === "object" && data !== null && "maxTotalTimeout" in data) {
    return typeof data.maxTotalTimeout === "number" ? data.maxTotalTimeout : undefined;
  }
  return undefined;
}

export function formatSeconds(milliseconds: number): string {
  const seconds = milliseconds / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
