"use client";

import { useQuery } from "@tanstack/react-query";
import { GraphView } from "@/components/graph/graph-view";
import { useTRPC } from "@/components/providers/trpc";
import { RelativeTime } from "@/components/ui/relative-time";
import { IMMUTABLE_VERSION } from "./query-options";

/** One saved version, read-only: its graph on a canvas that cannot be edited. */
export function VersionPreview({ designId, version }: { designId: string; version: number }) {
  const trpc = useTRPC();
  const detail = useQuery(trpc.designs.version.queryOptions({ id: designId, version }, IMMUTABLE_VERSION));

  if (detail.isPending) {
    return (
      <p className="muted" role="status">
        Loading version {version}…
      </p>
    );
  }
  if (detail.isError) {
    return (
      <div className="form-error" role="alert">
        Version {version} could not be loaded: {detail.error.message}{" "}
        <button type="button" className="button" onClick={() => void detail.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  const { name, description, createdAt, author, graph } = detail.data;
  return (
    <div className="versions-preview">
      <p className="versions-preview-meta">
        <strong>{name}</strong> · saved <RelativeTime date={createdAt} /> by{" "}
        {author === null ? <span className="muted">an unknown author</span> : author.name}
        {description === "" ? null : <span className="muted"> · {description}</span>}
      </p>
      <div className="versions-graph" aria-label={`Graph of version ${version} (read-only)`} role="region">
        <GraphView graph={graph} />
      </div>
    </div>
  );
}
