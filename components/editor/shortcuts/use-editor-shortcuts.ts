"use client";

import { useEffect, useRef } from "react";
import { matchShortcut, WHILE_TYPING, type ShortcutAction } from "./shortcuts";

export type ShortcutHandlers = Partial<Record<ShortcutAction, (context: { typing: boolean }) => void>>;

const NON_TEXT_INPUTS = new Set(["button", "submit", "reset", "checkbox", "radio", "range", "color", "file"]);

/** Whether keys typed now go into a field (where Delete deletes a letter, not a node). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (
    target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  ) {
    return true;
  }
  return target instanceof HTMLInputElement && !NON_TEXT_INPUTS.has(target.type);
}

function hasTextSelection(): boolean {
  const selection = window.getSelection();
  return selection !== null && !selection.isCollapsed && selection.toString() !== "";
}

/**
 * The editor's shortcuts on the whole window, so they work wherever the focus is in the page,
 * except inside open dialogs, and (but for save and Esc) while typing in a field.
 */
export function useEditorShortcuts(handlers: ShortcutHandlers): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.isComposing) return;
      const action = matchShortcut(event);
      if (action === undefined) return;
      // Holding Ctrl+Z walks back through history; held Delete or Ctrl+V must not repeat.
      if (event.repeat && action !== "undo" && action !== "redo") return;
      if (document.querySelector("dialog[open]")) return;
      const typing = isTypingTarget(event.target);
      if (typing && !WHILE_TYPING.has(action)) return;
      // Copying selected text on the page (an issue message, say) stays the browser's job.
      if (action === "copy" && hasTextSelection()) return;
      const handler = latest.current[action];
      if (handler === undefined) return;
      event.preventDefault();
      handler({ typing });
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
}
