"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Plug } from "lucide-react";
import { useParams } from "next/navigation";
import { useId, useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { CopyField } from "@/components/ui/copy-field";
import { Dialog } from "@/components/ui/dialog";
import type { McpPublishing } from "@/server/designs/mcp-publishing";
import "./publish.css";

/** The dialog's copyable values: monospace, the button named after the field. */
function PublishCopyField({
  label,
  value,
  multiline,
}: {
  label: string;
  value: string;
  multiline?: boolean;
}) {
  return (
    <CopyField
      label={label}
      value={value}
      multiline={multiline}
      buttonLabel={`Copy ${label.toLowerCase()}`}
      selectedHint="Selected: press Ctrl+C (⌘C on a Mac) to copy it."
      rowClassName="publish-copy-row"
      valueClassName="publish-copy-value"
    />
  );
}

/** A client configuration snippet; most MCP clients take this shape (VS Code calls the key "servers"). */
function clientConfig(designName: string, url: string): string {
  const key = `trellis-${
    designName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "design"
  }`;
  const config = {
    mcpServers: {
      [key]: { type: "http", url, headers: { Authorization: "Bearer <your API token>" } },
    },
  };
  return JSON.stringify(config, null, 2);
}

function PublishForm({
  designName,
  settings,
  canEdit,
  onClose,
}: {
  designName: string;
  settings: McpPublishing;
  canEdit: boolean;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const publishId = useId();
  const agentsLegendId = useId();
  const [published, setPublished] = useState(settings.published);
  const [publicAgents, setPublicAgents] = useState(() => new Set(settings.publicAgents));
  const [savedMessage, setSavedMessage] = useState<string | null>(null);

  const known = new Set(settings.agents.map((agent) => agent.name));
  const gone = settings.publicAgents.filter((name) => !known.has(name));

  const save = useMutation(
    trpc.designs.setPublishing.mutationOptions({
      onSuccess: (saved) => {
        queryClient.setQueryData(trpc.designs.publishing.queryKey({ id: saved.designId }), saved);
        const count = saved.agents.filter((agent) => agent.public).length;
        setSavedMessage(
          saved.published
            ? `Saved: published with ${count} public ${count === 1 ? "agent" : "agents"}.`
            : "Saved: not published.",
        );
      },
    }),
  );

  const toggleAgent = (name: string, checked: boolean) => {
    setSavedMessage(null);
    setPublicAgents((current) => {
      const next = new Set(current);
      if (checked) next.add(name);
      else next.delete(name);
      return next;
    });
  };

  return (
    <form
      className="publish-dialog"
      onSubmit={(event) => {
        event.preventDefault();
        setSavedMessage(null);
        save.mutate({
          id: settings.designId,
          published,
          // Names no longer in the design would be refused; they are dropped on save.
          publicAgents: settings.agents
            .filter((agent) => publicAgents.has(agent.name))
            .map((agent) => agent.name),
        });
      }}
    >
      <p className="muted">
        Other applications (Claude, IDEs, agents of their own) can then call this design&apos;s public agents
        as MCP tools: each call is a normal run, listed in the run history.
      </p>
      <div className="publish-check">
        <input
          id={publishId}
          type="checkbox"
          checked={published}
          disabled={!canEdit}
          onChange={(event) => {
            setSavedMessage(null);
            setPublished(event.target.checked);
          }}
        />
        <label htmlFor={publishId}>Publish this design as an MCP server</label>
      </div>

      <fieldset className="publish-agents" aria-labelledby={agentsLegendId} disabled={!canEdit}>
        <legend id={agentsLegendId}>Public agents (each one becomes a tool)</legend>
        {settings.agents.length === 0 ? (
          <p className="muted">This design has no saved agents yet.</p>
        ) : (
          <ul>
            {settings.agents.map((agent) => (
              <AgentCheckbox
                key={agent.name}
                agent={agent}
                checked={publicAgents.has(agent.name)}
                onChange={(checked) => toggleAgent(agent.name, checked)}
              />
            ))}
          </ul>
        )}
        <p className="hint">Lists the agents of the saved design: save the canvas first to offer new ones.</p>
        {gone.length > 0 ? (
          <p className="hint">No longer in the design, so not served (removed on save): {gone.join(", ")}.</p>
        ) : null}
      </fieldset>

      <PublishCopyField label="Endpoint URL" value={settings.url} />
      <div className="publish-connect">
        <h3>Connecting a client</h3>
        <p className="muted">
          Use Streamable HTTP with an API token (Settings → API tokens, or{" "}
          <code>npm run cli -- token create</code>) sent as <code>Authorization: Bearer &lt;token&gt;</code>.
          Tokens of editors and owners can call the tools; viewers&apos; tokens can only list them. For
          example:
        </p>
        <PublishCopyField
          label="Client configuration"
          value={clientConfig(designName, settings.url)}
          multiline
        />
      </div>

      {save.error ? (
        <div className="form-error" role="alert">
          <p>Not saved: {save.error.message}</p>
          {save.error.data?.issues && save.error.data.issues.length > 0 ? (
            <ul>
              {save.error.data.issues.map((issue, index) => (
                <li key={index}>{issue.message}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <p className="publish-saved" role="status" aria-live="polite">
        {savedMessage}
      </p>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
        {canEdit ? (
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save"}
          </button>
        ) : null}
      </div>
    </form>
  );
}

function AgentCheckbox({
  agent,
  checked,
  onChange,
}: {
  agent: McpPublishing["agents"][number];
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = useId();
  return (
    <li className="publish-check">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        aria-describedby={`${id}-description`}
        onChange={(event) => onChange(event.target.checked)}
      />
      <span>
        <label htmlFor={id}>{agent.name}</label> <span className="badge">{agent.type.replace("_", "-")}</span>
        {agent.toolName === agent.name ? null : <span className="muted"> tool {agent.toolName}</span>}
        <span id={`${id}-description`} className="publish-agent-description muted">
          {agent.description}
        </span>
      </span>
    </li>
  );
}

function PublishBody({
  designId,
  designName,
  canEdit,
  onClose,
}: {
  designId: string;
  designName: string;
  canEdit: boolean;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  // Fetched afresh on every opening (nothing kept once closed): the design may have been saved
  // with other agents since, and the form starts from what the server has.
  const settings = useQuery(
    trpc.designs.publishing.queryOptions({ id: designId }, { staleTime: 0, gcTime: 0 }),
  );
  if (settings.isPending) {
    return (
      <p className="muted" role="status">
        Loading…
      </p>
    );
  }
  if (settings.isError) {
    return (
      <div className="form-error" role="alert">
        The publishing settings could not be loaded: {settings.error.message}{" "}
        <button type="button" className="button" onClick={() => void settings.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  return <PublishForm designName={designName} settings={settings.data} canEdit={canEdit} onClose={onClose} />;
}

/**
 * "Publish as MCP" in the editor's top bar: serves the design at /api/mcp/<id> with chosen agents
 * as tools. Viewers see the settings read-only.
 */
export function PublishMcpButton({ designName, canEdit }: { designName: string; canEdit: boolean }) {
  // The editor's route (/designs/<id>) names the design; outside it there is nothing to publish.
  const designId = useParams<{ id: string }>()?.id;
  const [open, setOpen] = useState(false);
  if (!designId) return null;
  const close = () => setOpen(false);
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        <Plug size={14} aria-hidden />
        Publish as MCP
      </button>
      <Dialog open={open} title="Publish as MCP" onClose={close}>
        <PublishBody designId={designId} designName={designName} canEdit={canEdit} onClose={close} />
      </Dialog>
    </>
  );
}
