/** Validation issues grouped by the node or edge they belong to, for badges and the issue list. */
import type { Graph } from "@/server/designs/graph-schema";
import type { GraphIssue } from "@/server/designs/validate-graph";

export type IssueSummary = {
  readonly errors: number;
  readonly warnings: number;
  /** The messages, errors first, for a tooltip and the properties panel. */
  readonly messages: readonly string[];
};

export type IssueIndex = {
  readonly issues: readonly GraphIssue[];
  readonly byNode: ReadonlyMap<string, IssueSummary>;
  readonly byEdge: ReadonlyMap<string, IssueSummary>;
  readonly errorCount: number;
  readonly warningCount: number;
};

export const EMPTY_ISSUE_INDEX: IssueIndex = {
  issues: [],
  byNode: new Map(),
  byEdge: new Map(),
  errorCount: 0,
  warningCount: 0,
};

/** The node and edge an issue is about: its ids, or else the element its path points at. */
export function issueTarget(graph: Graph, issue: GraphIssue): { nodeId?: string; edgeId?: string } {
  const [collection, index] = issue.path ?? [];
  const byPath =
    typeof index === "number"
      ? collection === "nodes"
        ? { nodeId: graph.nodes[index]?.id }
        : collection === "edges"
          ? { edgeId: graph.edges[index]?.id }
          : {}
      : {};
  const edgeId = issue.edgeId ?? byPath.edgeId;
  // An issue about an edge alone (no nodeId) is still shown on the edge, not on a node.
  const nodeId = issue.nodeId ?? (edgeId === undefined ? byPath.nodeId : undefined);
  return {
    ...(nodeId === undefined ? {} : { nodeId }),
    ...(edgeId === undefined ? {} : { edgeId }),
  };
}

type Tally = { errors: number; warnings: number; errorsText: string[]; warningsText: string[] };

function add(map: Map<string, Tally>, id: string, issue: GraphIssue) {
  const entry = map.get(id) ?? { errors: 0, warnings: 0, errorsText: [], warningsText: [] };
  if (issue.severity === "error") {
    entry.errors += 1;
    entry.errorsText.push(issue.message);
  } else {
    entry.warnings += 1;
    entry.warningsText.push(issue.message);
  }
  map.set(id, entry);
}

function summaries(map: Map<string, Tally>): Map<string, IssueSummary> {
  return new Map(
    [...map].map(([id, entry]) => [
      id,
      {
        errors: entry.errors,
        warnings: entry.warnings,
        messages: [...entry.errorsText, ...entry.warningsText],
      },
    ]),
  );
}

export function indexIssues(graph: Graph, issues: readonly GraphIssue[]): IssueIndex {
  const byNode = new Map<string, Tally>();
  const byEdge = new Map<string, Tally>();
  let errorCount = 0;
  for (const issue of issues) {
    if (issue.severity === "error") errorCount += 1;
    const target = issueTarget(graph, issue);
    if (target.nodeId !== undefined) add(byNode, target.nodeId, issue);
    if (target.edgeId !== undefined) add(byEdge, target.edgeId, issue);
  }
  // Errors first, so that the list leads with what blocks a run.
  const sorted = [...issues].sort(
    (left, right) => Number(left.severity === "warning") - Number(right.severity === "warning"),
  );
  return {
    issues: sorted,
    byNode: summaries(byNode),
    byEdge: summaries(byEdge),
    errorCount,
    warningCount: issues.length - errorCount,
  };
}

export function sameSummary(left: IssueSummary | undefined, right: IssueSummary | undefined): boolean {
  if (left === right) return true;
  if (left === undefined || right === undefined) return false;
  return (
    left.errors === right.errors &&
    left.warnings === right.warnings &&
    left.messages.length === right.messages.length &&
    left.messages.every((message, index) => message === right.messages[index])
  );
}
