"use client";

import { createContext, useCallback, useContext, useSyncExternalStore } from "react";
import type { EditorState, EditorStore } from "@/components/editor/state/editor-store";
import { EMPTY_ISSUE_INDEX, type IssueIndex } from "@/components/editor/validation/issue-index";

export const EditorStoreContext = createContext<EditorStore | null>(null);

export function useEditorStore(): EditorStore {
  const store = useContext(EditorStoreContext);
  if (store === null) throw new Error("useEditorStore is used outside the design editor.");
  return store;
}

/**
 * One slice of the editor state; the component re-renders only when the slice changes. The
 * selector must return something already in the state (or a primitive), not a new object.
 */
export function useEditorState<Slice>(selector: (state: EditorState) => Slice): Slice {
  const store = useEditorStore();
  const getSlice = useCallback(() => selector(store.getState()), [store, selector]);
  return useSyncExternalStore(store.subscribe, getSlice, getSlice);
}

export type EditorActions = {
  readOnly: boolean;
  /** Shows a short message near the canvas and announces it politely. */
  announce: (message: string) => void;
  /** Selects a node (or edge) and brings it to the middle of the view. */
  reveal: (target: { nodeId?: string; edgeId?: string }) => void;
  fitView: () => void;
  /** Where a node added "at the centre of the view" goes, in graph coordinates. */
  viewCentre: () => { x: number; y: number };
  autoLayout: () => void;
  focusPaletteSearch: () => void;
};

export const EditorActionsContext = createContext<EditorActions | null>(null);

export function useEditorActions(): EditorActions {
  const actions = useContext(EditorActionsContext);
  if (actions === null) throw new Error("useEditorActions is used outside the design editor.");
  return actions;
}

export const IssuesContext = createContext<IssueIndex>(EMPTY_ISSUE_INDEX);

export function useIssues(): IssueIndex {
  return useContext(IssuesContext);
}
