"use client";

import { Copy, Trash2 } from "lucide-react";
import { memo } from "react";
import {
  useEditorActions,
  useEditorState,
  useEditorStore,
  useIssues,
} from "@/components/editor/editor-context";
import type { EditorState } from "@/components/editor/state/editor-store";
import { removeElements } from "@/components/editor/state/graph-edits";
import { findNode } from "@/components/editor/state/graph-queries";
import { edgeLabels } from "@/components/editor/canvas/flow-elements";
import type { Graph, GraphEdge } from "@/server/designs/graph-schema";
import { DesignForm } from "./design-form";
import { IssueMessages } from "./issue-messages";
import { NodeForm } from "./node-form";
import { ModelSuggestions } from "./schema-field";

const selectGraph = (state: EditorState) => state.history.present.graph;
const selectSelection = (state: EditorState) => state.selection;

function EdgeDetails({ graph, edge }: { graph: Graph; edge: GraphEdge }) {
  const store = useEditorStore();
  const { readOnly, reveal } = useEditorActions();
  const issues = useIssues().byEdge.get(edge.id);
  const source = findNode(graph, edge.source)?.data.name ?? "?";
  const target = findNode(graph, edge.target)?.data.name ?? "?";
  return (
    <div className="editor-edge-details">
      <h3 className="editor-panel-heading">Edge</h3>
      <p>
        <strong>{edgeLabels(graph).get(edge.id) ?? edge.role}</strong> from{" "}
        <button type="button" className="link-button" onClick={() => reveal({ nodeId: edge.source })}>
          {source}
        </button>{" "}
        to{" "}
        <button type="button" className="link-button" onClick={() => reveal({ nodeId: edge.target })}>
          {target}
        </button>
      </p>
      {issues ? <IssueMessages messages={issues.messages} errors={issues.errors} /> : null}
      {readOnly ? null : (
        <button
          type="button"
          className="button"
          onClick={() =>
            store.editGraph((current) => removeElements(current, { edgeIds: [edge.id] }), { select: {} })
          }
        >
          <Trash2 size={14} aria-hidden />
          Remove edge
        </button>
      )}
    </div>
  );
}

function MultipleSelected({ nodes, edges }: { nodes: number; edges: number }) {
  const store = useEditorStore();
  const { readOnly, announce } = useEditorActions();
  const parts = [
    nodes > 0 ? `${nodes} ${nodes === 1 ? "node" : "nodes"}` : "",
    edges > 0 ? `${edges} ${edges === 1 ? "edge" : "edges"}` : "",
  ].filter(Boolean);
  return (
    <div>
      <p>{parts.join(" and ")} selected.</p>
      {readOnly ? null : (
        <div className="editor-form-actions">
          {nodes > 0 ? (
            <button type="button" className="button" onClick={() => announce(store.duplicate())}>
              <Copy size={14} aria-hidden />
              Duplicate
            </button>
          ) : null}
          <button type="button" className="button" onClick={() => store.deleteSelection()}>
            <Trash2 size={14} aria-hidden />
            Delete selection
          </button>
        </div>
      )}
    </div>
  );
}

/** The right-hand panel: the selected node's properties, an edge, or the design's settings. */
function Properties() {
  const graph = useEditorState(selectGraph);
  const { nodeIds, edgeIds } = useEditorState(selectSelection);
  const [onlyNodeId] = nodeIds;
  const [onlyEdgeId] = edgeIds;
  let content;
  let heading = "Design";
  if (nodeIds.size === 1 && edgeIds.size === 0 && onlyNodeId !== undefined) {
    const node = findNode(graph, onlyNodeId);
    heading = "Node";
    content = node ? <NodeForm key={node.id} graph={graph} node={node} /> : null;
  } else if (nodeIds.size === 0 && edgeIds.size === 1 && onlyEdgeId !== undefined) {
    const edge = graph.edges.find((candidate) => candidate.id === onlyEdgeId);
    heading = "Edge";
    content = edge ? <EdgeDetails graph={graph} edge={edge} /> : null;
  } else if (nodeIds.size + edgeIds.size > 1) {
    heading = "Selection";
    content = <MultipleSelected nodes={nodeIds.size} edges={edgeIds.size} />;
  } else {
    content = <DesignForm />;
  }
  return (
    <aside className="editor-properties" aria-label="Properties">
      <h2 className="editor-panel-title">{heading}</h2>
      {content}
      <ModelSuggestions />
    </aside>
  );
}

/** Memoised: it follows the store itself, so the editor's re-renders need not reach it. */
export const PropertiesPanel = memo(Properties);
