"use client";

import { BaseEdge, getBezierPath, useStore, type EdgeProps, type ReactFlowState } from "@xyflow/react";
import { memo } from "react";
import { createPortal } from "react-dom";
import type { EditorFlowEdge } from "./flow-elements";

const labelLayers = new WeakMap<HTMLElement, HTMLElement>();

/**
 * React Flow's layer for edge labels, as its EdgeLabelRenderer finds it, but looked up once per
 * canvas: EdgeLabelRenderer runs `querySelector` in a store selector, so every pan or zoom step ran
 * one per edge (499 with the benchmark's design, about 0.5 ms a frame).
 */
function selectLabelLayer(state: ReactFlowState): HTMLElement | null {
  const root = state.domNode;
  if (!root) return null;
  const known = labelLayers.get(root);
  if (known?.isConnected) return known;
  const layer = root.querySelector<HTMLElement>(".react-flow__edgelabel-renderer");
  if (layer) labelLayers.set(root, layer);
  return layer;
}

/**
 * A parent-child edge whose label is HTML above the canvas (in React Flow's edge label layer)
 * rather than SVG text: React Flow measures SVG labels with `getBBox` as they mount, a forced
 * layout each, which stalled a 500-node design for a quarter of a second whenever zooming in
 * brought the labels back. The label is only a picture of the role; the edge's accessible name
 * says the same.
 */
function DesignEdgeView({
  id,
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  label,
  markerEnd,
  style,
  interactionWidth,
  selected,
  data,
}: EdgeProps<EditorFlowEdge>) {
  const [path, labelX, labelY] = getBezierPath({
    sourceX,
    sourceY,
    sourcePosition,
    targetX,
    targetY,
    targetPosition,
  });
  const labelLayer = useStore(selectLabelLayer);
  const classes = ["editor-edge-label", selected ? "is-selected" : "", data?.issue ? `is-${data.issue}` : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={style} interactionWidth={interactionWidth} />
      {labelLayer && typeof label === "string" && label !== ""
        ? createPortal(
            <div
              className={classes}
              data-testid={`edge-label-${id}`}
              aria-hidden
              style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            >
              {label}
            </div>,
            labelLayer,
          )
        : null}
    </>
  );
}

export const DesignEdge = memo(DesignEdgeView);
