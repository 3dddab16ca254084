"use client";

import { useId } from "react";
import { useMcpSource } from "./mcp-source";
import { McpError, McpLoading, RegistryEmpty } from "./mcp-status";

/**
 * A labelled choice of one registered server (for prompts and resources). While the registry
 * loads, fails or is empty, that is what shows instead.
 */
export function McpServerSelect({
  label,
  value,
  onChange,
  disabled = false,
}: {
  label: string;
  /** The chosen server's name; "" before one is chosen. */
  value: string;
  onChange: (name: string) => void;
  disabled?: boolean;
}) {
  const id = useId();
  const { servers } = useMcpSource();
  if (servers.status === "loading") return <McpLoading>Loading the registered MCP servers…</McpLoading>;
  if (servers.status === "error") {
    return <McpError message={`The MCP servers could not be loaded: ${servers.message}`} />;
  }
  if (servers.servers.length === 0) return <RegistryEmpty />;
  const chosen = servers.servers.find((server) => server.name === value);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        className="input"
        value={value}
        disabled={disabled}
        aria-describedby={chosen?.description ? `${id}-description` : undefined}
        onChange={(event) => onChange(event.target.value)}
      >
        {value === "" ? <option value="">Choose a server</option> : null}
        {servers.servers.map((server) => (
          <option key={server.name} value={server.name}>
            {server.name}
          </option>
        ))}
      </select>
      {chosen?.description ? (
        <span className="hint" id={`${id}-description`}>
          {chosen.description}
        </span>
      ) : null}
    </div>
  );
}

/** The server a form starts with: the preferred one when it is registered, else the first. */
export function initialServer(
  listing: ReturnType<typeof useMcpSource>["servers"],
  preferred: readonly string[] = [],
): string {
  if (listing.status !== "ready") return "";
  const names = listing.servers.map((server) => server.name);
  return preferred.find((name) => names.includes(name)) ?? names[0] ?? "";
}
