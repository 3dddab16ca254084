import { NODE_TYPES, type NodeType } from "@/server/designs/graph-schema";
import { NODE_KINDS } from "@/components/graph/node-kinds";

/** The drag-and-drop payload type for a node type dragged from the palette to the canvas. */
export const NODE_TYPE_MIME = "application/x-trellis-node-type";

export const NODE_TYPE_DESCRIPTIONS: Record<NodeType, string> = {
  agent: "One model with an instruction, tools and MCP servers.",
  chain: "Runs its steps one after another.",
  parallel: "Sends the request to several agents at once, then merges.",
  router: "Picks the one child best suited to the request.",
  evaluator_optimizer: "A generator refined until an evaluator is satisfied.",
  orchestrator: "Plans tasks and hands them to workers.",
  maker: "Samples a worker several times and votes on the answer.",
};

export type PaletteItem = { type: NodeType; label: string; description: string };

export const PALETTE_ITEMS: readonly PaletteItem[] = NODE_TYPES.map((type) => ({
  type,
  label: NODE_KINDS[type].label,
  description: NODE_TYPE_DESCRIPTIONS[type],
}));

/** Items whose label, type or description contains every word of the search. */
export function filterPalette(items: readonly PaletteItem[], search: string): PaletteItem[] {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  return items.filter((item) => {
    const text = `${item.label} ${item.type} ${item.description}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

export function isNodeType(value: string): value is NodeType {
  return (NODE_TYPES as readonly string[]).includes(value);
}
