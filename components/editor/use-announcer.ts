"use client";

import { useCallback, useEffect, useState } from "react";

const SHOWN_FOR_MS = 6_000;

/** A short message near the canvas (and in a polite live region) that goes away by itself. */
export function useAnnouncer(): {
  message: { text: string; serial: number } | null;
  announce: (text: string) => void;
} {
  const [message, setMessage] = useState<{ text: string; serial: number } | null>(null);
  const announce = useCallback((text: string) => {
    // The serial makes a repeated message (the same refusal twice) announce again.
    setMessage((current) => ({ text, serial: (current?.serial ?? 0) + 1 }));
  }, []);
  useEffect(() => {
    if (message === null) return;
    const timer = setTimeout(() => setMessage(null), SHOWN_FOR_MS);
    return () => clearTimeout(timer);
  }, [message]);
  return { message, announce };
}
