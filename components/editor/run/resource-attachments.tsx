"use client";

import { ChevronDown, ChevronRight, Paperclip, X } from "lucide-react";
import { useId, useState } from "react";
import { initialServer, McpServerSelect } from "@/components/mcp/mcp-server-select";
import { useMcpSource } from "@/components/mcp/mcp-source";
import { McpError, McpLoading } from "@/components/mcp/mcp-status";
import { useOnDemand } from "@/components/mcp/use-on-demand";
import type { McpResourceResult } from "@/server/mcp/prompts-and-resources-schema";
import type { McpInspectionPart } from "@/server/mcp/registry/inspect-registered";
import { attachmentLimitProblem, formatBytes, type AttachedResource } from "./run-input";
import "@/components/mcp/mcp.css";

const sameResource = (left: Pick<AttachedResource, "server" | "uri">, right: typeof left) =>
  left.server === right.server && left.uri === right.uri;

/**
 * "Attach resource" under the run input: pick a server, list its resources (on demand: that
 * connects), attach one or more. Each is read on the server when attached (text only, bounded),
 * so Run sends exactly what the chips show. Attached resources are removable chips.
 */
export function ResourceAttachments({
  attachments,
  onChange,
}: {
  attachments: readonly AttachedResource[];
  onChange: (next: readonly AttachedResource[]) => void;
}) {
  const source = useMcpSource();
  const ids = useId();
  const [open, setOpen] = useState(false);
  const [server, setServer] = useState("");
  const [reading, setReading] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | undefined>();
  const resources = useOnDemand<McpInspectionPart<"resources">>();
  const read = useOnDemand<McpResourceResult>();
  const panelId = `${ids}-panel`;

  function toggle() {
    if (!open && server === "") setServer(initialServer(source.servers));
    setOpen(!open);
  }

  function chooseServer(name: string) {
    setServer(name);
    setProblem(undefined);
    resources.reset();
    read.reset();
  }

  async function attach(resource: { uri: string; name: string }) {
    setProblem(undefined);
    setReading(resource.uri);
    const result = await read.start((signal) =>
      source.readResource({ name: server, uri: resource.uri }, signal),
    );
    setReading(null);
    if (result === undefined) return;
    if (!result.ok) return setProblem(result.error.message);
    const next: AttachedResource = {
      server,
      uri: resource.uri,
      name: resource.name,
      contents: result.contents,
      bytes: result.bytes,
    };
    const tooMuch = attachmentLimitProblem(attachments, next);
    if (tooMuch !== undefined) return setProblem(tooMuch);
    onChange([...attachments.filter((attachment) => !sameResource(attachment, next)), next]);
  }

  const listed =
    resources.state.status === "done" && resources.state.value.ok ? resources.state.value.resources : [];

  return (
    <div className="run-drawer-attachments">
      {attachments.length === 0 ? null : (
        <ul className="mcp-chips" aria-label="Attached resources">
          {attachments.map((attachment) => (
            <li key={`${attachment.server}\n${attachment.uri}`} className="mcp-chip" title={attachment.uri}>
              <Paperclip size={12} aria-hidden />
              <span className="mcp-chip-label">{attachment.name}</span>
              <span className="muted">{formatBytes(attachment.bytes)}</span>
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove ${attachment.name}`}
                onClick={() =>
                  onChange(attachments.filter((candidate) => !sameResource(candidate, attachment)))
                }
              >
                <X size={12} aria-hidden />
              </button>
            </li>
          ))}
        </ul>
      )}
      <button
        type="button"
        className="button"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={toggle}
      >
        {open ? <ChevronDown size={14} aria-hidden /> : <ChevronRight size={14} aria-hidden />}
        Attach resource
      </button>
      {open ? (
        <div id={panelId} className="mcp-panel" role="group" aria-label="Attach an MCP resource">
          <div className="mcp-inline-form">
            <McpServerSelect label="Resource server" value={server} onChange={chooseServer} />
            {server === "" ? null : (
              <button
                type="button"
                className="button"
                onClick={() => void resources.start((signal) => source.resources(server, signal))}
              >
                {resources.state.status === "idle" ? "Load resources" : "Reload"}
              </button>
            )}
          </div>
          {resources.state.status === "loading" ? (
            <McpLoading>Connecting to {server} for its resources…</McpLoading>
          ) : resources.state.status === "error" ? (
            <McpError
              message={`The resources of ${server} could not be listed: ${resources.state.message}`}
            />
          ) : resources.state.status === "done" && !resources.state.value.ok ? (
            <McpError message={resources.state.value.error.message} />
          ) : resources.state.status === "done" && listed.length === 0 ? (
            <p className="muted">{server} offers no resources.</p>
          ) : null}
          {listed.length === 0 ? null : (
            <ul className="mcp-list" aria-label={`Resources of ${server}`}>
              {listed.map((resource) => {
                const attached = attachments.some((attachment) =>
                  sameResource(attachment, { server, uri: resource.uri }),
                );
                return (
                  <li key={resource.uri} className="mcp-choice-row">
                    <span className="mcp-choice-text">
                      <span>{resource.name}</span>
                      <span className="hint">
                        {resource.uri}
                        {resource.mimeType ? ` · ${resource.mimeType}` : ""}
                      </span>
                    </span>
                    <button
                      type="button"
                      className="button"
                      aria-label={attached ? `${resource.name} is attached` : `Attach ${resource.name}`}
                      disabled={attached || reading !== null}
                      onClick={() => void attach(resource)}
                    >
                      {attached ? "Attached" : reading === resource.uri ? "Reading…" : "Attach"}
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
          {read.state.status === "loading" ? <McpLoading>Reading the resource…</McpLoading> : null}
          {read.state.status === "error" ? (
            <McpError message={`The resource could not be read: ${read.state.message}`} />
          ) : null}
          {problem ? <McpError message={problem} /> : null}
          <div className="mcp-actions">
            <button type="button" className="button" onClick={() => setOpen(false)}>
              Done
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
