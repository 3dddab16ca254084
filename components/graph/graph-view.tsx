"use client";

import {
  Background,
  Controls,
  Handle,
  MarkerType,
  Position,
  ReactFlow,
  type Edge,
  type Node,
  type NodeProps,
} from "@xyflow/react";
import { CircleCheck, CircleSlash, CircleX, Hourglass, LoaderCircle, type LucideIcon } from "lucide-react";
import { useMemo } from "react";
import { displayPositions } from "@/components/graph/layout";
import { NODE_KINDS } from "@/components/graph/node-kinds";
import type { Graph, GraphNode } from "@/server/designs/graph-schema";

/** A node's state in a run, for the run page's live highlights. */
export type NodeRunState = "running" | "succeeded" | "failed" | "waiting" | "cancelled";

// Never colour alone (ux.md): each state also shows an icon and a word.
const NODE_RUN_STATES: Record<NodeRunState, { word: string; icon: LucideIcon }> = {
  running: { word: "running", icon: LoaderCircle },
  succeeded: { word: "succeeded", icon: CircleCheck },
  failed: { word: "failed", icon: CircleX },
  waiting: { word: "waiting for input", icon: Hourglass },
  cancelled: { word: "stopped", icon: CircleSlash },
};

type DesignNodeData = { node: GraphNode; isEntry: boolean; childCount: number; runState?: NodeRunState };
type DesignFlowNode = Node<DesignNodeData, "design">;

function nodeDetail(node: GraphNode): string | undefined {
  const data = node.data as Record<string, unknown>;
  const model = typeof data.model === "string" ? data.model : undefined;
  if (node.type === "chain") return data.cumulative ? "cumulative" : undefined;
  if (node.type === "maker") return `k = ${typeof data.k === "number" ? data.k : 3}`;
  if (node.type === "evaluator_optimizer")
    return `min rating ${typeof data.minRating === "string" ? data.minRating : "GOOD"}`;
  return model;
}

function DesignNode({ data }: NodeProps<DesignFlowNode>) {
  const kind = NODE_KINDS[data.node.type];
  const Icon = kind.icon;
  const detail = nodeDetail(data.node);
  const runState = data.runState ? NODE_RUN_STATES[data.runState] : undefined;
  const RunStateIcon = runState?.icon;
  return (
    <div
      className={`graph-node${data.isEntry ? " is-entry" : ""}${data.runState ? ` node-state-${data.runState}` : ""}`}
      style={{ ["--node-color" as string]: kind.color }}
      title={data.isEntry ? `${data.node.data.name} (entry)` : data.node.data.name}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="kind">
        <Icon size={12} aria-hidden />
        {kind.label}
        {data.isEntry ? " · entry" : ""}
      </div>
      <div className="name">{data.node.data.name}</div>
      {detail ? <div className="detail">{detail}</div> : null}
      {data.childCount > 0 ? <div className="detail">{data.childCount} children</div> : null}
      {runState && RunStateIcon ? (
        <div className="node-run-state">
          <RunStateIcon size={12} aria-hidden className={data.runState === "running" ? "spin" : undefined} />
          {runState.word}
        </div>
      ) : null}
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}

// Defined once, outside any component, so React Flow does not re-mount nodes on each render.
const nodeTypes = { design: DesignNode };

/**
 * The design's graph, read-only: pan, zoom and inspect. With `nodeStates` (node id to state),
 * nodes also show how far a run got with them.
 */
export function GraphView({
  graph,
  nodeStates,
}: {
  graph: Graph;
  nodeStates?: Readonly<Record<string, NodeRunState>>;
}) {
  const { nodes, edges } = useMemo(() => {
    const positions = displayPositions(graph);
    const entry = graph.entry ?? graph.nodes[0]?.data.name;
    const childCounts = new Map<string, number>();
    for (const edge of graph.edges) childCounts.set(edge.source, (childCounts.get(edge.source) ?? 0) + 1);
    const flowNodes: DesignFlowNode[] = graph.nodes.map((node) => ({
      id: node.id,
      type: "design",
      position: positions.get(node.id) ?? node.position,
      data: {
        node,
        isEntry: node.data.name === entry,
        childCount: childCounts.get(node.id) ?? 0,
        runState: nodeStates?.[node.id],
      },
      draggable: false,
      connectable: false,
    }));
    const flowEdges: Edge[] = graph.edges.map((edge) => ({
      id: edge.id,
      source: edge.source,
      target: edge.target,
      label: edge.order !== undefined && edge.role === "step" ? `${edge.role} ${edge.order + 1}` : edge.role,
      markerEnd: { type: MarkerType.ArrowClosed },
    }));
    return { nodes: flowNodes, edges: flowEdges };
  }, [graph, nodeStates]);

  if (graph.nodes.length === 0) {
    return (
      <div className="empty-state">
        <h2>This design is empty</h2>
        <p>It has no agents yet. The visual editor, coming next, adds them on this canvas.</p>
      </div>
    );
  }

  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      nodesDraggable={false}
      nodesConnectable={false}
      elementsSelectable
      fitView
      fitViewOptions={{ padding: 0.2 }}
      proOptions={{ hideAttribution: true }}
      aria-label="Design graph"
    >
      <Background gap={16} />
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}
