/**
 * MCP tool names for a design's agents. MCP allows 1–128 characters of letters, digits, `_`,
 * `-` and `.`; the model providers that MCP clients hand tools to (OpenAI, Anthropic) accept only
 * `[A-Za-z0-9_-]{1,64}`, so tool names keep to that narrower set. Graph names already match it
 * (graph-format.md), so a valid agent name is its own tool name; anything else is mapped
 * deterministically: accents dropped, every other run of disallowed characters becomes `_`, cut
 * at 64 characters, and a clash gets `_2`, `_3`, ... in graph order.
 */

export const TOOL_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const TOOL_NAME_MAX_LENGTH = 64;
const FALLBACK_NAME = "agent";

export function toolNameFor(agentName: string): string {
  if (TOOL_NAME_PATTERN.test(agentName)) return agentName;
  const cleaned = agentName
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9_-]+/g, "_")
    .slice(0, TOOL_NAME_MAX_LENGTH);
  return cleaned === "" || cleaned === "_" ? FALLBACK_NAME : cleaned;
}

/** Tool names for agent names in order, unique: the map goes from tool name to agent name. */
export function assignToolNames(agentNames: readonly string[]): Map<string, string> {
  const assigned = new Map<string, string>();
  for (const agentName of agentNames) {
    const base = toolNameFor(agentName);
    let name = base;
    for (let counter = 2; assigned.has(name); counter++) {
      const suffix = `_${counter}`;
      name = `${base.slice(0, TOOL_NAME_MAX_LENGTH - suffix.length)}${suffix}`;
    }
    assigned.set(name, agentName);
  }
  return assigned;
}
