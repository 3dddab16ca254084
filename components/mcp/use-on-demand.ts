"use client";

import { useCallback, useEffect, useRef, useState } from "react";

export type OnDemandState<Value> =
  | { status: "idle" }
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "done"; value: Value };

/**
 * A load started by the person (a click), not by rendering: its state, a way to start it (a new
 * start aborts the one before), and a reset. Leaving the page aborts what is still loading.
 */
export function useOnDemand<Value>(): {
  state: OnDemandState<Value>;
  start: (load: (signal: AbortSignal) => Promise<Value>) => Promise<Value | undefined>;
  reset: () => void;
} {
  const [state, setState] = useState<OnDemandState<Value>>({ status: "idle" });
  const current = useRef<AbortController | null>(null);

  useEffect(() => () => current.current?.abort(), []);

  const start = useCallback(async (load: (signal: AbortSignal) => Promise<Value>) => {
    current.current?.abort();
    const controller = new AbortController();
    current.current = controller;
    setState({ status: "loading" });
    try {
      const value = await load(controller.signal);
      if (controller.signal.aborted) return undefined;
      setState({ status: "done", value });
      return value;
    } catch (error) {
      if (controller.signal.aborted) return undefined;
      setState({ status: "error", message: error instanceof Error ? error.message : String(error) });
      return undefined;
    }
  }, []);

  const reset = useCallback(() => {
    current.current?.abort();
    current.current = null;
    setState({ status: "idle" });
  }, []);

  return { state, start, reset };
}
