/** The editor's keyboard shortcuts (ux.md): one list for matching keys and for the help dialog. */

export type ShortcutAction =
  | "save"
  | "undo"
  | "redo"
  | "copy"
  | "paste"
  | "duplicate"
  | "selectAll"
  | "delete"
  | "escape"
  | "fitView"
  | "autoLayout"
  | "help"
  | "focusSearch";

export type KeyInput = {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
};

/** For the help dialog, in the order of ux.md. `run` is handled by the run drawer. */
export const SHORTCUT_HELP: readonly { keys: string; description: string }[] = [
  { keys: "Ctrl/Cmd + S", description: "Save now" },
  { keys: "Ctrl/Cmd + Z", description: "Undo" },
  { keys: "Ctrl/Cmd + Shift + Z, Ctrl + Y", description: "Redo" },
  { keys: "Ctrl/Cmd + Enter", description: "Run (in the run drawer's input)" },
  { keys: "Esc", description: "Stop editing a field, or clear the selection" },
  { keys: "Delete, Backspace", description: "Remove the selected nodes and edges" },
  { keys: "Ctrl/Cmd + C", description: "Copy the selected nodes" },
  { keys: "Ctrl/Cmd + V", description: "Paste" },
  { keys: "Ctrl/Cmd + D", description: "Duplicate the selected nodes" },
  { keys: "Ctrl/Cmd + A", description: "Select everything" },
  { keys: "Shift + 1", description: "Fit the whole design in view" },
  { keys: "L", description: "Auto-layout (left to right)" },
  { keys: "/", description: "Search node types in the palette" },
  { keys: "?", description: "Show this list" },
];

/** Shortcuts that also work while typing in a field; everything else leaves typing alone. */
export const WHILE_TYPING: ReadonlySet<ShortcutAction> = new Set<ShortcutAction>(["save", "escape"]);

const WITH_MODIFIER: Record<string, ShortcutAction> = {
  s: "save",
  c: "copy",
  v: "paste",
  d: "duplicate",
  a: "selectAll",
  y: "redo",
};

export function matchShortcut(input: KeyInput): ShortcutAction | undefined {
  if (input.altKey) return undefined;
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  const modifier = input.ctrlKey || input.metaKey;
  if (modifier) {
    if (key === "z") return input.shiftKey ? "redo" : "undo";
    if (input.shiftKey) return undefined;
    return WITH_MODIFIER[key];
  }
  if (key === "Delete" || key === "Backspace") return "delete";
  if (key === "Escape") return "escape";
  // Shift+1 is "!" on many layouts and something else on others: the physical key decides.
  if (input.shiftKey && (input.code === "Digit1" || key === "!")) return "fitView";
  if (key === "?") return "help";
  if (key === "/") return "focusSearch";
  if (key === "l" && !input.shiftKey) return "autoLayout";
  return undefined;
}
