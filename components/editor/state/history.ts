/**
 * Undo and redo over whole documents. Snapshots share every unchanged node and edge with their
 * neighbours (the edits are structural), so keeping 200 of them costs little.
 *
 * Changes that carry the same `coalesceKey` as the change before them merge into one step: a
 * field keeps one key per focus, so a typed word is one undo step and not one per letter.
 */
export const HISTORY_LIMIT = 200;

export type History<Document> = {
  readonly past: readonly Document[];
  readonly present: Document;
  readonly future: readonly Document[];
  /** Key of the change that made `present`, while further changes with that key may merge into it. */
  readonly coalesceKey: string | undefined;
};

export function createHistory<Document>(present: Document): History<Document> {
  return { past: [], present, future: [], coalesceKey: undefined };
}

export function commit<Document>(
  history: History<Document>,
  next: Document,
  options: { coalesceKey?: string; limit?: number } = {},
): History<Document> {
  if (next === history.present) return history;
  const { coalesceKey } = options;
  if (coalesceKey !== undefined && coalesceKey === history.coalesceKey) {
    return { past: history.past, present: next, future: [], coalesceKey };
  }
  const limit = options.limit ?? HISTORY_LIMIT;
  const past = [...history.past, history.present];
  return {
    past: past.length > limit ? past.slice(past.length - limit) : past,
    present: next,
    future: [],
    coalesceKey,
  };
}

export function canUndo(history: History<unknown>): boolean {
  return history.past.length > 0;
}

export function canRedo(history: History<unknown>): boolean {
  return history.future.length > 0;
}

export function undo<Document>(history: History<Document>): History<Document> {
  const previous = history.past[history.past.length - 1];
  if (previous === undefined) return history;
  return {
    past: history.past.slice(0, -1),
    present: previous,
    future: [history.present, ...history.future],
    coalesceKey: undefined,
  };
}

export function redo<Document>(history: History<Document>): History<Document> {
  const [next, ...future] = history.future;
  if (next === undefined) return history;
  return { past: [...history.past, history.present], present: next, future, coalesceKey: undefined };
}

/** Ends the current coalescing run, so the next change is a step of its own. */
export function sealHistory<Document>(history: History<Document>): History<Document> {
  return history.coalesceKey === undefined ? history : { ...history, coalesceKey: undefined };
}
