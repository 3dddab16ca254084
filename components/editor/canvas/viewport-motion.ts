/**
 * While the canvas is panned or zoomed, its viewport element carries a running transform animation
 * that changes nothing (`translate(0, 0)`, added to React Flow's own transform).
 *
 * Why: React Flow pans and zooms by rewriting the viewport's `transform` on every pointer or wheel
 * event. Chromium hands such a change straight to the compositor only for an element whose
 * transform is animating; any other transform change, even on a `will-change: transform` layer,
 * sends the whole page through layerization again and updates the cull rects of everything below
 * it. With a 500-node design that was 10–20 ms of main-thread work per frame in the editor
 * benchmark (bench/RESULTS.md), over half a frame of the 60 Hz budget. During a move the animation
 * makes each change a compositor update.
 *
 * The animation only runs while the view moves, and stops a little after the move ends, so an idle
 * editor asks for no frames. Where `composite: "add"` is not supported the animation would replace
 * React Flow's transform instead of adding to it, so there nothing is done.
 */

const HOLD_KEYFRAMES: Keyframe[] = [
  { transform: "translate(0px, 0px)" },
  { transform: "translate(0px, 0px)" },
];
const HOLD_TIMING: KeyframeAnimationOptions = { duration: 1000, iterations: Infinity, composite: "add" };

/*
 * The viewport is also marked `data-moving` for the move, so editor.css can take the edges out of
 * hit testing: Chromium hit-tests the pointer on every mouse move and wheel tick, and testing a
 * point against the wide invisible stroke of each bezier edge under it cost up to 20 ms a tick where
 * many edges cross.
 */

/** After a move ends, the animation is kept this long in case the next move follows at once. */
export const REST_DELAY_MS = 200;

export type ViewportMotion = {
  /** React Flow's onMoveStart. */
  start: () => void;
  /** React Flow's onMoveEnd. */
  end: () => void;
  /** True from the start of a move until the view has come to rest. */
  isMoving: () => boolean;
  /** Calls `listener` when a move starts and when the view comes to rest; returns the unsubscribe. */
  subscribe: (listener: () => void) => () => void;
  dispose: () => void;
};

function supportsAdditiveAnimation(element: HTMLElement): boolean {
  return (
    typeof element.animate === "function" &&
    typeof KeyframeEffect !== "undefined" &&
    "composite" in KeyframeEffect.prototype
  );
}

export function createViewportMotion(findViewport: () => HTMLElement | null | undefined): ViewportMotion {
  let moving = false;
  let animation: Animation | undefined;
  let marked: HTMLElement | undefined;
  let restTimer: ReturnType<typeof setTimeout> | undefined;
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of listeners) listener();
  };

  const stop = () => {
    animation?.cancel();
    animation = undefined;
    if (marked) delete marked.dataset.moving;
    marked = undefined;
    moving = false;
  };
  const release = () => {
    restTimer = undefined;
    stop();
    notify();
  };

  return {
    start() {
      if (restTimer !== undefined) {
        clearTimeout(restTimer);
        restTimer = undefined;
      }
      if (moving) return;
      moving = true;
      const viewport = findViewport();
      if (viewport) {
        if (supportsAdditiveAnimation(viewport)) animation = viewport.animate(HOLD_KEYFRAMES, HOLD_TIMING);
        viewport.dataset.moving = "";
        marked = viewport;
      }
      notify();
    },
    end() {
      if (restTimer !== undefined) clearTimeout(restTimer);
      restTimer = setTimeout(release, REST_DELAY_MS);
    },
    isMoving: () => moving,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      if (restTimer !== undefined) clearTimeout(restTimer);
      restTimer = undefined;
      stop();
      listeners.clear();
    },
  };
}
