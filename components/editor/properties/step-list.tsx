"use client";

import { ArrowDown, ArrowUp, GripVertical, Trash2 } from "lucide-react";
import { useLayoutEffect, useRef, useState, type DragEvent } from "react";
import { useEditorActions, useEditorStore } from "@/components/editor/editor-context";
import { removeElements, reorderSteps } from "@/components/editor/state/graph-edits";
import { stepEdgesOf } from "@/components/editor/state/graph-queries";
import type { Graph, GraphNode } from "@/server/designs/graph-schema";

/** The drag payload: the id of the step edge being moved (only this list accepts it). */
export const STEP_DRAG_TYPE = "application/x-trellis-step";

type Direction = -1 | 1;

/**
 * Moves one step of a chain to a position in its run order, computed on the graph the change is
 * applied to (not the one last rendered), so a quick second move never works on stale order.
 */
function moveStepTo(graph: Graph, chainId: string, edgeId: string, toIndex: number): Graph {
  const ids = stepEdgesOf(graph, chainId).map((edge) => edge.id);
  const from = ids.indexOf(edgeId);
  if (from < 0 || toIndex < 0 || toIndex >= ids.length || from === toIndex) return graph;
  ids.splice(from, 1);
  ids.splice(toIndex, 0, edgeId);
  return reorderSteps(graph, chainId, ids);
}

/**
 * The whole row follows the pointer rather than the small grip. Only a picture: where it is not
 * supported (happy-dom throws "not implemented"), the browser's default image does as well.
 */
function showRowAsDragImage(event: DragEvent<HTMLElement>): void {
  const row = event.currentTarget.closest("li");
  if (row === null) return;
  try {
    event.dataTransfer.setDragImage(row, 12, 12);
  } catch {
    // Keep the default image.
  }
}

/**
 * A chain's steps in run order. Each move is one undo step, and there are two ways to make one:
 * drag a row by its grip onto the row whose place it should take (mouse), or the Move up / Move
 * down buttons (keyboard; focus stays on the moved step). Moves are announced with the new
 * position, since the reordered list alone says nothing to a screen reader.
 */
export function StepList({ graph, chain, disabled }: { graph: Graph; chain: GraphNode; disabled: boolean }) {
  const store = useEditorStore();
  const { reveal, announce } = useEditorActions();
  const steps = stepEdgesOf(graph, chain.id);
  const names = new Map(graph.nodes.map((node) => [node.id, node.data.name]));
  const listRef = useRef<HTMLOListElement>(null);
  const [dragged, setDragged] = useState<string | null>(null);
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  // Set by a button move: React moves the row in the DOM, which drops focus, so put it back.
  const focusAfterMove = useRef<{ edgeId: string; direction: Direction } | null>(null);

  useLayoutEffect(() => {
    const pending = focusAfterMove.current;
    if (pending === null) return;
    focusAfterMove.current = null;
    const row = [...(listRef.current?.children ?? [])].find(
      (element) => element instanceof HTMLElement && element.dataset.stepId === pending.edgeId,
    );
    const buttons = [pending.direction, -pending.direction].map((direction) =>
      row?.querySelector<HTMLButtonElement>(`button[data-move="${direction}"]`),
    );
    // The same button while it can move further; at either end the other one.
    buttons.find((button) => button && !button.disabled)?.focus();
  });

  function move(edgeId: string, toIndex: number): void {
    const name = names.get(steps.find((step) => step.id === edgeId)?.target ?? "") ?? "?";
    const before = store.graph;
    store.editGraph((current) => moveStepTo(current, chain.id, edgeId, toIndex));
    if (store.graph !== before) announce(`Moved "${name}" to step ${toIndex + 1} of ${steps.length}.`);
  }

  function moveByButton(edgeId: string, index: number, direction: Direction): void {
    focusAfterMove.current = { edgeId, direction };
    move(edgeId, index + direction);
  }

  function endDrag(): void {
    setDragged(null);
    setDropTarget(null);
  }

  function onDragOver(event: DragEvent, edgeId: string): void {
    if (!event.dataTransfer.types.includes(STEP_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    setDropTarget(edgeId);
  }

  function onDrop(event: DragEvent, targetIndex: number): void {
    const edgeId = event.dataTransfer.getData(STEP_DRAG_TYPE);
    endDrag();
    // Only this chain's steps: a payload from elsewhere is not ours to place.
    if (!steps.some((step) => step.id === edgeId)) return;
    event.preventDefault();
    move(edgeId, targetIndex);
  }

  if (steps.length === 0) return <p className="muted editor-children-empty">No steps yet.</p>;
  return (
    <ol ref={listRef} className="editor-children" aria-label={`Steps of ${chain.data.name}`}>
      {steps.map((edge, index) => {
        const name = names.get(edge.target) ?? "?";
        const classes = [
          edge.id === dragged ? "is-dragged" : "",
          edge.id === dropTarget && edge.id !== dragged ? "is-drop-target" : "",
        ].filter(Boolean);
        return (
          <li
            key={edge.id}
            data-step-id={edge.id}
            className={classes.join(" ") || undefined}
            onDragOver={(event) => onDragOver(event, edge.id)}
            onDragLeave={() => setDropTarget((current) => (current === edge.id ? null : current))}
            onDrop={(event) => onDrop(event, index)}
          >
            {disabled ? null : (
              // Mouse only, so hidden from assistive technology: the buttons below do the same.
              <span
                className="editor-step-grip"
                draggable
                title="Drag to reorder"
                aria-hidden
                onDragStart={(event) => {
                  event.dataTransfer.setData(STEP_DRAG_TYPE, edge.id);
                  event.dataTransfer.effectAllowed = "move";
                  setDragged(edge.id);
                  showRowAsDragImage(event);
                }}
                onDragEnd={endDrag}
              >
                <GripVertical size={14} />
              </span>
            )}
            <span className="editor-children-order">{index + 1}.</span>
            <button type="button" className="link-button" onClick={() => reveal({ nodeId: edge.target })}>
              {name}
            </button>
            <span className="spacer" />
            <button
              type="button"
              className="icon-button"
              data-move="-1"
              aria-label={`Move up: ${name}`}
              title="Move up"
              disabled={disabled || index === 0}
              onClick={() => moveByButton(edge.id, index, -1)}
            >
              <ArrowUp size={14} aria-hidden />
            </button>
            <button
              type="button"
              className="icon-button"
              data-move="1"
              aria-label={`Move down: ${name}`}
              title="Move down"
              disabled={disabled || index === steps.length - 1}
              onClick={() => moveByButton(edge.id, index, 1)}
            >
              <ArrowDown size={14} aria-hidden />
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label={`Remove step: ${name}`}
              title="Remove this step (the agent stays)"
              disabled={disabled}
              onClick={() => store.editGraph((current) => removeElements(current, { edgeIds: [edge.id] }))}
            >
              <Trash2 size={14} aria-hidden />
            </button>
          </li>
        );
      })}
    </ol>
  );
}
