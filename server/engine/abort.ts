import { RunLimitError } from "@/server/engine/context";

/** The error an aborted signal stands for: its reason when that is an Error, else an AbortError. */
export function abortError(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new DOMException("The operation was aborted.", "AbortError");
}

/** Settles like `promise`, or rejects as soon as `signal` aborts: waits never outlive a cancel. */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal));
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw abortError(signal);
}

/**
 * Errors that end the run whatever the workflow would otherwise do with a failure: a cancel (or
 * the time limit, which aborts the same signal) and a run limit. Workflows that turn a child's
 * failure into an answer (`ERROR: ...`, an error tool result) must rethrow these.
 */
export function endsTheRun(error: unknown, signal: AbortSignal): boolean {
  return signal.aborted || error instanceof RunLimitError;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
