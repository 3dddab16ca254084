"use client";

import { skipToken, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { History, X } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useId, useState } from "react";
import { errorMessage } from "@/components/chats/error-message";
import { DeleteRunDialog } from "@/components/history/delete-run-dialog";
import {
  DESIGN_PARAM,
  formatStatuses,
  parseDesignFilter,
  parseStatuses,
  STATUS_PARAM,
  withParam,
} from "@/components/history/history-url";
import { RunHistoryRow } from "@/components/history/run-history-row";
import { RunStatusFilter } from "@/components/history/run-status-filter";
import { useRunPages } from "@/components/history/use-run-pages";
import { useTRPC } from "@/components/providers/trpc";
import type { RunStatus } from "@/server/events/schema";
import type { RunListItem } from "@/server/runs/history";
import "./history.css";

const PAGE_SIZE = 25;

/**
 * The workspace's runs, newest first, filtered by status and design through the address. With
 * `designId` the list belongs to that design (embedded in its page) and has no design filter.
 */
export function RunHistory({
  designId,
  canEdit,
  compact = false,
}: {
  designId?: string;
  canEdit: boolean;
  compact?: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [deleting, setDeleting] = useState<RunListItem | null>(null);
  const headingId = useId();

  const statuses = parseStatuses(searchParams.get(STATUS_PARAM));
  const urlDesign = designId
    ? ({ kind: "none" } as const)
    : parseDesignFilter(searchParams.get(DESIGN_PARAM));
  const filteredDesignId = designId ?? (urlDesign.kind === "valid" ? urlDesign.id : undefined);

  const runs = useRunPages({
    ...(filteredDesignId ? { designId: filteredDesignId } : {}),
    ...(statuses.length > 0 ? { status: statuses } : {}),
    limit: PAGE_SIZE,
  });
  const design = useQuery(
    trpc.designs.get.queryOptions(urlDesign.kind === "valid" ? { id: urlDesign.id } : skipToken),
  );

  const invalidateRuns = () => queryClient.invalidateQueries(trpc.runs.list.pathFilter());
  const rerun = useMutation(
    trpc.runs.rerun.mutationOptions({
      onSuccess: async (run) => {
        await invalidateRuns();
        router.push(`/runs/${run.id}`);
      },
    }),
  );
  const remove = useMutation(
    trpc.runs.delete.mutationOptions({
      onSuccess: async () => {
        setDeleting(null);
        await invalidateRuns();
      },
    }),
  );

  // The native history API updates useSearchParams without a server round trip (Next.js docs).
  const setStatuses = (next: RunStatus[]) =>
    window.history.replaceState(
      null,
      "",
      withParam(pathname, searchParams, STATUS_PARAM, formatStatuses(next)),
    );

  const rows = runs.data?.pages.flatMap((page) => page.runs) ?? [];
  const filtered = statuses.length > 0 || urlDesign.kind !== "none";
  const showDesignColumn = !designId && !compact;
  const Heading = compact ? "h2" : "h1";

  const designName =
    design.data?.name ?? rows.find((run) => run.designId === filteredDesignId)?.designName ?? null;

  return (
    <section className={compact ? "history history-compact" : "history"} aria-labelledby={headingId}>
      <div className="page-header history-header">
        <Heading id={headingId}>Runs</Heading>
      </div>

      <div className="history-filters">
        <RunStatusFilter selected={statuses} onChange={setStatuses} />
        {urlDesign.kind !== "none" ? (
          <p className="history-design-filter">
            <span className="muted">Design:</span>{" "}
            {urlDesign.kind === "invalid" ? (
              <span className="form-error history-inline-error">“{urlDesign.raw}” is not a design id</span>
            ) : (
              <Link href={`/designs/${urlDesign.id}`}>
                {designName ?? (design.isError ? "Unknown design" : "…")}
              </Link>
            )}{" "}
            <Link
              className="history-clear"
              href={withParam(pathname, searchParams, DESIGN_PARAM, "")}
              aria-label="Clear the design filter"
            >
              <X size={13} aria-hidden />
              clear
            </Link>
          </p>
        ) : null}
      </div>

      {rerun.error ? (
        <p className="form-error" role="alert">
          The run could not be started again: {errorMessage(rerun.error)}
        </p>
      ) : null}

      <div className={runs.isPlaceholderData ? "card history-card history-stale" : "card history-card"}>
        {runs.isPending ? (
          <p className="empty-state muted" role="status">
            Loading runs…
          </p>
        ) : runs.isError ? (
          <div className="empty-state" role="alert">
            <strong>The runs could not be loaded.</strong>
            <p>{errorMessage(runs.error)}</p>
            <button type="button" className="button" onClick={() => void runs.refetch()}>
              Try again
            </button>
          </div>
        ) : rows.length === 0 ? (
          filtered ? (
            <div className="empty-state">
              <h2>No runs match these filters</h2>
              <p>Choose other statuses, or show every run.</p>
              <Link className="button" href={pathname}>
                Clear filters
              </Link>
            </div>
          ) : (
            <div className="empty-state">
              <History size={28} aria-hidden />
              <h2>No runs yet</h2>
              {designId ? (
                <p>Runs of this design appear here. Start one from the Run panel.</p>
              ) : (
                <>
                  <p>Every run of a design or chat appears here. Open a design and run it.</p>
                  <Link className="button button-primary" href="/">
                    Open a design
                  </Link>
                </>
              )}
            </div>
          )
        ) : (
          <div className="history-table-scroll">
            <table className="table history-table">
              <thead>
                <tr>
                  <th scope="col">Status</th>
                  {showDesignColumn ? <th scope="col">Design</th> : null}
                  <th scope="col" className="history-optional">
                    Agent
                  </th>
                  <th scope="col">Input</th>
                  <th scope="col">Started</th>
                  <th scope="col" className="history-optional">
                    Duration
                  </th>
                  {canEdit ? (
                    <th scope="col" className="actions">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {rows.map((run) => (
                  <RunHistoryRow
                    key={run.id}
                    run={run}
                    columns={{ design: showDesignColumn }}
                    canEdit={canEdit}
                    rerunPending={rerun.isPending && rerun.variables?.id === run.id}
                    onRerun={() => rerun.mutate({ id: run.id })}
                    onDelete={() => {
                      remove.reset();
                      setDeleting(run);
                    }}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>

      {runs.hasNextPage ? (
        <div className="history-more">
          <button
            type="button"
            className="button"
            disabled={runs.isFetchingNextPage}
            onClick={() => void runs.fetchNextPage()}
          >
            {runs.isFetchingNextPage ? "Loading more…" : "Load more"}
          </button>
        </div>
      ) : null}

      {canEdit ? (
        <DeleteRunDialog
          open={deleting !== null}
          inputPreview={deleting?.inputPreview ?? ""}
          pending={remove.isPending}
          error={remove.error ? errorMessage(remove.error) : null}
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            if (deleting) remove.mutate({ id: deleting.id });
          }}
        />
      ) : null}
    </section>
  );
}
