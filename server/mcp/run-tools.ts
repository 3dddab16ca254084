import {
  type CallToolResult,
  CallToolResultSchema,
  ErrorCode,
  McpError,
  type Tool,
} from "@modelcontextprotocol/sdk/types.js";
import { abortError, errorMessage } from "@/server/engine/abort";
import {
  RunLimitError,
  type RunToolSource,
  type ToolCallContext,
  type ToolCallOutcome,
  type ToolDefinition,
} from "@/server/engine/context";
import {
  McpConnectionError,
  type McpConnection,
  type McpRequestHandlers,
  type OpenMcpConnection,
} from "@/server/mcp/connection";
import { elicitFromPerson } from "@/server/mcp/elicitation";
import { startCallTimer, type CallTimer } from "@/server/mcp/run-call-timer";
import { toCreateMessageResult, toSampleRequest } from "@/server/mcp/sampling";
import type { McpServerEntry } from "@/server/mcp/server-entry";
import { toolFilterFor } from "@/server/mcp/tool-filter";
import { createToolNameTable } from "@/server/mcp/tool-names";
import { toToolCallOutcome } from "@/server/mcp/tool-results";

/**
 * The MCP tools of one run. Connections open lazily, once per server, on the first agent that
 * needs the server, and are shared by every agent of the run; `close()` (the run service calls it
 * when the run ends, fails or is cancelled) closes them all, and a cancel of the run aborts calls
 * in flight at once.
 *
 * A server that goes away (crashes) fails only the call in flight: the model gets an error
 * result and the run goes on. The next use of that server starts it again, at most
 * `maxRestarts` times per run; after that it is reported as gone.
 *
 * Elicitation and sampling requests arrive on the connection, not on a call: they are answered
 * for the server's oldest call in flight (with one call at a time, the one that asked). Outside
 * a call, elicitation is declined and sampling refused.
 */

export type RunToolSourceOptions = {
  /** The workspace's registry, read once, when an agent first needs an MCP server. */
  loadEntries: () => Promise<ReadonlyMap<string, McpServerEntry>>;
  open: OpenMcpConnection;
  /** The run's signal: aborting it cancels calls in flight and closes the connections. */
  signal: AbortSignal;
  /** Per tool call (and per tools/list page); restarted by progress, paused while we answer. */
  callTimeoutMs: number;
  /** How often one server may be started again after it went away, per run (default 2). */
  maxRestarts?: number;
};

const DEFAULT_MAX_RESTARTS = 2;
const MAX_TOOL_PAGES = 50;
/** The SDK's own timer is set beyond reach (setTimeout's largest delay): ours governs. */
const SDK_TIMEOUT_MS = 2_147_483_647;
/** Progress events: the first, then at most one per interval and this many per call. */
const PROGRESS_INTERVAL_MS = 200;
const MAX_PROGRESS_EVENTS = 500;

type CallInFlight = {
  context: ToolCallContext;
  timer: CallTimer;
  /** A run limit reached while serving the call's sampling: it ends the run, not just the call. */
  endsTheRun?: RunLimitError;
};

type ServerSlot = {
  name: string;
  connection?: Promise<McpConnection>;
  tools?: Promise<Tool[]>;
  starts: number;
  inFlight: CallInFlight[];
};

export function createRunToolSource(options: RunToolSourceOptions): RunToolSource {
  const maxRestarts = options.maxRestarts ?? DEFAULT_MAX_RESTARTS;
  const lifetime = new AbortController();
  const connectionSignal = AbortSignal.any([options.signal, lifetime.signal]);
  const names = createToolNameTable();
  const slots = new Map<string, ServerSlot>();
  const live = new Set<Promise<McpConnection>>();
  const closings = new Set<Promise<void>>();
  let entries: Promise<ReadonlyMap<string, McpServerEntry>> | undefined;
  let closing: Promise<void> | undefined;

  const slotOf = (name: string): ServerSlot => {
    let slot = slots.get(name);
    if (slot === undefined) {
      slot = { name, starts: 0, inFlight: [] };
      slots.set(name, slot);
    }
    return slot;
  };

  const entryOf = async (name: string): Promise<McpServerEntry> => {
    entries ??= options.loadEntries();
    const entry = (await entries).get(name);
    if (entry === undefined) {
      throw new McpConnectionError(
        "cannot_start",
        `There is no MCP server named "${name}" in this workspace.`,
      );
    }
    return entry;
  };

  const handlersFor = (slot: ServerSlot): McpRequestHandlers => ({
    elicit: async (params) => {
      const call = slot.inFlight[0];
      if (call === undefined) return { action: "decline" };
      return call.timer.paused(() =>
        elicitFromPerson(slot.name, params, (question) => call.context.askPerson(question)),
      );
    },
    sample: async (params) => {
      const call = slot.inFlight[0];
      if (call === undefined) {
        throw new McpError(ErrorCode.InvalidRequest, "Sampling is only available during a tool call.");
      }
      try {
        const answer = await call.timer.paused(() => call.context.sample(toSampleRequest(params)));
        return toCreateMessageResult(answer);
      } catch (error) {
        if (error instanceof RunLimitError) call.endsTheRun = error;
        throw error;
      }
    },
  });

  const start = (slot: ServerSlot): Promise<McpConnection> => {
    if (closing !== undefined) {
      return Promise.reject(
        new McpConnectionError("closed", "The run has ended; its MCP servers are closed."),
      );
    }
    if (slot.starts > maxRestarts) {
      return Promise.reject(
        new McpConnectionError(
          "closed",
          `The MCP server "${slot.name}" stopped ${slot.starts} times during this run; it is not started again.`,
        ),
      );
    }
    slot.starts += 1;
    const connection = entryOf(slot.name).then((entry) =>
      options.open(entry, { signal: connectionSignal, handlers: handlersFor(slot) }),
    );
    slot.connection = connection;
    live.add(connection);
    // A failed start is remembered (the next use reports it again rather than spawning anew).
    connection.catch(() => undefined);
    return connection;
  };

  /** The server's open connection, started (again) when there is none. */
  const connectionOf = async (slot: ServerSlot): Promise<McpConnection> => {
    const current = slot.connection;
    if (current === undefined) return start(slot);
    const connection = await current;
    if (isOpen(connection)) return connection;
    retire(slot, current, connection);
    return connectionOf(slot);
  };

  /** Forgets a connection that went away, closing it so its process is reaped. */
  const retire = (slot: ServerSlot, promise: Promise<McpConnection>, connection: McpConnection) => {
    if (slot.connection === promise) slot.connection = undefined;
    if (!live.delete(promise)) return;
    const closed = connection.close().catch(() => undefined);
    closings.add(closed);
    void closed.finally(() => closings.delete(closed));
  };

  const toolsOf = (slot: ServerSlot): Promise<Tool[]> => {
    slot.tools ??= listServerTools(slot).catch((error: unknown) => {
      slot.tools = undefined;
      throw error;
    });
    return slot.tools;
  };

  const listServerTools = async (slot: ServerSlot): Promise<Tool[]> => {
    const connection = await connectionOf(slot);
    if (connection.client.getServerCapabilities()?.tools === undefined) return [];
    const tools: Tool[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_TOOL_PAGES; page += 1) {
      const result = await connection.client.listTools(cursor === undefined ? undefined : { cursor }, {
        signal: options.signal,
        timeout: options.callTimeoutMs,
      });
      tools.push(...result.tools);
      cursor = result.nextCursor;
      if (cursor === undefined) break;
    }
    return tools;
  };

  return {
    async listTools(agent, signal) {
      const servers = [...new Set(agent.servers)];
      const lists = await Promise.all(
        servers.map(async (server): Promise<ToolDefinition[]> => {
          let tools: Tool[];
          try {
            tools = await toolsOf(slotOf(server));
          } catch (error) {
            if (signal.aborted) throw abortError(signal);
            throw asListingError(server, error);
          }
          const shown = toolFilterFor(agent.filters, server);
          return tools
            .filter((tool) => shown(tool.name))
            .map((tool) => ({
              name: names.nameOf(server, tool.name),
              ...(tool.description || tool.title ? { description: tool.description || tool.title } : {}),
              inputSchema: tool.inputSchema,
            }));
        }),
      );
      return lists.flat();
    },

    async callTool(name, args, call) {
      const target = names.lookup(name);
      if (target === undefined) return errorOutcome(`Tool '${name}' is not available`);
      if (args !== undefined && args !== null && (typeof args !== "object" || Array.isArray(args))) {
        return errorOutcome(`The arguments of '${name}' must be a JSON object.`);
      }
      const slot = slotOf(target.server);
      let connection: McpConnection;
      try {
        connection = await connectionOf(slot);
      } catch (error) {
        if (call.signal.aborted) throw abortError(call.signal);
        return errorOutcome(`The MCP server "${target.server}" is not available: ${errorMessage(error)}`);
      }

      const seconds = Math.round(options.callTimeoutMs / 100) / 10;
      const timer = startCallTimer(
        options.callTimeoutMs,
        () => `The MCP tool '${name}' did not answer within ${seconds} s; the call was cancelled.`,
      );
      const inFlight: CallInFlight = { context: call, timer };
      slot.inFlight.push(inFlight);
      const reportProgress = progressReporter(call);
      try {
        const result = await connection.client.callTool(
          { name: target.tool, arguments: (args ?? {}) as Record<string, unknown> },
          undefined,
          {
            signal: AbortSignal.any([call.signal, timer.signal]),
            timeout: SDK_TIMEOUT_MS,
            onprogress: (progress) => {
              timer.restart();
              reportProgress(progress);
            },
          },
        );
        if (inFlight.endsTheRun !== undefined) throw inFlight.endsTheRun;
        return toToolCallOutcome(readToolResult(result));
      } catch (error) {
        if (call.signal.aborted) throw abortError(call.signal);
        if (inFlight.endsTheRun !== undefined) throw inFlight.endsTheRun;
        if (timer.signal.aborted) return errorOutcome(errorMessage(abortError(timer.signal)));
        if (!isOpen(connection) || isConnectionLoss(error)) {
          const current = slot.connection;
          if (current !== undefined && (await current.catch(() => undefined)) === connection) {
            retire(slot, current, connection);
          }
          const next =
            slot.starts <= maxRestarts
              ? "It is started again for the next call."
              : "It is not started again in this run.";
          return errorOutcome(
            `The MCP server "${target.server}" went away during the call (${errorMessage(error)}). ${next}`,
          );
        }
        return errorOutcome(
          `The MCP server "${target.server}" could not run '${target.tool}': ${errorMessage(error)}`,
        );
      } finally {
        timer.stop();
        slot.inFlight.splice(slot.inFlight.indexOf(inFlight), 1);
      }
    },

    close() {
      closing ??= (async () => {
        lifetime.abort(new McpConnectionError("closed", "The run has ended."));
        const open = [...live];
        live.clear();
        await Promise.all([
          ...open.map((promise) =>
            promise.then(
              (connection) => connection.close().catch(() => undefined),
              () => undefined,
            ),
          ),
          ...closings,
        ]);
      })();
      return closing;
    },
  };
}

function isOpen(connection: McpConnection): boolean {
  // The SDK drops its transport when the connection closes (the process exited, we closed it).
  return connection.client.transport !== undefined;
}

function isConnectionLoss(error: unknown): boolean {
  if (error instanceof McpConnectionError) return error.kind === "closed" || error.kind === "protocol";
  return error instanceof McpError && error.code === Number(ErrorCode.ConnectionClosed);
}

/** Why an agent cannot have a server's tools, as an McpConnectionError naming the server. */
function asListingError(server: string, error: unknown): McpConnectionError {
  if (error instanceof McpConnectionError) {
    return error.message.includes(`"${server}"`)
      ? error
      : new McpConnectionError(error.kind, `MCP server "${server}": ${error.message}`, { cause: error });
  }
  return new McpConnectionError(
    "protocol",
    `The MCP server "${server}" could not list its tools: ${errorMessage(error)}`,
    { cause: error },
  );
}

/** The result as a CallToolResult; servers of protocol 2024-10-07 answered `{ toolResult }`. */
function readToolResult(result: unknown): CallToolResult {
  if (typeof result === "object" && result !== null && "toolResult" in result && !("content" in result)) {
    return { content: [{ type: "text", text: JSON.stringify(result.toolResult) ?? "" }] };
  }
  const parsed = CallToolResultSchema.safeParse(result);
  return parsed.success ? parsed.data : { content: [] };
}

function errorOutcome(text: string): ToolCallOutcome {
  return { content: [{ type: "text", text }], isError: true };
}

/** Progress to the call's step: the first report, then at most one per interval, a bounded number. */
function progressReporter(call: ToolCallContext) {
  let lastAt = -Infinity;
  let count = 0;
  return (progress: { progress: number; total?: number; message?: string }) => {
    const now = performance.now();
    if (count >= MAX_PROGRESS_EVENTS || now - lastAt < PROGRESS_INTERVAL_MS) return;
    lastAt = now;
    count += 1;
    call.reportProgress({
      progress: progress.progress,
      ...(progress.total === undefined ? {} : { total: progress.total }),
      ...(progress.message === undefined ? {} : { message: progress.message }),
    });
  };
}
