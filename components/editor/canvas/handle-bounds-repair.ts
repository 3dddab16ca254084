"use client";

import { useStore, useUpdateNodeInternals, type ReactFlowState } from "@xyflow/react";
import { useEffect } from "react";

/**
 * Measures again every card React Flow holds with a size but without handle positions.
 *
 * Why: React Flow forgets a node's handle positions when it is handed a new object for the node
 * without `measured` (`parseHandles` in @xyflow/system), and measures the card again only when the
 * card's "initialised" flag changes between two of its renders. When a card's first measurement
 * lands after a change to that node has been rendered but before React Flow has taken the new
 * object, the flag never changes on a render: the card keeps its size and no handles, so its
 * edges are in the design but not drawn and drops on its input are not seen (xyflow issues #4888
 * and #6022; it happened on a loaded CI machine). The editor's nodes carry their measured size as
 * soon as it is known, so this window is short, but it exists.
 *
 * A fresh card has no size yet and is measured by React Flow itself, so only sized cards count.
 * The check runs on each store update (a walk over the node lookup, a few microseconds with 500
 * nodes) and re-renders only when the set of such cards changes.
 */
export function selectCardsWithoutHandles(state: Pick<ReactFlowState, "nodeLookup">): string {
  let ids = "";
  for (const node of state.nodeLookup.values()) {
    if (node.measured.width !== undefined && node.internals.handleBounds === undefined && !node.hidden) {
      ids += ids === "" ? node.id : `\n${node.id}`;
    }
  }
  return ids;
}

export function useHandleBoundsRepair(): void {
  const cardsWithoutHandles = useStore(selectCardsWithoutHandles);
  const updateNodeInternals = useUpdateNodeInternals();
  useEffect(() => {
    if (cardsWithoutHandles !== "") updateNodeInternals(cardsWithoutHandles.split("\n"));
  }, [cardsWithoutHandles, updateNodeInternals]);
}
