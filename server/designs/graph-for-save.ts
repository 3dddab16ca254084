import { graphSchema, MAX_GRAPH_BYTES, type Graph } from "@/server/designs/graph-schema";
import { SHAPE_ISSUE_CODES, validateGraph, type GraphIssueCode } from "@/server/designs/validate-graph";
import { InvalidInputError, PayloadTooLargeError } from "@/server/errors";

export function emptyGraph(): Graph {
  return { version: 1, nodes: [], edges: [] };
}

/** What may be saved: any graph in the v1 format, even one that does not validate yet. */
export function checkGraphForSave(input: unknown): Graph {
  if (new TextEncoder().encode(JSON.stringify(input) ?? "").length > MAX_GRAPH_BYTES) {
    throw new PayloadTooLargeError(`A design graph is at most ${MAX_GRAPH_BYTES / 1024} KiB of JSON.`);
  }
  const { issues } = validateGraph(input);
  // A design being drawn may be saved with structural errors; a malformed graph may not.
  const blocking = issues.filter(
    (issue) => issue.severity === "error" && SHAPE_ISSUE_CODES.has(issue.code as GraphIssueCode),
  );
  const parsed = graphSchema.safeParse(input);
  if (blocking.length > 0 || !parsed.success) {
    throw new InvalidInputError(
      "The graph is not a valid design graph (format version 1).",
      blocking.length > 0
        ? blocking
        : (parsed.error?.issues ?? []).map((issue) => ({
            code: "invalid_graph",
            message: issue.message,
            path: issue.path.map((part) => (typeof part === "symbol" ? String(part) : part)),
          })),
    );
  }
  return parsed.data;
}
