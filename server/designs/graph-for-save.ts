import { graphSchema, MAX_GRAPH_BYTES, type Graph } from "@/server/designs/graph-schema";
import { validateGraph } from "@/server/designs/validate-graph";
import { InvalidInputError, PayloadTooLargeError } from "@/server/errors";

/**
 * What may be saved: any graph in the v1 format, even one that does not validate yet (a design
 * being drawn has missing children and such; runs refuse it until it validates). Malformed
 * graphs (wrong types, unknown fields or node types, broken limits) are refused.
 */
const SAVE_BLOCKING_CODES = new Set([
  "invalid_graph",
  "unsupported_version",
  "too_many_nodes",
  "too_many_edges",
  "graph_too_large",
  "string_too_long",
  "duplicate_node_id",
  "duplicate_edge_id",
  "unknown_node_type",
  "invalid_node",
  "invalid_edge",
]);

export function emptyGraph(): Graph {
  return { version: 1, nodes: [], edges: [] };
}

export function checkGraphForSave(input: unknown): Graph {
  if (new TextEncoder().encode(JSON.stringify(input) ?? "").length > MAX_GRAPH_BYTES) {
    throw new PayloadTooLargeError(`A design graph is at most ${MAX_GRAPH_BYTES / 1024} KiB of JSON.`);
  }
  const { issues } = validateGraph(input);
  const blocking = issues.filter(
    (issue) => issue.severity === "error" && SAVE_BLOCKING_CODES.has(issue.code),
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
