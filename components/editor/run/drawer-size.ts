/** The run drawer's height rules, apart from React so they can be tested on their own. */

export const DRAWER_MIN_HEIGHT = 160;
export const DRAWER_DEFAULT_HEIGHT = 300;
/** At most this share of the window, so the canvas never disappears behind the drawer. */
const DRAWER_MAX_SHARE = 0.75;
const KEY_STEP = 24;
const KEY_STEP_LARGE = 96;

export type DrawerPreferences = { height: number; collapsed: boolean };

export const DEFAULT_DRAWER_PREFERENCES: DrawerPreferences = {
  height: DRAWER_DEFAULT_HEIGHT,
  collapsed: false,
};

export function maxDrawerHeight(viewportHeight: number): number {
  return Math.max(DRAWER_MIN_HEIGHT, Math.floor(viewportHeight * DRAWER_MAX_SHARE));
}

export function clampDrawerHeight(height: number, viewportHeight: number): number {
  if (!Number.isFinite(height)) return DRAWER_DEFAULT_HEIGHT;
  return Math.round(Math.min(maxDrawerHeight(viewportHeight), Math.max(DRAWER_MIN_HEIGHT, height)));
}

/**
 * The height after a key on the resize handle (the separator pattern of WAI-ARIA): arrows move it
 * by a step (a larger one with Shift), Home and End go to the limits. Null: not a resize key.
 */
export function heightAfterKey(
  key: string,
  shiftKey: boolean,
  height: number,
  viewportHeight: number,
): number | null {
  const step = shiftKey ? KEY_STEP_LARGE : KEY_STEP;
  switch (key) {
    case "ArrowUp":
      return clampDrawerHeight(height + step, viewportHeight);
    case "ArrowDown":
      return clampDrawerHeight(height - step, viewportHeight);
    case "Home":
      return DRAWER_MIN_HEIGHT;
    case "End":
      return maxDrawerHeight(viewportHeight);
    default:
      return null;
  }
}

const STORAGE_KEY = "trellis.editor.runDrawer";

/** The last height and collapsed state, as this browser left them; defaults when unreadable. */
export function readDrawerPreferences(storage: Pick<Storage, "getItem"> | undefined): DrawerPreferences {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(STORAGE_KEY) ?? "null");
    if (typeof parsed !== "object" || parsed === null) return DEFAULT_DRAWER_PREFERENCES;
    const { height, collapsed } = parsed as Record<string, unknown>;
    return {
      height: typeof height === "number" && Number.isFinite(height) ? height : DRAWER_DEFAULT_HEIGHT,
      collapsed: collapsed === true,
    };
  } catch {
    return DEFAULT_DRAWER_PREFERENCES;
  }
}

export function writeDrawerPreferences(
  storage: Pick<Storage, "setItem"> | undefined,
  preferences: DrawerPreferences,
): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(preferences));
  } catch {
    // Private browsing or a full quota: the drawer still works, it just does not remember.
  }
}
