/**
 * Reads a design file (or pasted JSON) into a graph, deciding before anything changes whether it
 * can be imported. Pure and isomorphic: the import dialog calls it on every edit.
 *
 * The rule matches saving (graph-for-save.ts): a file that is not a v1 graph is refused, while a
 * graph that is drawn but unfinished (a chain without steps, an unknown entry) is accepted with
 * its issues shown as warnings, since a design may be saved and shared while it is being drawn.
 */
import {
  GRAPH_FORMAT_VERSION,
  MAX_GRAPH_BYTES,
  graphSchema,
  type Graph,
} from "@/server/designs/graph-schema";
import {
  SHAPE_ISSUE_CODES,
  validateGraph,
  type GraphIssue,
  type GraphIssueCode,
} from "@/server/designs/validate-graph";

export type ParseImportResult =
  { ok: true; graph: Graph; warnings: GraphIssue[]; name?: string } | { ok: false; problems: string[] };

/**
 * Files are pretty-printed, and indentation can make a file several times the size of the graph
 * it holds; the graph itself is held to MAX_GRAPH_BYTES below. This cap only keeps a stray
 * multi-megabyte paste from being parsed at all.
 */
export const MAX_IMPORT_TEXT_BYTES = 4 * MAX_GRAPH_BYTES;

const KIB = 1024;

function kibibytes(bytes: number): string {
  return `${Math.ceil(bytes / KIB).toLocaleString("en")} KiB`;
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const refuse = (...problems: string[]): ParseImportResult => ({ ok: false, problems });

/**
 * A file holds either a bare graph, or a wrapper with the graph under `graph` (`{ name, graph }`,
 * which is also the shape of a design fetched from the REST API).
 */
function unwrap(value: unknown): { candidate: unknown; name?: string } {
  if (isRecord(value) && "graph" in value && !("nodes" in value)) {
    const name = typeof value.name === "string" && value.name.trim() !== "" ? value.name.trim() : undefined;
    return { candidate: value.graph, ...(name === undefined ? {} : { name }) };
  }
  return { candidate: value };
}

function newerFormat(candidate: unknown): string | undefined {
  if (!isRecord(candidate)) return undefined;
  const version = candidate.version;
  if (typeof version !== "number" || !Number.isFinite(version) || version <= GRAPH_FORMAT_VERSION) {
    return undefined;
  }
  return `This file was made by a newer Trellis (format version ${version}); this one reads version ${GRAPH_FORMAT_VERSION}.`;
}

export function parseImport(text: string): ParseImportResult {
  // Editors on some systems start UTF-8 files with a byte-order mark, which JSON.parse refuses.
  const source = text.replace(/^\uFEFF/, "");
  if (source.trim() === "") return refuse("Choose a design file or paste its JSON.");
  const textBytes = byteLength(source);
  if (textBytes > MAX_IMPORT_TEXT_BYTES) {
    return refuse(
      `This is ${kibibytes(textBytes)} of text; a design is at most ${kibibytes(MAX_GRAPH_BYTES)} of JSON.`,
    );
  }

  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    const detail = error instanceof SyntaxError ? ` (${error.message})` : "";
    return refuse(`This is not JSON${detail}. A design file is the JSON that "Export JSON" downloads.`);
  }

  const { candidate, name } = unwrap(value);
  const newer = newerFormat(candidate);
  if (newer !== undefined) return refuse(newer);

  const graphBytes = byteLength(JSON.stringify(candidate) ?? "");
  if (graphBytes > MAX_GRAPH_BYTES) {
    return refuse(
      `This design is ${kibibytes(graphBytes)} of JSON; a design is at most ${kibibytes(MAX_GRAPH_BYTES)}.`,
    );
  }

  const { issues } = validateGraph(candidate);
  const blocking = issues.filter(
    (issue) => issue.severity === "error" && SHAPE_ISSUE_CODES.has(issue.code as GraphIssueCode),
  );
  if (blocking.length > 0) return refuse(...blocking.map((issue) => issue.message));

  const parsed = graphSchema.safeParse(candidate);
  if (!parsed.success) {
    // The validator and the schema agree on shape; this guards against them drifting apart.
    return refuse(
      ...parsed.error.issues.map((issue) => `The graph does not match format version 1: ${issue.message}.`),
    );
  }
  const warnings = issues.filter((issue) => !blocking.includes(issue));
  return { ok: true, graph: parsed.data, warnings, ...(name === undefined ? {} : { name }) };
}
