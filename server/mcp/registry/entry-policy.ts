import "server-only";
import { McpConnectionError } from "@/server/mcp/connection";
import type { McpConfig } from "@/server/mcp/mcp-config";
import { prepareStdioLaunch } from "@/server/mcp/safety/stdio-policy";
import { InvalidInputError } from "@/server/errors";
import type { McpServerInput } from "@/server/mcp/server-entry";
import type { McpServerUpdate } from "@/server/mcp/registry/registry-schemas";

export type RegistryPolicy = Pick<McpConfig, "stdioAllow" | "workRoot">;

/**
 * Refuses a stdio entry the server would never run (command not on TRELLIS_MCP_STDIO_ALLOW, bad
 * arguments, environment or working folder), so an owner hears it when saving rather than at the
 * first run. Nothing is spawned; an allowed command that is missing on this machine is accepted
 * here and reported by "Test connection".
 */
export async function checkEntryPolicy(
  entry: McpServerInput | McpServerUpdate,
  policy: RegistryPolicy,
): Promise<void> {
  if (entry.transport !== "stdio") return;
  try {
    // Only the names of the environment matter here (an update may keep values it never saw).
    const env = Object.fromEntries(Object.keys(entry.env ?? {}).map((key) => [key, ""]));
    await prepareStdioLaunch({ ...entry, name: entry.name ?? "entry", description: "", env }, policy);
  } catch (error) {
    if (!(error instanceof McpConnectionError) || error.kind !== "not_allowed") return;
    // An unlisted command is the first thing the policy refuses; other refusals (arguments,
    // environment names, working folder) are told by the message.
    const path = policy.stdioAllow.includes(entry.command) ? undefined : ["command"];
    throw new InvalidInputError(error.message, [{ code: "mcp_not_allowed", message: error.message, path }]);
  }
}
