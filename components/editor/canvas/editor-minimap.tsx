"use client";

import {
  getNodesBounds,
  Panel,
  useStore,
  useStoreApi,
  type ReactFlowState,
  type Rect,
  type Transform,
} from "@xyflow/react";
import { XYMinimap, type XYMinimapInstance } from "@xyflow/system";
import { memo, useEffect, useMemo, useRef, useState } from "react";
import { NODE_KINDS } from "@/components/graph/node-kinds";
import type { EditorFlowEdge, EditorFlowNode } from "./flow-elements";
import type { ViewportMotion } from "./viewport-motion";

const WIDTH = 200;
const HEIGHT = 150;
/** Room around the drawing, in minimap pixels (as React Flow's own minimap). */
const OFFSET = 5;
const NODE_RADIUS = 5;
const TITLE_ID = "editor-minimap-title";

// The editor's React Flow holds only the canvas's own nodes (editor-canvas.tsx).
const selectNodes = (state: ReactFlowState) => state.nodes as EditorFlowNode[];
const selectTransform = (state: ReactFlowState) => state.transform;
const selectPanZoom = (state: ReactFlowState) => state.panZoom;
const selectTranslateExtent = (state: ReactFlowState) => state.translateExtent;
const selectFlowWidth = (state: ReactFlowState) => state.width;
const selectFlowHeight = (state: ReactFlowState) => state.height;

/** The part of the drawing the canvas shows, in flow coordinates. */
function viewRect(transform: Transform, width: number, height: number): Rect {
  const [x, y, zoom] = transform;
  return { x: -x / zoom, y: -y / zoom, width: width / zoom, height: height / zoom };
}

function union(first: Rect, second: Rect): Rect {
  const x = Math.min(first.x, second.x);
  const y = Math.min(first.y, second.y);
  return {
    x,
    y,
    width: Math.max(first.x + first.width, second.x + second.width) - x,
    height: Math.max(first.y + first.height, second.y + second.height) - y,
  };
}

/** The minimap's viewBox, framing `bounds` as React Flow's MiniMap does, and its flow units per pixel. */
function frameOf(bounds: Rect): { viewBox: Rect; scale: number } {
  const scale = Math.max(bounds.width / WIDTH, bounds.height / HEIGHT) || 1;
  const width = scale * WIDTH;
  const height = scale * HEIGHT;
  const offset = OFFSET * scale;
  return {
    scale,
    viewBox: {
      x: bounds.x - (width - bounds.width) / 2 - offset,
      y: bounds.y - (height - bounds.height) / 2 - offset,
      width: width + 2 * offset,
      height: height + 2 * offset,
    },
  };
}

const MiniMapNode = memo(function MiniMapNode({
  x,
  y,
  width,
  height,
  color,
  selected,
}: {
  x: number;
  y: number;
  width: number;
  height: number;
  color: string;
  selected: boolean;
}) {
  return (
    <rect
      className={selected ? "react-flow__minimap-node selected" : "react-flow__minimap-node"}
      x={x}
      y={y}
      width={width}
      height={height}
      rx={NODE_RADIUS}
      ry={NODE_RADIUS}
      style={{ fill: color }}
      shapeRendering="crispEdges"
    />
  );
});

const MiniMapNodes = memo(function MiniMapNodes({ nodes }: { nodes: readonly EditorFlowNode[] }) {
  return nodes.map((node) => {
    const width = node.measured?.width ?? node.initialWidth ?? 0;
    const height = node.measured?.height ?? node.initialHeight ?? 0;
    if (node.hidden || width === 0 || height === 0) return null;
    return (
      <MiniMapNode
        key={node.id}
        x={node.position.x}
        y={node.position.y}
        width={width}
        height={height}
        color={NODE_KINDS[node.data.node.type].color}
        selected={node.selected === true}
      />
    );
  });
});

/** The shaded area outside the view; the only part of the minimap that follows a pan or zoom. */
function ViewMask({ viewBox }: { viewBox: Rect }) {
  const transform = useStore(selectTransform);
  const flowWidth = useStore(selectFlowWidth);
  const flowHeight = useStore(selectFlowHeight);
  const view = viewRect(transform, flowWidth, flowHeight);
  // The outer rectangle reaches well past the viewBox, so a view that moved outside the frame
  // during a move still reads as "here", clipped at the minimap's edge.
  const margin = Math.max(viewBox.width, viewBox.height);
  return (
    <path
      className="react-flow__minimap-mask"
      d={`M${viewBox.x - margin},${viewBox.y - margin}h${viewBox.width + 2 * margin}v${viewBox.height + 2 * margin}h${-viewBox.width - 2 * margin}z
        M${view.x},${view.y}h${view.width}v${view.height}h${-view.width}z`}
      fillRule="evenodd"
      pointerEvents="none"
    />
  );
}

/**
 * An overview of the design, pannable and zoomable like React Flow's MiniMap (and drawn with its
 * class names, so it looks the same), with one difference: its frame (the viewBox) only changes
 * when the nodes change or the view comes to rest, never during a pan or zoom. React Flow's minimap
 * reframes on every step of a move whenever the view reaches past the drawing (as it does in a
 * fitted view), and a viewBox change is a transform change that makes Chromium re-layerize the
 * whole page: 10–20 ms per frame with 500 nodes (bench/RESULTS.md). During a move only the shaded
 * mask moves, which is a repaint of the minimap alone.
 */
function EditorMiniMapView({ motion, ariaLabel }: { motion: ViewportMotion; ariaLabel: string }) {
  const store = useStoreApi<EditorFlowNode, EditorFlowEdge>();
  const nodes = useStore(selectNodes);
  const panZoom = useStore(selectPanZoom);
  const translateExtent = useStore(selectTranslateExtent);
  const flowWidth = useStore(selectFlowWidth);
  const flowHeight = useStore(selectFlowHeight);
  // The transform the last time the view was at rest.
  const [restTransform, setRestTransform] = useState<Transform>(() => store.getState().transform);
  useEffect(
    () =>
      motion.subscribe(() => {
        if (!motion.isMoving()) setRestTransform(store.getState().transform);
      }),
    [motion, store],
  );

  const nodeBounds = useMemo(() => (nodes.length > 0 ? getNodesBounds(nodes) : undefined), [nodes]);
  const { viewBox, scale } = useMemo(() => {
    const view = viewRect(restTransform, flowWidth, flowHeight);
    return frameOf(nodeBounds ? union(nodeBounds, view) : view);
  }, [nodeBounds, restTransform, flowWidth, flowHeight]);

  const svg = useRef<SVGSVGElement>(null);
  const scaleRef = useRef(scale);
  const minimap = useRef<XYMinimapInstance | undefined>(undefined);
  useEffect(() => {
    scaleRef.current = scale;
  }, [scale]);
  useEffect(() => {
    if (!svg.current || !panZoom) return;
    const instance = XYMinimap({
      domNode: svg.current,
      panZoom,
      getTransform: () => store.getState().transform,
      getViewScale: () => scaleRef.current,
    });
    minimap.current = instance;
    return () => {
      instance.destroy();
      minimap.current = undefined;
    };
  }, [panZoom, store]);
  useEffect(() => {
    minimap.current?.update({
      translateExtent,
      width: flowWidth,
      height: flowHeight,
      pannable: true,
      zoomable: true,
    });
  }, [panZoom, translateExtent, flowWidth, flowHeight]);

  return (
    <Panel position="bottom-right" className="react-flow__minimap" data-testid="rf__minimap">
      <svg
        ref={svg}
        width={WIDTH}
        height={HEIGHT}
        viewBox={`${viewBox.x} ${viewBox.y} ${viewBox.width} ${viewBox.height}`}
        className="react-flow__minimap-svg"
        role="img"
        aria-labelledby={TITLE_ID}
      >
        <title id={TITLE_ID}>{ariaLabel}</title>
        <MiniMapNodes nodes={nodes} />
        <ViewMask viewBox={viewBox} />
      </svg>
    </Panel>
  );
}

export const EditorMiniMap = memo(EditorMiniMapView);
