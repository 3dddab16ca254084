import picomatch from "picomatch";

/**
 * An agent's `tools` filter (graph-format.md): per server, globs over the tool names as the
 * server spells them. A server without an entry shows all its tools; an entry with no globs
 * shows none. A tool is shown when it matches at least one glob (or every glob is a `!`
 * exclusion) and no `!` exclusion.
 */
export type ToolFilters = Readonly<Record<string, readonly string[]>>;

// Tool names are not paths: `*` matches any character, `/` and a leading dot included.
const GLOB_OPTIONS = { dot: true, bash: true } as const;

export function toolFilterFor(filters: ToolFilters | undefined, server: string): (tool: string) => boolean {
  const globs = filters !== undefined && Object.hasOwn(filters, server) ? filters[server] : undefined;
  if (globs === undefined) return () => true;
  const includes = globs.filter((glob) => !glob.startsWith("!"));
  const excludes = globs.filter((glob) => glob.startsWith("!")).map((glob) => glob.slice(1));
  if (includes.length === 0 && excludes.length === 0) return () => false;
  const included = includes.length === 0 ? () => true : picomatch(includes, GLOB_OPTIONS);
  const excluded = excludes.length === 0 ? () => false : picomatch(excludes, GLOB_OPTIONS);
  return (tool) => included(tool) && !excluded(tool);
}
