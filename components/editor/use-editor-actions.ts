"use client";

import { useReactFlow, useStoreApi } from "@xyflow/react";
import { useCallback, useMemo, type RefObject } from "react";
import type { EditorFlowEdge, EditorFlowNode } from "@/components/editor/canvas/flow-elements";
import type { EditorActions } from "@/components/editor/editor-context";
import type { EditorStore } from "@/components/editor/state/editor-store";
import { moveNodes } from "@/components/editor/state/graph-edits";
import { findNode } from "@/components/editor/state/graph-queries";

const FALLBACK_NODE_SIZE = { width: 190, height: 90 };
const MOTION_MS = 250;
const REVEAL_MIN_ZOOM = 0.8;

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** What panels ask of the canvas (show a node, fit, lay out...), built on React Flow's instance. */
export function useEditorActions({
  store,
  readOnly,
  announce,
  searchRef,
}: {
  store: EditorStore;
  readOnly: boolean;
  announce: (message: string) => void;
  searchRef: RefObject<HTMLInputElement | null>;
}): EditorActions {
  const flow = useReactFlow<EditorFlowNode, EditorFlowEdge>();
  const flowStore = useStoreApi<EditorFlowNode, EditorFlowEdge>();

  const centreOn = useCallback(
    (nodeIds: string[]) => {
      const points = nodeIds.flatMap((id) => {
        const internal = flow.getInternalNode(id);
        const node = findNode(store.graph, id);
        if (!node) return [];
        const position = internal?.internals.positionAbsolute ?? node.position;
        const width = internal?.measured.width ?? FALLBACK_NODE_SIZE.width;
        const height = internal?.measured.height ?? FALLBACK_NODE_SIZE.height;
        return [{ x: position.x + width / 2, y: position.y + height / 2 }];
      });
      if (points.length === 0) return;
      const x = points.reduce((sum, point) => sum + point.x, 0) / points.length;
      const y = points.reduce((sum, point) => sum + point.y, 0) / points.length;
      // Zoomed in far enough to read the node, but never further out than the person had it.
      void flow.setCenter(x, y, { zoom: Math.max(flow.getZoom(), REVEAL_MIN_ZOOM), duration: MOTION_MS });
    },
    [flow, store],
  );

  const fitView = useCallback(
    () => void flow.fitView({ padding: 0.2, duration: MOTION_MS, maxZoom: 1 }),
    [flow],
  );

  const autoLayout = useCallback(async () => {
    const current = store.graph;
    if (readOnly || current.nodes.length === 0) return;
    const sizes = new Map(
      flow
        .getNodes()
        .flatMap((node) =>
          node.measured?.width && node.measured.height
            ? [[node.id, { width: node.measured.width, height: node.measured.height }] as const]
            : [],
        ),
    );
    try {
      // Loaded on first use: the layout engine is large and most visits never need it.
      const { autoLayout: layOut } = await import("@/components/editor/layout/auto-layout");
      const positions = await layOut(current, sizes);
      store.editGraph((latest) => moveNodes(latest, positions));
      announce(`Laid out ${plural(positions.size, "node")}.`);
      requestAnimationFrame(fitView);
    } catch {
      announce("Auto-layout failed; the drawing is unchanged.");
    }
  }, [announce, fitView, flow, readOnly, store]);

  return useMemo<EditorActions>(
    () => ({
      readOnly,
      announce,
      reveal: (target) => {
        if (target.nodeId !== undefined) {
          store.setSelection({ nodeIds: [target.nodeId] });
          centreOn([target.nodeId]);
        } else if (target.edgeId !== undefined) {
          const edge = store.graph.edges.find((candidate) => candidate.id === target.edgeId);
          store.setSelection({ edgeIds: [target.edgeId] });
          if (edge) centreOn([edge.source, edge.target]);
        } else {
          // Design-level issues (entry, default model) are fixed in the design's settings.
          store.clearSelection();
        }
      },
      fitView,
      viewCentre: () => {
        const { width, height, transform } = flowStore.getState();
        const [x, y, zoom] = transform;
        return { x: (width / 2 - x) / zoom, y: (height / 2 - y) / zoom };
      },
      autoLayout: () => void autoLayout(),
      focusPaletteSearch: () => {
        searchRef.current?.focus();
        searchRef.current?.select();
      },
    }),
    [announce, autoLayout, centreOn, fitView, flowStore, readOnly, searchRef, store],
  );
}
