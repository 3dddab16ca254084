"use client";

import {
  Background,
  ConnectionLineType,
  Controls,
  ReactFlow,
  useReactFlow,
  useStore,
  useStoreApi,
  type Connection,
  type EdgeChange,
  type EdgeTypes,
  type FinalConnectionState,
  type IsValidConnection,
  type NodeChange,
  type NodeTypes,
} from "@xyflow/react";
import { memo, useCallback, useEffect, useMemo, useState, useSyncExternalStore, type DragEvent } from "react";
import { NODE_KINDS } from "@/components/graph/node-kinds";
import {
  useEditorActions,
  useEditorState,
  useEditorStore,
  useIssues,
} from "@/components/editor/editor-context";
import { isNodeType, NODE_TYPE_MIME } from "@/components/editor/palette/palette-items";
import { checkConnection, ROLE_LABELS } from "@/components/editor/state/connection-rules";
import type { EditorState } from "@/components/editor/state/editor-store";
import { connectNodes, moveNodes, type ConnectionRequest } from "@/components/editor/state/graph-edits";
import { findNode } from "@/components/editor/state/graph-queries";
import { EDGE_ROLES, type EdgeRole, type Graph, type NodePosition } from "@/server/designs/graph-schema";
import { DesignEdge } from "./design-edge";
import { DesignNode } from "./design-node";
import { EditorMiniMap } from "./editor-minimap";
import { useHandleBoundsRepair } from "./handle-bounds-repair";
import {
  createEdgeDeriver,
  createNodeDeriver,
  type EditorFlowEdge,
  type EditorFlowNode,
  type LiveNodeStates,
  type Size,
} from "./flow-elements";
import { createViewportMotion, type ViewportMotion } from "./viewport-motion";

// Module level, created once: React Flow re-mounts every node when nodeTypes changes identity.
const nodeTypes: NodeTypes = { design: DesignNode };
const edgeTypes: EdgeTypes = { design: DesignEdge };

/** Below this zoom the cards' small print is unreadable and is not painted (see editor.css). */
const DETAIL_ZOOM = 0.45;
const selectZoomedOut = (state: { transform: [number, number, number] }) => state.transform[2] < DETAIL_ZOOM;

const DROP_OFFSET = { x: 90, y: 30 };

const notMoving = () => false;

/**
 * Whether the canvas wears its zoomed-out look (editor.css): no small print, edge labels, arrows,
 * shadows or dots. It goes on as soon as the zoom drops below DETAIL_ZOOM, and comes off only once
 * the view is at rest above it. Switching look restyles and repaints every card (150–250 ms with
 * 500 nodes in software rendering), so a zoom that passes the threshold and goes on pays for it
 * once, when it stops, rather than in the middle of the gesture; zooming out past it cannot wait,
 * as the full drawing at a small scale is what is slow to raster on every frame.
 */
function useZoomedOutLook(motion: ViewportMotion): boolean {
  const zoomedOut = useStore(selectZoomedOut);
  const moving = useSyncExternalStore(motion.subscribe, motion.isMoving, notMoving);
  const [look, setLook] = useState(zoomedOut);
  if (zoomedOut && !look) setLook(true);
  else if (!zoomedOut && look && !moving) setLook(false);
  return look;
}

const selectGraph = (state: EditorState) => state.history.present.graph;
const selectSelection = (state: EditorState) => state.selection;

function isEdgeRole(value: string | null | undefined): value is EdgeRole {
  return typeof value === "string" && (EDGE_ROLES as readonly string[]).includes(value);
}

/** Reads a connection either way round: dragged from a role handle, or from a node's input. */
function toRequest(connection: {
  source: string;
  target: string;
  sourceHandle?: string | null;
}): ConnectionRequest | undefined {
  if (!isEdgeRole(connection.sourceHandle)) return undefined;
  return { source: connection.source, target: connection.target, role: connection.sourceHandle };
}

function nodeIdAt(clientX: number, clientY: number): string | undefined {
  const element = document.elementFromPoint(clientX, clientY)?.closest<HTMLElement>(".react-flow__node");
  return element?.dataset.id;
}

function pointerOf(event: MouseEvent | TouchEvent): { x: number; y: number } | undefined {
  if ("changedTouches" in event) {
    const touch = event.changedTouches[0];
    return touch ? { x: touch.clientX, y: touch.clientY } : undefined;
  }
  return { x: event.clientX, y: event.clientY };
}

function describeConnection(graph: Graph, request: ConnectionRequest): string {
  const source = findNode(graph, request.source)?.data.name ?? "?";
  const target = findNode(graph, request.target)?.data.name ?? "?";
  return `Connected "${target}" as a ${ROLE_LABELS[request.role].one} of "${source}".`;
}

function Canvas({ live }: { live: LiveNodeStates | null }) {
  const store = useEditorStore();
  const { readOnly, announce } = useEditorActions();
  const issues = useIssues();
  const graph = useEditorState(selectGraph);
  const selection = useEditorState(selectSelection);
  const { screenToFlowPosition } = useReactFlow<EditorFlowNode, EditorFlowEdge>();
  const [measured, setMeasured] = useState<ReadonlyMap<string, Size>>(() => new Map());
  const [dragPositions, setDragPositions] = useState<ReadonlyMap<string, NodePosition>>(() => new Map());
  const [deriveNodes] = useState(createNodeDeriver);
  const [deriveEdges] = useState(createEdgeDeriver);
  // Fitting the view is for opening a drawing; in an empty design React Flow would instead fit
  // (and jump) to the first node the person adds.
  const [fitOnOpen] = useState(() => graph.nodes.length > 0);
  const flowStore = useStoreApi<EditorFlowNode, EditorFlowEdge>();
  // Pans and zooms go to the compositor while the view moves (viewport-motion.ts).
  const [motion] = useState(() =>
    createViewportMotion(() =>
      flowStore.getState().domNode?.querySelector<HTMLElement>(".react-flow__viewport"),
    ),
  );
  useEffect(() => () => motion.dispose(), [motion]);
  useHandleBoundsRepair();
  // The canvas re-renders when the zoom crosses the threshold and when a move starts or ends, not
  // on every zoom step.
  const zoomedOut = useZoomedOutLook(motion);

  const nodes = useMemo(
    () =>
      deriveNodes({
        graph,
        selectedNodeIds: selection.nodeIds,
        issues,
        live,
        measured,
        dragPositions,
        readOnly,
      }),
    [deriveNodes, graph, selection.nodeIds, issues, live, measured, dragPositions, readOnly],
  );
  const edges = useMemo(
    () => deriveEdges({ graph, selectedEdgeIds: selection.edgeIds, issues, readOnly }),
    [deriveEdges, graph, selection.edgeIds, issues, readOnly],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<EditorFlowNode>[]) => {
      let nextSelected: Set<string> | undefined;
      let nextMeasured: Map<string, Size> | undefined;
      const dragging = new Map<string, NodePosition>();
      const dropped = new Map<string, NodePosition>();
      for (const change of changes) {
        if (change.type === "select") {
          nextSelected ??= new Set(store.getState().selection.nodeIds);
          if (change.selected) nextSelected.add(change.id);
          else nextSelected.delete(change.id);
        } else if (change.type === "dimensions" && change.dimensions) {
          nextMeasured ??= new Map();
          nextMeasured.set(change.id, change.dimensions);
        } else if (change.type === "position" && change.position) {
          if (change.dragging) dragging.set(change.id, change.position);
          else dropped.set(change.id, { x: Math.round(change.position.x), y: Math.round(change.position.y) });
        }
      }
      if (nextSelected)
        store.setSelection({ nodeIds: nextSelected, edgeIds: store.getState().selection.edgeIds });
      if (nextMeasured) {
        const updates = nextMeasured;
        setMeasured((current) => {
          const changed = [...updates].some(([id, size]) => {
            const known = current.get(id);
            return known?.width !== size.width || known.height !== size.height;
          });
          return changed ? new Map([...current, ...updates]) : current;
        });
      }
      if (dragging.size > 0) setDragPositions((current) => new Map([...current, ...dragging]));
      if (dropped.size > 0 && !readOnly) {
        // One undo step per drag (or per arrow-key nudge), committed when the node is let go.
        store.editGraph((current) => moveNodes(current, dropped));
        setDragPositions((current) => {
          if (current.size === 0) return current;
          const rest = new Map(current);
          for (const id of dropped.keys()) rest.delete(id);
          return rest;
        });
      }
    },
    [store, readOnly],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<EditorFlowEdge>[]) => {
      let nextSelected: Set<string> | undefined;
      for (const change of changes) {
        if (change.type !== "select") continue;
        nextSelected ??= new Set(store.getState().selection.edgeIds);
        if (change.selected) nextSelected.add(change.id);
        else nextSelected.delete(change.id);
      }
      if (nextSelected)
        store.setSelection({ nodeIds: store.getState().selection.nodeIds, edgeIds: nextSelected });
    },
    [store],
  );

  const connect = useCallback(
    (request: ConnectionRequest) => {
      const check = checkConnection(store.graph, request);
      if (!check.ok) {
        announce(check.reason);
        return;
      }
      store.editGraph((current) => connectNodes(current, request).graph);
      announce(describeConnection(store.graph, request));
    },
    [store, announce],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      const request = toRequest(connection);
      if (request) connect(request);
    },
    [connect],
  );

  const isValidConnection: IsValidConnection<EditorFlowEdge> = useCallback(
    (connection) => {
      const request = toRequest(connection);
      return request !== undefined && checkConnection(store.graph, request).ok;
    },
    [store],
  );

  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      const { fromNode, fromHandle, toNode, toHandle, isValid } = state;
      // A valid drop was handled by onConnect.
      if (!fromNode || !fromHandle || isValid === true) return;
      const fromSource = fromHandle.type === "source";
      const onOppositeHandle = toNode && toHandle && toHandle.type !== fromHandle.type;
      if (onOppositeHandle) {
        const request = toRequest({
          source: fromSource ? fromNode.id : toNode.id,
          target: fromSource ? toNode.id : fromNode.id,
          sourceHandle: fromSource ? fromHandle.id : toHandle.id,
        });
        const check = request ? checkConnection(store.graph, request) : undefined;
        announce(check && !check.ok ? check.reason : "These two handles cannot be connected.");
        return;
      }
      if (!fromSource) return;
      // Dropped on a node's body (or another role handle) rather than on its input: connect to it.
      const pointer = pointerOf(event);
      const targetId = toNode?.id ?? (pointer ? nodeIdAt(pointer.x, pointer.y) : undefined);
      if (targetId === undefined) {
        announce("To connect, drop on another node (or its input handle on the left).");
        return;
      }
      const request = toRequest({ source: fromNode.id, target: targetId, sourceHandle: fromHandle.id });
      if (request) connect(request);
    },
    [store, announce, connect],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(NODE_TYPE_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(NODE_TYPE_MIME);
      if (!isNodeType(type)) return;
      event.preventDefault();
      const point = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const result = store.addNode(type, { x: point.x - DROP_OFFSET.x, y: point.y - DROP_OFFSET.y });
      announce(result.ok ? `Added ${NODE_KINDS[type].label.toLowerCase()} "${result.name}".` : result.reason);
    },
    [store, announce, screenToFlowPosition],
  );

  return (
    <>
      <ReactFlow<EditorFlowNode, EditorFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        onMoveStart={motion.start}
        onMoveEnd={motion.end}
        isValidConnection={isValidConnection}
        onDragOver={readOnly ? undefined : onDragOver}
        onDrop={readOnly ? undefined : onDrop}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        elementsSelectable
        // Deletion goes through the editor's own shortcut, as one undoable step.
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={["Meta", "Control", "Shift"]}
        connectionLineType={ConnectionLineType.Bezier}
        connectionRadius={28}
        // Every card stays mounted (no onlyRenderVisibleElements): mounting and unmounting the cards
        // that cross the edge of the view on each frame cost more than keeping them, even at 500
        // nodes (bench/RESULTS.md, "Editor").
        minZoom={0.1}
        maxZoom={2}
        fitView={fitOnOpen}
        fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
        proOptions={{ hideAttribution: true }}
        className={zoomedOut ? "is-zoomed-out" : undefined}
        aria-label="Design graph"
      >
        {/* Zoomed out, the dots are a haze that costs a full repaint on every frame of a pan. */}
        {zoomedOut ? null : <Background gap={16} />}
        <Controls showInteractive={false} />
        <EditorMiniMap motion={motion} ariaLabel="Mini map of the design" />
      </ReactFlow>
      {graph.nodes.length === 0 ? (
        <div className="editor-empty">
          <h2>This design is empty</h2>
          <p>
            {readOnly
              ? "It has no agents yet."
              : "Drag a node type from the palette onto the canvas, or choose one and press Enter."}
          </p>
        </div>
      ) : null}
    </>
  );
}

/** The canvas: React Flow over the design graph, with connection rules and palette drops. */
export const EditorCanvas = memo(Canvas);
