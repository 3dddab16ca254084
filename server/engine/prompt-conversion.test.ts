import { describe, expect, it } from "vitest";
import { toLanguageModelPrompt } from "@/server/engine/prompt-conversion";
import { createOfflineModel } from "@/server/models/offline/create-offline-model";
import { generate } from "@/server/models/offline/offline-test-kit";

/**
 * Resource parts of a run's input (attached in the editor's run drawer) reach the model as text,
 * wrapped as fast-agent wraps embedded text resources. The passthrough model echoes the user's
 * message, so its answer is exactly what a provider would have been sent.
 */
describe("resource parts in the model's prompt", () => {
  it("reach the passthrough model as fast-agent's file text, after the typed text", async () => {
    const prompt = toLanguageModelPrompt("Be helpful.", [
      {
        role: "user",
        content: [
          { type: "text", text: "Summarise the attached notes." },
          {
            type: "resource",
            uri: "demo://resource/static/document/architecture.md",
            text: "# Architecture\nLayers.",
            mediaType: "text/markdown",
          },
        ],
      },
    ]);
    const reply = await generate(createOfflineModel("passthrough"), prompt);
    expect(reply.text).toBe(
      [
        "Summarise the attached notes.",
        '<fastagent:file title="architecture.md" mimetype="text/markdown">',
        "# Architecture",
        "Layers.",
        "</fastagent:file>",
      ].join("\n"),
    );
  });

  it("names a resource without text instead of dropping it, and titles a URI without slashes by its path", () => {
    const prompt = toLanguageModelPrompt(undefined, [
      {
        role: "user",
        content: [
          { type: "resource", uri: "file:///tmp/picture.png", mediaType: "image/png" },
          { type: "resource", uri: "urn:notes", text: "plain" },
        ],
      },
    ]);
    expect(prompt).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "[Binary resource: picture.png (image/png)]" },
          {
            type: "text",
            text: '<fastagent:file title="notes" mimetype="text/plain">\nplain\n</fastagent:file>',
          },
        ],
      },
    ]);
  });
});
