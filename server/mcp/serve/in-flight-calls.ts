import "server-only";

/**
 * Tool calls in progress in this process, so that `notifications/cancelled` can reach them. The
 * endpoint is stateless: a client's cancel arrives as a separate HTTP request, to a fresh server
 * instance that does not know the call, so calls are found here by who made them (the API token),
 * the design and the JSON-RPC request id. Request ids are chosen by clients and two clients with
 * the same token may use the same id at once; such an ambiguous cancel is ignored rather than
 * risk cancelling someone else's call (MCP lets a receiver ignore a cancellation).
 */

type CallKey = { tokenHash: string; designId: string; requestId: string | number };

const globalForCalls = globalThis as typeof globalThis & {
  trellisMcpInFlightCalls?: Map<string, Set<() => void>>;
};

function calls(): Map<string, Set<() => void>> {
  globalForCalls.trellisMcpInFlightCalls ??= new Map();
  return globalForCalls.trellisMcpInFlightCalls;
}

function keyOf(key: CallKey): string {
  return JSON.stringify([key.tokenHash, key.designId, key.requestId]);
}

/** Registers a call's cancel function; the returned function unregisters it. */
export function trackCall(key: CallKey, cancel: () => void): () => void {
  const id = keyOf(key);
  const entries = calls().get(id) ?? new Set();
  entries.add(cancel);
  calls().set(id, entries);
  return () => {
    entries.delete(cancel);
    if (entries.size === 0 && calls().get(id) === entries) calls().delete(id);
  };
}

/** Cancels the one call with this key; answers whether it did. */
export function cancelCall(key: CallKey): boolean {
  const entries = calls().get(keyOf(key));
  if (!entries || entries.size !== 1) return false;
  const [cancel] = entries;
  cancel?.();
  return true;
}
