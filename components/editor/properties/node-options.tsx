import { memo } from "react";

/**
 * `<option>`s for choosing a node by name. Memoised on the list itself (as one string), because
 * typing in a field changes the graph but not the names, and a design can have 500 nodes.
 */
function NodeOptionsList({ entries }: { entries: string }) {
  if (entries === "") return null;
  return entries.split("\n").map((entry) => {
    const [value = "", label = value] = entry.split("\t");
    return (
      <option key={value} value={value}>
        {label}
      </option>
    );
  });
}

export const NodeOptions = memo(NodeOptionsList);

/** The `entries` of NodeOptions: one "value<TAB>label" line per node. */
export function nodeOptionEntries(nodes: readonly { value: string; label: string }[]): string {
  return nodes.map((node) => `${node.value}\t${node.label}`).join("\n");
}
