"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { KeyRound, Plus, Trash2 } from "lucide-react";
import { useId, useState, type FormEvent } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { SettingsSection } from "@/components/settings/settings-section";
import type { SettingsSectionProps } from "@/components/settings/settings-sections";
import { ConfirmDeleteDialog } from "@/components/ui/confirm-delete-dialog";
import { CopyField } from "@/components/ui/copy-field";
import { QueryState } from "@/components/ui/query-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { TextField } from "@/components/ui/text-field";
import { useConfirmTarget } from "@/components/ui/use-confirm-target";
import type { ApiTokenView } from "@/server/auth/member-api-tokens";
import { atLeast, type Role, roleSchema } from "@/server/auth/roles";
import "./api-tokens.css";

/**
 * API tokens for scripts and CI: everyone creates and revokes their own (capped at their role);
 * owners also see and revoke everyone's. A new token is shown once, right after it is created.
 */
export function ApiTokensSection({ id, title, role }: SettingsSectionProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const isOwner = atLeast(role, "owner");
  const tokens = useQuery(trpc.apiTokens.list.queryOptions());
  const invalidate = () => void queryClient.invalidateQueries({ queryKey: trpc.apiTokens.list.queryKey() });
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const revoke = useMutation(trpc.apiTokens.revoke.mutationOptions({ onSuccess: invalidate }));
  const revoking = useConfirmTarget(revoke, (token: ApiTokenView) => ({ id: token.id }));

  return (
    <SettingsSection
      id={id}
      title={title}
      description={
        <>
          Tokens let scripts use the REST API as you: <code>Authorization: Bearer &lt;token&gt;</code>.
          {isOwner ? " As an owner you see every member's tokens." : ""}
        </>
      }
    >
      <CreateTokenForm
        role={role}
        onCreated={(result) => {
          setCreated(result);
          invalidate();
        }}
      />
      {created ? (
        <div className="card api-token-created" role="region" aria-label="Your new API token">
          <p>
            <strong>Token “{created.name}” created.</strong> Copy it now: it will not be shown again.
          </p>
          <CopyField
            label="New API token"
            value={created.token}
            selectOnFocus
            rowClassName="api-token-copy-row"
            selectedHint="Selected: press Ctrl+C (⌘C) to copy."
          />
          <button type="button" className="button" onClick={() => setCreated(null)}>
            Done, I copied it
          </button>
        </div>
      ) : null}
      <div className="card">
        <QueryState query={tokens} noun="API tokens">
          {(list) =>
            list.length === 0 ? (
              <div className="empty-state">
                <KeyRound size={28} aria-hidden />
                <h3>No API tokens yet</h3>
                <p>Create one above to call the REST API from a script or a CI job.</p>
              </div>
            ) : (
              <table className="table">
                <thead>
                  <tr>
                    <th>Name</th>
                    <th>Prefix</th>
                    <th>Role</th>
                    {isOwner ? <th>Owner</th> : null}
                    <th>Created</th>
                    <th>Last used</th>
                    <th className="actions">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((token) => (
                    <tr key={token.id} className={token.revokedAt ? "api-token-revoked" : undefined}>
                      <td className="name-cell">
                        <strong>{token.name}</strong>
                      </td>
                      <td>
                        <code>{token.prefix}…</code>
                      </td>
                      <td>{token.role ?? <span className="muted">as member</span>}</td>
                      {isOwner ? <td>{token.userEmail ?? "—"}</td> : null}
                      <td>
                        <RelativeTime date={token.createdAt} />
                      </td>
                      <td>
                        {token.lastUsedAt ? (
                          <RelativeTime date={token.lastUsedAt} />
                        ) : (
                          <span className="muted">never</span>
                        )}
                      </td>
                      <td className="actions">
                        {token.revokedAt ? (
                          <span className="badge">Revoked</span>
                        ) : (
                          <button
                            type="button"
                            className="button"
                            aria-label={`Revoke ${token.name}`}
                            onClick={() => revoking.ask(token)}
                          >
                            <Trash2 size={15} aria-hidden />
                            Revoke
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </QueryState>
      </div>
      <ConfirmDeleteDialog {...revoking.dialog} title="Revoke API token?" confirmLabel="Revoke token">
        <p>
          “{revoking.target?.name}” ({revoking.target?.prefix}…) stops working at once; scripts using it will
          get 401 answers.
        </p>
      </ConfirmDeleteDialog>
    </SettingsSection>
  );
}

function CreateTokenForm({
  role,
  onCreated,
}: {
  role: Role;
  onCreated: (created: { name: string; token: string }) => void;
}) {
  const trpc = useTRPC();
  const roleFieldId = useId();
  const [name, setName] = useState("");
  const [cap, setCap] = useState<Role | "">("");
  const create = useMutation(trpc.apiTokens.create.mutationOptions());
  const caps = roleSchema.options.filter((option) => atLeast(role, option));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name, ...(cap !== "" && { role: cap }) },
      {
        onSuccess: (result) => {
          setName("");
          setCap("");
          onCreated({ name: result.name, token: result.token });
        },
      },
    );
  };

  return (
    <form className="api-token-form" onSubmit={submit} noValidate aria-busy={create.isPending}>
      <TextField
        label="Token name"
        value={name}
        onValueChange={setName}
        placeholder="ci"
        maxLength={100}
        required
      />
      <div className="field">
        <label htmlFor={roleFieldId}>Role cap</label>
        <select
          id={roleFieldId}
          className="input"
          value={cap}
          onChange={(event) => setCap(event.target.value as Role | "")}
        >
          <option value="">Same as mine ({role})</option>
          {caps.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button-primary" disabled={create.isPending}>
        <Plus size={15} aria-hidden />
        {create.isPending ? "Creating…" : "Create token"}
      </button>
      {create.error ? (
        <p className="form-error api-token-form-error" role="alert">
          {create.error.message}
        </p>
      ) : null}
    </form>
  );
}
