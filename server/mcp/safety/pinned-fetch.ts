import type { LookupFunction } from "node:net";
import type { FetchLike } from "@modelcontextprotocol/sdk/shared/transport.js";
import {
  Agent,
  fetch as undiciFetch,
  Response as UndiciResponse,
  type RequestInit as UndiciRequestInit,
} from "undici";
import { McpConnectionError } from "@/server/mcp/connection";
import type { AddressGuard } from "@/server/mcp/safety/address-guard";
import { boundBody } from "@/server/mcp/safety/bounded-body";

export type GuardedFetch = {
  /** A fetch for the SDK's HTTP transports: guarded, pinned, bounded. */
  fetch: FetchLike;
  /** Closes the sockets of this connection. */
  close(): Promise<void>;
};

export type GuardedFetchOptions = {
  guard: AddressGuard;
  maxMessageBytes: number;
  /** Names the server in messages, e.g. `The MCP server "docs"`. */
  describe: string;
  /** Told when a response broke a bound, so the connection can be closed. */
  onViolation?: (error: McpConnectionError) => void;
  /**
   * Told when the event stream answering a POST breaks off: the server died or the network
   * dropped, and the request's answer will never come (the SDK would wait for its timeout).
   */
  onRequestStreamBroken?: (error: unknown) => void;
};

const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * Every request passes the address guard first (resolving a host once per connection); the
 * socket then connects to an address the guard approved: the agent's `lookup` answers from the
 * guard's pinned addresses and never asks DNS again, so a rebinding DNS answer has no effect. The
 * URL's host still names the Host header and the TLS server name (SNI, certificate check).
 * Redirects are never followed blindly: `redirect: "manual"` hands them back (the SDK follows
 * same-origin ones by calling this fetch again, guarded again); in "follow" mode only same-origin
 * redirects are followed, each one checked. Response bodies are bounded (see bounded-body.ts).
 */
export function createGuardedFetch(options: GuardedFetchOptions): GuardedFetch {
  const lookup: LookupFunction = (hostname, lookupOptions, callback) => {
    const pinned = options.guard.pinned(hostname);
    const family =
      lookupOptions.family === 4 || lookupOptions.family === 6 ? lookupOptions.family : undefined;
    const candidates = pinned?.filter((entry) => family === undefined || entry.family === family) ?? [];
    const first = candidates[0];
    if (!first) {
      const error = Object.assign(new Error(`"${hostname}" was not approved by the address guard.`), {
        code: "ENOTFOUND",
      });
      callback(error, "", 4);
      return;
    }
    if (lookupOptions.all) {
      callback(null, candidates);
      return;
    }
    callback(null, first.address, first.family);
  };
  const agent = new Agent({ connect: { lookup } });

  const send = async (url: URL, init: RequestInit | undefined): Promise<Response> => {
    await options.guard.check(url);
    // DOM and undici spell the same runtime objects with different types.
    const response = await undiciFetch(url, {
      ...(init as UndiciRequestInit | undefined),
      redirect: "manual",
      dispatcher: agent,
    });
    return bound(response, (init?.method ?? "GET").toUpperCase());
  };

  const bound = (response: UndiciResponse, method: string): Response => {
    if (!response.body || NULL_BODY_STATUSES.has(response.status)) return response as unknown as Response;
    const contentType = response.headers.get("content-type") ?? "";
    const isEventStream = contentType.split(";")[0]?.trim().toLowerCase() === "text/event-stream";
    const body = boundBody(response.body as ReadableStream<Uint8Array>, {
      isEventStream,
      maxMessageBytes: options.maxMessageBytes,
      describe: options.describe,
      onViolation: options.onViolation,
      onBroken: isEventStream && method === "POST" ? options.onRequestStreamBroken : undefined,
    });
    const bounded = new UndiciResponse(body as unknown as ConstructorParameters<typeof UndiciResponse>[0], {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
    return bounded as unknown as Response;
  };

  const guardedFetch: FetchLike = async (input, init) => {
    let url = new URL(input);
    const mode = init?.redirect ?? "follow";
    let currentInit = init;
    for (let redirects = 0; ; redirects += 1) {
      const response = await send(url, currentInit);
      if (mode === "manual" || !REDIRECT_STATUSES.has(response.status)) return response;
      const location = response.headers.get("location");
      if (!location) return response;
      await response.body?.cancel();
      if (mode === "error") throw new TypeError(`Redirected to ${location} (redirect: "error").`);
      const target = new URL(location, url);
      if (target.origin !== url.origin || target.username || target.password) {
        // The entry's headers (often credentials) must not travel to another site.
        throw new McpConnectionError(
          "blocked_address",
          `${options.describe} redirected to another site (${target.origin}); register that address instead.`,
        );
      }
      if (redirects >= MAX_REDIRECTS) {
        throw new McpConnectionError(
          "protocol",
          `${options.describe} redirected more than ${MAX_REDIRECTS} times.`,
        );
      }
      const method = (currentInit?.method ?? "GET").toUpperCase();
      const becomesGet =
        response.status === 303 ||
        ((response.status === 301 || response.status === 302) && method === "POST");
      currentInit = becomesGet ? { ...currentInit, method: "GET", body: undefined } : currentInit;
      url = target;
    }
  };

  return {
    fetch: guardedFetch,
    async close() {
      await agent.destroy().catch(() => undefined);
    },
  };
}
