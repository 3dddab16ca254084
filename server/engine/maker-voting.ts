import type { MatchStrategy } from "@/server/designs/graph-schema";
import { pythonLength } from "@/server/engine/prompt-templates";

/**
 * MAKER's first-to-ahead-by-k voting (fast-agent's maker_agent.py), kept pure so every rule can
 * be tested without running agents.
 */

/** The key a sample votes for under `strategy`. */
export function voteKey(text: string, strategy: MatchStrategy): string {
  switch (strategy) {
    case "exact":
      return text;
    case "normalized":
      return text.toLowerCase().split(/\s+/).filter(Boolean).join(" ");
    case "structured":
      try {
        return canonicalJson(JSON.parse(text));
      } catch {
        return text;
      }
  }
}

/** JSON with object keys sorted, so equal structures give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? "null";
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([left], [right]) =>
    left < right ? -1 : left > right ? 1 : 0,
  );
  return Object.fromEntries(entries.map(([key, inner]) => [key, sortKeys(inner)]));
}

/** Samples longer than `maxLength` characters are discarded before voting. */
export function isRedFlagged(text: string, maxLength: number | undefined): boolean {
  return maxLength !== undefined && pythonLength(text) > maxLength;
}

/** Vote counts in order of first appearance (the order decides ties). */
export type Tally = Map<string, number>;

/** The leader, when it is `k` votes ahead of the runner-up (earliest key first among equals). */
export function kAheadWinner(tally: Tally, k: number): string | undefined {
  const ranked = [...tally].sort(([, left], [, right]) => right - left);
  const [leader, runnerUp] = ranked;
  if (leader === undefined) return undefined;
  return leader[1] - (runnerUp?.[1] ?? 0) >= k ? leader[0] : undefined;
}

/** The plurality winner; the earliest key wins ties. */
export function pluralityWinner(tally: Tally): string | undefined {
  let winner: [string, number] | undefined;
  for (const entry of tally) if (winner === undefined || entry[1] > winner[1]) winner = entry;
  return winner?.[0];
}
