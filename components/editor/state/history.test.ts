import { describe, expect, it } from "vitest";
import { canRedo, canUndo, commit, createHistory, HISTORY_LIMIT, redo, sealHistory, undo } from "./history";

describe("history", () => {
  it("undoes and redoes whole steps", () => {
    let history = createHistory("a");
    history = commit(history, "b");
    history = commit(history, "c");
    history = undo(history);
    expect(history.present).toBe("b");
    expect(canRedo(history)).toBe(true);
    history = undo(history);
    expect(history.present).toBe("a");
    expect(canUndo(history)).toBe(false);
    expect(undo(history)).toBe(history);
    history = redo(redo(history));
    expect(history.present).toBe("c");
    expect(redo(history)).toBe(history);
  });

  it("drops the redo branch on a new change", () => {
    let history = commit(commit(createHistory(1), 2), 3);
    history = commit(undo(history), 4);
    expect(history.future).toEqual([]);
    expect(history.past).toEqual([1, 2]);
  });

  it("ignores changes that change nothing", () => {
    const history = createHistory("same");
    expect(commit(history, "same")).toBe(history);
  });

  it("merges changes with the same key into one step until sealed or undone", () => {
    let history = createHistory("");
    for (const text of ["w", "wr", "wri", "writer"])
      history = commit(history, text, { coalesceKey: "name#1" });
    expect(history.past).toEqual([""]);
    expect(history.present).toBe("writer");
    history = commit(sealHistory(history), "writers", { coalesceKey: "name#1" });
    expect(history.past).toEqual(["", "writer"]);
    history = commit(history, "writer!", { coalesceKey: "name#2" });
    expect(history.past).toEqual(["", "writer", "writers"]);
    history = commit(undo(history), "x", { coalesceKey: "name#1" });
    expect(history.past).toEqual(["", "writer", "writers"]);
  });

  it("keeps at most the limit of steps", () => {
    let history = createHistory(0);
    for (let value = 1; value <= HISTORY_LIMIT + 50; value += 1) history = commit(history, value);
    expect(history.past).toHaveLength(HISTORY_LIMIT);
    expect(history.past[0]).toBe(50);
  });
});
