import { ROLE_LABELS, rolesOf } from "@/components/editor/state/connection-rules";
import type { EdgeRole, GraphNode } from "@/server/designs/graph-schema";
import type { ChildCounts } from "./flow-elements";

function count(value: number, one: string, many: string): string {
  return `${value} ${value === 1 ? one : many}`;
}

/** The key settings a node card shows under its name, one short line each. */
export function nodeSettings(node: GraphNode): string[] {
  switch (node.type) {
    case "agent": {
      const lines = [node.data.model ?? "default model"];
      const servers = node.data.servers?.length ?? 0;
      if (servers > 0) lines.push(count(servers, "MCP server", "MCP servers"));
      if (node.data.humanInput) lines.push("asks for human input");
      return lines;
    }
    case "router":
      return [node.data.model ?? "default model"];
    case "orchestrator":
      return [
        node.data.model ?? "default model",
        (node.data.planIterations ?? 5) <= 0
          ? "unlimited plan iterations"
          : count(node.data.planIterations ?? 5, "plan iteration", "plan iterations"),
      ];
    case "chain":
      return node.data.cumulative ? ["cumulative"] : [];
    case "parallel":
      return node.data.includeRequest === false ? ["without the request"] : [];
    case "evaluator_optimizer":
      return [
        `min rating ${node.data.minRating ?? "GOOD"}`,
        count(node.data.maxRefinements ?? 3, "refinement", "refinements"),
      ];
    case "maker":
      return [`k = ${node.data.k ?? 3} · ${node.data.matchStrategy ?? "exact"}`];
  }
}

/** "2 steps", "1 tool": how many children a role has, for the label next to its handle. */
export function roleCountText(role: EdgeRole, counts: ChildCounts): string {
  const value = counts[role] ?? 0;
  return count(value, ROLE_LABELS[role].one, ROLE_LABELS[role].many);
}

// The card's CSS metrics (editor.css), for an estimate before the browser has measured it.
const CARD_WIDTH = 190;
const CARD_CHROME = 34;
const LINE_HEIGHT = 17;
const ROLE_ROW_HEIGHT = 18;

/**
 * A node card's size before it is measured. With it React Flow can fit the view and show every
 * node in the first pass, instead of hiding all of them until each has been measured.
 */
export function estimateNodeSize(node: GraphNode): { width: number; height: number } {
  const lines = 1 + nodeSettings(node).length;
  const roles = rolesOf(node.type).length;
  return { width: CARD_WIDTH, height: CARD_CHROME + lines * LINE_HEIGHT + roles * ROLE_ROW_HEIGHT };
}
