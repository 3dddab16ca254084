/**
 * Renders the real properties panel inside the real editor contexts (store, actions built on
 * React Flow's provider, validation, announcer), as the editor shell wires them, minus the
 * canvas, palette and top bar. Nothing of ours is replaced: tests drive the panel as a person
 * would and read the outcome from the store.
 */
import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ReactFlowProvider } from "@xyflow/react";
import { useRef } from "react";
import {
  EditorActionsContext,
  EditorStoreContext,
  IssuesContext,
  useEditorState,
  useEditorStore,
} from "@/components/editor/editor-context";
import { PropertiesPanel } from "@/components/editor/properties/properties-panel";
import { EditorStore, type EditorState } from "@/components/editor/state/editor-store";
import { useAnnouncer } from "@/components/editor/use-announcer";
import { useEditorActions } from "@/components/editor/use-editor-actions";
import { useGraphValidation } from "@/components/editor/validation/use-graph-validation";
import {
  McpSourceContext,
  useMcpSource,
  useRegisteredServerNames,
  type McpSource,
} from "@/components/mcp/mcp-source";
import { plainMcpSource } from "@/components/mcp/testing/plain-mcp-source";
import type { Graph, GraphNode } from "@/server/designs/graph-schema";
import { nodeNamed } from "./panel-graphs";

const selectGraph = (state: EditorState) => state.history.present.graph;

function PanelInEditor({ readOnly }: { readOnly: boolean }) {
  const store = useEditorStore();
  const graph = useEditorState(selectGraph);
  const issues = useGraphValidation(graph, useRegisteredServerNames(useMcpSource().servers));
  const { message, announce } = useAnnouncer();
  const searchRef = useRef<HTMLInputElement>(null);
  const actions = useEditorActions({ store, readOnly, announce, searchRef });
  return (
    <EditorActionsContext.Provider value={actions}>
      <IssuesContext.Provider value={issues}>
        <PropertiesPanel />
        <div role="status" aria-live="polite">
          {message ? <span key={message.serial}>{message.text}</span> : null}
        </div>
      </IssuesContext.Provider>
    </EditorActionsContext.Provider>
  );
}

export type RenderPanelOptions = {
  /** The node whose form is shown; without it the panel shows the design's settings. */
  selected?: string;
  readOnly?: boolean;
  /** The MCP registry and servers the panel sees; by default a workspace with none registered. */
  mcp?: McpSource;
};

export function renderPanel(graph: Graph, options: RenderPanelOptions = {}) {
  const store = new EditorStore({ graph, name: "Panel test", description: "" }, 1);
  if (options.selected !== undefined) {
    store.setSelection({ nodeIds: [nodeNamed(graph, options.selected).id] });
  }
  const user = userEvent.setup();
  const view = render(
    <EditorStoreContext.Provider value={store}>
      <McpSourceContext.Provider value={options.mcp ?? plainMcpSource([]).source}>
        <ReactFlowProvider>
          <PanelInEditor readOnly={options.readOnly ?? false} />
        </ReactFlowProvider>
      </McpSourceContext.Provider>
    </EditorStoreContext.Provider>,
  );
  const panel = screen.getByRole("complementary", { name: "Properties" });
  return { ...view, store, user, panel };
}

/** How many undo steps the store holds. */
export function undoSteps(store: EditorStore): number {
  return store.getState().history.past.length;
}

/** The current data of a node, by name, from the store's present graph. */
export function dataOf(store: EditorStore, name: string): GraphNode["data"] & Record<string, unknown> {
  return nodeNamed(store.graph, name).data;
}

/** Undo as the shortcut does, with React's updates flushed before the test looks. */
export function undo(store: EditorStore): void {
  act(() => void store.undo());
}

export function redo(store: EditorStore): void {
  act(() => void store.redo());
}
