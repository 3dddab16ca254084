import "server-only";

/**
 * Runs executing in this process: the abort controller that cancels one, and its pending
 * human-input requests. (With several instances a run is cancelled where it executes.)
 */
export type ActiveRun = {
  controller: AbortController;
  pendingInputs: Map<string, (response: string) => void>;
  finished: Promise<void>;
};

const globalForRuns = globalThis as typeof globalThis & { trellisActiveRuns?: Map<string, ActiveRun> };

export function activeRuns(): Map<string, ActiveRun> {
  globalForRuns.trellisActiveRuns ??= new Map();
  return globalForRuns.trellisActiveRuns;
}
