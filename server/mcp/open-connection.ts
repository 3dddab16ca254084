import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { CreateMessageRequestSchema, ElicitRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { BoundedStdioTransport } from "@/server/mcp/bounded-stdio-transport";
import {
  McpConnectionError,
  type McpConnection,
  type McpRequestHandlers,
  type OpenMcpConnection,
} from "@/server/mcp/connection";
import { connectFailure, describeTarget } from "@/server/mcp/connection-errors";
import { mcpConfigFromEnv, type McpConfig } from "@/server/mcp/mcp-config";
import { createAddressGuard, type ResolveHost } from "@/server/mcp/safety/address-guard";
import { createGuardedFetch, type GuardedFetch } from "@/server/mcp/safety/pinned-fetch";
import { prepareStdioLaunch } from "@/server/mcp/safety/stdio-policy";
import type { McpServerEntry } from "@/server/mcp/server-entry";
import { formatSeconds, TrellisMcpClient } from "@/server/mcp/trellis-client";

export type OpenConnectionDependencies = {
  /** DNS for the address guard (tests inject answers). */
  resolveHost?: ResolveHost;
  /** The environment stdio children may inherit basics (PATH, LANG) from. */
  serverEnvironment?: NodeJS.ProcessEnv;
  /** Between SIGTERM and SIGKILL when a stdio server is closed. */
  killGraceMs?: number;
};

/** Ending a Streamable HTTP session politely must not hold up closing. */
const TERMINATE_SESSION_MS = 1000;

/**
 * The real connector: checks the stdio policy or the address guard, creates the transport
 * (stdio: bounded, own process group; http: Streamable HTTP; sse: legacy SSE, both over the
 * guarded, pinned fetch), declares elicitation/sampling only when handlers are given, connects
 * within the configured timeout, and maps every failure to an McpConnectionError. Aborting
 * `signal` stops connecting, or closes the connection once open.
 */
export function createOpenMcpConnection(
  config: McpConfig,
  dependencies: OpenConnectionDependencies = {},
): OpenMcpConnection {
  return (entry, options) => openConnection(entry, options.signal, options.handlers, config, dependencies);
}

/** The connector configured from the server's environment (read when called, never on import). */
export const openMcpConnection: OpenMcpConnection = (entry, options) =>
  createOpenMcpConnection(mcpConfigFromEnv())(entry, options);

type Prepared = {
  transport: Transport;
  /** Why the connection ended on its own, if it did. */
  failure(): McpConnectionError | undefined;
  stderrTail(): string;
  /** Releases what the transport does not (sockets of the pinned fetch). */
  release(): Promise<void>;
  /** Before closing: ends an HTTP session politely. */
  beforeClose(): Promise<void>;
};

async function openConnection(
  entry: McpServerEntry,
  signal: AbortSignal,
  handlers: McpRequestHandlers | undefined,
  config: McpConfig,
  dependencies: OpenConnectionDependencies,
): Promise<McpConnection> {
  const cancelled = () =>
    new McpConnectionError("closed", `Connecting to "${entry.name}" was cancelled.`, {
      cause: signal.reason,
    });
  if (signal.aborted) throw cancelled();

  let prepared: Prepared | undefined;
  /** Why an HTTP connection ended on its own (the stdio transport records its own failures). */
  let httpFailure: McpConnectionError | undefined;
  let closedByUs = false;
  let clientTookTransport = false;
  const recordedFailure = () => prepared?.failure() ?? httpFailure;

  const client = new TrellisMcpClient(
    { capabilities: capabilitiesFor(handlers) },
    () =>
      recordedFailure() ??
      new McpConnectionError(
        "closed",
        closedByUs
          ? `The connection to "${entry.name}" was closed.`
          : `The connection to "${entry.name}" was lost.`,
      ),
    entry.name,
  );
  installHandlers(client, handlers);

  let closing: Promise<void> | undefined;
  const onAbort = () => void close();
  const close = (): Promise<void> => {
    closing ??= (async () => {
      closedByUs = true;
      signal.removeEventListener("abort", onAbort);
      await prepared?.beforeClose().catch(() => undefined);
      // The client closes its transport; one it never took is closed here.
      if (clientTookTransport) await client.close().catch(() => undefined);
      else await prepared?.transport.close().catch(() => undefined);
      await prepared?.release();
    })();
    return closing;
  };

  const connect = async () => {
    const ready = await prepare(entry, config, dependencies, (error) => {
      // Remember why, then close: pending requests learn it from the client. Once we are closing,
      // broken streams are our own doing.
      if (closing) return;
      httpFailure ??= error;
      void close();
    });
    if (closing) {
      // Timed out or cancelled while preparing: close() has already run without this transport.
      await ready.transport.close().catch(() => undefined);
      await ready.release();
      throw cancelled();
    }
    prepared = ready;
    clientTookTransport = true;
    await client.connect(ready.transport);
  };

  // Everything up to the initialized session runs against the connect timeout and the signal.
  let rejectStop: (error: McpConnectionError) => void = () => undefined;
  const stop = new Promise<never>((_, reject) => (rejectStop = reject));
  const onAbortWhileConnecting = () => rejectStop(cancelled());
  const timer = setTimeout(
    () =>
      rejectStop(
        new McpConnectionError(
          "timeout",
          `${describeTarget(entry)} did not answer within ${formatSeconds(config.connectTimeoutMs)} (TRELLIS_MCP_CONNECT_TIMEOUT_SECONDS).`,
        ),
      ),
    config.connectTimeoutMs,
  );
  signal.addEventListener("abort", onAbortWhileConnecting, { once: true });
  try {
    await Promise.race([connect(), stop]);
  } catch (error) {
    // Whatever failed: nothing may keep running (the child, its group, sockets).
    if (signal.aborted) {
      await close();
      throw cancelled();
    }
    const tail = prepared?.stderrTail() ?? "";
    const cause = recordedFailure() ?? error;
    await close();
    throw connectFailure(entry, cause, tail);
  } finally {
    clearTimeout(timer);
    signal.removeEventListener("abort", onAbortWhileConnecting);
  }
  if (signal.aborted) {
    await close();
    throw cancelled();
  }
  signal.addEventListener("abort", onAbort, { once: true });
  return { name: entry.name, client, close };
}

function capabilitiesFor(handlers: McpRequestHandlers | undefined) {
  return {
    ...(handlers?.elicit ? { elicitation: { form: {} } } : {}),
    ...(handlers?.sample ? { sampling: {} } : {}),
  };
}

function installHandlers(client: TrellisMcpClient, handlers: McpRequestHandlers | undefined): void {
  const { elicit, sample } = handlers ?? {};
  if (elicit)
    client.setRequestHandler(ElicitRequestSchema, (request, extra) => elicit(request.params, extra.signal));
  if (sample) {
    client.setRequestHandler(CreateMessageRequestSchema, (request, extra) =>
      sample(request.params, extra.signal),
    );
  }
}

async function prepare(
  entry: McpServerEntry,
  config: McpConfig,
  dependencies: OpenConnectionDependencies,
  onHttpFailure: (error: McpConnectionError) => void,
): Promise<Prepared> {
  if (entry.transport === "stdio") {
    const launch = await prepareStdioLaunch(entry, config, dependencies.serverEnvironment);
    const transport = new BoundedStdioTransport(launch, {
      name: entry.name,
      maxMessageBytes: config.maxMessageBytes,
      killGraceMs: dependencies.killGraceMs,
    });
    return {
      transport,
      failure: () => transport.failure,
      stderrTail: () => transport.stderrTail(),
      release: () => Promise.resolve(),
      beforeClose: () => Promise.resolve(),
    };
  }

  const url = new URL(entry.url);
  const guard = createAddressGuard({ allowHosts: config.allowHosts, resolveHost: dependencies.resolveHost });
  // Refuse before any transport exists; the fetch checks again (from the same resolution) per request.
  await guard.check(url);
  const guarded: GuardedFetch = createGuardedFetch({
    guard,
    maxMessageBytes: config.maxMessageBytes,
    describe: describeTarget(entry),
    onViolation: onHttpFailure,
    onRequestStreamBroken: (error) =>
      onHttpFailure(
        new McpConnectionError(
          "closed",
          `${describeTarget(entry)} stopped answering in the middle of a request (${describeBreak(error)}).`,
          { cause: error },
        ),
      ),
  });
  const requestInit: RequestInit = { headers: entry.headers };
  if (entry.transport === "http") {
    const transport = new StreamableHTTPClientTransport(url, { fetch: guarded.fetch, requestInit });
    return {
      transport,
      failure: () => undefined,
      stderrTail: () => "",
      release: () => guarded.close(),
      beforeClose: () =>
        Promise.race([
          transport.terminateSession(),
          new Promise<void>((resolve) => setTimeout(resolve, TERMINATE_SESSION_MS).unref()),
        ]),
    };
  }
  const transport = new SSEClientTransport(url, { fetch: guarded.fetch, requestInit });
  return {
    transport,
    failure: () => undefined,
    stderrTail: () => "",
    release: () => guarded.close(),
    beforeClose: () => Promise.resolve(),
  };
}

function describeBreak(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
}
