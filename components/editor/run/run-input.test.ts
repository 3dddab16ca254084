import { describe, expect, it } from "vitest";
import { runInputSchema } from "@/server/engine/messages";
import { MAX_ATTACHED_RESOURCE_BYTES } from "@/server/mcp/prompts-and-resources-schema";
import { attachmentLimitProblem, buildRunInput, formatBytes, type AttachedResource } from "./run-input";

const notes: AttachedResource = {
  server: "everything",
  uri: "demo://notes",
  name: "notes",
  contents: [
    { uri: "demo://notes/1", text: "first", mediaType: "text/markdown" },
    { uri: "demo://notes/2", text: "second" },
  ],
  bytes: 11,
};

describe("buildRunInput", () => {
  it("sends the typed text alone when nothing is attached", () => {
    expect(buildRunInput("Hello", [])).toBe("Hello");
  });

  it("sends one user message: the text, then a resource part per content", () => {
    const input = buildRunInput("Summarise", [notes]);
    expect(input).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "Summarise" },
          { type: "resource", uri: "demo://notes/1", text: "first", mediaType: "text/markdown" },
          { type: "resource", uri: "demo://notes/2", text: "second" },
        ],
      },
    ]);
    expect(runInputSchema.safeParse(input).success).toBe(true);
  });

  it("leaves the text part out when only resources are given", () => {
    expect(buildRunInput("  ", [notes])).toEqual([
      {
        role: "user",
        content: [
          { type: "resource", uri: "demo://notes/1", text: "first", mediaType: "text/markdown" },
          { type: "resource", uri: "demo://notes/2", text: "second" },
        ],
      },
    ]);
  });
});

describe("attachment limit", () => {
  it("allows up to the limit and explains going past it", () => {
    const big = { ...notes, name: "big", bytes: MAX_ATTACHED_RESOURCE_BYTES - 11 };
    expect(attachmentLimitProblem([notes], big)).toBeUndefined();
    expect(attachmentLimitProblem([notes, big], { name: "one more", bytes: 1 })).toBe(
      "one more (1 B) does not fit: a run's attached resources may add up to 192 KiB, and 192 KiB are attached already. Remove one first.",
    );
    expect(formatBytes(1536)).toBe("1.5 KiB");
    expect(formatBytes(12)).toBe("12 B");
  });
});
