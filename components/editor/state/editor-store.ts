/**
 * The editor's state outside React: the document with its undo history, the selection, the last
 * saved document, unapplied field drafts and the clipboard. Components subscribe to the parts
 * they show (useSyncExternalStore), so typing in one field does not re-render the palette.
 */
import { MAX_NODES, type Graph, type NodePosition, type NodeType } from "@/server/designs/graph-schema";
import { copySelection, isEmptyFragment, pasteFragment, PASTE_OFFSET, type GraphFragment } from "./clipboard";
import { addNode, removeElements } from "./graph-edits";
import { canRedo, canUndo, commit, createHistory, redo, sealHistory, undo, type History } from "./history";

/** What one design consists of, as far as the editor changes it. */
export type EditorDocument = { readonly graph: Graph; readonly name: string; readonly description: string };

export type Selection = { readonly nodeIds: ReadonlySet<string>; readonly edgeIds: ReadonlySet<string> };

export type EditorState = {
  readonly history: History<EditorDocument>;
  readonly selection: Selection;
  /** The document as the server has it, and its version: "saved" means present equals this. */
  readonly saved: { readonly document: EditorDocument; readonly version: number };
  /** Field text that is not (yet) valid, by field key: shown in its field, never applied. */
  readonly drafts: ReadonlyMap<string, string>;
  readonly clipboard: GraphFragment | null;
};

export type ChangeOptions = { coalesceKey?: string; select?: { nodeIds?: string[]; edgeIds?: string[] } };

export const EMPTY_SELECTION: Selection = { nodeIds: new Set(), edgeIds: new Set() };

function sameSet(left: ReadonlySet<string>, right: ReadonlySet<string>): boolean {
  if (left.size !== right.size) return false;
  for (const item of left) if (!right.has(item)) return false;
  return true;
}

/** Drops selected ids that are no longer in the graph (after undo, delete, reload). */
function pruneSelection(selection: Selection, graph: Graph): Selection {
  const nodeIds = new Set(graph.nodes.map((node) => node.id));
  const edgeIds = new Set(graph.edges.map((edge) => edge.id));
  const keptNodes = new Set([...selection.nodeIds].filter((id) => nodeIds.has(id)));
  const keptEdges = new Set([...selection.edgeIds].filter((id) => edgeIds.has(id)));
  return sameSet(keptNodes, selection.nodeIds) && sameSet(keptEdges, selection.edgeIds)
    ? selection
    : { nodeIds: keptNodes, edgeIds: keptEdges };
}

// Graphs are never mutated, so a graph's JSON can be kept for as long as the graph lives: the
// saved graph is then serialised once, not on every comparison with the one being edited.
const jsonCache = new WeakMap<Graph, string>();

function jsonOf(graph: Graph): string {
  let json = jsonCache.get(graph);
  if (json === undefined) {
    json = JSON.stringify(graph);
    jsonCache.set(graph, json);
  }
  return json;
}

/** Whether two graphs are the same drawing (identity first: history reuses snapshots). */
export function sameGraph(left: Graph, right: Graph): boolean {
  return left === right || jsonOf(left) === jsonOf(right);
}

/** Whether two documents hold the same design. */
export function sameDocument(left: EditorDocument, right: EditorDocument): boolean {
  if (left === right) return true;
  return (
    left.name === right.name && left.description === right.description && sameGraph(left.graph, right.graph)
  );
}

export class EditorStore {
  private state: EditorState;
  private readonly listeners = new Set<() => void>();
  private pasteCount = 0;

  constructor(document: EditorDocument, version: number) {
    this.state = {
      history: createHistory(document),
      selection: EMPTY_SELECTION,
      saved: { document, version },
      drafts: new Map(),
      clipboard: null,
    };
  }

  getState = (): EditorState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get document(): EditorDocument {
    return this.state.history.present;
  }

  get graph(): Graph {
    return this.state.history.present.graph;
  }

  private setState(next: EditorState): void {
    if (next === this.state) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  }

  /** Applies one change to the document as an undoable step (or merged into the last one). */
  change(edit: (document: EditorDocument) => EditorDocument, options: ChangeOptions = {}): void {
    const present = this.state.history.present;
    const next = edit(present);
    const history = commit(this.state.history, next, { coalesceKey: options.coalesceKey });
    const selection = options.select
      ? { nodeIds: new Set(options.select.nodeIds ?? []), edgeIds: new Set(options.select.edgeIds ?? []) }
      : this.state.selection;
    if (history === this.state.history && selection === this.state.selection) return;
    this.setState({ ...this.state, history, selection: pruneSelection(selection, next.graph) });
  }

  editGraph(edit: (graph: Graph) => Graph, options: ChangeOptions = {}): void {
    this.change((document) => {
      const graph = edit(document.graph);
      return graph === document.graph ? document : { ...document, graph };
    }, options);
  }

  undo(): boolean {
    return this.travel(undo);
  }

  redo(): boolean {
    return this.travel(redo);
  }

  get canUndo(): boolean {
    return canUndo(this.state.history);
  }

  get canRedo(): boolean {
    return canRedo(this.state.history);
  }

  private travel(step: (history: History<EditorDocument>) => History<EditorDocument>): boolean {
    const history = step(this.state.history);
    if (history === this.state.history) return false;
    this.setState({
      ...this.state,
      history,
      selection: pruneSelection(this.state.selection, history.present.graph),
    });
    return true;
  }

  /** Ends typing-coalescing (a field lost focus): the next change starts a new undo step. */
  seal(): void {
    const history = sealHistory(this.state.history);
    if (history !== this.state.history) this.setState({ ...this.state, history });
  }

  setSelection(selection: { nodeIds?: Iterable<string>; edgeIds?: Iterable<string> }): void {
    const next: Selection = {
      nodeIds: new Set(selection.nodeIds ?? []),
      edgeIds: new Set(selection.edgeIds ?? []),
    };
    const current = this.state.selection;
    if (sameSet(next.nodeIds, current.nodeIds) && sameSet(next.edgeIds, current.edgeIds)) return;
    this.setState({ ...this.state, selection: pruneSelection(next, this.graph) });
  }

  selectAll(): void {
    this.setSelection({
      nodeIds: this.graph.nodes.map((node) => node.id),
      edgeIds: this.graph.edges.map((edge) => edge.id),
    });
  }

  clearSelection(): void {
    this.setSelection({});
  }

  /** Adds a node of a type and selects it, or says why it cannot (the node limit). */
  addNode(
    type: NodeType,
    position: NodePosition,
  ): { ok: true; nodeId: string; name: string } | { ok: false; reason: string } {
    if (this.graph.nodes.length >= MAX_NODES) {
      return { ok: false, reason: `A design has at most ${MAX_NODES} nodes; remove one to add another.` };
    }
    const result = addNode(this.graph, type, position);
    this.editGraph(() => result.graph, { select: { nodeIds: [result.nodeId] } });
    const name = result.graph.nodes[result.graph.nodes.length - 1]?.data.name ?? "";
    return { ok: true, nodeId: result.nodeId, name };
  }

  /** Removes the selected nodes and edges as one step; false when nothing was selected. */
  deleteSelection(): boolean {
    const { nodeIds, edgeIds } = this.state.selection;
    if (nodeIds.size === 0 && edgeIds.size === 0) return false;
    this.editGraph((graph) => removeElements(graph, { nodeIds, edgeIds }), { select: {} });
    return true;
  }

  /** Copies the selected nodes; returns how many were copied. */
  copy(): number {
    const fragment = copySelection(this.graph, this.state.selection.nodeIds);
    if (isEmptyFragment(fragment)) return 0;
    this.pasteCount = 0;
    this.setState({ ...this.state, clipboard: fragment });
    return fragment.nodes.length;
  }

  /**
   * Pastes the clipboard (each further paste one more offset away) and selects the copies.
   * Returns a sentence for the person, or an explanation of why nothing was pasted.
   */
  paste(): string {
    const fragment = this.state.clipboard;
    if (fragment === null) return "Nothing to paste: copy nodes first (Ctrl+C).";
    this.pasteCount += 1;
    return this.insertFragment(fragment, {
      x: PASTE_OFFSET.x * this.pasteCount,
      y: PASTE_OFFSET.y * this.pasteCount,
    });
  }

  /** Copies the selection in place (offset once) without touching the clipboard. */
  duplicate(): string {
    const fragment = copySelection(this.graph, this.state.selection.nodeIds);
    if (isEmptyFragment(fragment)) return "Select nodes to duplicate first.";
    return this.insertFragment(fragment, PASTE_OFFSET);
  }

  private insertFragment(fragment: GraphFragment, offset: NodePosition): string {
    const room = MAX_NODES - this.graph.nodes.length;
    if (fragment.nodes.length > room) {
      return `Cannot add ${fragment.nodes.length} nodes: a design has at most ${MAX_NODES} nodes.`;
    }
    const result = pasteFragment(this.graph, fragment, { offset });
    const added = result.nodeIds;
    this.editGraph(() => result.graph, { select: { nodeIds: added } });
    return `Added ${added.length} ${added.length === 1 ? "node" : "nodes"}.`;
  }

  setDraft(key: string, text: string | undefined): void {
    const current = this.state.drafts.get(key);
    if (current === text) return;
    const drafts = new Map(this.state.drafts);
    if (text === undefined) drafts.delete(key);
    else drafts.set(key, text);
    this.setState({ ...this.state, drafts });
  }

  /** Records that `document` is what the server now holds, at `version`. */
  markSaved(document: EditorDocument, version: number): void {
    this.setState({ ...this.state, saved: { document, version } });
  }

  /**
   * Replaces the document with one from the server (reload after a conflict, a restored
   * version, an import) as one undoable step, so that the local drawing can still be recovered.
   */
  replaceDocument(document: EditorDocument, saved?: { version: number }): void {
    this.change(() => document);
    this.seal();
    if (saved) this.markSaved(document, saved.version);
  }
}
