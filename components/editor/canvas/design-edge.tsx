"use client";

import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from "@xyflow/react";
import { memo } from "react";
import type { EditorFlowEdge } from "./flow-elements";

/**
 * A parent-child edge whose label is HTML above the canvas rather than SVG text: React Flow
 * measures SVG labels with `getBBox` as they mount, a forced layout each, which stalled a 500-node
 * design for a quarter of a second whenever zooming in brought the labels back. The label is only
 * a picture of the role; the edge's accessible name says the same.
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
  const classes = ["editor-edge-label", selected ? "is-selected" : "", data?.issue ? `is-${data.issue}` : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={style} interactionWidth={interactionWidth} />
      {typeof label === "string" && label !== "" ? (
        <EdgeLabelRenderer>
          <div
            className={classes}
            data-testid={`edge-label-${id}`}
            aria-hidden
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          >
            {label}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}

export const DesignEdge = memo(DesignEdgeView);
