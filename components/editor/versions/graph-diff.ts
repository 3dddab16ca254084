/**
 * What changed between two graphs, for comparing design versions. Pure and isomorphic, so it can
 * be tested without a browser and reused by anything that shows changes.
 *
 * Nodes and edges are matched by id (ids are stable and never reused, graph-format.md), so a
 * renamed node is one changed node, not one removed and one added.
 */
import type { Graph, GraphEdge, GraphNode, NodePosition, NodeType } from "@/server/designs/graph-schema";

/** One changed field; `path` is dotted from the node or edge (`data.requestParams.temperature`). */
export type FieldChange = { path: string; before: unknown; after: unknown };

export type ChangedNode = {
  id: string;
  type: NodeType;
  name: string;
  /** The name before, when it changed: lets a reader recognise the node. */
  previousName?: string;
  changes: FieldChange[];
};

/** A node that only moved on the canvas: editor-only, so reported apart and easy to hide. */
export type MovedNode = { id: string; name: string; before: NodePosition; after: NodePosition };

export type ChangedEdge = { id: string; before: GraphEdge; after: GraphEdge; changes: FieldChange[] };

export type GraphDiff = {
  nodes: { added: GraphNode[]; removed: GraphNode[]; changed: ChangedNode[]; moved: MovedNode[] };
  edges: { added: GraphEdge[]; removed: GraphEdge[]; changed: ChangedEdge[] };
  /** Graph-level settings: `entry` and `defaultModel`. */
  settings: FieldChange[];
};

export type DiffCounts = {
  nodesAdded: number;
  nodesRemoved: number;
  nodesChanged: number;
  nodesMoved: number;
  edgesAdded: number;
  edgesRemoved: number;
  edgesChanged: number;
  settingsChanged: number;
};

type JsonRecord = Record<string, unknown>;

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Structural equality of JSON values; key order does not matter, a missing key equals undefined. */
export function jsonEqual(left: unknown, right: unknown): boolean {
  if (Object.is(left, right)) return true;
  if (Array.isArray(left) || Array.isArray(right)) {
    if (!Array.isArray(left) || !Array.isArray(right) || left.length !== right.length) return false;
    return left.every((item, index) => jsonEqual(item, right[index]));
  }
  if (!isRecord(left) || !isRecord(right)) return false;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  for (const key of keys) if (!jsonEqual(left[key], right[key])) return false;
  return true;
}

/**
 * Field-level differences. Objects are descended into so that one changed request parameter is
 * reported as that parameter; lists are compared whole, because an element's index says nothing
 * to a reader (a server added at the front would otherwise "change" every position).
 */
function diffValues(before: unknown, after: unknown, path: string, into: FieldChange[]): void {
  if (jsonEqual(before, after)) return;
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    for (const key of keys) diffValues(before[key], after[key], path === "" ? key : `${path}.${key}`, into);
    return;
  }
  into.push({ path, before, after });
}

function byId<Item extends { id: string }>(items: readonly Item[]): Map<string, Item> {
  return new Map(items.map((item) => [item.id, item]));
}

function diffNodes(before: readonly GraphNode[], after: readonly GraphNode[]): GraphDiff["nodes"] {
  const beforeById = byId(before);
  const afterIds = new Set(after.map((node) => node.id));
  const result: GraphDiff["nodes"] = { added: [], removed: [], changed: [], moved: [] };
  for (const node of after) {
    const previous = beforeById.get(node.id);
    if (previous === undefined) {
      result.added.push(node);
      continue;
    }
    const changes: FieldChange[] = [];
    diffValues(previous.type, node.type, "type", changes);
    diffValues(previous.data, node.data, "data", changes);
    if (changes.length > 0) {
      result.changed.push({
        id: node.id,
        type: node.type,
        name: node.data.name,
        ...(previous.data.name === node.data.name ? {} : { previousName: previous.data.name }),
        changes,
      });
    }
    if (!jsonEqual(previous.position, node.position)) {
      result.moved.push({
        id: node.id,
        name: node.data.name,
        before: previous.position,
        after: node.position,
      });
    }
  }
  result.removed = before.filter((node) => !afterIds.has(node.id));
  return result;
}

const EDGE_FIELDS = ["source", "target", "role", "order"] as const;

function diffEdges(before: readonly GraphEdge[], after: readonly GraphEdge[]): GraphDiff["edges"] {
  const beforeById = byId(before);
  const afterIds = new Set(after.map((edge) => edge.id));
  const result: GraphDiff["edges"] = { added: [], removed: [], changed: [] };
  for (const edge of after) {
    const previous = beforeById.get(edge.id);
    if (previous === undefined) {
      result.added.push(edge);
      continue;
    }
    const changes: FieldChange[] = [];
    for (const field of EDGE_FIELDS) diffValues(previous[field], edge[field], field, changes);
    if (changes.length > 0) result.changed.push({ id: edge.id, before: previous, after: edge, changes });
  }
  result.removed = before.filter((edge) => !afterIds.has(edge.id));
  return result;
}

export function diffGraphs(before: Graph, after: Graph): GraphDiff {
  const settings: FieldChange[] = [];
  diffValues(before.entry, after.entry, "entry", settings);
  diffValues(before.defaultModel, after.defaultModel, "defaultModel", settings);
  return {
    nodes: diffNodes(before.nodes, after.nodes),
    edges: diffEdges(before.edges, after.edges),
    settings,
  };
}

export function countDiff(diff: GraphDiff): DiffCounts {
  return {
    nodesAdded: diff.nodes.added.length,
    nodesRemoved: diff.nodes.removed.length,
    nodesChanged: diff.nodes.changed.length,
    nodesMoved: diff.nodes.moved.length,
    edgesAdded: diff.edges.added.length,
    edgesRemoved: diff.edges.removed.length,
    edgesChanged: diff.edges.changed.length,
    settingsChanged: diff.settings.length,
  };
}

/** True when nothing differs; with `ignoreMoves`, position-only changes count as nothing. */
export function isDiffEmpty(diff: GraphDiff, options: { ignoreMoves?: boolean } = {}): boolean {
  const { nodesMoved, ...others } = countDiff(diff);
  const moves = options.ignoreMoves ? 0 : nodesMoved;
  return moves + Object.values(others).reduce((sum, count) => sum + count, 0) === 0;
}
