"use client";

import { useId } from "react";
import { useEditorStore, useIssues } from "@/components/editor/editor-context";
import { setNodeField } from "@/components/editor/state/graph-edits";
import { useMcpSource, type McpServerChoice } from "@/components/mcp/mcp-source";
import { McpError, McpLoading, RegistryEmpty } from "@/components/mcp/mcp-status";
import type { GraphIssue } from "@/server/designs/validate-graph";
import type { FieldDescriptor } from "./field-descriptors";
import { valueAt } from "./field-values";
import {
  chooseServer,
  readServers,
  readToolFilters,
  setServerGlobs,
  type McpSelection,
} from "./mcp-field-edits";
import { ToolFilterEditor } from "./tool-filter-editor";
import "@/components/mcp/mcp.css";

type Row = { name: string; description: string; registered: boolean | undefined };

/**
 * The rows of the picker: the registered servers in registry order, then names the node uses
 * that the registry does not have (kept visible so they can be seen and removed). `registered`
 * is undefined while the registry is not known.
 */
function rowsOf(registry: readonly McpServerChoice[] | undefined, used: readonly string[]): Row[] {
  const rows: Row[] = (registry ?? []).map((server) => ({ ...server, registered: true }));
  const known = new Set(rows.map((row) => row.name));
  for (const name of used) {
    if (known.has(name)) continue;
    known.add(name);
    rows.push({ name, description: "", registered: registry === undefined ? undefined : false });
  }
  return rows;
}

/** The validator's words about an unknown server name of this node, when it has any. */
function unknownServerMessage(
  issues: readonly GraphIssue[],
  nodeId: string,
  name: string,
  servers: readonly string[],
): string | undefined {
  const issue = issues.find((candidate) => {
    if (candidate.code !== "unknown_mcp_server" || candidate.nodeId !== nodeId) return false;
    const path = candidate.path ?? [];
    const key = path.at(-2);
    const last = path.at(-1);
    return key === "servers" ? typeof last === "number" && servers[last] === name : last === name;
  });
  return issue?.message;
}

/**
 * An agent's MCP servers (from the workspace registry) with a tool filter per chosen server.
 * Each change is one undo step; un-choosing a server also drops its filter.
 */
export function McpServersField({
  nodeId,
  field,
  data,
  disabled,
}: {
  nodeId: string;
  field: Extract<FieldDescriptor, { kind: "mcp-servers" }>;
  data: Readonly<Record<string, unknown>>;
  disabled: boolean;
}) {
  const store = useEditorStore();
  const ids = useId();
  const { servers: listing } = useMcpSource();
  const { issues } = useIssues();
  const servers = readServers(valueAt(data, field.path));
  const tools = readToolFilters(valueAt(data, field.toolsPath));
  const registry = listing.status === "ready" ? listing.servers : undefined;
  const rows = rowsOf(registry, [...servers, ...Object.keys(tools)]);

  const apply = (next: McpSelection) =>
    store.editGraph((graph) =>
      setNodeField(
        setNodeField(graph, nodeId, field.path, next.servers),
        nodeId,
        field.toolsPath,
        next.tools,
      ),
    );

  return (
    <fieldset className="editor-fieldset mcp-servers-field">
      <legend>{field.label}</legend>
      {listing.status === "loading" ? (
        <McpLoading>Loading the registered MCP servers…</McpLoading>
      ) : listing.status === "error" ? (
        <McpError message={`The registered MCP servers could not be loaded: ${listing.message}`} />
      ) : listing.servers.length === 0 ? (
        <RegistryEmpty />
      ) : null}
      {rows.length === 0 ? null : (
        <ul className="mcp-choices" aria-label={`MCP servers of ${String(data.name)}`}>
          {rows.map((row, index) => {
            const id = `${ids}-${index}`;
            const chosen = servers.includes(row.name);
            const hasFilter = Object.hasOwn(tools, row.name);
            const problem =
              row.registered === false
                ? (unknownServerMessage(issues, nodeId, row.name, servers) ??
                  `“${row.name}” is not registered in this workspace.`)
                : undefined;
            const describedBy = [row.description ? `${id}-description` : "", problem ? `${id}-problem` : ""]
              .filter(Boolean)
              .join(" ");
            return (
              <li key={row.name} className="mcp-choice">
                <div className="mcp-choice-row">
                  <input
                    id={id}
                    type="checkbox"
                    checked={chosen}
                    disabled={disabled}
                    aria-invalid={problem ? true : undefined}
                    aria-describedby={describedBy || undefined}
                    onChange={(event) => apply(chooseServer(servers, tools, row.name, event.target.checked))}
                  />
                  <span className="mcp-choice-text">
                    <label htmlFor={id}>{row.name}</label>
                    {row.description ? (
                      <span className="hint" id={`${id}-description`}>
                        {row.description}
                      </span>
                    ) : null}
                    {problem ? (
                      <span className="field-error" id={`${id}-problem`}>
                        <span className="badge badge-error">Not registered</span> {problem}
                      </span>
                    ) : null}
                  </span>
                </div>
                {chosen || hasFilter ? (
                  <ToolFilterEditor
                    server={row.name}
                    globs={tools[row.name] ?? []}
                    hasFilter={hasFilter}
                    canChooseTools={row.registered !== false}
                    disabled={disabled}
                    onChange={(globs) => apply(setServerGlobs(servers, tools, row.name, globs))}
                  />
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </fieldset>
  );
}
