"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Info, Pencil, Plug, Plus, Server, Trash2 } from "lucide-react";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { ConfirmDeleteDialog } from "@/components/ui/confirm-delete-dialog";
import { QueryState } from "@/components/ui/query-state";
import { useConfirmTarget } from "@/components/ui/use-confirm-target";
import { SettingsSection } from "@/components/settings/settings-section";
import type { SettingsSectionProps } from "@/components/settings/settings-sections";
import { atLeast } from "@/server/auth/roles";
import type { McpServerSummary } from "@/server/mcp/server-entry";
import { McpServerFormDialog } from "./mcp-server-form-dialog";
import { TestConnectionDialog, type TestState } from "./test-connection-dialog";

const TRANSPORT_LABELS: Record<McpServerSummary["transport"], string> = {
  stdio: "stdio",
  http: "Streamable HTTP",
  sse: "SSE (legacy)",
};

function target(server: McpServerSummary): string {
  if (server.transport !== "stdio") return server.url ?? "";
  return [server.command ?? "", ...(server.args ?? [])].join(" ");
}

function SecretNames({ server }: { server: McpServerSummary }) {
  const names = server.transport === "stdio" ? (server.envNames ?? []) : (server.headerNames ?? []);
  if (names.length === 0) return <span className="muted">None</span>;
  return (
    <span className="mcp-secret-names">
      {names.map((name) => (
        <span key={name} className="badge" title={`${name} is set (the value is never shown)`}>
          <code>{name}</code> set
        </span>
      ))}
    </span>
  );
}

/**
 * The workspace's MCP servers: everyone sees the list; owners add, edit and delete; editors and
 * owners test connections. Secret values never reach this page, only their names.
 */
export function McpServersSection({ id, title, role }: SettingsSectionProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canManage = atLeast(role, "owner");
  const canConnect = atLeast(role, "editor");
  const [editing, setEditing] = useState<McpServerSummary | "new" | null>(null);
  const [testing, setTesting] = useState<string | null>(null);
  const [testState, setTestState] = useState<TestState>({ status: "pending" });

  const servers = useQuery(trpc.mcpServers.list.queryOptions());
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.mcpServers.list.queryKey() });
  const remove = useMutation(trpc.mcpServers.delete.mutationOptions({ onSuccess: invalidate }));
  const deleting = useConfirmTarget(remove, (server: McpServerSummary) => ({ name: server.name }));
  const test = useMutation(trpc.mcpServers.test.mutationOptions());

  const startTest = (name: string) => {
    setTesting(name);
    setTestState({ status: "pending" });
    test.mutate(
      { name },
      {
        onSuccess: (result) => setTestState({ status: "answered", result }),
        onError: (error) => setTestState({ status: "error", message: error.message }),
      },
    );
  };

  const addButton = canManage ? (
    <button type="button" className="button button-primary" onClick={() => setEditing("new")}>
      <Plus size={15} aria-hidden />
      Add MCP server
    </button>
  ) : null;

  const list = servers.data ?? [];
  return (
    <SettingsSection
      id={id}
      title={title}
      actions={list.length > 0 ? addButton : null}
      description="Servers whose tools, resources and prompts agents can use. Designs name them in an agent's servers and tools."
    >
      {!canManage ? (
        <p className="settings-note">
          <Info size={15} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
          Only workspace owners can add, change or delete MCP servers.
          {canConnect ? " You can test their connections." : ""}
        </p>
      ) : null}
      <div className="card">
        <QueryState query={servers} noun="MCP servers">
          {(registered) =>
            registered.length === 0 ? (
              <div className="empty-state">
                <Server size={28} aria-hidden />
                <h3>No MCP servers yet</h3>
                <p>
                  {canManage
                    ? "Add a server (a command run on this server, or a URL) to give your agents its tools."
                    : "A workspace owner can add servers whose tools your agents can use."}
                </p>
                {addButton}
              </div>
            ) : (
              <table className="table">
                <thead>
                  <tr>
                    <th>Name</th>
                    <th>Transport</th>
                    <th>Command or URL</th>
                    <th>Secrets</th>
                    <th className="actions">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {registered.map((server) => (
                    <tr key={server.name}>
                      <td className="name-cell">
                        <strong>{server.name}</strong>
                        {server.description ? <div className="muted">{server.description}</div> : null}
                      </td>
                      <td>{TRANSPORT_LABELS[server.transport]}</td>
                      <td className="mcp-target">
                        {target(server)}
                        {server.cwd ? <div className="muted">in {server.cwd}</div> : null}
                      </td>
                      <td>
                        <SecretNames server={server} />
                      </td>
                      <td className="actions">
                        {canConnect ? (
                          <button
                            type="button"
                            className="button"
                            aria-label={`Test connection to ${server.name}`}
                            onClick={() => startTest(server.name)}
                          >
                            <Plug size={15} aria-hidden />
                            Test connection
                          </button>
                        ) : null}
                        {canManage ? (
                          <>
                            <button
                              type="button"
                              className="icon-button"
                              aria-label={`Edit ${server.name}`}
                              title="Edit"
                              onClick={() => setEditing(server)}
                            >
                              <Pencil size={15} aria-hidden />
                            </button>
                            <button
                              type="button"
                              className="icon-button"
                              aria-label={`Delete ${server.name}`}
                              title="Delete"
                              onClick={() => deleting.ask(server)}
                            >
                              <Trash2 size={15} aria-hidden />
                            </button>
                          </>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </QueryState>
      </div>

      {canManage ? (
        <McpServerFormDialog
          open={editing !== null}
          server={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void invalidate();
          }}
        />
      ) : null}

      <TestConnectionDialog
        name={testing}
        state={testState}
        onRetry={() => testing && startTest(testing)}
        onClose={() => setTesting(null)}
      />

      <ConfirmDeleteDialog {...deleting.dialog} title="Delete MCP server?" confirmLabel="Delete server">
        <p>
          “{deleting.target?.name}” and its stored secrets will be deleted. Designs that use it will show a
          validation error, and their runs will be refused until a server with that name is added again.
        </p>
      </ConfirmDeleteDialog>
    </SettingsSection>
  );
}
