"use client";

import { History, MessagesSquare } from "lucide-react";
import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import { TopBar } from "@/components/layout/top-bar";
import { EditorCanvas } from "@/components/editor/canvas/editor-canvas";
import type { LiveNodeStates } from "@/components/editor/canvas/flow-elements";
import { withInitialPositions } from "@/components/editor/canvas/initial-positions";
import {
  EditorActionsContext,
  IssuesContext,
  useEditorState,
  useEditorStore,
} from "@/components/editor/editor-context";
import { EditorTopBar } from "@/components/editor/editor-top-bar";
import { ImportExportMenu } from "@/components/editor/import-export/import-export-menu";
import { NodePalette } from "@/components/editor/palette/node-palette";
import { PropertiesPanel } from "@/components/editor/properties/properties-panel";
import { EditorRunDrawer } from "@/components/editor/run/editor-run-drawer";
import { ConflictDialog } from "@/components/editor/save/conflict-dialog";
import { useDesignSave } from "@/components/editor/save/use-design-save";
import { ShortcutHelpDialog } from "@/components/editor/shortcuts/help-dialog";
import { useEditorShortcuts } from "@/components/editor/shortcuts/use-editor-shortcuts";
import type { EditorState } from "@/components/editor/state/editor-store";
import { IssuesPanel } from "@/components/editor/validation/issues-panel";
import { useGraphValidation } from "@/components/editor/validation/use-graph-validation";
import { VersionsPanel, type RestoredDesign } from "@/components/editor/versions/versions-panel";
import { useMcpSource, useRegisteredServerNames } from "@/components/mcp/mcp-source";
import type { Graph } from "@/server/designs/graph-schema";
import { useAnnouncer } from "./use-announcer";
import { plural, useEditorActions } from "./use-editor-actions";

const selectGraph = (state: EditorState) => state.history.present.graph;
const selectName = (state: EditorState) => state.history.present.name;
const selectVersion = (state: EditorState) => state.saved.version;

/** The editor's layout and wiring: top bar, palette, canvas, properties, issues, run drawer. */
export function EditorShell({
  designId,
  viewerEmail,
  canEdit,
}: {
  designId: string;
  viewerEmail: string;
  canEdit: boolean;
}) {
  const store = useEditorStore();
  const readOnly = !canEdit;
  const graph = useEditorState(selectGraph);
  const name = useEditorState(selectName);
  const version = useEditorState(selectVersion);
  const issues = useGraphValidation(graph, useRegisteredServerNames(useMcpSource().servers));
  const saving = useDesignSave({ designId, enabled: canEdit });
  const { message, announce } = useAnnouncer();
  const [live, setLive] = useState<LiveNodeStates | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [conflictOpen, setConflictOpen] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (saving.conflict !== null) setConflictOpen(true);
  }, [saving.conflict]);

  const actions = useEditorActions({ store, readOnly, announce, searchRef });
  const { fitView } = actions;

  useEditorShortcuts(
    readOnly
      ? {
          escape: ({ typing }) => (typing ? blurActiveElement() : store.clearSelection()),
          selectAll: () => store.selectAll(),
          fitView,
          help: () => setHelpOpen(true),
        }
      : {
          save: () => saving.save(),
          undo: () => store.undo(),
          redo: () => store.redo(),
          copy: () => {
            const copied = store.copy();
            announce(copied > 0 ? `Copied ${plural(copied, "node")}.` : "Select nodes to copy first.");
          },
          paste: () => announce(store.paste()),
          duplicate: () => announce(store.duplicate()),
          selectAll: () => store.selectAll(),
          delete: () => store.deleteSelection(),
          escape: ({ typing }) => (typing ? blurActiveElement() : store.clearSelection()),
          fitView,
          autoLayout: actions.autoLayout,
          help: () => setHelpOpen(true),
          focusSearch: actions.focusPaletteSearch,
        },
  );

  const closeHelp = useCallback(() => setHelpOpen(false), []);

  const onImport = useCallback(
    (imported: Graph) => {
      store.change((document) => ({ ...document, graph: withInitialPositions(imported) }), { select: {} });
      store.seal();
      announce(`Imported ${plural(imported.nodes.length, "node")}; it saves like any other change.`);
      requestAnimationFrame(fitView);
    },
    [announce, fitView, store],
  );

  const onRestored = useCallback(
    (design: RestoredDesign) => {
      const description = store.getState().saved.document.description;
      store.replaceDocument(
        { graph: withInitialPositions(design.graph), name: design.name, description },
        { version: design.version },
      );
      announce(`Restored as version ${design.version}.`);
    },
    [announce, store],
  );

  const runDisabledReason =
    issues.errorCount > 0
      ? `Fix the ${plural(issues.errorCount, "error")} listed under Validation before running this design.`
      : undefined;

  return (
    <EditorActionsContext.Provider value={actions}>
      <IssuesContext.Provider value={issues}>
        <div className="editor-page">
          <TopBar email={viewerEmail}>
            <EditorTopBar
              status={saving.status}
              error={saving.error}
              canEdit={canEdit}
              onSave={saving.save}
              onAutoLayout={actions.autoLayout}
              onHelp={() => setHelpOpen(true)}
              extra={
                <>
                  {canEdit ? <ImportExportMenu designName={name} graph={graph} onImport={onImport} /> : null}
                  <VersionsPanel
                    designId={designId}
                    currentVersion={version}
                    onRestored={onRestored}
                    canRestore={canEdit}
                  />
                  <Link className="button" href={`/designs/${designId}/chat`}>
                    <MessagesSquare size={14} aria-hidden />
                    Chat
                  </Link>
                  <Link className="button" href={`/runs?designId=${designId}`}>
                    <History size={14} aria-hidden />
                    Run history
                  </Link>
                </>
              }
            />
          </TopBar>
          <main className={`editor-layout${readOnly ? " is-read-only" : ""}`}>
            {readOnly ? null : <NodePalette searchRef={searchRef} />}
            <section className="editor-canvas-column" aria-label="Canvas">
              <div className="editor-canvas">
                <EditorCanvas live={live} />
                <div className="editor-canvas-message" role="status" aria-live="polite">
                  {message ? <span key={message.serial}>{message.text}</span> : null}
                </div>
              </div>
              <IssuesPanel />
            </section>
            <PropertiesPanel />
            {/* Viewers start nothing (issue 7): no run drawer, rather than one that is always disabled. */}
            {readOnly ? null : (
              <section className="editor-drawer" aria-label="Run">
                <EditorRunDrawer
                  designId={designId}
                  graph={graph}
                  runDisabledReason={runDisabledReason}
                  onNodeStates={setLive}
                />
              </section>
            )}
          </main>
        </div>
        <ShortcutHelpDialog open={helpOpen} onClose={closeHelp} />
        {saving.conflict ? (
          <ConflictDialog
            open={conflictOpen}
            currentVersion={saving.conflict.currentVersion}
            baseVersion={version}
            onClose={() => setConflictOpen(false)}
            onReloadTheirs={() => {
              setConflictOpen(false);
              void saving.reloadTheirs();
            }}
            onOverwriteWithMine={() => {
              setConflictOpen(false);
              saving.overwriteWithMine();
            }}
          />
        ) : null}
      </IssuesContext.Provider>
    </EditorActionsContext.Provider>
  );
}

function blurActiveElement(): void {
  if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
}
