import { describe, expect, it } from "vitest";
import { matchShortcut, type KeyInput } from "./shortcuts";

function press(key: string, modifiers: Partial<KeyInput> = {}): KeyInput {
  return { key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...modifiers };
}

describe("matchShortcut", () => {
  it("maps Ctrl and Cmd combinations alike", () => {
    expect(matchShortcut(press("s", { ctrlKey: true }))).toBe("save");
    expect(matchShortcut(press("s", { metaKey: true }))).toBe("save");
    expect(matchShortcut(press("z", { ctrlKey: true }))).toBe("undo");
    expect(matchShortcut(press("Z", { ctrlKey: true, shiftKey: true }))).toBe("redo");
    expect(matchShortcut(press("y", { ctrlKey: true }))).toBe("redo");
    expect(matchShortcut(press("c", { metaKey: true }))).toBe("copy");
    expect(matchShortcut(press("v", { ctrlKey: true }))).toBe("paste");
    expect(matchShortcut(press("d", { ctrlKey: true }))).toBe("duplicate");
    expect(matchShortcut(press("a", { ctrlKey: true }))).toBe("selectAll");
  });

  it("maps single keys", () => {
    expect(matchShortcut(press("Delete"))).toBe("delete");
    expect(matchShortcut(press("Backspace"))).toBe("delete");
    expect(matchShortcut(press("Escape"))).toBe("escape");
    expect(matchShortcut(press("!", { shiftKey: true, code: "Digit1" }))).toBe("fitView");
    expect(matchShortcut(press("&", { shiftKey: true, code: "Digit1" }))).toBe("fitView");
    expect(matchShortcut(press("?", { shiftKey: true }))).toBe("help");
    expect(matchShortcut(press("/"))).toBe("focusSearch");
    expect(matchShortcut(press("l"))).toBe("autoLayout");
  });

  it("ignores everything else", () => {
    expect(matchShortcut(press("l", { ctrlKey: true }))).toBeUndefined();
    expect(matchShortcut(press("s", { altKey: true, ctrlKey: true }))).toBeUndefined();
    expect(matchShortcut(press("x"))).toBeUndefined();
    expect(matchShortcut(press("1"))).toBeUndefined();
    expect(matchShortcut(press("c", { ctrlKey: true, shiftKey: true }))).toBeUndefined();
  });
});
