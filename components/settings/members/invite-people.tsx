"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link2, Trash2 } from "lucide-react";
import { useId, useState, type FormEvent } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { ConfirmDeleteDialog } from "@/components/ui/confirm-delete-dialog";
import { CopyField } from "@/components/ui/copy-field";
import { QueryState } from "@/components/ui/query-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { useConfirmTarget } from "@/components/ui/use-confirm-target";
import type { Role } from "@/server/auth/roles";
import { INVITE_HOURS_DEFAULT } from "@/server/workspaces/workspace-schemas";
import { ROLE_LABELS, ROLE_OPTIONS } from "./role-labels";

const EXPIRY_OPTIONS: { hours: number; label: string }[] = [
  { hours: 1, label: "1 hour" },
  { hours: 24, label: "1 day" },
  { hours: INVITE_HOURS_DEFAULT, label: "7 days" },
  { hours: 720, label: "30 days" },
];

type PendingInvitation = { id: string; role: Role; createdAt: Date; expiresAt: Date | null };

/** Owners only: make a single-use link (shown once), see the links still open, revoke them. */
export function InvitePeople() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const baseId = useId();
  const [role, setRole] = useState<Role>("editor");
  const [hours, setHours] = useState(INVITE_HOURS_DEFAULT);

  const pending = useQuery(trpc.invites.list.queryOptions());
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.invites.list.queryKey() });
  const create = useMutation(trpc.invites.create.mutationOptions({ onSuccess: invalidate }));
  const revoke = useMutation(trpc.invites.revoke.mutationOptions({ onSuccess: invalidate }));
  const revoking = useConfirmTarget(revoke, (invitation: PendingInvitation) => ({ id: invitation.id }));

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ role, expiresInHours: hours });
  }

  return (
    <>
      <h3 className="settings-subheading">Invite people</h3>
      <div className="card settings-card">
        <form onSubmit={submit} className="settings-inline-form">
          <div className="field">
            <label htmlFor={`${baseId}-role`}>Role</label>
            <select
              id={`${baseId}-role`}
              className="input"
              value={role}
              onChange={(event) => setRole(event.target.value as Role)}
            >
              {ROLE_OPTIONS.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}: {option.hint}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${baseId}-expiry`}>Link expires after</label>
            <select
              id={`${baseId}-expiry`}
              className="input"
              value={hours}
              onChange={(event) => setHours(Number(event.target.value))}
            >
              {EXPIRY_OPTIONS.map((option) => (
                <option key={option.hours} value={option.hours}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            <Link2 size={15} aria-hidden />
            {create.isPending ? "Creating link…" : "Create link"}
          </button>
        </form>
        {create.error ? (
          <p className="form-error" role="alert">
            {create.error.message}
          </p>
        ) : null}
        {create.data ? (
          <div>
            <CopyField
              label={`Invitation link (${ROLE_LABELS[create.data.role].toLowerCase()})`}
              value={create.data.url}
              selectOnFocus
              selectedHint="Selected: press Ctrl+C (⌘C on a Mac) to copy."
              rowClassName="members-copy-row"
            />
            <p className="muted">
              This link is shown once: copy it now and send it to one person. It works once, until{" "}
              {create.data.expiresAt.toLocaleString()}.
            </p>
          </div>
        ) : null}
      </div>

      <h3 className="settings-subheading">Pending invitations</h3>
      <div className="card">
        <QueryState query={pending} noun="invitations">
          {(list) =>
            list.length === 0 ? (
              <p className="empty-state muted">No open invitation links.</p>
            ) : (
              <table className="table" aria-label="Pending invitations">
                <thead>
                  <tr>
                    <th>Role</th>
                    <th>Created</th>
                    <th>Expires</th>
                    <th>Created by</th>
                    <th className="actions">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((invitation) => (
                    <tr key={invitation.id}>
                      <td>{ROLE_LABELS[invitation.role]}</td>
                      <td>
                        <RelativeTime date={invitation.createdAt} />
                      </td>
                      <td>{invitation.expiresAt ? <RelativeTime date={invitation.expiresAt} /> : "Never"}</td>
                      <td>
                        {invitation.createdBy?.email ?? <span className="muted">Trellis start-up</span>}
                      </td>
                      <td className="actions">
                        <button
                          type="button"
                          className="button"
                          aria-label={`Revoke the ${ROLE_LABELS[invitation.role].toLowerCase()} invitation made ${invitation.createdAt.toLocaleString()}`}
                          onClick={() => revoking.ask(invitation)}
                        >
                          <Trash2 size={15} aria-hidden />
                          Revoke
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </QueryState>
      </div>

      <ConfirmDeleteDialog {...revoking.dialog} title="Revoke invitation?" confirmLabel="Revoke link">
        <p>The link stops working at once. Whoever has it can no longer join with it.</p>
      </ConfirmDeleteDialog>
    </>
  );
}
