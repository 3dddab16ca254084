import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createViewportMotion, REST_DELAY_MS } from "./viewport-motion";

type AnimateCall = { keyframes: Keyframe[]; options: KeyframeAnimationOptions; cancel: () => void };

/** A viewport element whose `animate` records its calls (happy-dom has no Web Animations). */
function fakeViewport(): { element: HTMLElement; calls: AnimateCall[]; cancelled: () => number } {
  const element = document.createElement("div");
  const calls: AnimateCall[] = [];
  let cancelled = 0;
  element.animate = (keyframes: Keyframe[], options: KeyframeAnimationOptions) => {
    const cancel = () => {
      cancelled += 1;
    };
    calls.push({ keyframes, options, cancel });
    return { cancel } as unknown as Animation;
  };
  return { element, calls, cancelled: () => cancelled };
}

describe("viewport motion", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    // Browsers with additive animations have KeyframeEffect.prototype.composite.
    vi.stubGlobal(
      "KeyframeEffect",
      class {
        get composite(): CompositeOperation {
          return "replace";
        }
      },
    );
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("holds the viewport on an additive no-op transform animation from the start of a move until it rests", () => {
    const viewport = fakeViewport();
    const motion = createViewportMotion(() => viewport.element);
    const heard: boolean[] = [];
    motion.subscribe(() => heard.push(motion.isMoving()));

    motion.start();
    expect(motion.isMoving()).toBe(true);
    expect(viewport.element.dataset.moving).toBe("");
    expect(viewport.calls).toHaveLength(1);
    expect(viewport.calls[0]?.options.composite).toBe("add");
    expect(viewport.calls[0]?.keyframes.every((frame) => frame.transform === "translate(0px, 0px)")).toBe(
      true,
    );

    motion.end();
    vi.advanceTimersByTime(REST_DELAY_MS - 1);
    expect(motion.isMoving()).toBe(true);
    vi.advanceTimersByTime(1);
    expect(motion.isMoving()).toBe(false);
    expect(viewport.cancelled()).toBe(1);
    expect(viewport.element.dataset.moving).toBeUndefined();
    expect(heard).toEqual([true, false]);
  });

  it("treats a move that follows within the rest delay as the same move", () => {
    const viewport = fakeViewport();
    const motion = createViewportMotion(() => viewport.element);
    const listener = vi.fn();
    motion.subscribe(listener);

    motion.start();
    motion.end();
    vi.advanceTimersByTime(REST_DELAY_MS / 2);
    motion.start();
    motion.end();
    vi.advanceTimersByTime(REST_DELAY_MS / 2);
    expect(motion.isMoving()).toBe(true);
    expect(viewport.calls).toHaveLength(1);
    vi.advanceTimersByTime(REST_DELAY_MS);
    expect(motion.isMoving()).toBe(false);
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it("animates nothing where additive animations are not supported, but still reports the motion", () => {
    vi.unstubAllGlobals();
    vi.stubGlobal("KeyframeEffect", undefined);
    const viewport = fakeViewport();
    const motion = createViewportMotion(() => viewport.element);
    motion.start();
    expect(viewport.calls).toHaveLength(0);
    expect(motion.isMoving()).toBe(true);
    motion.end();
    vi.advanceTimersByTime(REST_DELAY_MS);
    expect(motion.isMoving()).toBe(false);
  });

  it("lets go of the viewport when disposed mid-move", () => {
    const viewport = fakeViewport();
    const motion = createViewportMotion(() => viewport.element);
    motion.start();
    motion.dispose();
    expect(viewport.cancelled()).toBe(1);
    expect(viewport.element.dataset.moving).toBeUndefined();
    expect(motion.isMoving()).toBe(false);
  });
});
