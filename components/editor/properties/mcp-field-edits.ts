/**
 * An agent's `servers` (registry names) and `tools` (`{ server: [glob, ...] }`), as the MCP server
 * picker reads and changes them. Empty lists and maps are removed rather than stored, so clearing
 * everything leaves the node's data as it was before anything was chosen.
 */

export type ToolFilters = Readonly<Record<string, readonly string[]>>;

export function readServers(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

export function readToolFilters(value: unknown): ToolFilters {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  const filters: Record<string, string[]> = {};
  for (const [server, globs] of Object.entries(value as Record<string, unknown>)) {
    filters[server] = readServers(globs);
  }
  return filters;
}

export type McpSelection = { servers: string[] | undefined; tools: Record<string, string[]> | undefined };

function tidy(servers: readonly string[], tools: ToolFilters): McpSelection {
  const kept = Object.entries(tools).filter(([, globs]) => globs.length > 0);
  return {
    servers: servers.length === 0 ? undefined : [...servers],
    tools:
      kept.length === 0 ? undefined : Object.fromEntries(kept.map(([server, globs]) => [server, [...globs]])),
  };
}

/** Choosing a server adds it at the end; un-choosing removes it and its tool filter with it. */
export function chooseServer(
  servers: readonly string[],
  tools: ToolFilters,
  name: string,
  chosen: boolean,
): McpSelection {
  if (chosen) return tidy(servers.includes(name) ? servers : [...servers, name], tools);
  const { [name]: _dropped, ...otherTools } = tools;
  return tidy(
    servers.filter((server) => server !== name),
    otherTools,
  );
}

/** A server's tool filter replaced by `globs` (trimmed, blank and repeated ones left out). */
export function setServerGlobs(
  servers: readonly string[],
  tools: ToolFilters,
  server: string,
  globs: readonly string[],
): McpSelection {
  const unique = [...new Set(globs.map((glob) => glob.trim()).filter((glob) => glob !== ""))];
  return tidy(servers, { ...tools, [server]: unique });
}
