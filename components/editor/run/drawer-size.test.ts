import { describe, expect, it } from "vitest";
import {
  clampDrawerHeight,
  DEFAULT_DRAWER_PREFERENCES,
  DRAWER_DEFAULT_HEIGHT,
  DRAWER_MIN_HEIGHT,
  heightAfterKey,
  maxDrawerHeight,
  readDrawerPreferences,
  writeDrawerPreferences,
} from "@/components/editor/run/drawer-size";

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

describe("drawer height", () => {
  it("stays between the minimum and three quarters of the window", () => {
    expect(clampDrawerHeight(10, 1_000)).toBe(DRAWER_MIN_HEIGHT);
    expect(clampDrawerHeight(400, 1_000)).toBe(400);
    expect(clampDrawerHeight(900, 1_000)).toBe(750);
    expect(clampDrawerHeight(Number.NaN, 1_000)).toBe(DRAWER_DEFAULT_HEIGHT);
    // A tiny window still leaves the drawer usable.
    expect(maxDrawerHeight(100)).toBe(DRAWER_MIN_HEIGHT);
  });

  it("moves with the arrow keys and jumps with Home and End", () => {
    expect(heightAfterKey("ArrowUp", false, 300, 1_000)).toBe(324);
    expect(heightAfterKey("ArrowDown", false, 300, 1_000)).toBe(276);
    expect(heightAfterKey("ArrowUp", true, 300, 1_000)).toBe(396);
    expect(heightAfterKey("ArrowDown", true, 200, 1_000)).toBe(DRAWER_MIN_HEIGHT);
    expect(heightAfterKey("Home", false, 300, 1_000)).toBe(DRAWER_MIN_HEIGHT);
    expect(heightAfterKey("End", false, 300, 1_000)).toBe(750);
    expect(heightAfterKey("Enter", false, 300, 1_000)).toBeNull();
  });

  it("remembers height and collapsed state, and falls back on anything unreadable", () => {
    const storage = memoryStorage();
    expect(readDrawerPreferences(storage)).toEqual(DEFAULT_DRAWER_PREFERENCES);
    writeDrawerPreferences(storage, { height: 420, collapsed: true });
    expect(readDrawerPreferences(storage)).toEqual({ height: 420, collapsed: true });
    expect(readDrawerPreferences(memoryStorage({ "trellis.editor.runDrawer": "{not json" }))).toEqual(
      DEFAULT_DRAWER_PREFERENCES,
    );
    expect(
      readDrawerPreferences(memoryStorage({ "trellis.editor.runDrawer": '{"height":"tall","collapsed":1}' })),
    ).toEqual(DEFAULT_DRAWER_PREFERENCES);
    expect(readDrawerPreferences(undefined)).toEqual(DEFAULT_DRAWER_PREFERENCES);
    const full = {
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
    };
    expect(() => writeDrawerPreferences(full, { height: 300, collapsed: false })).not.toThrow();
  });
});
