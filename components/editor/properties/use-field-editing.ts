"use client";

import { useCallback, useRef } from "react";
import { useEditorState, useEditorStore } from "@/components/editor/editor-context";
import type { EditorState } from "@/components/editor/state/editor-store";
import type { FieldDescriptor } from "./field-descriptors";
import { formatFieldValue, parseFieldText } from "./field-values";

// One counter for every field: a key made from it is never reused, not even by a form that was
// unmounted and mounted again, so two separate typing sessions never merge into one undo step.
let focusSerial = 0;

export type FieldEditing = {
  text: string;
  error: string | undefined;
  onText: (text: string) => void;
  onFocus: () => void;
  onBlur: () => void;
};

/**
 * Typing in a field: valid text is applied at once (one undo step per focus of the field);
 * text that is not valid yet stays in the field as a draft with its error, and is not applied,
 * so the person never loses what they typed and the graph never holds an unsavable value.
 */
export function useFieldEditing(
  key: string,
  field: FieldDescriptor,
  value: unknown,
  apply: (value: unknown, coalesceKey: string) => void,
): FieldEditing {
  const store = useEditorStore();
  const draft = useEditorState(useCallback((state: EditorState) => state.drafts.get(key), [key]));
  const focusCount = useRef(0);
  const text = draft ?? formatFieldValue(field, value);
  const parsed = draft === undefined ? undefined : parseFieldText(field, draft);

  const onText = useCallback(
    (next: string) => {
      const result = parseFieldText(field, next);
      if (result.ok) {
        apply(result.value, `${key}#${focusCount.current}`);
        // Valid text that formats differently ("a, b," in a list) stays as typed until blur.
        store.setDraft(key, formatFieldValue(field, result.value) === next ? undefined : next);
      } else {
        store.setDraft(key, next);
      }
    },
    [apply, field, key, store],
  );

  const onFocus = useCallback(() => {
    focusSerial += 1;
    focusCount.current = focusSerial;
  }, []);

  const onBlur = useCallback(() => {
    store.seal();
    const current = store.getState().drafts.get(key);
    if (current !== undefined && parseFieldText(field, current).ok) store.setDraft(key, undefined);
  }, [field, key, store]);

  return { text, error: parsed && !parsed.ok ? parsed.error : undefined, onText, onFocus, onBlur };
}
