/**
 * The per-call timeout of an MCP tool call. It measures the server's time only: progress from
 * the server starts it afresh, and it stands still while the server waits for us (a person
 * answering an elicitation, our model answering a sampling request).
 */
export type CallTimer = {
  /** Aborts with McpCallTimeoutError when the time is up. */
  readonly signal: AbortSignal;
  /** Starts the full time again (the server reported progress). */
  restart(): void;
  /** Runs `work` with the clock stopped, then starts the full time again. */
  paused<T>(work: () => Promise<T>): Promise<T>;
  stop(): void;
};

export class McpCallTimeoutError extends Error {
  override readonly name = "McpCallTimeoutError";
}

export function startCallTimer(timeoutMs: number, describe: () => string): CallTimer {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pauses = 0;
  let stopped = false;

  const clear = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  const start = () => {
    clear();
    if (stopped || pauses > 0 || controller.signal.aborted) return;
    timer = setTimeout(() => controller.abort(new McpCallTimeoutError(describe())), timeoutMs);
  };
  start();

  return {
    signal: controller.signal,
    restart: start,
    async paused(work) {
      pauses += 1;
      clear();
      try {
        return await work();
      } finally {
        pauses -= 1;
        start();
      }
    },
    stop() {
      stopped = true;
      clear();
    },
  };
}
