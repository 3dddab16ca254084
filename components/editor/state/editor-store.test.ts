import { describe, expect, it, vi } from "vitest";
import { addNode, connectNodes, setNodeField } from "./graph-edits";
import { EditorStore, sameDocument } from "./editor-store";
import { researchDeskGraph } from "./test-graphs";

function createStore() {
  return new EditorStore({ graph: researchDeskGraph(), name: "Research desk", description: "" }, 3);
}

describe("EditorStore", () => {
  it("makes every change one undoable step and notifies subscribers", () => {
    const store = createStore();
    const listener = vi.fn();
    store.subscribe(listener);
    store.editGraph((graph) => addNode(graph, "agent", { x: 0, y: 0 }).graph);
    store.editGraph((graph) => setNodeField(graph, "a1", ["model"], "playback"));
    expect(store.graph.nodes).toHaveLength(6);
    expect(listener).toHaveBeenCalledTimes(2);
    store.undo();
    expect(store.graph.nodes[2]?.data).toMatchObject({ model: "passthrough" });
    store.undo();
    expect(store.graph.nodes).toHaveLength(5);
    expect(store.canUndo).toBe(false);
    store.redo();
    expect(store.graph.nodes).toHaveLength(6);
  });

  it("coalesces typing in one field focus into one step", () => {
    const store = createStore();
    for (const text of ["S", "Se", "Seek"]) {
      store.editGraph((graph) => setNodeField(graph, "a1", ["instruction"], text), {
        coalesceKey: "a1.instruction#1",
      });
    }
    store.seal();
    store.editGraph((graph) => setNodeField(graph, "a1", ["instruction"], "Seek!"), {
      coalesceKey: "a1.instruction#1",
    });
    expect(store.getState().history.past).toHaveLength(2);
    store.undo();
    expect(store.graph.nodes[2]?.data).toMatchObject({ instruction: "Seek" });
  });

  it("keeps the history across a save; saved state compares documents", () => {
    const store = createStore();
    store.editGraph((graph) => setNodeField(graph, "a1", ["model"], "playback"));
    store.markSaved(store.document, 4);
    expect(sameDocument(store.document, store.getState().saved.document)).toBe(true);
    store.undo();
    expect(sameDocument(store.document, store.getState().saved.document)).toBe(false);
    store.redo();
    expect(sameDocument(store.document, store.getState().saved.document)).toBe(true);
    expect(store.getState().saved.version).toBe(4);
  });

  it("deletes the selection as one step and prunes the selection on undo/redo", () => {
    const store = createStore();
    store.setSelection({ nodeIds: ["c"], edgeIds: ["e2"] });
    expect(store.deleteSelection()).toBe(true);
    expect(store.graph.nodes.map((node) => node.id)).toEqual(["r", "a1", "a2", "a3"]);
    expect(store.graph.edges).toEqual([]);
    expect(store.getState().selection.nodeIds.size).toBe(0);
    store.undo();
    expect(store.graph.edges).toHaveLength(4);
    expect(store.deleteSelection()).toBe(false);
  });

  it("copies, pastes further away each time, and duplicates", () => {
    const store = createStore();
    store.setSelection({ nodeIds: ["c", "a1"] });
    expect(store.copy()).toBe(2);
    expect(store.paste()).toBe("Added 2 nodes.");
    expect(store.paste()).toBe("Added 2 nodes.");
    const names = store.graph.nodes.map((node) => node.data.name);
    expect(names.slice(5)).toEqual(["research_2", "finder_2", "research_3", "finder_3"]);
    expect(store.graph.nodes[7]?.position).toEqual({ x: 80, y: 80 });
    expect([...store.getState().selection.nodeIds]).toEqual([
      store.graph.nodes[7]?.id,
      store.graph.nodes[8]?.id,
    ]);
    store.setSelection({ nodeIds: ["a3"] });
    expect(store.duplicate()).toBe("Added 1 node.");
    expect(store.graph.nodes.at(-1)?.data.name).toBe("smalltalk_2");
    store.undo();
    expect(store.graph.nodes).toHaveLength(9);
  });

  it("explains when there is nothing to paste", () => {
    const store = createStore();
    expect(store.paste()).toMatch(/Nothing to paste/);
    expect(store.duplicate()).toMatch(/Select nodes/);
  });

  it("replaces the document as an undoable step and marks it saved", () => {
    const store = createStore();
    store.editGraph((graph) => connectNodes(graph, { source: "a1", target: "a3", role: "tool" }).graph);
    const theirs = { graph: researchDeskGraph(), name: "Theirs", description: "d" };
    store.replaceDocument(theirs, { version: 9 });
    expect(store.document).toBe(theirs);
    expect(store.getState().saved).toEqual({ document: theirs, version: 9 });
    store.undo();
    expect(store.graph.edges).toHaveLength(5);
  });

  it("keeps drafts of invalid field text", () => {
    const store = createStore();
    store.setDraft("a1.name", "bad name");
    expect(store.getState().drafts.get("a1.name")).toBe("bad name");
    store.setDraft("a1.name", undefined);
    expect(store.getState().drafts.size).toBe(0);
  });
});

describe("EditorStore.addNode", () => {
  it("adds a selected node with a numbered name, as one step", () => {
    const store = createStore();
    const result = store.addNode("agent", { x: 1, y: 2 });
    expect(result).toMatchObject({ ok: true, name: "agent_1" });
    if (!result.ok) return;
    expect([...store.getState().selection.nodeIds]).toEqual([result.nodeId]);
    store.undo();
    expect(store.graph.nodes).toHaveLength(5);
  });
});
