"use client";

import { Trash2 } from "lucide-react";
import { useId, useState } from "react";
import { useEditorActions, useEditorStore } from "@/components/editor/editor-context";
import { checkConnection, ROLE_LABELS, rolesOf } from "@/components/editor/state/connection-rules";
import { connectNodes, removeElements } from "@/components/editor/state/graph-edits";
import { childEdgesOf } from "@/components/editor/state/graph-queries";
import type { EdgeRole, Graph, GraphNode } from "@/server/designs/graph-schema";
import { NodeOptions, nodeOptionEntries } from "./node-options";
import { StepList } from "./step-list";

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function RoleChildren({
  graph,
  node,
  role,
  disabled,
}: {
  graph: Graph;
  node: GraphNode;
  role: EdgeRole;
  disabled: boolean;
}) {
  const store = useEditorStore();
  const { reveal } = useEditorActions();
  const edges = childEdgesOf(graph, node.id, role);
  const names = new Map(graph.nodes.map((candidate) => [candidate.id, candidate.data.name]));
  if (edges.length === 0) return <p className="muted editor-children-empty">None yet.</p>;
  return (
    <ul
      className="editor-children"
      aria-label={`${capitalised(ROLE_LABELS[role].many)} of ${node.data.name}`}
    >
      {edges.map((edge) => {
        const name = names.get(edge.target) ?? "?";
        return (
          <li key={edge.id}>
            <button type="button" className="link-button" onClick={() => reveal({ nodeId: edge.target })}>
              {name}
            </button>
            <span className="spacer" />
            <button
              type="button"
              className="icon-button"
              aria-label={`Remove ${ROLE_LABELS[role].one}: ${name}`}
              title={`Remove this ${ROLE_LABELS[role].one} (the agent stays)`}
              disabled={disabled}
              onClick={() => store.editGraph((current) => removeElements(current, { edgeIds: [edge.id] }))}
            >
              <Trash2 size={14} aria-hidden />
            </button>
          </li>
        );
      })}
    </ul>
  );
}

/** Connects a child from the panel: the keyboard way to draw an edge. */
function AddChild({ graph, node, disabled }: { graph: Graph; node: GraphNode; disabled: boolean }) {
  const store = useEditorStore();
  const { announce } = useEditorActions();
  const id = useId();
  const roles = rolesOf(node.type);
  const [role, setRole] = useState<EdgeRole>(roles[0] ?? "tool");
  const [childId, setChildId] = useState("");
  const [error, setError] = useState<string | null>(null);
  const candidateEntries = nodeOptionEntries(
    graph.nodes
      .filter((candidate) => candidate.id !== node.id)
      .map((candidate) => ({ value: candidate.id, label: candidate.data.name })),
  );

  function add() {
    if (childId === "") {
      setError("Choose the node to connect.");
      return;
    }
    const request = { source: node.id, target: childId, role };
    const check = checkConnection(store.graph, request);
    if (!check.ok) {
      setError(check.reason);
      return;
    }
    setError(null);
    store.editGraph((current) => connectNodes(current, request).graph);
    setChildId("");
    announce(`Connected "${graph.nodes.find((candidate) => candidate.id === childId)?.data.name ?? ""}".`);
  }

  return (
    <fieldset className="editor-fieldset" disabled={disabled}>
      <legend>Add a child</legend>
      {roles.length > 1 ? (
        <div className="field">
          <label htmlFor={`${id}-role`}>Child role</label>
          <select
            id={`${id}-role`}
            className="input"
            value={role}
            onChange={(event) => setRole(event.target.value as EdgeRole)}
          >
            {roles.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-child`}>Child node</label>
        <select
          id={`${id}-child`}
          className="input"
          value={childId}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(event) => {
            setChildId(event.target.value);
            setError(null);
          }}
        >
          <option value="">Choose a node…</option>
          <NodeOptions entries={candidateEntries} />
        </select>
      </div>
      {error ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="button" className="button" onClick={add}>
        Connect as {roles.length > 1 ? role : (roles[0] ?? "child")}
      </button>
    </fieldset>
  );
}

/** A node's children by role: the chain's ordered steps, routes, workers, tools... */
export function NodeChildren({
  graph,
  node,
  disabled,
}: {
  graph: Graph;
  node: GraphNode;
  disabled: boolean;
}) {
  const roles = rolesOf(node.type);
  return (
    <section className="editor-section" aria-label="Children">
      <h3 className="editor-panel-heading">Children</h3>
      {roles.map((role) => (
        <div key={role} className="editor-role-group">
          <h4>{capitalised(ROLE_LABELS[role].many)}</h4>
          {role === "step" ? (
            <StepList graph={graph} chain={node} disabled={disabled} />
          ) : (
            <RoleChildren graph={graph} node={node} role={role} disabled={disabled} />
          )}
        </div>
      ))}
      {disabled ? null : <AddChild graph={graph} node={node} disabled={disabled} />}
    </section>
  );
}
