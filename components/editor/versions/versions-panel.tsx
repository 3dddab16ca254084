"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeft, GitCompare, History } from "lucide-react";
import { useId, useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { Dialog } from "@/components/ui/dialog";
import { RelativeTime } from "@/components/ui/relative-time";
import type { Graph } from "@/server/designs/graph-schema";
import type { DesignVersionSummary } from "@/server/designs/versions";
import { VersionCompare } from "./version-compare";
import { VersionPreview } from "./version-preview";
import "./versions.css";

/** The design as the editor should show it after a restore (or a reload after a conflict). */
export type RestoredDesign = { version: number; graph: Graph; name: string };

type Screen =
  { kind: "list" } | { kind: "view"; version: number } | { kind: "compare"; from: number; to: number };

/** The pair a "Compare" on one row starts with: that version against the newest. */
function comparePair(versions: readonly DesignVersionSummary[], version: number) {
  const newest = versions[0]?.version ?? version;
  if (version !== newest) return { from: version, to: newest };
  return { from: versions[1]?.version ?? version, to: newest };
}

function conflictOf(error: { data?: { code?: string; details?: Record<string, unknown> } | null } | null) {
  if (error?.data?.code !== "CONFLICT") return undefined;
  const current = error.data.details?.currentVersion;
  return { currentVersion: typeof current === "number" ? current : undefined };
}

function VersionsBody({
  designId,
  currentVersion,
  canRestore,
  onRestored,
  onClose,
}: {
  designId: string;
  currentVersion: number;
  canRestore: boolean;
  onRestored: (design: RestoredDesign) => void;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [screen, setScreen] = useState<Screen>({ kind: "list" });
  const [confirming, setConfirming] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const confirmTitleId = useId();
  // Always fetched afresh when the dialog opens: someone may have saved since.
  const versions = useQuery(trpc.designs.versions.queryOptions({ id: designId }, { staleTime: 0 }));

  const refreshDesignQueries = () => queryClient.invalidateQueries({ queryKey: trpc.designs.pathKey() });
  const restore = useMutation(
    trpc.designs.restoreVersion.mutationOptions({
      onSuccess: (design) => {
        onRestored({ version: design.version, graph: design.graph, name: design.name });
        void refreshDesignQueries();
        onClose();
      },
    }),
  );
  const reload = useMutation({
    mutationFn: () =>
      queryClient.fetchQuery({ ...trpc.designs.get.queryOptions({ id: designId }), staleTime: 0 }),
    onSuccess: (design) => {
      onRestored({ version: design.version, graph: design.graph, name: design.name });
      restore.reset();
      setConfirming(null);
      setNotice(`Loaded the latest version, ${design.version}.`);
      void refreshDesignQueries();
    },
  });

  const conflict = conflictOf(restore.error);
  const list = versions.data ?? [];

  const startRestore = (version: number) => {
    restore.reset();
    reload.reset();
    setNotice(null);
    setConfirming(version);
  };
  const cancelRestore = () => {
    restore.reset();
    setConfirming(null);
  };

  const confirmation =
    confirming === null ? null : conflict ? (
      <div className="versions-confirm" role="alert">
        <p>
          <strong>The design was changed elsewhere</strong>
          {conflict.currentVersion === undefined ? "" : ` (it is now at version ${conflict.currentVersion})`},
          so nothing was restored. Reload it to get the latest version, then restore again if you still want
          version {confirming}.
        </p>
        {reload.error ? (
          <p className="form-error">The design could not be reloaded: {reload.error.message}</p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={cancelRestore}>
            Cancel
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={reload.isPending}
            onClick={() => reload.mutate()}
          >
            {reload.isPending ? "Reloading…" : "Reload the design"}
          </button>
        </div>
      </div>
    ) : (
      <div className="versions-confirm" role="group" aria-labelledby={confirmTitleId}>
        <p id={confirmTitleId}>
          <strong>Restore version {confirming}?</strong>
        </p>
        <p>
          Its graph, name and description are saved as a new version ({currentVersion + 1}). Nothing is lost:
          version {currentVersion} stays in the history. Changes on the canvas that are not saved yet are
          replaced.
        </p>
        {restore.error ? (
          <p className="form-error" role="alert">
            {restore.error.message}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={cancelRestore}>
            Cancel
          </button>
          <button
            type="button"
            className="button button-primary"
            autoFocus
            disabled={restore.isPending}
            onClick={() =>
              restore.mutate({ id: designId, version: confirming, expectedVersion: currentVersion })
            }
          >
            {restore.isPending ? "Restoring…" : `Restore version ${confirming}`}
          </button>
        </div>
      </div>
    );

  const restoreButton = (version: number, label: string) =>
    canRestore && version !== currentVersion ? (
      <button
        type="button"
        className="button"
        aria-label={`${label} version ${version}`}
        onClick={() => startRestore(version)}
      >
        {label}
      </button>
    ) : null;

  let content;
  if (versions.isPending) {
    content = (
      <p className="muted" role="status">
        Loading versions…
      </p>
    );
  } else if (versions.isError) {
    content = (
      <div className="form-error" role="alert">
        The versions could not be loaded: {versions.error.message}{" "}
        <button type="button" className="button" onClick={() => void versions.refetch()}>
          Try again
        </button>
      </div>
    );
  } else if (list.length === 0) {
    content = (
      <p className="muted versions-empty">No saved versions yet. Every save of the design adds one here.</p>
    );
  } else if (screen.kind === "view") {
    content = (
      <>
        <div className="versions-screen-bar">
          <button type="button" className="button" onClick={() => setScreen({ kind: "list" })}>
            <ArrowLeft size={14} aria-hidden />
            All versions
          </button>
          <h3>Version {screen.version}</h3>
          <span className="versions-spacer" />
          {restoreButton(screen.version, "Restore")}
        </div>
        <VersionPreview designId={designId} version={screen.version} />
      </>
    );
  } else if (screen.kind === "compare") {
    content = (
      <>
        <div className="versions-screen-bar">
          <button type="button" className="button" onClick={() => setScreen({ kind: "list" })}>
            <ArrowLeft size={14} aria-hidden />
            All versions
          </button>
          <h3>Compare versions</h3>
        </div>
        <VersionCompare designId={designId} versions={list} initialFrom={screen.from} initialTo={screen.to} />
      </>
    );
  } else {
    content = (
      <>
        {list.length > 1 ? (
          <div className="versions-screen-bar">
            <span className="muted">
              {list.length} versions, newest first. Every save adds one; restoring adds one too.
            </span>
            <span className="versions-spacer" />
            <button
              type="button"
              className="button"
              onClick={() => setScreen({ kind: "compare", ...comparePair(list, list[0]?.version ?? 1) })}
            >
              <GitCompare size={14} aria-hidden />
              Compare versions
            </button>
          </div>
        ) : null}
        <div className="versions-table-scroll">
          <table className="table versions-table">
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Name</th>
                <th scope="col">Saved</th>
                <th scope="col">Author</th>
                <th scope="col" className="actions">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((version) => (
                <tr
                  key={version.version}
                  aria-current={version.version === currentVersion ? "true" : undefined}
                >
                  <td>
                    v{version.version}
                    {version.version === currentVersion ? (
                      <span className="badge versions-current">current</span>
                    ) : null}
                  </td>
                  <td className="versions-name">{version.name}</td>
                  <td>
                    <RelativeTime date={version.createdAt} />
                  </td>
                  <td>
                    {version.author === null ? (
                      <span className="muted">Unknown</span>
                    ) : (
                      <span title={version.author.email}>{version.author.name}</span>
                    )}
                  </td>
                  <td className="actions versions-actions">
                    <button
                      type="button"
                      className="button"
                      aria-label={`View version ${version.version}`}
                      onClick={() => setScreen({ kind: "view", version: version.version })}
                    >
                      View
                    </button>
                    {list.length > 1 ? (
                      <button
                        type="button"
                        className="button"
                        aria-label={`Compare version ${version.version}`}
                        onClick={() => setScreen({ kind: "compare", ...comparePair(list, version.version) })}
                      >
                        Compare
                      </button>
                    ) : null}
                    {restoreButton(version.version, "Restore")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </>
    );
  }

  return (
    <div className="versions-dialog">
      {notice ? (
        <p className="versions-notice" role="status">
          {notice}
        </p>
      ) : null}
      {confirmation}
      {content}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}

/**
 * The design's saved versions: view one read-only, compare two, or restore one (saved as a new
 * version, with `currentVersion` as the expected version so a save made elsewhere is not
 * overwritten). `onRestored` receives the design the editor should now show: after a restore,
 * or after the user chose to reload the latest version following a conflict.
 */
export function VersionsPanel({
  designId,
  currentVersion,
  onRestored,
  canRestore = true,
}: {
  designId: string;
  currentVersion: number;
  onRestored: (design: RestoredDesign) => void;
  /** False for viewers: they may look at versions but not restore them. */
  canRestore?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const close = () => setOpen(false);
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        <History size={14} aria-hidden />
        Versions
      </button>
      <Dialog open={open} title="Versions" onClose={close}>
        <VersionsBody
          designId={designId}
          currentVersion={currentVersion}
          canRestore={canRestore}
          onRestored={onRestored}
          onClose={close}
        />
      </Dialog>
    </>
  );
}
