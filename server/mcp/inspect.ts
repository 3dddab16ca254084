import type { RequestOptions } from "@modelcontextprotocol/sdk/shared/protocol.js";
import { McpError } from "@modelcontextprotocol/sdk/types.js";
import { McpConnectionError, type McpConnection, type OpenMcpConnection } from "@/server/mcp/connection";
import type { McpServerEntry } from "@/server/mcp/server-entry";
import { formatSeconds } from "@/server/mcp/trellis-client";

export type McpToolInfo = { name: string; description: string; inputSchema: Record<string, unknown> };
export type McpResourceInfo = { uri: string; name: string; description?: string; mimeType?: string };
export type McpPromptArgumentInfo = { name: string; description?: string; required?: boolean };
export type McpPromptInfo = { name: string; description?: string; arguments?: McpPromptArgumentInfo[] };

export type McpInspectionLists = {
  tools: McpToolInfo[];
  resources: McpResourceInfo[];
  prompts: McpPromptInfo[];
};

export type InspectMcpServerOptions = {
  signal: AbortSignal;
  /** For connecting and listing together; the connector's own connect timeout still applies. */
  timeoutMs?: number;
};

const DEFAULT_TIMEOUT_MS = 60_000;
/** A server that keeps handing out cursors must not keep us listing forever. */
const MAX_PAGES = 100;
const MAX_ITEMS = 10_000;

/**
 * Connects, lists the server's tools, resources and prompts (following pagination cursors; a
 * server without the resources or prompts capability gives empty lists) and always closes the
 * connection. Used by the registry's "Test connection" and `GET /api/v1/mcp-servers/:name/tools`.
 * Failures are McpConnectionErrors.
 */
export async function inspectMcpServer(
  open: OpenMcpConnection,
  entry: McpServerEntry,
  options: InspectMcpServerOptions,
): Promise<McpInspectionLists> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  const timedOut = new McpConnectionError(
    "timeout",
    `"${entry.name}" did not list its tools, resources and prompts within ${formatSeconds(timeoutMs)}.`,
  );
  const timer = setTimeout(() => controller.abort(timedOut), timeoutMs);
  const onAbort = () => controller.abort(options.signal.reason);
  if (options.signal.aborted) onAbort();
  else options.signal.addEventListener("abort", onAbort, { once: true });

  let connection: McpConnection | undefined;
  try {
    connection = await open(entry, { signal: controller.signal });
    const requestOptions: RequestOptions = { signal: controller.signal, timeout: timeoutMs };
    const capabilities = connection.client.getServerCapabilities() ?? {};
    const { client } = connection;
    const tools = capabilities.tools
      ? await listAll((cursor) =>
          client.listTools(cursor ? { cursor } : undefined, requestOptions).then((page) => ({
            items: page.tools,
            nextCursor: page.nextCursor,
          })),
        )
      : [];
    const resources = capabilities.resources
      ? await listAll((cursor) =>
          client.listResources(cursor ? { cursor } : undefined, requestOptions).then((page) => ({
            items: page.resources,
            nextCursor: page.nextCursor,
          })),
        )
      : [];
    const prompts = capabilities.prompts
      ? await listAll((cursor) =>
          client.listPrompts(cursor ? { cursor } : undefined, requestOptions).then((page) => ({
            items: page.prompts,
            nextCursor: page.nextCursor,
          })),
        )
      : [];
    return {
      tools: tools.map((tool) => ({
        name: tool.name,
        description: tool.description ?? "",
        inputSchema: tool.inputSchema,
      })),
      resources: resources.map((resource) => ({
        uri: resource.uri,
        name: resource.name,
        ...(resource.description !== undefined ? { description: resource.description } : {}),
        ...(resource.mimeType !== undefined ? { mimeType: resource.mimeType } : {}),
      })),
      prompts: prompts.map((prompt) => ({
        name: prompt.name,
        ...(prompt.description !== undefined ? { description: prompt.description } : {}),
        ...(prompt.arguments !== undefined
          ? {
              arguments: prompt.arguments.map((argument) => ({
                name: argument.name,
                ...(argument.description !== undefined ? { description: argument.description } : {}),
                ...(argument.required !== undefined ? { required: argument.required } : {}),
              })),
            }
          : {}),
      })),
    };
  } catch (error) {
    if (controller.signal.reason === timedOut) throw timedOut;
    if (options.signal.aborted) {
      throw new McpConnectionError("closed", `Inspecting "${entry.name}" was cancelled.`, { cause: error });
    }
    throw asConnectionError(entry, error);
  } finally {
    clearTimeout(timer);
    options.signal.removeEventListener("abort", onAbort);
    await connection?.close();
  }
}

async function listAll<Item>(
  fetchPage: (cursor: string | undefined) => Promise<{ items: Item[]; nextCursor?: string }>,
): Promise<Item[]> {
  const items: Item[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const result = await fetchPage(cursor);
    items.push(...result.items);
    cursor = result.nextCursor;
    if (cursor === undefined || seen.has(cursor) || items.length >= MAX_ITEMS) break;
    seen.add(cursor);
  }
  if (items.length > MAX_ITEMS) items.length = MAX_ITEMS;
  return items;
}

function asConnectionError(entry: McpServerEntry, error: unknown): unknown {
  if (error instanceof McpConnectionError) return error;
  if (error instanceof McpError) {
    return new McpConnectionError(
      "protocol",
      `"${entry.name}" could not list what it offers: ${error.message}`,
      {
        cause: error,
      },
    );
  }
  return error;
}
