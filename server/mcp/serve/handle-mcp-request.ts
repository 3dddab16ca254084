import "server-only";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { MAX_BODY_BYTES } from "@/server/api/rest/handler";
import { callerFromApiToken } from "@/server/auth/api-tokens";
import { hashToken } from "@/server/crypto/tokens";
import { findPublishedDesign } from "@/server/designs/mcp-publishing";
import { log } from "@/server/log";
import { createDesignMcpServer } from "@/server/mcp/serve/design-mcp-server";

/**
 * The HTTP edge of a design served as an MCP server (`/api/mcp/<designId>`): Streamable HTTP,
 * stateless (a fresh server and transport per POST, so any instance can answer any request),
 * authenticated by an API token only (never the session cookie, so a web page cannot make a
 * signed-in browser call it). HTTP-level refusals use the JSON-RPC error shape the transport
 * itself answers with: 401 without a valid token, one identical 404 for a design that does not
 * exist, is in another workspace or is not published, 405 for GET/DELETE (no sessions, no
 * server-initiated stream), 413 past the body limit.
 */
export async function handleMcpRequest(request: Request, designId: string): Promise<Response> {
  try {
    const token = bearerToken(request.headers);
    if (!token) return unauthorized("Send an API token: Authorization: Bearer <token>.", false);
    const caller = await callerFromApiToken(token);
    if (!caller) return unauthorized("The API token is unknown or revoked.", true);
    const design = await findPublishedDesign(caller, designId);
    if (!design) return rpcError(404, "There is no published MCP server at this address.");

    const server = createDesignMcpServer({ caller, design, tokenHash: hashToken(token) });
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      maxRequestBodySize: MAX_BODY_BYTES,
    });
    await server.connect(transport);
    // Closing the server aborts the signals of its running tool calls, which cancels their runs.
    const close = () => void server.close().catch((error: unknown) => log.unexpected(error, { designId }));
    request.signal.addEventListener("abort", close, { once: true });
    const response = await transport.handleRequest(request);
    if (!response.body) {
      close();
      return response;
    }
    const isStream = response.headers.get("content-type")?.startsWith("text/event-stream") ?? false;
    return new Response(untilEnd(response.body, close, isStream), {
      status: response.status,
      headers: response.headers,
    });
  } catch (error) {
    const errorId = log.unexpected(error, { path: new URL(request.url).pathname });
    return rpcError(500, `An error occurred (error id ${errorId}).`);
  }
}

/** GET and DELETE: a stateless server has no session to end and no stream of its own to offer. */
export function methodNotAllowed(): Response {
  return rpcError(405, "Method not allowed: this MCP endpoint is stateless; send JSON-RPC with POST.", {
    allow: "POST",
  });
}

function bearerToken(headers: Headers): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(headers.get("authorization")?.trim() ?? "");
  return match?.[1] ?? null;
}

function unauthorized(message: string, invalidToken: boolean): Response {
  return rpcError(401, message, {
    "www-authenticate": invalidToken
      ? 'Bearer realm="trellis", error="invalid_token"'
      : 'Bearer realm="trellis"',
  });
}

function rpcError(status: number, message: string, headers: Record<string, string> = {}): Response {
  return Response.json(
    { jsonrpc: "2.0", error: { code: -32000, message }, id: null },
    { status, headers: { "cache-control": "no-store", ...headers } },
  );
}

/** An SSE comment: clients ignore it; it gets the headers out before the first message. */
const STREAM_OPENING = new TextEncoder().encode(": the answer follows when the run ends\n\n");

/**
 * Passes a response body through and calls `onEnd` once it is finished or abandoned: the server
 * lives as long as the answer to its request is being streamed. An event stream starts with a
 * comment, since HTTP servers send the headers only with the first bytes of the body, and a run
 * may take minutes before its answer (the transport's keep-alive comes after 15 s).
 */
function untilEnd(
  body: ReadableStream<Uint8Array>,
  onEnd: () => void,
  isStream: boolean,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (isStream) controller.enqueue(STREAM_OPENING);
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) {
        onEnd();
        // Already closed when the reader was cancelled while this read was pending.
        try {
          controller.close();
        } catch {
          // nothing left to close
        }
        return;
      }
      controller.enqueue(value);
    },
    async cancel(reason) {
      onEnd();
      await reader.cancel(reason);
    },
  });
}
