import type { LanguageModelV3 } from "@ai-sdk/provider";
import { wrapLanguageModel } from "ai";
import { describe, expect, it } from "vitest";
import { deferredModel } from "@/server/models/deferred-model";

const PROMPT = { prompt: [{ role: "user" as const, content: [{ type: "text" as const, text: "hi" }] }] };

function loadedModel(): LanguageModelV3 {
  return {
    specificationVersion: "v3",
    provider: "test",
    modelId: "loaded",
    supportedUrls: { "image/*": [/^https:/] },
    doGenerate: () =>
      Promise.resolve({
        content: [{ type: "text", text: "ok" }],
        finishReason: { unified: "stop", raw: "stop" },
        usage: {
          inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 },
          outputTokens: { total: 1, text: 1, reasoning: 0 },
        },
        warnings: [],
      }),
    doStream: () => Promise.reject(new Error("not used")),
  };
}

describe("deferredModel", () => {
  it("loads once, on first use", async () => {
    let loads = 0;
    const model = deferredModel({ provider: "test", modelId: "m" }, () => {
      loads += 1;
      return Promise.resolve(loadedModel());
    });
    expect(loads).toBe(0);
    expect(await model.supportedUrls).toEqual({ "image/*": [/^https:/] });
    await model.doGenerate(PROMPT);
    expect(loads).toBe(1);
  });

  it("reports a failed set-up to callers, retries it next time, and never leaves a rejection unhandled", async () => {
    let attempt = 0;
    const model = deferredModel({ provider: "test", modelId: "m" }, () => {
      attempt += 1;
      return attempt === 1 ? Promise.reject(new Error("no key")) : Promise.resolve(loadedModel());
    });
    // wrapLanguageModel reads supportedUrls when wrapping; nobody awaits that read here.
    const wrapped = wrapLanguageModel({ model, middleware: { specificationVersion: "v3" } });
    await new Promise((resolve) => setTimeout(resolve, 10));
    await expect(wrapped.supportedUrls).rejects.toThrow("no key");
    await expect(model.doGenerate(PROMPT)).resolves.toMatchObject({
      content: [{ type: "text", text: "ok" }],
    });
    expect(attempt).toBe(2);
  });
});
