import "server-only";
import type { Caller } from "@/server/auth/caller";
import { atLeast } from "@/server/auth/roles";
import { ForbiddenError } from "@/server/errors";
import { McpConnectionError, type McpFailureKind, type OpenMcpConnection } from "@/server/mcp/connection";
import { inspectMcpServer } from "@/server/mcp/inspect";
import { loadMcpServerEntry } from "@/server/mcp/registry/entries";

/** What a registered server offers: its tools, resources and prompts. */
export type McpInspection = Awaited<ReturnType<typeof inspectMcpServer>>;

/** Why a connection failed; a normal answer of "Test connection", not an error of the API. */
export type McpFailure = { kind: McpFailureKind; message: string };

export type McpInspectionResult = ({ ok: true } & McpInspection) | { ok: false; error: McpFailure };

export type InspectOptions = {
  open: OpenMcpConnection;
  /** Aborted when the asker goes away: the connection (and a stdio child) is closed. */
  signal: AbortSignal;
  timeoutMs?: number;
};

/**
 * Connects to a registered server and lists what it offers. Connecting starts a process or makes
 * a request on the server's side, so viewers (who cannot run designs either) may not ask.
 */
export async function inspectRegisteredServer(
  caller: Caller,
  name: string,
  options: InspectOptions,
): Promise<McpInspectionResult> {
  if (!atLeast(caller.role, "editor")) {
    throw new ForbiddenError("Viewers cannot connect to MCP servers; an editor or owner can.");
  }
  const entry = await loadMcpServerEntry(caller, name);
  try {
    const inspection = await inspectMcpServer(options.open, entry, {
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
    return { ok: true, ...inspection };
  } catch (error) {
    if (error instanceof McpConnectionError) {
      return { ok: false, error: { kind: error.kind, message: error.message } };
    }
    throw error;
  }
}

type Part = keyof McpInspection;

/** One part of an inspection (the tools, say), or the failure as it was. */
export type McpInspectionPart<Key extends Part> =
  ({ ok: true } & Pick<McpInspection, Key>) | { ok: false; error: McpFailure };

export function inspectionPart<Key extends Part>(
  result: McpInspectionResult,
  key: Key,
): McpInspectionPart<Key> {
  if (!result.ok) return result;
  return { ok: true, [key]: result[key] };
}
