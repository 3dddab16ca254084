import type { Graph } from "@/server/designs/graph-schema";

/**
 * The example of graph-format.md ("a cumulative research chain with a router in front"), exactly
 * as the contract prints it: one copy for every test that checks against the document.
 */
export function graphFormatExample(): Graph {
  return {
    version: 1,
    entry: "front_desk",
    nodes: [
      {
        id: "r",
        type: "router",
        position: { x: 0, y: 0 },
        data: { name: "front_desk", model: "passthrough" },
      },
      { id: "c", type: "chain", position: { x: 0, y: 0 }, data: { name: "research", cumulative: true } },
      {
        id: "a1",
        type: "agent",
        position: { x: 0, y: 0 },
        data: { name: "finder", instruction: "Find sources.", model: "passthrough" },
      },
      {
        id: "a2",
        type: "agent",
        position: { x: 0, y: 0 },
        data: { name: "summariser", instruction: "Summarise.", model: "passthrough" },
      },
      {
        id: "a3",
        type: "agent",
        position: { x: 0, y: 0 },
        data: { name: "smalltalk", instruction: "Chat.", model: "passthrough" },
      },
    ],
    edges: [
      { id: "e1", source: "r", target: "c", role: "route" },
      { id: "e2", source: "r", target: "a3", role: "route" },
      { id: "e3", source: "c", target: "a1", role: "step", order: 0 },
      { id: "e4", source: "c", target: "a2", role: "step", order: 1 },
    ],
  };
}
