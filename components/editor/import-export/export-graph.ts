/** What "Export JSON" writes: pure, so the file's exact content is tested without a browser. */
import type { Graph } from "@/server/designs/graph-schema";

/**
 * The graph as graph-format v1 JSON, pretty-printed, with exactly the format's top-level fields in
 * the documented order. Built field by field rather than stringifying the graph as it is, so that
 * anything the editor might hang on the object never leaks into a file meant to be shared.
 */
export function serializeGraph(graph: Graph): string {
  const file = {
    version: graph.version,
    ...(graph.entry === undefined ? {} : { entry: graph.entry }),
    ...(graph.defaultModel === undefined ? {} : { defaultModel: graph.defaultModel }),
    nodes: graph.nodes,
    edges: graph.edges,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

const FILE_SUFFIX = ".trellis.json";
const MAX_STEM_LENGTH = 100;

/**
 * `<design name>.trellis.json`, with the characters that file systems refuse (path separators,
 * reserved punctuation, control characters) replaced, so any design name gives a usable file name.
 */
export function exportFileName(designName: string): string {
  const stem = [...designName]
    .map((character) => {
      const code = character.charCodeAt(0);
      return code < 0x20 || code === 0x7f || '/\\:*?"<>|'.includes(character) ? "-" : character;
    })
    .join("")
    .trim()
    // Leading dots hide files on Unix; trailing dots and spaces are dropped by Windows.
    .replace(/^[.\s]+|[.\s]+$/g, "")
    .slice(0, MAX_STEM_LENGTH)
    .trim();
  return `${stem === "" ? "design" : stem}${FILE_SUFFIX}`;
}
