"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { ScrollText } from "lucide-react";
import { useTRPC } from "@/components/providers/trpc";
import { SettingsSection } from "@/components/settings/settings-section";
import type { SettingsSectionProps } from "@/components/settings/settings-sections";
import { RelativeTime } from "@/components/ui/relative-time";
import { actionInWords, targetInWords } from "./audit-words";

const PAGE_SIZE = 50;

/** Security-relevant actions in this workspace and its members' sign-ins, newest first (owners). */
export function AuditLogSection({ id, title }: SettingsSectionProps) {
  const trpc = useTRPC();
  const pages = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(
      { limit: PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const events = pages.data?.pages.flatMap((page) => page.events) ?? [];

  return (
    <SettingsSection
      id={id}
      title={title}
      description="Sign-ins, role changes, provider key changes, API tokens and share links: who did what, and when."
    >
      <div className="card">
        {pages.isPending ? (
          <p className="empty-state muted" role="status">
            Loading the audit log…
          </p>
        ) : pages.isError ? (
          <div className="empty-state" role="alert">
            <strong>The audit log could not be loaded.</strong>
            <p>{pages.error.message}</p>
            <button type="button" className="button" onClick={() => void pages.refetch()}>
              Try again
            </button>
          </div>
        ) : events.length === 0 ? (
          <div className="empty-state">
            <ScrollText size={28} aria-hidden />
            <h3>Nothing recorded yet</h3>
          </div>
        ) : (
          <table className="table" aria-label="Audit log">
            <thead>
              <tr>
                <th>Time</th>
                <th>Who</th>
                <th>Action</th>
                <th>Target</th>
                <th>IP address</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr key={event.id}>
                  <td>
                    <RelativeTime date={event.createdAt} />
                  </td>
                  <td>{event.actorEmail ?? <span className="muted">unknown</span>}</td>
                  <td>{actionInWords(event.action)}</td>
                  <td>{targetInWords(event)}</td>
                  <td>{event.ipAddress ?? <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {pages.hasNextPage ? (
        <p>
          <button
            type="button"
            className="button"
            disabled={pages.isFetchingNextPage}
            onClick={() => void pages.fetchNextPage()}
          >
            {pages.isFetchingNextPage ? "Loading…" : "Load more"}
          </button>
        </p>
      ) : null}
    </SettingsSection>
  );
}
