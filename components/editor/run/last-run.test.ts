import { describe, expect, it } from "vitest";
import { forgetLastRun, readLastRun, rememberLastRun } from "@/components/editor/run/last-run";

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  } as unknown as Storage;
}

describe("last run per design", () => {
  it("remembers, reads back and forgets one run per design", () => {
    const storage = memoryStorage();
    const runId = "0b7d4f8e-5f44-4c71-9a55-2f0d1c6e9a10";
    expect(readLastRun("d1", storage)).toBeNull();
    rememberLastRun("d1", runId, storage);
    expect(readLastRun("d1", storage)).toBe(runId);
    expect(readLastRun("d2", storage)).toBeNull();
    forgetLastRun("d1", storage);
    expect(readLastRun("d1", storage)).toBeNull();
  });

  it("ignores what this module did not write and storage that fails", () => {
    const storage = memoryStorage();
    storage.setItem("trellis.editor.lastRun.d1", "../../etc/passwd");
    expect(readLastRun("d1", storage)).toBeNull();
    const broken = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
      removeItem: () => {
        throw new Error("SecurityError");
      },
    } as unknown as Storage;
    expect(readLastRun("d1", broken)).toBeNull();
    expect(() => rememberLastRun("d1", "abc", broken)).not.toThrow();
    expect(() => forgetLastRun("d1", broken)).not.toThrow();
  });
});
