import "server-only";
import type { Caller } from "@/server/auth/caller";
import { atLeast } from "@/server/auth/roles";
import { ForbiddenError } from "@/server/errors";
import type { OpenMcpConnection } from "@/server/mcp/connection";
import { getMcpPrompt, readMcpResource } from "@/server/mcp/prompts-and-resources";
import type {
  McpGetPromptInput,
  McpPromptResult,
  McpReadResourceInput,
  McpResourceResult,
} from "@/server/mcp/prompts-and-resources-schema";
import { loadMcpServerEntry } from "@/server/mcp/registry/entries";

export type RegisteredActionOptions = {
  open: OpenMcpConnection;
  /** Aborted when the asker goes away: the connection (and a stdio child) is closed. */
  signal: AbortSignal;
  timeoutMs?: number;
};

/** Connecting starts a process or makes a request on the server's side: editors and owners only. */
function requireEditor(caller: Caller): void {
  if (!atLeast(caller.role, "editor")) {
    throw new ForbiddenError("Viewers cannot connect to MCP servers; an editor or owner can.");
  }
}

/** A prompt of a registered server, as text for an agent's instruction. */
export async function getRegisteredPrompt(
  caller: Caller,
  input: Required<McpGetPromptInput>,
  options: RegisteredActionOptions,
): Promise<McpPromptResult> {
  requireEditor(caller);
  const entry = await loadMcpServerEntry(caller, input.name);
  return getMcpPrompt(options.open, entry, { prompt: input.prompt, arguments: input.arguments }, options);
}

/** A resource of a registered server, as text for a run's input. */
export async function readRegisteredResource(
  caller: Caller,
  input: McpReadResourceInput,
  options: RegisteredActionOptions,
): Promise<McpResourceResult> {
  requireEditor(caller);
  const entry = await loadMcpServerEntry(caller, input.name);
  return readMcpResource(options.open, entry, input.uri, options);
}
