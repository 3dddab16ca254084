"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useEditorState, useEditorStore } from "@/components/editor/editor-context";
import { withInitialPositions } from "@/components/editor/canvas/initial-positions";
import {
  sameDocument,
  sameGraph,
  type EditorDocument,
  type EditorState,
} from "@/components/editor/state/editor-store";
import { useTRPCClient } from "@/components/providers/trpc";
import { conflictVersionOf, describeSaveError } from "./save-errors";

export const AUTOSAVE_DELAY_MS = 2_000;

export type SaveStatus = "saved" | "dirty" | "saving" | "error" | "conflict";

export type DesignSave = {
  status: SaveStatus;
  error: string | null;
  /** Set while a save was refused because someone else saved first. */
  conflict: { currentVersion: number } | null;
  save: () => void;
  reloadTheirs: () => Promise<void>;
  overwriteWithMine: () => void;
};

const selectDocument = (state: EditorState) => state.history.present;
const selectSaved = (state: EditorState) => state.saved;

/**
 * Saving with optimistic concurrency: every save names the version it is based on; autosave
 * runs 2 s after the last change; a refused save never drops either side silently.
 */
export function useDesignSave({ designId, enabled }: { designId: string; enabled: boolean }): DesignSave {
  const store = useEditorStore();
  const client = useTRPCClient();
  const document = useEditorState(selectDocument);
  const saved = useEditorState(selectSaved);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<{ message: string; document: EditorDocument } | null>(null);
  const [conflict, setConflict] = useState<{ currentVersion: number } | null>(null);
  const inFlight = useRef(false);

  const dirty = useMemo(() => !sameDocument(document, saved.document), [document, saved.document]);

  const runSave = useCallback(
    async (expectedVersion?: number) => {
      if (!enabled || inFlight.current) return;
      const { history, saved: base } = store.getState();
      const sent = history.present;
      const force = expectedVersion !== undefined;
      if (!force && sameDocument(sent, base.document)) return;
      const graphChanged = force || !sameGraph(sent.graph, base.document.graph);
      const patch = {
        expectedVersion: expectedVersion ?? base.version,
        ...(graphChanged ? { graph: sent.graph } : {}),
        ...(force || sent.name !== base.document.name ? { name: sent.name } : {}),
        ...(force || sent.description !== base.document.description ? { description: sent.description } : {}),
      };
      inFlight.current = true;
      setSaving(true);
      try {
        const result = await client.designs.update.mutate({ id: designId, patch });
        store.markSaved(sent, result.version);
        setError(null);
        setConflict(null);
      } catch (caught) {
        const currentVersion = conflictVersionOf(caught);
        if (currentVersion !== undefined) setConflict({ currentVersion });
        else setError({ message: describeSaveError(caught), document: sent });
      } finally {
        inFlight.current = false;
        setSaving(false);
      }
    },
    [client, designId, enabled, store],
  );

  // Autosave: after a pause in the editing, unless a conflict waits for a decision or this very
  // document was just refused (retrying it would only fail again).
  useEffect(() => {
    if (!enabled || !dirty || saving || conflict !== null || error?.document === document) return;
    const timer = setTimeout(() => void runSave(), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [enabled, dirty, saving, conflict, error, document, runSave]);

  useEffect(() => {
    if (!dirty && !saving) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty, saving]);

  const reloadTheirs = useCallback(async () => {
    try {
      const design = await client.designs.get.query({ id: designId });
      // One undoable step: "Undo" brings the local drawing back if this was the wrong choice.
      store.replaceDocument(
        { graph: withInitialPositions(design.graph), name: design.name, description: design.description },
        { version: design.version },
      );
      setConflict(null);
      setError(null);
    } catch (caught) {
      setError({ message: describeSaveError(caught), document: store.document });
    }
  }, [client, designId, store]);

  const overwriteWithMine = useCallback(() => {
    if (conflict === null) return;
    const { currentVersion } = conflict;
    setConflict(null);
    void runSave(currentVersion);
  }, [conflict, runSave]);

  const status: SaveStatus =
    conflict !== null
      ? "conflict"
      : saving
        ? "saving"
        : error !== null && error.document === document
          ? "error"
          : dirty
            ? "dirty"
            : "saved";

  return {
    status,
    error: status === "error" ? (error?.message ?? null) : null,
    conflict,
    save: () => void runSave(),
    reloadTheirs,
    overwriteWithMine,
  };
}
