import { describe, expect, it } from "vitest";
import { createToolNameTable, MAX_TOOL_NAME_LENGTH, shortenedToolName } from "@/server/mcp/tool-names";

const PROVIDER_SAFE = /^[A-Za-z0-9_-]{1,64}$/;

describe("MCP tool names", () => {
  it("are <server>__<tool> when that fits", () => {
    const table = createToolNameTable();
    expect(table.nameOf("everything", "echo")).toBe("everything__echo");
    expect(table.lookup("everything__echo")).toEqual({ server: "everything", tool: "echo" });
    expect(table.lookup("everything__missing")).toBeUndefined();
  });

  it("shorten names over 64 characters deterministically, keeping the server and a readable start", () => {
    const server = "a-registry-name-of-32-characters";
    const tool = "report_quarterly_revenue_for_every_region_of_the_company";
    const name = createToolNameTable().nameOf(server, tool);
    expect(name.length).toBeLessThanOrEqual(MAX_TOOL_NAME_LENGTH);
    expect(name).toMatch(PROVIDER_SAFE);
    expect(name.startsWith(`${server}__report_quarterly`)).toBe(true);
    expect(createToolNameTable().nameOf(server, tool)).toBe(name);
    expect(name).toBe(shortenedToolName(server, tool));
  });

  it("never give two tools the same name: long look-alikes, unsafe characters and '__' ambiguities", () => {
    const table = createToolNameTable();
    const pairs = [
      ["s", `${"x".repeat(70)}_one`],
      ["s", `${"x".repeat(70)}_two`],
      ["s", "files.read"],
      ["s", "files_read"],
      ["s", "files read"],
      ["a_", "b"],
      ["a", "_b"],
    ] as const;
    const names = pairs.map(([server, tool]) => table.nameOf(server, tool));
    expect(new Set(names).size).toBe(pairs.length);
    for (const [index, [server, tool]] of pairs.entries()) {
      expect(names[index]).toMatch(PROVIDER_SAFE);
      expect(table.lookup(names[index]!)).toEqual({ server, tool });
      expect(table.nameOf(server, tool)).toBe(names[index]);
    }
    expect(names[3]).toBe("s__files_read");
    expect(names[2]).not.toBe("s__files_read");
    // "a___b" belongs to whichever came first; the other gets the hashed form.
    expect(names[5]).toBe("a___b");
    expect(names[6]).not.toBe("a___b");
  });
});
