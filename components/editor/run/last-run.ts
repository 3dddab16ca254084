/**
 * The run the drawer showed last, per design, for this tab only (sessionStorage): a reload brings
 * it back, live if it still runs, while another tab keeps its own.
 */

const PREFIX = "trellis.editor.lastRun.";
// Run ids are UUIDs; anything else in storage was not written by this module.
const RUN_ID = /^[0-9A-Za-z-]{1,100}$/;

function tabStorage(): Storage | undefined {
  try {
    return typeof window === "undefined" ? undefined : window.sessionStorage;
  } catch {
    return undefined;
  }
}

export function readLastRun(designId: string, storage = tabStorage()): string | null {
  try {
    const value = storage?.getItem(PREFIX + designId) ?? null;
    return value !== null && RUN_ID.test(value) ? value : null;
  } catch {
    return null;
  }
}

export function rememberLastRun(designId: string, runId: string, storage = tabStorage()): void {
  try {
    storage?.setItem(PREFIX + designId, runId);
  } catch {
    // Storage may be full or disabled: the drawer works without it, it only forgets on reload.
  }
}

export function forgetLastRun(designId: string, storage = tabStorage()): void {
  try {
    storage?.removeItem(PREFIX + designId);
  } catch {
    // As above.
  }
}
