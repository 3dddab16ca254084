"use client";

import { useEffect, useState } from "react";
import type { Graph } from "@/server/designs/graph-schema";
import { validateGraph } from "@/server/designs/validate-graph";
import { indexIssues, type IssueIndex } from "./issue-index";

/** Below this many nodes validation is instant; above it, it waits for a pause in the editing. */
const LARGE_GRAPH_NODES = 100;
const LARGE_GRAPH_DELAY_MS = 250;

/**
 * `mcpServers`: the workspace's registered MCP server names, checked as the run checks them
 * (validateForWorkspace). Undefined while the registry is loading or could not be read: names
 * are then not checked here, and the run still refuses unknown ones.
 */
export function validate(graph: Graph, mcpServers?: ReadonlySet<string>): IssueIndex {
  return indexIssues(graph, validateGraph(graph, { mcpServers }).issues);
}

/**
 * Validation of the graph being drawn, off the render path: the result arrives right after the
 * change (small graphs) or after a short pause (large graphs, where it costs a few ms).
 */
export function useGraphValidation(graph: Graph, mcpServers?: ReadonlySet<string>): IssueIndex {
  const [result, setResult] = useState(() => ({ graph, mcpServers, index: validate(graph, mcpServers) }));
  useEffect(() => {
    if (result.graph === graph && result.mcpServers === mcpServers) return;
    const delay = graph.nodes.length > LARGE_GRAPH_NODES ? LARGE_GRAPH_DELAY_MS : 0;
    const timer = setTimeout(
      () => setResult({ graph, mcpServers, index: validate(graph, mcpServers) }),
      delay,
    );
    return () => clearTimeout(timer);
  }, [graph, mcpServers, result.graph, result.mcpServers]);
  return result.index;
}
