import { describe, expect, it } from "vitest";
import { isValidNodeName, nextNumberedName, uniqueName } from "./names";

describe("node names", () => {
  it("numbers new nodes from 1 and skips taken numbers", () => {
    expect(nextNumberedName("agent", new Set())).toBe("agent_1");
    expect(nextNumberedName("agent", new Set(["agent_1", "agent_2"]))).toBe("agent_3");
    expect(nextNumberedName("evaluator_optimizer", new Set())).toBe("evaluator_optimizer_1");
  });

  it("keeps a free name and numbers a taken one", () => {
    expect(uniqueName("writer", new Set())).toBe("writer");
    expect(uniqueName("writer", new Set(["writer"]))).toBe("writer_2");
    expect(uniqueName("writer", new Set(["writer", "writer_2"]))).toBe("writer_3");
    expect(uniqueName("agent_1", new Set(["agent_1"]))).toBe("agent_2");
  });

  it("always produces a valid name, even from long or odd text", () => {
    const long = "x".repeat(64);
    const result = uniqueName(long, new Set([long]));
    expect(result).toHaveLength(64);
    expect(isValidNodeName(result)).toBe(true);
    expect(isValidNodeName(uniqueName("two words!", new Set()))).toBe(true);
    expect(isValidNodeName("bad name")).toBe(false);
  });
});
