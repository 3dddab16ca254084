"use client";

import { Copy, Flag, Trash2 } from "lucide-react";
import { NODE_KINDS } from "@/components/graph/node-kinds";
import { useEditorActions, useEditorStore, useIssues } from "@/components/editor/editor-context";
import { setEntry } from "@/components/editor/state/graph-edits";
import { entryNodeOf } from "@/components/editor/state/graph-queries";
import type { Graph, GraphNode } from "@/server/designs/graph-schema";
import { fieldsFor } from "./field-descriptors";
import { IssueMessages } from "./issue-messages";
import { NodeChildren } from "./node-children";
import { NodeField } from "./schema-field";

/** The properties of one node: a form generated from its type's data schema, then its children. */
export function NodeForm({ graph, node }: { graph: Graph; node: GraphNode }) {
  const store = useEditorStore();
  const { readOnly, announce } = useEditorActions();
  const issues = useIssues().byNode.get(node.id);
  const kind = NODE_KINDS[node.type];
  const Icon = kind.icon;
  const isEntry = entryNodeOf(graph)?.id === node.id;
  const data = node.data as Readonly<Record<string, unknown>>;

  return (
    <form
      className="editor-node-form"
      aria-label={`Properties of ${node.data.name}`}
      onSubmit={(event) => event.preventDefault()}
    >
      <div className="editor-form-header">
        <span className="editor-form-kind" style={{ color: kind.color }}>
          <Icon size={16} aria-hidden />
          {kind.label}
        </span>
        {isEntry ? <span className="badge">Entry agent</span> : null}
      </div>
      {issues ? <IssueMessages messages={issues.messages} errors={issues.errors} /> : null}
      {fieldsFor(node.type).map((field) => (
        <NodeField
          key={field.path.join(".")}
          nodeId={node.id}
          field={field}
          data={data}
          disabled={readOnly}
        />
      ))}
      <NodeChildren key={node.id} graph={graph} node={node} disabled={readOnly} />
      {readOnly ? null : (
        <div className="editor-form-actions">
          {isEntry && graph.entry !== undefined ? null : (
            <button
              type="button"
              className="button"
              onClick={() => store.editGraph((current) => setEntry(current, node.data.name))}
            >
              <Flag size={14} aria-hidden />
              Make entry agent
            </button>
          )}
          <button type="button" className="button" onClick={() => announce(store.duplicate())}>
            <Copy size={14} aria-hidden />
            Duplicate
          </button>
          <button type="button" className="button" onClick={() => store.deleteSelection()}>
            <Trash2 size={14} aria-hidden />
            Delete node
          </button>
        </div>
      )}
    </form>
  );
}
