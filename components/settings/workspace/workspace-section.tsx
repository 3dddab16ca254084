"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useSwitchWorkspace } from "@/components/layout/use-switch-workspace";
import { useTRPC } from "@/components/providers/trpc";
import { SettingsSection } from "@/components/settings/settings-section";
import type { SettingsSectionProps } from "@/components/settings/settings-sections";
import { TextField } from "@/components/ui/text-field";
import { atLeast } from "@/server/auth/roles";
import { WORKSPACE_NAME_MAX, workspaceNameSchema } from "@/server/workspaces/workspace-schemas";
import "../members/members.css";

/** The schema's first complaint about a name, or null when it is fine. */
function nameProblem(name: string): string | null {
  const result = workspaceNameSchema.safeParse(name);
  return result.success ? null : (result.error.issues[0]?.message ?? "This name cannot be used.");
}

function RenameWorkspace({ currentName }: { currentName: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [name, setName] = useState(currentName);
  const [problem, setProblem] = useState<string | null>(null);
  const rename = useMutation(
    trpc.workspaces.rename.mutationOptions({
      onSuccess: async () => {
        router.refresh();
        await queryClient.invalidateQueries({ queryKey: trpc.workspaces.pathKey() });
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = nameProblem(name);
    setProblem(found);
    if (!found) rename.mutate({ name });
  }

  const unchanged = name.trim() === currentName;
  return (
    <form onSubmit={submit} noValidate className="settings-inline-form">
      <TextField
        label="Workspace name"
        maxLength={WORKSPACE_NAME_MAX}
        value={name}
        error={problem ?? rename.error?.message}
        hint={rename.isSuccess && unchanged ? "Saved." : undefined}
        onValueChange={(value) => {
          setName(value);
          setProblem(null);
          rename.reset();
        }}
      />
      <button type="submit" className="button" disabled={rename.isPending || unchanged}>
        {rename.isPending ? "Renaming…" : "Rename"}
      </button>
    </form>
  );
}

function CreateWorkspace() {
  const trpc = useTRPC();
  const [name, setName] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const switchTo = useSwitchWorkspace({ afterSwitch: () => setName("") });
  const create = useMutation(
    trpc.workspaces.create.mutationOptions({
      onSuccess: (workspace) => switchTo.mutate({ id: workspace.id }),
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = nameProblem(name);
    setProblem(found);
    if (!found) create.mutate({ name });
  }

  const pending = create.isPending || switchTo.isPending;
  return (
    <form onSubmit={submit} noValidate className="settings-inline-form">
      <TextField
        label="New workspace name"
        maxLength={WORKSPACE_NAME_MAX}
        value={name}
        hint="You become its owner, and Trellis switches to it."
        error={problem ?? create.error?.message ?? switchTo.error?.message}
        onValueChange={(value) => {
          setName(value);
          setProblem(null);
          create.reset();
        }}
      />
      <button type="submit" className="button" disabled={pending || name.trim() === ""}>
        {pending ? "Creating…" : "Create workspace"}
      </button>
    </form>
  );
}

/** The current workspace: its name (owners rename it) and a new workspace for anyone. */
export function WorkspaceSection({ id, title, role }: SettingsSectionProps) {
  const trpc = useTRPC();
  const current = useQuery(trpc.workspaces.current.queryOptions());
  const canManage = atLeast(role, "owner");
  return (
    <SettingsSection
      id={id}
      title={title}
      description="Designs, runs, members and settings belong to a workspace."
    >
      <div className="card settings-card">
        {current.isPending ? (
          <p className="muted" role="status">
            Loading the workspace…
          </p>
        ) : current.isError ? (
          <div role="alert">
            <strong>The workspace could not be loaded.</strong>
            <p>{current.error.message}</p>
            <button type="button" className="button" onClick={() => void current.refetch()}>
              Try again
            </button>
          </div>
        ) : canManage ? (
          <RenameWorkspace key={current.data.id + current.data.name} currentName={current.data.name} />
        ) : (
          <p style={{ marginTop: 0 }}>
            You are in <strong>{current.data.name}</strong> as {current.data.role}. Only owners can rename it.
          </p>
        )}
        <CreateWorkspace />
      </div>
    </SettingsSection>
  );
}
