import { describe, expect, it } from "vitest";
import { conflictVersionOf, describeSaveError } from "./save-errors";

describe("save errors", () => {
  it("reads the current version of a conflict", () => {
    const error = Object.assign(new Error("stale"), {
      data: { code: "CONFLICT", details: { currentVersion: 7 } },
    });
    expect(conflictVersionOf(error)).toBe(7);
    expect(conflictVersionOf(new Error("other"))).toBeUndefined();
    expect(conflictVersionOf({ data: { code: "BAD_REQUEST" } })).toBeUndefined();
  });

  it("describes errors with their first issue", () => {
    const error = Object.assign(new Error("The graph is not a valid design graph."), {
      data: { code: "BAD_REQUEST", issues: [{ code: "invalid_node", message: "Node 1 is broken." }] },
    });
    expect(describeSaveError(error)).toBe("The graph is not a valid design graph. Node 1 is broken.");
    expect(describeSaveError("boom")).toBe("The design could not be saved.");
  });
});
