import "server-only";
import { allowHostsSchema } from "@/server/config/env";
import { McpConnectionError } from "@/server/mcp/connection";
import { createAddressGuard, type ResolveHost } from "@/server/mcp/safety/address-guard";
import { createGuardedFetch } from "@/server/mcp/safety/pinned-fetch";

/** What the AI SDK providers accept as their `fetch` option. */
export type ProviderFetch = typeof globalThis.fetch;

/** Model answers are larger than MCP messages (long completions, big tool arguments). */
const MAX_PROVIDER_MESSAGE_BYTES = 32 * 1024 * 1024;

/**
 * TRELLIS_PROVIDER_ALLOW_HOSTS, read at each use rather than through serverEnv()'s cache, so a
 * test can allow its fake server on 127.0.0.1 with `vi.stubEnv`. `npm start` has already
 * validated the variable (server/config/env.ts) and refuses to start on a bad value.
 */
export function providerAllowHosts(): readonly string[] {
  const parsed = allowHostsSchema.safeParse(process.env.TRELLIS_PROVIDER_ALLOW_HOSTS ?? "");
  return parsed.success ? parsed.data : [];
}

/** A refusal of the SSRF guard, in words about providers rather than MCP servers. */
export class BlockedProviderAddressError extends Error {
  override readonly name = "BlockedProviderAddressError";
}

/**
 * A fetch for a base URL a workspace chose: the owner picks the address the server sends requests
 * to, so it passes the same guard as MCP servers (no private, loopback, link-local or metadata
 * addresses unless TRELLIS_PROVIDER_ALLOW_HOSTS names the host; the socket pinned to the checked
 * address, same-origin redirects only). Base URLs from the server's environment do not need it.
 */
export function createProviderFetch(
  describe: string,
  options: { allowHosts?: readonly string[]; resolveHost?: ResolveHost } = {},
): ProviderFetch & { close(): Promise<void> } {
  const guard = createAddressGuard({
    allowHosts: options.allowHosts ?? providerAllowHosts(),
    resolveHost: options.resolveHost,
    allowVariable: "TRELLIS_PROVIDER_ALLOW_HOSTS",
  });
  const guarded = createGuardedFetch({ guard, maxMessageBytes: MAX_PROVIDER_MESSAGE_BYTES, describe });
  const providerFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = input instanceof Request ? input.url : input;
    try {
      return await guarded.fetch(url, input instanceof Request ? { ...init, method: input.method } : init);
    } catch (error) {
      if (error instanceof McpConnectionError && error.kind === "blocked_address") {
        throw new BlockedProviderAddressError(error.message.replace("The server at", `${describe} at`), {
          cause: error,
        });
      }
      throw error;
    }
  };
  // Run-time models drop theirs with the run (idle sockets time out); a one-off call closes its own.
  return Object.assign(providerFetch, { close: () => guarded.close() });
}
