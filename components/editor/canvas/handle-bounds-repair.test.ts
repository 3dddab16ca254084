import {
  adoptUserNodes,
  Position,
  type InternalNodeBase,
  type NodeBase,
  type ParentLookup,
} from "@xyflow/system";
import { describe, expect, it } from "vitest";
import { selectCardsWithoutHandles } from "./handle-bounds-repair";

const HANDLES: NonNullable<InternalNodeBase["internals"]["handleBounds"]> = {
  source: [
    { id: "step", type: "source", position: Position.Right, x: 180, y: 60, width: 8, height: 8, nodeId: "a" },
  ],
  target: [
    { id: "in", type: "target", position: Position.Left, x: -4, y: 30, width: 8, height: 8, nodeId: "a" },
  ],
};

function userNode(id: string, extra: Partial<NodeBase> = {}): NodeBase {
  return { id, position: { x: 0, y: 0 }, data: {}, initialWidth: 180, initialHeight: 70, ...extra };
}

/** What React Flow's ResizeObserver does to a card it has measured (updateNodeInternals). */
function measure(lookup: Map<string, InternalNodeBase>, id: string): void {
  const node = lookup.get(id);
  if (!node) throw new Error(`No node ${id}`);
  node.measured = { width: 184, height: 72 };
  node.internals = { ...node.internals, handleBounds: HANDLES };
}

describe("cards React Flow holds without handle positions", () => {
  it("finds a measured card that lost its handles to a new node object without its size, and nothing else", () => {
    const lookup = new Map<string, InternalNodeBase>();
    const parents: ParentLookup = new Map();
    adoptUserNodes([userNode("fresh"), userNode("kept"), userNode("renamed")], lookup, parents);
    // Nothing measured yet: React Flow measures fresh cards itself.
    expect(selectCardsWithoutHandles({ nodeLookup: lookup })).toBe("");

    measure(lookup, "kept");
    measure(lookup, "renamed");
    expect(selectCardsWithoutHandles({ nodeLookup: lookup })).toBe("");

    // "kept" comes back with its measured size, "renamed" as a new object without it (the editor
    // rendered the change before it knew the size); then the size arrives, and the handles do not.
    const kept = userNode("kept", { measured: { width: 184, height: 72 } });
    adoptUserNodes([userNode("fresh"), kept, userNode("renamed", { data: { name: "x" } })], lookup, parents, {
      checkEquality: true,
    });
    expect(lookup.get("renamed")?.internals.handleBounds).toBeUndefined();
    adoptUserNodes(
      [
        userNode("fresh"),
        kept,
        userNode("renamed", { data: { name: "x" }, measured: { width: 184, height: 72 } }),
      ],
      lookup,
      parents,
      { checkEquality: true },
    );
    expect(lookup.get("kept")?.internals.handleBounds).toBe(HANDLES);
    expect(lookup.get("renamed")?.internals.handleBounds).toBeUndefined();
    expect(selectCardsWithoutHandles({ nodeLookup: lookup })).toBe("renamed");

    const hidden = userNode("hidden", { hidden: true, measured: { width: 10, height: 10 } });
    adoptUserNodes([hidden], lookup, parents);
    expect(selectCardsWithoutHandles({ nodeLookup: lookup })).toBe("");
  });
});
