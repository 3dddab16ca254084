import { describe, expect, it } from "vitest";
import { toolFilterFor } from "@/server/mcp/tool-filter";

const TOOLS = ["echo", "get-env", "get-sum", "get-tiny-image", "files.read", "admin/reset"];
const shown = (filters: Record<string, string[]> | undefined, server = "everything") =>
  TOOLS.filter(toolFilterFor(filters, server));

describe("tool filters", () => {
  it("show every tool of a server without an entry", () => {
    expect(shown(undefined)).toEqual(TOOLS);
    expect(shown({ other: ["echo"] })).toEqual(TOOLS);
  });

  it("show the tools matching a glob, minus '!' exclusions", () => {
    expect(shown({ everything: ["get-*"] })).toEqual(["get-env", "get-sum", "get-tiny-image"]);
    expect(shown({ everything: ["get-*", "!get-env"] })).toEqual(["get-sum", "get-tiny-image"]);
    expect(shown({ everything: ["!get-*"] })).toEqual(["echo", "files.read", "admin/reset"]);
    expect(shown({ everything: ["echo", "files.*"] })).toEqual(["echo", "files.read"]);
    expect(shown({ everything: ["admin*"] })).toEqual(["admin/reset"]);
  });

  it("show nothing for an empty list", () => {
    expect(shown({ everything: [] })).toEqual([]);
  });
});
