import { NAME_PATTERN, type Graph } from "@/server/designs/graph-schema";

const MAX_NAME_LENGTH = 64;
const NUMBERED_SUFFIX = /_(\d+)$/;

export function isValidNodeName(name: string): boolean {
  return NAME_PATTERN.test(name);
}

export function namesIn(graph: Graph): Set<string> {
  return new Set(graph.nodes.map((node) => node.data.name));
}

/** Keeps only the characters a node name may have, so any text can seed a valid name. */
function sanitise(stem: string): string {
  const cleaned = stem.replace(/[^A-Za-z0-9_-]/g, "_");
  return cleaned === "" ? "node" : cleaned;
}

function numbered(stem: string, number: number): string {
  const suffix = `_${number}`;
  return `${stem.slice(0, MAX_NAME_LENGTH - suffix.length)}${suffix}`;
}

/** The first free `<base>_<n>` from 1 up: the name a freshly added node gets (`agent_1`). */
export function nextNumberedName(base: string, taken: ReadonlySet<string>): string {
  const stem = sanitise(base);
  for (let number = 1; ; number += 1) {
    const candidate = numbered(stem, number);
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * `name` itself when free, otherwise the next free numbered variant of its stem (`writer` →
 * `writer_2`, `agent_1` → `agent_2`): what a pasted copy is called.
 */
export function uniqueName(name: string, taken: ReadonlySet<string>): string {
  const clean = sanitise(name).slice(0, MAX_NAME_LENGTH);
  if (!taken.has(clean)) return clean;
  const match = NUMBERED_SUFFIX.exec(clean);
  const stem = match ? clean.slice(0, match.index) || "node" : clean;
  const start = match ? Number(match[1]) + 1 : 2;
  for (let number = Math.max(start, 2); ; number += 1) {
    const candidate = numbered(stem, number);
    if (!taken.has(candidate)) return candidate;
  }
}
