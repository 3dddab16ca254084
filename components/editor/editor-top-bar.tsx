"use client";

import {
  CircleAlert,
  CircleCheck,
  CircleDot,
  Keyboard,
  LoaderCircle,
  Redo2,
  Save,
  Undo2,
  Workflow,
} from "lucide-react";
import type { ReactNode } from "react";
import { useEditorState, useEditorStore } from "@/components/editor/editor-context";
import { PublishMcpButton } from "@/components/editor/publish/publish-mcp-dialog";
import type { EditorState } from "@/components/editor/state/editor-store";
import type { SaveStatus } from "@/components/editor/save/use-design-save";

const selectName = (state: EditorState) => state.history.present.name;
const selectVersion = (state: EditorState) => state.saved.version;
const selectCanUndo = (state: EditorState) => state.history.past.length > 0;
const selectCanRedo = (state: EditorState) => state.history.future.length > 0;

const STATUS_LOOK: Record<SaveStatus, { word: string; icon: typeof CircleCheck; className: string }> = {
  saved: { word: "Saved", icon: CircleCheck, className: "is-saved" },
  dirty: { word: "Unsaved changes", icon: CircleDot, className: "is-dirty" },
  saving: { word: "Saving…", icon: LoaderCircle, className: "is-saving" },
  error: { word: "Not saved", icon: CircleAlert, className: "is-error" },
  conflict: { word: "Not saved: changed elsewhere", icon: CircleAlert, className: "is-error" },
};

/** The design's line in the top bar: name, version, save state, and the editor's commands. */
export function EditorTopBar({
  status,
  error,
  canEdit,
  onSave,
  onAutoLayout,
  onHelp,
  extra,
}: {
  status: SaveStatus;
  error: string | null;
  canEdit: boolean;
  onSave: () => void;
  onAutoLayout: () => void;
  onHelp: () => void;
  /** Colleagues' menus (import/export, versions). */
  extra: ReactNode;
}) {
  const store = useEditorStore();
  const name = useEditorState(selectName);
  const version = useEditorState(selectVersion);
  const canUndo = useEditorState(selectCanUndo);
  const canRedo = useEditorState(selectCanRedo);
  const look = STATUS_LOOK[status];
  const StatusIcon = look.icon;
  return (
    <div className="editor-top-bar">
      <h1 className="editor-title" title={name}>
        {name}
      </h1>
      <span className="badge" title="Saved version">
        v{version}
      </span>
      {canEdit ? (
        <span className={`editor-save-status ${look.className}`} role="status" data-testid="save-status">
          <StatusIcon size={13} aria-hidden className={status === "saving" ? "spin" : undefined} />
          {look.word}
          {error ? <span className="editor-save-error">: {error}</span> : null}
        </span>
      ) : (
        <span className="badge">Read-only</span>
      )}
      {canEdit ? (
        <div className="editor-commands" role="group" aria-label="Edit">
          <button
            type="button"
            className="button button-primary"
            onClick={onSave}
            disabled={status === "saving"}
            title="Save (Ctrl+S)"
          >
            <Save size={14} aria-hidden />
            Save
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label="Undo"
            title="Undo (Ctrl+Z)"
            disabled={!canUndo}
            onClick={() => store.undo()}
          >
            <Undo2 size={16} aria-hidden />
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label="Redo"
            title="Redo (Ctrl+Shift+Z)"
            disabled={!canRedo}
            onClick={() => store.redo()}
          >
            <Redo2 size={16} aria-hidden />
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label="Auto-layout"
            title="Auto-layout, left to right (L)"
            onClick={onAutoLayout}
          >
            <Workflow size={16} aria-hidden />
          </button>
        </div>
      ) : null}
      {extra}
      <PublishMcpButton designName={name} canEdit={canEdit} />
      <button
        type="button"
        className="icon-button"
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
        onClick={onHelp}
      >
        <Keyboard size={16} aria-hidden />
      </button>
    </div>
  );
}
