"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Info, LogOut, UserMinus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { SettingsSection } from "@/components/settings/settings-section";
import type { SettingsSectionProps } from "@/components/settings/settings-sections";
import { ConfirmDeleteDialog } from "@/components/ui/confirm-delete-dialog";
import { QueryState } from "@/components/ui/query-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { useConfirmTarget } from "@/components/ui/use-confirm-target";
import { atLeast, type Role } from "@/server/auth/roles";
import { InvitePeople } from "./invite-people";
import { ROLE_LABELS, ROLE_OPTIONS } from "./role-labels";
import "./members.css";

type Member = { userId: string; email: string; name: string; role: Role; joinedAt: Date };

/**
 * Who belongs to the workspace. Everyone sees the list and may leave; owners change roles, remove
 * people and invite them. Controls a role cannot use are not shown at all.
 */
export function MembersSection({ id, title, role }: SettingsSectionProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const canManage = atLeast(role, "owner");
  const [leaving, setLeaving] = useState(false);

  const members = useQuery(trpc.members.list.queryOptions());
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey() });
  const changeRole = useMutation(trpc.members.changeRole.mutationOptions({ onSuccess: invalidate }));
  const remove = useMutation(trpc.members.remove.mutationOptions({ onSuccess: invalidate }));
  const removing = useConfirmTarget(remove, (member: Member) => ({ userId: member.userId }));
  const leave = useMutation(
    trpc.members.leave.mutationOptions({
      onSuccess: async () => {
        // Out of this workspace: the next page is whichever one is left (or the sign-in notice).
        router.replace("/");
        router.refresh();
        await queryClient.invalidateQueries();
      },
    }),
  );

  return (
    <SettingsSection
      id={id}
      title={title}
      description="Owners manage everything; editors work on designs, runs and chats; viewers read designs and runs."
    >
      {!canManage ? (
        <p className="settings-note">
          <Info size={15} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
          Only workspace owners can invite people, change roles or remove members.
        </p>
      ) : null}
      {changeRole.error ? (
        <p className="form-error" role="alert">
          {changeRole.error.message}
        </p>
      ) : null}
      <div className="card">
        <QueryState query={members} noun="members">
          {({ currentUserId: me, members: list }) => (
            <table className="table" aria-label="Members">
              <thead>
                <tr>
                  <th>Email</th>
                  <th>Name</th>
                  <th>Role</th>
                  <th>Joined</th>
                  <th className="actions">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((member) => {
                  const isMe = member.userId === me;
                  return (
                    <tr key={member.userId}>
                      <td className="name-cell">
                        <strong>{member.email}</strong>
                        {isMe ? <span className="muted"> (you)</span> : null}
                      </td>
                      <td>{member.name}</td>
                      <td>
                        {canManage ? (
                          <>
                            <label className="visually-hidden" htmlFor={`role-${member.userId}`}>
                              Role of {member.email}
                            </label>
                            <select
                              id={`role-${member.userId}`}
                              className="input members-role"
                              value={member.role}
                              disabled={changeRole.isPending}
                              onChange={(event) => {
                                const next = event.target.value as Role;
                                changeRole.mutate(
                                  { userId: member.userId, role: next },
                                  // Your own role shapes the whole page (which controls show).
                                  { onSuccess: () => (isMe ? router.refresh() : undefined) },
                                );
                              }}
                            >
                              {ROLE_OPTIONS.map((option) => (
                                <option key={option.value} value={option.value}>
                                  {option.label}
                                </option>
                              ))}
                            </select>
                          </>
                        ) : (
                          ROLE_LABELS[member.role]
                        )}
                      </td>
                      <td>
                        <RelativeTime date={member.joinedAt} />
                      </td>
                      <td className="actions">
                        {isMe ? (
                          <button type="button" className="button" onClick={() => setLeaving(true)}>
                            <LogOut size={15} aria-hidden />
                            Leave workspace
                          </button>
                        ) : canManage ? (
                          <button
                            type="button"
                            className="button"
                            aria-label={`Remove ${member.email}`}
                            onClick={() => removing.ask(member)}
                          >
                            <UserMinus size={15} aria-hidden />
                            Remove
                          </button>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </QueryState>
      </div>

      {canManage ? <InvitePeople /> : null}

      <ConfirmDeleteDialog {...removing.dialog} title="Remove member?" confirmLabel="Remove member">
        <p>
          {removing.target?.email} loses access to this workspace at once, and their API tokens for it stop
          working. Their designs and runs stay.
        </p>
      </ConfirmDeleteDialog>

      <ConfirmDeleteDialog
        open={leaving}
        title="Leave workspace?"
        confirmLabel="Leave workspace"
        pending={leave.isPending}
        error={leave.error?.message}
        onCancel={() => {
          setLeaving(false);
          leave.reset();
        }}
        onConfirm={() => leave.mutate()}
      >
        <p>
          You lose access to this workspace and your API tokens for it stop working. An owner can invite you
          again.
        </p>
      </ConfirmDeleteDialog>
    </SettingsSection>
  );
}
