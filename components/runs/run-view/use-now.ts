"use client";

import { useEffect, useState } from "react";

/**
 * The browser's clock, ticking while `active`. Null until mounted: the server's render cannot
 * know the viewer's clock, and printing one would not match after hydration.
 */
export function useNow(active: boolean, intervalMs = 1_000): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    if (!active) return () => clearTimeout(first);
    const timer = setInterval(tick, intervalMs);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [active, intervalMs]);
  return now;
}
