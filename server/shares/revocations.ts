/**
 * Tells live share-link viewers of a run that their link stopped working (revoked, or the run was
 * deleted), so their streams end at once rather than at the next reconnect. In-process, like the
 * event bus; shared streams also re-check their link every few seconds, which covers links
 * revoked through another instance.
 */
const watchers = new Map<string, Set<() => void>>();

export function watchShareRevocation(runId: string, listener: () => void): () => void {
  const forRun = watchers.get(runId) ?? new Set();
  forRun.add(listener);
  watchers.set(runId, forRun);
  return () => {
    forRun.delete(listener);
    if (forRun.size === 0) watchers.delete(runId);
  };
}

export function announceShareRevocation(runId: string): void {
  for (const listener of [...(watchers.get(runId) ?? [])]) listener();
}
