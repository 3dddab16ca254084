"use client";

import { Dialog } from "@/components/ui/dialog";

/** A save was refused because the design was saved elsewhere: the person decides which side wins. */
export function ConflictDialog({
  open,
  currentVersion,
  baseVersion,
  onReloadTheirs,
  onOverwriteWithMine,
  onClose,
}: {
  open: boolean;
  currentVersion: number;
  baseVersion: number;
  onReloadTheirs: () => void;
  onOverwriteWithMine: () => void;
  onClose: () => void;
}) {
  return (
    <Dialog
      open={open}
      title={`This design was changed elsewhere (version ${currentVersion})`}
      onClose={onClose}
    >
      <p>
        Your changes are based on version {baseVersion}, and someone (or another tab) has saved version{" "}
        {currentVersion} since. Nothing is lost yet: choose which version to keep.
      </p>
      <ul className="editor-conflict-choices">
        <li>
          <strong>Reload theirs</strong> shows version {currentVersion} in place of your drawing. Undo
          (Ctrl+Z) still brings your drawing back.
        </li>
        <li>
          <strong>Overwrite with mine</strong> saves your drawing as the newest version; theirs stays in the
          version history.
        </li>
      </ul>
      <p className="muted">
        To keep a copy of your side outside the app, export your version first (Export JSON).
      </p>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          Decide later
        </button>
        <button type="button" className="button" onClick={onReloadTheirs}>
          Reload theirs
        </button>
        <button type="button" className="button button-primary" onClick={onOverwriteWithMine}>
          Overwrite with mine
        </button>
      </div>
    </Dialog>
  );
}
