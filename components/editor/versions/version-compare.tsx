"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import type { DesignVersionSummary } from "@/server/designs/versions";
import { DiffReport } from "./diff-report";
import { IMMUTABLE_VERSION } from "./query-options";

function VersionSelect({
  label,
  value,
  versions,
  onChange,
}: {
  label: string;
  value: number;
  versions: readonly DesignVersionSummary[];
  onChange: (version: number) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        className="input"
        value={value}
        onChange={(event) => onChange(Number(event.target.value))}
      >
        {versions.map((version) => (
          <option key={version.version} value={version.version}>
            v{version.version} · {version.name} · {version.createdAt.toLocaleString()}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Two versions side by side as a list of differences, "From" being the older state. */
export function VersionCompare({
  designId,
  versions,
  initialFrom,
  initialTo,
}: {
  designId: string;
  versions: readonly DesignVersionSummary[];
  initialFrom: number;
  initialTo: number;
}) {
  const trpc = useTRPC();
  const [from, setFrom] = useState(initialFrom);
  const [to, setTo] = useState(initialTo);
  const [hideMoves, setHideMoves] = useState(true);
  const hideMovesId = useId();
  const before = useQuery(
    trpc.designs.version.queryOptions({ id: designId, version: from }, IMMUTABLE_VERSION),
  );
  const after = useQuery(trpc.designs.version.queryOptions({ id: designId, version: to }, IMMUTABLE_VERSION));

  const failed = before.error ?? after.error;
  return (
    <div className="versions-compare">
      <div className="versions-compare-controls">
        <VersionSelect label="From version" value={from} versions={versions} onChange={setFrom} />
        <VersionSelect label="To version" value={to} versions={versions} onChange={setTo} />
        <label className="versions-toggle" htmlFor={hideMovesId}>
          <input
            id={hideMovesId}
            type="checkbox"
            checked={hideMoves}
            onChange={(event) => setHideMoves(event.target.checked)}
          />
          Hide moves
        </label>
      </div>
      {from === to ? (
        <p className="muted" role="status">
          Both sides are version {from}; choose two different versions to compare.
        </p>
      ) : failed ? (
        <div className="form-error" role="alert">
          These versions could not be loaded: {failed.message}{" "}
          <button
            type="button"
            className="button"
            onClick={() => {
              void before.refetch();
              void after.refetch();
            }}
          >
            Try again
          </button>
        </div>
      ) : before.data === undefined || after.data === undefined ? (
        <p className="muted" role="status">
          Loading versions…
        </p>
      ) : (
        <DiffReport before={before.data.graph} after={after.data.graph} hideMoves={hideMoves} />
      )}
    </div>
  );
}
