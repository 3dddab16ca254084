"use client";

import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import {
  clampDrawerHeight,
  DEFAULT_DRAWER_PREFERENCES,
  heightAfterKey,
  maxDrawerHeight,
  readDrawerPreferences,
  writeDrawerPreferences,
  type DrawerPreferences,
} from "@/components/editor/run/drawer-size";

function browserStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/**
 * The drawer's height and collapsed state, remembered per browser, with the handlers of a resize
 * handle: drag it with the pointer, or focus it and use the arrow keys, Home and End.
 */
export function useDrawerSize() {
  // The server renders the defaults; the stored preferences arrive after hydration.
  const [preferences, setPreferences] = useState<DrawerPreferences>(DEFAULT_DRAWER_PREFERENCES);
  const [viewportHeight, setViewportHeight] = useState<number | null>(null);
  const drag = useRef<{ startY: number; startHeight: number; pointerId: number } | null>(null);

  useEffect(() => {
    setPreferences(readDrawerPreferences(browserStorage()));
    const measure = () => setViewportHeight(window.innerHeight);
    measure();
    window.addEventListener("resize", measure);
    return () => window.removeEventListener("resize", measure);
  }, []);

  // A smaller window shrinks the drawer with it, without forgetting the height chosen.
  const height =
    viewportHeight === null ? preferences.height : clampDrawerHeight(preferences.height, viewportHeight);

  const update = (next: DrawerPreferences, remember = true) => {
    setPreferences(next);
    if (remember) writeDrawerPreferences(browserStorage(), next);
  };

  const setCollapsed = (collapsed: boolean) => update({ ...preferences, collapsed });

  const endDrag = (event: PointerEvent<HTMLElement>) => {
    if (drag.current?.pointerId !== event.pointerId) return;
    drag.current = null;
    if (event.currentTarget.hasPointerCapture(event.pointerId)) {
      event.currentTarget.releasePointerCapture(event.pointerId);
    }
    update(preferences);
  };

  const handle = {
    onPointerDown(event: PointerEvent<HTMLElement>) {
      if (event.button !== 0) return;
      event.preventDefault();
      event.currentTarget.setPointerCapture(event.pointerId);
      drag.current = { startY: event.clientY, startHeight: height, pointerId: event.pointerId };
    },
    onPointerMove(event: PointerEvent<HTMLElement>) {
      const current = drag.current;
      if (current?.pointerId !== event.pointerId) return;
      // Dragging up makes the drawer taller: it hangs from the bottom of the window.
      const next = clampDrawerHeight(
        current.startHeight + current.startY - event.clientY,
        window.innerHeight,
      );
      if (next !== preferences.height) update({ ...preferences, height: next }, false);
    },
    onPointerUp: endDrag,
    onPointerCancel: endDrag,
    onKeyDown(event: KeyboardEvent<HTMLElement>) {
      const next = heightAfterKey(event.key, event.shiftKey, height, window.innerHeight);
      if (next === null) return;
      event.preventDefault();
      update({ ...preferences, height: next });
    },
  };

  return {
    height,
    maxHeight: viewportHeight === null ? undefined : maxDrawerHeight(viewportHeight),
    collapsed: preferences.collapsed,
    setCollapsed,
    handle,
  };
}
