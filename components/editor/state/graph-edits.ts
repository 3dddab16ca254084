/**
 * Edits of a design graph as pure functions: each returns a new graph and leaves unchanged nodes
 * and edges as the same objects, so that the canvas can re-render only what changed.
 *
 * These functions keep the graph structurally consistent (ids, step orders, the entry name); the
 * design rules (which roles, how many children, no cycles) are checked by connection-rules.ts
 * before an edge is drawn, and by validateGraph for the finished drawing.
 */
import type {
  EdgeRole,
  Graph,
  GraphEdge,
  GraphNode,
  NodeData,
  NodePosition,
  NodeType,
} from "@/server/designs/graph-schema";
import { stepEdgesOf } from "./graph-queries";
import { namesIn, nextNumberedName } from "./names";

export type CreateId = () => string;

export const createRandomId: CreateId = () => crypto.randomUUID();

export function emptyGraph(): Graph {
  return { version: 1, nodes: [], edges: [] };
}

/**
 * A new node's data: only its name, so every setting starts at its documented default. Positions
 * are whole pixels: sub-pixel noise from the pointer would only bloat the stored JSON.
 */
function newNode(type: NodeType, id: string, name: string, position: NodePosition): GraphNode {
  return { id, type, position: { x: Math.round(position.x), y: Math.round(position.y) }, data: { name } };
}

export function addNode(
  graph: Graph,
  type: NodeType,
  position: NodePosition,
  options: { createId?: CreateId; name?: string } = {},
): { graph: Graph; nodeId: string } {
  const id = (options.createId ?? createRandomId)();
  const name = options.name ?? nextNumberedName(type, namesIn(graph));
  return { graph: { ...graph, nodes: [...graph.nodes, newNode(type, id, name, position)] }, nodeId: id };
}

function replaceNode(graph: Graph, nodeId: string, next: (node: GraphNode) => GraphNode): Graph {
  let changed = false;
  const nodes = graph.nodes.map((node) => {
    if (node.id !== nodeId) return node;
    const updated = next(node);
    if (updated !== node) changed = true;
    return updated;
  });
  return changed ? { ...graph, nodes } : graph;
}

/** Follows a rename in `entry`, which refers to its node by name. */
function withRenamedEntry(graph: Graph, previousName: string, nextName: string): Graph {
  return graph.entry === previousName && previousName !== nextName ? { ...graph, entry: nextName } : graph;
}

/** Replaces a node's data as a whole (the caller has checked it against the type's schema). */
export function updateNodeData(graph: Graph, nodeId: string, data: NodeData): Graph {
  let previousName: string | undefined;
  const next = replaceNode(graph, nodeId, (node) => {
    previousName = node.data.name;
    return { ...node, data };
  });
  return previousName === undefined ? next : withRenamedEntry(next, previousName, data.name);
}

type DataRecord = Record<string, unknown>;

function setAtPath(record: DataRecord, path: readonly string[], value: unknown): DataRecord {
  const [key, ...rest] = path;
  if (key === undefined) return record;
  const next: DataRecord = { ...record };
  if (rest.length === 0) {
    if (value === undefined) delete next[key];
    else next[key] = value;
    return next;
  }
  const current = record[key];
  const child = setAtPath(
    typeof current === "object" && current !== null && !Array.isArray(current) ? (current as DataRecord) : {},
    rest,
    value,
  );
  // An emptied group (e.g. every request parameter back to its default) disappears from the data.
  if (Object.keys(child).length === 0) delete next[key];
  else next[key] = child;
  return next;
}

function sameValue(left: unknown, right: unknown): boolean {
  return left === right || JSON.stringify(left) === JSON.stringify(right);
}

function valueAtPath(record: DataRecord, path: readonly string[]): unknown {
  let current: unknown = record;
  for (const key of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as DataRecord)[key];
  }
  return current;
}

/**
 * Sets one field of a node's data, `path` reaching into groups such as `requestParams`;
 * `undefined` removes the field so that its default applies. Renaming the entry node keeps it
 * the entry. The caller has checked the value against the field's schema.
 */
export function setNodeField(graph: Graph, nodeId: string, path: readonly string[], value: unknown): Graph {
  let previousName: string | undefined;
  let nextName: string | undefined;
  const next = replaceNode(graph, nodeId, (node) => {
    const data = node.data as DataRecord;
    if (sameValue(valueAtPath(data, path), value)) return node;
    const nextData = setAtPath(data, path, value);
    previousName = node.data.name;
    nextName = typeof nextData.name === "string" ? nextData.name : previousName;
    return { ...node, data: nextData } as GraphNode;
  });
  if (previousName === undefined || nextName === undefined) return next;
  return withRenamedEntry(next, previousName, nextName);
}

/** Moves nodes to new positions; nodes not in `positions` (or not moved) stay the same objects. */
export function moveNodes(graph: Graph, positions: ReadonlyMap<string, NodePosition>): Graph {
  let changed = false;
  const nodes = graph.nodes.map((node) => {
    const position = positions.get(node.id);
    if (position === undefined || (position.x === node.position.x && position.y === node.position.y)) {
      return node;
    }
    changed = true;
    return { ...node, position: { x: position.x, y: position.y } };
  });
  return changed ? { ...graph, nodes } : graph;
}

export type ConnectionRequest = { source: string; target: string; role: EdgeRole };

/**
 * Adds an edge (check it first with checkConnection). A `step` edge goes after the chain's
 * current last step.
 */
export function connectNodes(
  graph: Graph,
  request: ConnectionRequest,
  options: { createId?: CreateId } = {},
): { graph: Graph; edgeId: string } {
  const id = (options.createId ?? createRandomId)();
  const edge: GraphEdge = { id, source: request.source, target: request.target, role: request.role };
  if (request.role === "step") {
    const orders = stepEdgesOf(graph, request.source).map((step) => step.order ?? -1);
    edge.order = orders.length === 0 ? 0 : Math.max(...orders) + 1;
  }
  return { graph: { ...graph, edges: [...graph.edges, edge] }, edgeId: id };
}

/** Renumbers a chain's steps 0, 1, 2... in their current run order. */
function renumberSteps(graph: Graph, chainIds: Iterable<string>): Graph {
  const orderById = new Map<string, number>();
  for (const chainId of chainIds) {
    stepEdgesOf(graph, chainId).forEach((edge, index) => orderById.set(edge.id, index));
  }
  let changed = false;
  const edges = graph.edges.map((edge) => {
    const order = orderById.get(edge.id);
    if (order === undefined || edge.order === order) return edge;
    changed = true;
    return { ...edge, order };
  });
  return changed ? { ...graph, edges } : graph;
}

/**
 * Removes nodes and edges; a node's edges go with it, and when the entry node goes, the entry is
 * cleared (the first node becomes the entry). Remaining steps of affected chains are renumbered.
 */
export function removeElements(
  graph: Graph,
  selection: { nodeIds?: Iterable<string>; edgeIds?: Iterable<string> },
): Graph {
  const nodeIds = new Set(selection.nodeIds ?? []);
  const edgeIds = new Set(selection.edgeIds ?? []);
  const nodes = graph.nodes.filter((node) => !nodeIds.has(node.id));
  const removedEdges = graph.edges.filter(
    (edge) => edgeIds.has(edge.id) || nodeIds.has(edge.source) || nodeIds.has(edge.target),
  );
  if (nodes.length === graph.nodes.length && removedEdges.length === 0) return graph;
  const removed = new Set(removedEdges.map((edge) => edge.id));
  const next: Graph = { ...graph, nodes, edges: graph.edges.filter((edge) => !removed.has(edge.id)) };
  if (next.entry !== undefined && !nodes.some((node) => node.data.name === next.entry)) delete next.entry;
  const touchedChains = removedEdges.filter((edge) => edge.role === "step").map((edge) => edge.source);
  return renumberSteps(next, new Set(touchedChains));
}

/** Puts a chain's steps in the given order (edge ids; steps not listed keep their place after). */
export function reorderSteps(graph: Graph, chainId: string, orderedEdgeIds: readonly string[]): Graph {
  const steps = stepEdgesOf(graph, chainId);
  const listed = orderedEdgeIds.filter((id) => steps.some((step) => step.id === id));
  const rest = steps.filter((step) => !listed.includes(step.id)).map((step) => step.id);
  const orderById = new Map([...listed, ...rest].map((id, index) => [id, index]));
  let changed = false;
  const edges = graph.edges.map((edge) => {
    const order = orderById.get(edge.id);
    if (order === undefined || edge.order === order) return edge;
    changed = true;
    return { ...edge, order };
  });
  return changed ? { ...graph, edges } : graph;
}

/** Moves one step earlier (-1) or later (+1) in its chain; at either end nothing changes. */
export function moveStep(graph: Graph, chainId: string, edgeId: string, direction: -1 | 1): Graph {
  const ids = stepEdgesOf(graph, chainId).map((edge) => edge.id);
  const index = ids.indexOf(edgeId);
  const target = index + direction;
  if (index < 0 || target < 0 || target >= ids.length) return graph;
  const swapped = [...ids];
  [swapped[index], swapped[target]] = [ids[target] ?? edgeId, edgeId];
  return reorderSteps(graph, chainId, swapped);
}

/** Sets the entry agent by name; `undefined` means "the first node". */
export function setEntry(graph: Graph, name: string | undefined): Graph {
  if (graph.entry === name) return graph;
  const next = { ...graph };
  if (name === undefined) delete next.entry;
  else next.entry = name;
  return next;
}

/** Sets the design's default model; `undefined` (or empty) falls back to the workspace default. */
export function setDefaultModel(graph: Graph, model: string | undefined): Graph {
  const value = model === "" ? undefined : model;
  if (graph.defaultModel === value) return graph;
  const next = { ...graph };
  if (value === undefined) delete next.defaultModel;
  else next.defaultModel = value;
  return next;
}
