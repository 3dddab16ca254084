"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { ScrollText } from "lucide-react";
import { useTRPC } from "@/components/providers/trpc";
import { SettingsSection } from "@/components/settings/settings-section";
import type { SettingsSectionProps } from "@/components/settings/settings-sections";
import { QueryState } from "@/components/ui/query-state";
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

  return (
    <SettingsSection
      id={id}
      title={title}
      description="Sign-ins, role changes, provider key changes, API tokens and share links: who did what, and when."
    >
      <div className="card">
        <QueryState query={pages} noun="audit log" loadingText="Loading the audit log…">
          {(data) => {
            const events = data.pages.flatMap((page) => page.events);
            return events.length === 0 ? (
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
            );
          }}
        </QueryState>
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
