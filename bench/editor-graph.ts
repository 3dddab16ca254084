import type { Graph, GraphEdge, GraphNode } from "@/server/designs/graph-schema";

/** Nodes per worker group: a chain of prep → parallel (fan-out agents + fan-in) → summary. */
const GROUP_SIZE = 20;
/** The chain, its prep and summary agents, the parallel and its fan-in agent. */
const GROUP_FIXED_NODES = 5;
const GRID_COLUMNS = 25;
const GRID_X = 280;
const GRID_Y = 120;

/**
 * A valid design of exactly `nodeCount` nodes, shaped like a large real one: an orchestrator whose
 * workers are chains, each chain running a prep agent, a parallel fan-out with a fan-in, and a
 * summary agent. Positions are spread on a grid (in creation order, so relatives stay close), as
 * a hand-drawn design would have them, rather than piled at the origin.
 */
export function benchGraph(nodeCount: number): Graph {
  if (nodeCount < 1 + GROUP_FIXED_NODES + 1) throw new Error(`A bench design needs at least 7 nodes.`);
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const position = () => {
    const index = nodes.length;
    return { x: (index % GRID_COLUMNS) * GRID_X, y: Math.floor(index / GRID_COLUMNS) * GRID_Y };
  };
  const agent = (name: string): string => {
    const id = `n${nodes.length}`;
    nodes.push({
      id,
      type: "agent",
      position: position(),
      data: { name, instruction: `You are ${name}.`, model: "passthrough" },
    });
    return id;
  };
  const link = (source: string, target: string, role: GraphEdge["role"], order?: number) => {
    edges.push({ id: `e${edges.length}`, source, target, role, ...(order === undefined ? {} : { order }) });
  };

  const planner = `n${nodes.length}`;
  nodes.push({
    id: planner,
    type: "orchestrator",
    position: position(),
    data: { name: "planner", model: "passthrough", planIterations: 3 },
  });

  // Group sizes: as many full groups as fit; the remainder joins the last group's fan-out.
  const groupCount = Math.floor((nodeCount - 1) / GROUP_SIZE) || 1;
  const remainder = nodeCount - 1 - groupCount * GROUP_SIZE;
  for (let group = 0; group < groupCount; group += 1) {
    const label = String(group + 1).padStart(2, "0");
    const fanOut = GROUP_SIZE - GROUP_FIXED_NODES + (group === groupCount - 1 ? remainder : 0);
    const chain = `n${nodes.length}`;
    nodes.push({ id: chain, type: "chain", position: position(), data: { name: `pipeline_${label}` } });
    link(planner, chain, "worker");
    link(chain, agent(`prep_${label}`), "step", 0);
    const parallel = `n${nodes.length}`;
    nodes.push({ id: parallel, type: "parallel", position: position(), data: { name: `fan_${label}` } });
    link(chain, parallel, "step", 1);
    for (let worker = 0; worker < fanOut; worker += 1) {
      link(parallel, agent(`worker_${label}_${String(worker + 1).padStart(2, "0")}`), "fan_out");
    }
    link(parallel, agent(`merge_${label}`), "fan_in");
    link(chain, agent(`summary_${label}`), "step", 2);
  }
  return { version: 1, entry: "planner", nodes, edges };
}
