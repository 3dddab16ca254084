import { describe, expect, it } from "vitest";
import { filterPalette, isNodeType, PALETTE_ITEMS } from "./palette-items";

describe("palette search", () => {
  it("lists every node type and finds them by label, type or description", () => {
    expect(PALETTE_ITEMS.map((item) => item.type)).toHaveLength(7);
    expect(filterPalette(PALETTE_ITEMS, "chain").map((item) => item.type)).toEqual(["chain"]);
    expect(filterPalette(PALETTE_ITEMS, "evaluator").map((item) => item.type)).toEqual([
      "evaluator_optimizer",
    ]);
    expect(filterPalette(PALETTE_ITEMS, "  ").length).toBe(7);
    expect(filterPalette(PALETTE_ITEMS, "workers plans").map((item) => item.type)).toEqual(["orchestrator"]);
    expect(filterPalette(PALETTE_ITEMS, "nothing like this")).toEqual([]);
  });

  it("recognises node types", () => {
    expect(isNodeType("router")).toBe(true);
    expect(isNodeType("robot")).toBe(false);
  });
});
