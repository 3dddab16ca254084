/** Fixed locale: the server renders these too, and both sides must print the same text. */
const numberFormat = new Intl.NumberFormat("en");

export function formatCount(value: number): string {
  return numberFormat.format(value);
}

export function formatDuration(milliseconds: number): string {
  const ms = Math.max(0, milliseconds);
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  const totalSeconds = Math.floor(ms / 1_000);
  const seconds = totalSeconds % 60;
  const minutes = Math.floor(totalSeconds / 60) % 60;
  const hours = Math.floor(totalSeconds / 3_600);
  if (hours === 0) return `${minutes} min ${String(seconds).padStart(2, "0")} s`;
  return `${hours} h ${String(minutes).padStart(2, "0")} min`;
}

/** Milliseconds since the epoch, or null for a missing or unreadable timestamp. */
export function timeOf(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? null : time;
}

export function formatJson(value: unknown): string {
  try {
    // JSON.stringify answers undefined for undefined, functions and symbols.
    const json = JSON.stringify(value, null, 2) as string | undefined;
    return json ?? "(none)";
  } catch {
    return "(not representable as JSON)";
  }
}

/** "Routed to research (high confidence)": the phrase the panel and the run page share. */
export function describeRoute(decision: { agent: string | null; confidence: string | null }): string {
  return `Routed to ${decision.agent ?? "nobody"}${decision.confidence ? ` (${decision.confidence} confidence)` : ""}`;
}
