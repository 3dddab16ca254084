import { describe, expect, it } from "vitest";
import { assignToolNames, TOOL_NAME_PATTERN, toolNameFor } from "@/server/mcp/serve/tool-names";

describe("tool names for agents", () => {
  it("keeps valid graph names as they are", () => {
    expect(toolNameFor("fact_checker-2")).toBe("fact_checker-2");
    expect(toolNameFor("a".repeat(64))).toBe("a".repeat(64));
  });

  it("maps anything else into [A-Za-z0-9_-]{1,64}", () => {
    expect(toolNameFor("Rédacteur en chef")).toBe("Redacteur_en_chef");
    expect(toolNameFor("a.b/c")).toBe("a_b_c");
    expect(toolNameFor("日本語")).toBe("agent");
    expect(toolNameFor("x".repeat(100))).toHaveLength(64);
    for (const name of ["Rédacteur en chef", "日本語", "a b", "", "x".repeat(100)]) {
      expect(toolNameFor(name)).toMatch(TOOL_NAME_PATTERN);
    }
  });

  it("numbers clashes in order, within the length limit", () => {
    const names = assignToolNames(["a b", "a_b", "a.b", `${"y".repeat(64)}!`, `${"y".repeat(64)}?`]);
    expect([...names.keys()]).toEqual(["a_b", "a_b_2", "a_b_3", "y".repeat(64), `${"y".repeat(62)}_2`]);
    expect([...names.values()]).toEqual(["a b", "a_b", "a.b", `${"y".repeat(64)}!`, `${"y".repeat(64)}?`]);
  });
});
