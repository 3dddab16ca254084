"use client";

import { useEffect, useState } from "react";
import type { Graph } from "@/server/designs/graph-schema";
import { validateGraph } from "@/server/designs/validate-graph";
import { indexIssues, type IssueIndex } from "./issue-index";

// The run refuses unknown MCP server names; until the workspace registry reaches the browser,
// no name is known, exactly as on the server (validateForWorkspace).
const KNOWN_SERVERS: ReadonlySet<string> = new Set();

/** Below this many nodes validation is instant; above it, it waits for a pause in the editing. */
const LARGE_GRAPH_NODES = 100;
const LARGE_GRAPH_DELAY_MS = 250;

export function validate(graph: Graph): IssueIndex {
  return indexIssues(graph, validateGraph(graph, { mcpServers: KNOWN_SERVERS }).issues);
}

/**
 * Validation of the graph being drawn, off the render path: the result arrives right after the
 * change (small graphs) or after a short pause (large graphs, where it costs a few ms).
 */
export function useGraphValidation(graph: Graph): IssueIndex {
  const [result, setResult] = useState(() => ({ graph, index: validate(graph) }));
  useEffect(() => {
    if (result.graph === graph) return;
    const delay = graph.nodes.length > LARGE_GRAPH_NODES ? LARGE_GRAPH_DELAY_MS : 0;
    const timer = setTimeout(() => setResult({ graph, index: validate(graph) }), delay);
    return () => clearTimeout(timer);
  }, [graph, result.graph]);
  return result.index;
}
