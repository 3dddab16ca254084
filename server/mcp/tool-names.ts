import { createHash } from "node:crypto";

/**
 * Tool names as models see them: `<server>__<tool>` (semantics.md), at most 64 characters and
 * only `[A-Za-z0-9_-]` (the strictest provider rule, OpenAI's). Names that do not fit get a
 * deterministic short form ending in a hash of the full name; a table per run maps every name
 * back to its server and tool and makes sure no two tools ever share a name.
 */

export const MAX_TOOL_NAME_LENGTH = 64;
export const TOOL_NAME_SEPARATOR = "__";

const PLAIN_NAME = /^[A-Za-z0-9_-]+$/;
/** Hash lengths tried in turn; longer ones only if a shorter one is already taken. */
const HASH_LENGTHS = [8, 12, 16, 24] as const;

export type McpToolRef = { server: string; tool: string };

/** `<server>__<tool>` when it fits the rules, else null. */
export function plainToolName(server: string, tool: string): string | null {
  const name = `${server}${TOOL_NAME_SEPARATOR}${tool}`;
  return name.length <= MAX_TOOL_NAME_LENGTH && PLAIN_NAME.test(name) ? name : null;
}

/**
 * The short form: `<server>__<tool, cleaned and cut>_<hash>`, 64 characters at most. Registry
 * names are at most 32 characters, so at least 21 characters of the tool's name stay readable.
 */
export function shortenedToolName(
  server: string,
  tool: string,
  hashLength: number = HASH_LENGTHS[0],
): string {
  const hash = createHash("sha256").update(`${server}\0${tool}`).digest("hex").slice(0, hashLength);
  const prefix = `${server}${TOOL_NAME_SEPARATOR}`;
  const room = MAX_TOOL_NAME_LENGTH - prefix.length - hash.length - 1;
  const readable = tool.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, Math.max(0, room));
  return `${prefix}${readable}_${hash}`.slice(-MAX_TOOL_NAME_LENGTH);
}

export type ToolNameTable = {
  /** The model-facing name of a server's tool; the same every time it is asked. */
  nameOf(server: string, tool: string): string;
  /** The server and tool behind a model-facing name, if this table gave it out. */
  lookup(name: string): McpToolRef | undefined;
};

export function createToolNameTable(): ToolNameTable {
  const byName = new Map<string, McpToolRef>();
  const byTool = new Map<string, string>();
  const key = (server: string, tool: string) => `${server}\0${tool}`;

  const candidates = function* (server: string, tool: string): Generator<string> {
    const plain = plainToolName(server, tool);
    if (plain !== null) yield plain;
    for (const length of HASH_LENGTHS) yield shortenedToolName(server, tool, length);
    // Beyond any realistic collision: number the short form until one is free.
    for (let counter = 2; ; counter += 1) {
      const suffix = `_${counter}`;
      yield `${shortenedToolName(server, tool).slice(0, MAX_TOOL_NAME_LENGTH - suffix.length)}${suffix}`;
    }
  };

  return {
    nameOf(server, tool) {
      const known = byTool.get(key(server, tool));
      if (known !== undefined) return known;
      for (const candidate of candidates(server, tool)) {
        if (byName.has(candidate)) continue;
        byName.set(candidate, { server, tool });
        byTool.set(key(server, tool), candidate);
        return candidate;
      }
      throw new Error("unreachable: the candidate names never run out");
    },
    lookup: (name) => byName.get(name),
  };
}
