import { describe, expect, it } from "vitest";
import { canonicalJson, isRedFlagged, kAheadWinner, pluralityWinner, voteKey } from "./maker-voting";

describe("MAKER voting", () => {
  it("keys samples by exact text, normalized text or canonical JSON", () => {
    expect(voteKey(" A  b ", "exact")).toBe(" A  b ");
    expect(voteKey(" A \n b ", "normalized")).toBe("a b");
    expect(voteKey('{"b":1,"a":{"d":2,"c":3}}', "structured")).toBe('{"a":{"c":3,"d":2},"b":1}');
    expect(voteKey("not json", "structured")).toBe("not json");
    expect(canonicalJson([{ z: 1, a: 2 }])).toBe('[{"a":2,"z":1}]');
  });

  it("red-flags only samples longer than the limit", () => {
    expect(isRedFlagged("abc", 3)).toBe(false);
    expect(isRedFlagged("abcd", 3)).toBe(true);
    expect(isRedFlagged("x".repeat(10_000), undefined)).toBe(false);
  });

  it("declares a winner only k votes ahead of the runner-up", () => {
    expect(kAheadWinner(new Map([["a", 2]]), 2)).toBe("a");
    expect(
      kAheadWinner(
        new Map([
          ["a", 3],
          ["b", 2],
        ]),
        2,
      ),
    ).toBeUndefined();
    expect(kAheadWinner(new Map(), 1)).toBeUndefined();
  });

  it("falls back to the plurality, earliest first on a tie", () => {
    expect(
      pluralityWinner(
        new Map([
          ["first", 2],
          ["second", 2],
        ]),
      ),
    ).toBe("first");
    expect(
      pluralityWinner(
        new Map([
          ["first", 1],
          ["second", 2],
        ]),
      ),
    ).toBe("second");
  });
});
