import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS } from "@/server/audit/audit-log";
import { actionInWords, targetInWords } from "./audit-words";

describe("audit log words", () => {
  it("has words for every action the log keeps", () => {
    for (const action of AUDIT_ACTIONS) expect(actionInWords(action)).not.toBe(action);
    expect(actionInWords("something.new")).toBe("something.new");
  });

  it("names targets from their details: provider and key hint, token name and prefix", () => {
    const entry = (
      action: string,
      details: Record<string, string | null>,
      target = { type: "x", id: "id-1" },
    ) => ({
      action,
      target,
      details,
    });
    expect(targetInWords(entry("provider.key-set", { provider: "openai", hint: "WXYZ" }))).toBe(
      "openai (…WXYZ)",
    );
    expect(targetInWords(entry("provider.key-removed", { provider: "google", hint: null }))).toBe("google");
    expect(
      targetInWords(
        entry("provider.base-url-changed", { provider: "generic", from: null, to: "http://gpu/v1" }),
      ),
    ).toBe("generic: http://gpu/v1");
    expect(targetInWords(entry("provider.base-url-changed", { provider: "openai", to: null }))).toBe(
      "openai: default",
    );
    expect(targetInWords(entry("api-token.created", { name: "ci", prefix: "trl_abcde", role: null }))).toBe(
      "ci (trl_abcde…)",
    );
    expect(targetInWords(entry("share-link.created", {}, { type: "run", id: "r1" }))).toBe("run r1");
    expect(targetInWords({ action: "sign-in", target: null, details: {} })).toBe("");
  });
});
