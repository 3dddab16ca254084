"use client";

import { ChevronDown, ChevronRight } from "lucide-react";
import { useId, useState } from "react";
import { useMcpSource } from "@/components/mcp/mcp-source";
import { McpError, McpLoading } from "@/components/mcp/mcp-status";
import { useOnDemand } from "@/components/mcp/use-on-demand";
import type { McpInspectionPart } from "@/server/mcp/registry/inspect-registered";

/** Above this many tools a search field helps find one. */
const SEARCH_FROM = 8;

/**
 * "Choose tools": the server's tools, listed only once the person opens the list (listing them
 * connects to the server), each a checkbox that adds or removes its exact name in the filter.
 */
export function ChooseTools({
  server,
  globs,
  onToggle,
}: {
  server: string;
  globs: readonly string[];
  onToggle: (tool: string, chosen: boolean) => void;
}) {
  const source = useMcpSource();
  const ids = useId();
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState("");
  const { state, start } = useOnDemand<McpInspectionPart<"tools">>();
  const load = () => void start((signal) => source.tools(server, signal));
  const panelId = `${ids}-panel`;

  return (
    <div className="mcp-choose-tools">
      <button
        type="button"
        className="button"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => {
          setOpen(!open);
          if (!open && (state.status === "idle" || state.status === "error")) load();
        }}
      >
        {open ? <ChevronDown size={14} aria-hidden /> : <ChevronRight size={14} aria-hidden />}
        Choose tools
      </button>
      {open ? (
        <div id={panelId} className="mcp-subpanel">
          {state.status === "loading" || state.status === "idle" ? (
            <McpLoading>Connecting to {server} for its tools…</McpLoading>
          ) : state.status === "error" ? (
            <McpError
              message={`The tools of ${server} could not be listed: ${state.message}`}
              onRetry={load}
            />
          ) : !state.value.ok ? (
            <McpError message={state.value.error.message} onRetry={load} />
          ) : state.value.tools.length === 0 ? (
            <p className="muted">{server} offers no tools.</p>
          ) : (
            <>
              {state.value.tools.length > SEARCH_FROM ? (
                <div className="field">
                  <label htmlFor={`${ids}-search`}>Find a tool</label>
                  <input
                    id={`${ids}-search`}
                    className="input"
                    type="search"
                    value={search}
                    onChange={(event) => setSearch(event.target.value)}
                  />
                </div>
              ) : null}
              <ul className="mcp-list" aria-label={`Tools of ${server}`}>
                {state.value.tools
                  .filter((tool) => tool.name.toLowerCase().includes(search.trim().toLowerCase()))
                  .map((tool, index) => {
                    const id = `${ids}-tool-${index}`;
                    return (
                      <li key={tool.name} className="mcp-choice-row">
                        <input
                          id={id}
                          type="checkbox"
                          checked={globs.includes(tool.name)}
                          aria-describedby={tool.description ? `${id}-description` : undefined}
                          onChange={(event) => onToggle(tool.name, event.target.checked)}
                        />
                        <span className="mcp-choice-text">
                          <label htmlFor={id}>{tool.name}</label>
                          {tool.description ? (
                            <span className="hint" id={`${id}-description`}>
                              {tool.description}
                            </span>
                          ) : null}
                        </span>
                      </li>
                    );
                  })}
              </ul>
              <p className="hint">A checked tool is in the filter by its exact name.</p>
            </>
          )}
        </div>
      ) : null}
    </div>
  );
}
