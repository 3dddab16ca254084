import "server-only";
import type { Caller } from "@/server/auth/caller";
import { scopedDb } from "@/server/db/scoped";
import { NotFoundError } from "@/server/errors";
import { requireServerName } from "@/server/mcp/registry/server-name";
import { openSecretMap } from "@/server/mcp/registry/secret-maps";
import { SERVER_COLUMNS, stdioLaunch, type ServerColumnsRow } from "@/server/mcp/registry/server-columns";
import type { McpServerEntry } from "@/server/mcp/server-entry";

/**
 * Registry entries with their secrets decrypted, for the server's own MCP connections (runs,
 * "Test connection"). Nothing from here may reach a response: summaries come from service.ts.
 */

const ENTRY_COLUMNS = {
  ...SERVER_COLUMNS,
  id: true,
  workspaceId: true,
  envEncrypted: true,
  headersEncrypted: true,
} as const;

type EntryRow = ServerColumnsRow & {
  id: string;
  workspaceId: string;
  envEncrypted: string | null;
  headersEncrypted: string | null;
};

function toEntry(row: EntryRow): McpServerEntry {
  const where = { workspaceId: row.workspaceId, serverId: row.id, serverName: row.name };
  if (row.transport === "stdio") {
    return {
      name: row.name,
      description: row.description,
      transport: "stdio",
      ...stdioLaunch(row),
      env: openSecretMap(row.envEncrypted, { ...where, kind: "env" }),
    };
  }
  return {
    name: row.name,
    description: row.description,
    transport: row.transport,
    url: row.url ?? "",
    headers: openSecretMap(row.headersEncrypted, { ...where, kind: "headers" }),
  };
}

/** Every registered server of a workspace, by name, secrets decrypted. Server-side only. */
export async function loadMcpServerEntries(workspaceId: string): Promise<Map<string, McpServerEntry>> {
  const rows = await scopedDb({ workspaceId }).mcpServer.findMany({ select: ENTRY_COLUMNS });
  return new Map(rows.map((row) => [row.name, toEntry(row)]));
}

/** One registered server, secrets decrypted; NotFoundError when the caller's workspace has none by that name. */
export async function loadMcpServerEntry(
  caller: Pick<Caller, "workspaceId">,
  name: string,
): Promise<McpServerEntry> {
  const row = await scopedDb(caller).mcpServer.findFirst({
    where: { name: requireServerName(name) },
    select: ENTRY_COLUMNS,
  });
  if (!row) throw new NotFoundError("MCP server");
  return toEntry(row);
}
