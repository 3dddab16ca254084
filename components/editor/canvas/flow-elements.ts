/**
 * React Flow nodes and edges derived from the design graph, incrementally: an element whose
 * inputs did not change keeps its previous object, so React Flow re-renders only what changed
 * (a keystroke in one node's field re-renders that node, not 500).
 */
import type { Edge, Node } from "@xyflow/react";
import type { NodeRunState } from "@/components/graph/graph-view";
import type { EdgeRole, Graph, GraphEdge, GraphNode, NodePosition } from "@/server/designs/graph-schema";
import { countChildren, entryNodeOf } from "@/components/editor/state/graph-queries";
import { sameSummary, type IssueIndex, type IssueSummary } from "@/components/editor/validation/issue-index";
import { estimateNodeSize } from "./node-summary";

/** What the run drawer reports about the nodes of the current run. */
export type LiveNodeStates = {
  readonly states: Readonly<Record<string, NodeRunState>>;
  readonly badges: Readonly<Record<string, string>>;
};

export type ChildCounts = Readonly<Partial<Record<EdgeRole, number>>>;

export type EditorNodeData = {
  node: GraphNode;
  isEntry: boolean;
  childCounts: ChildCounts;
  issues: IssueSummary | undefined;
  runState: NodeRunState | undefined;
  runBadge: string | undefined;
  readOnly: boolean;
};

export type EditorFlowNode = Node<EditorNodeData, "design">;
export type EditorFlowEdge = Edge<{ role: EdgeRole; issue?: "error" | "warning" }, "design">;

export type Size = { width: number; height: number };

export type NodeInputs = {
  graph: Graph;
  selectedNodeIds: ReadonlySet<string>;
  issues: IssueIndex;
  live: LiveNodeStates | null;
  measured: ReadonlyMap<string, Size>;
  /** Positions of nodes being dragged, before the drop commits them to the graph. */
  dragPositions: ReadonlyMap<string, NodePosition>;
  readOnly: boolean;
};

function sameCounts(left: ChildCounts, right: ChildCounts): boolean {
  const leftKeys = Object.keys(left) as EdgeRole[];
  return (
    leftKeys.length === Object.keys(right).length && leftKeys.every((role) => left[role] === right[role])
  );
}

function sameData(left: EditorNodeData, right: EditorNodeData): boolean {
  return (
    left.node === right.node &&
    left.isEntry === right.isEntry &&
    left.runState === right.runState &&
    left.runBadge === right.runBadge &&
    left.readOnly === right.readOnly &&
    sameSummary(left.issues, right.issues) &&
    sameCounts(left.childCounts, right.childCounts)
  );
}

const NO_CHILDREN: ChildCounts = {};

function estimatedSize(previous: EditorFlowNode | undefined, node: GraphNode) {
  // Estimated once per node: the measured size takes over as soon as there is one.
  if (previous?.initialWidth !== undefined && previous.initialHeight !== undefined) {
    return { initialWidth: previous.initialWidth, initialHeight: previous.initialHeight };
  }
  const size = estimateNodeSize(node);
  return { initialWidth: size.width, initialHeight: size.height };
}

/** A deriver with its own cache: one per canvas. */
export function createNodeDeriver(): (inputs: NodeInputs) => EditorFlowNode[] {
  let cache = new Map<string, EditorFlowNode>();
  return (inputs) => {
    const { graph } = inputs;
    const entryId = entryNodeOf(graph)?.id;
    const counts = countChildren(graph);
    const next = new Map<string, EditorFlowNode>();
    const nodes = graph.nodes.map((node) => {
      const byRole = counts.get(node.id);
      const data: EditorNodeData = {
        node,
        isEntry: node.id === entryId,
        childCounts: byRole ? Object.fromEntries(byRole) : NO_CHILDREN,
        issues: inputs.issues.byNode.get(node.id),
        runState: inputs.live?.states[node.id],
        runBadge: inputs.live?.badges[node.id],
        readOnly: inputs.readOnly,
      };
      const position = inputs.dragPositions.get(node.id) ?? node.position;
      const selected = inputs.selectedNodeIds.has(node.id);
      const measured = inputs.measured.get(node.id);
      const previous = cache.get(node.id);
      const reusable =
        previous !== undefined &&
        previous.selected === selected &&
        previous.position.x === position.x &&
        previous.position.y === position.y &&
        previous.measured?.width === measured?.width &&
        previous.measured?.height === measured?.height &&
        sameData(previous.data, data);
      const flowNode: EditorFlowNode = reusable
        ? previous
        : {
            id: node.id,
            type: "design",
            position,
            data,
            selected,
            ...(measured ? { measured } : {}),
            ...estimatedSize(previous, node),
            ariaLabel: `${node.type.replaceAll("_", " ")} ${node.data.name}`,
            // React's attribute types do not list data-* keys, though the DOM takes them.
            domAttributes: { "data-testid": `node-${node.data.name}` } as EditorFlowNode["domAttributes"],
          };
      next.set(node.id, flowNode);
      return flowNode;
    });
    cache = next;
    return nodes;
  };
}

export type EdgeInputs = {
  graph: Graph;
  selectedEdgeIds: ReadonlySet<string>;
  issues: IssueIndex;
  readOnly: boolean;
};

/** "route", or "step 2" for the second step of a chain (by run order, not raw `order`). */
export function edgeLabels(graph: Graph): Map<string, string> {
  const steps = new Map<string, GraphEdge[]>();
  const labels = new Map<string, string>();
  for (const edge of graph.edges) {
    if (edge.role !== "step") labels.set(edge.id, edge.role);
    else steps.set(edge.source, [...(steps.get(edge.source) ?? []), edge]);
  }
  for (const chainSteps of steps.values()) {
    chainSteps
      .map((edge, index) => ({ edge, index }))
      .sort(
        (left, right) =>
          (left.edge.order ?? Infinity) - (right.edge.order ?? Infinity) || left.index - right.index,
      )
      .forEach(({ edge }, position) => labels.set(edge.id, `step ${position + 1}`));
  }
  return labels;
}

function issueMark(summary: IssueSummary | undefined): string {
  if (summary === undefined) return "";
  return summary.errors > 0 ? "✕ " : "⚠ ";
}

export function createEdgeDeriver(): (inputs: EdgeInputs) => EditorFlowEdge[] {
  let previousEdges: EditorFlowEdge[] = [];
  let cache = new Map<
    string,
    { source: GraphEdge; flowEdge: EditorFlowEdge; issues: IssueSummary | undefined }
  >();
  return ({ graph, selectedEdgeIds, issues, readOnly }) => {
    const labels = edgeLabels(graph);
    const names = new Map(graph.nodes.map((node) => [node.id, node.data.name]));
    const next = new Map<
      string,
      { source: GraphEdge; flowEdge: EditorFlowEdge; issues: IssueSummary | undefined }
    >();
    const edges = graph.edges.map((edge) => {
      const summary = issues.byEdge.get(edge.id);
      const label = `${issueMark(summary)}${labels.get(edge.id) ?? edge.role}`;
      const ariaLabel = `${labels.get(edge.id) ?? edge.role} from ${names.get(edge.source) ?? "?"} to ${names.get(edge.target) ?? "?"}`;
      const selected = selectedEdgeIds.has(edge.id);
      const issue = summary === undefined ? undefined : summary.errors > 0 ? "error" : "warning";
      const previous = cache.get(edge.id);
      const reusable =
        previous !== undefined &&
        previous.source === edge &&
        previous.flowEdge.label === label &&
        previous.flowEdge.ariaLabel === ariaLabel &&
        previous.flowEdge.selected === selected &&
        previous.flowEdge.deletable === !readOnly &&
        sameSummary(previous.issues, summary);
      const flowEdge: EditorFlowEdge = reusable
        ? previous.flowEdge
        : {
            id: edge.id,
            type: "design",
            source: edge.source,
            target: edge.target,
            sourceHandle: edge.role,
            targetHandle: "in",
            label,
            ariaLabel,
            selected,
            deletable: !readOnly,
            data: { role: edge.role, ...(issue ? { issue } : {}) },
            markerEnd: { type: "arrowclosed" },
            className: issue ? `edge-${issue}` : undefined,
          };
      next.set(edge.id, { source: edge, flowEdge, issues: summary });
      return flowEdge;
    });
    cache = next;
    // Typing in a node's field changes no edge: the same array spares React Flow a rebuild of
    // its edge and connection lookups.
    const unchanged =
      edges.length === previousEdges.length && edges.every((edge, index) => edge === previousEdges[index]);
    if (!unchanged) previousEdges = edges;
    return previousEdges;
  };
}
