"use client";

import { useEffect, useRef, type UIEvent } from "react";

/** How close to the bottom still counts as "at the bottom" (a line or two). */
const STICK_DISTANCE_PX = 32;

/**
 * Keeps a scrolling box at its bottom while its text grows, as long as the reader has not scrolled
 * up to read something: then it stays where they put it. Spread the result onto the box.
 */
export function useFollowOutput(text: string) {
  const ref = useRef<HTMLPreElement>(null);
  const following = useRef(true);

  useEffect(() => {
    const element = ref.current;
    if (element && following.current) element.scrollTop = element.scrollHeight;
  }, [text]);

  return {
    ref,
    onScroll(event: UIEvent<HTMLPreElement>) {
      const element = event.currentTarget;
      following.current =
        element.scrollHeight - element.scrollTop - element.clientHeight <= STICK_DISTANCE_PX;
    },
  };
}
