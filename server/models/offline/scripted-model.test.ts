import { describe, expect, it } from "vitest";
import { createOfflineModel, createScriptedModel } from "./create-offline-model";
import { createOfflineModelState } from "./offline-model-state";
import { createOfflineModelFromString, parseOfflineModelString } from "./offline-model-string";
import { generate, streamParts, user } from "./offline-test-kit";

describe("scripted", () => {
  it("answers from its queue: text, tool calls, JSON as its text, errors", async () => {
    const model = createScriptedModel([
      "plain",
      { text: "also plain" },
      { toolCall: { name: "lookup", arguments: { q: "x" } } },
      { toolCalls: [{ name: "a" }, { name: "b", arguments: { n: 1 } }] },
      { json: { rating: "GOOD", list: [1, 2] } },
      { error: "the model broke" },
    ]);
    const prompt = [user("ignored")];
    expect((await generate(model, prompt)).text).toBe("plain");
    expect((await generate(model, prompt)).text).toBe("also plain");
    expect((await generate(model, prompt)).toolCalls).toEqual([
      { id: "scripted-call-0", name: "lookup", arguments: { q: "x" } },
    ]);
    expect((await generate(model, prompt)).toolCalls).toEqual([
      { id: "scripted-call-1", name: "a", arguments: {} },
      { id: "scripted-call-2", name: "b", arguments: { n: 1 } },
    ]);
    expect((await generate(model, prompt)).text).toBe('{"rating":"GOOD","list":[1,2]}');
    await expect(generate(model, prompt)).rejects.toThrow("the model broke");
    await expect(generate(model, prompt)).rejects.toThrow("The scripted model has no replies left.");
  });

  it("streams scripted text as deltas", async () => {
    const parts = await streamParts(createScriptedModel(["several words here"]), [user("x")]);
    const deltas = parts.flatMap((part) => (part.type === "text-delta" ? [part.delta] : []));
    expect(deltas.join("")).toBe("several words here");
  });

  it("takes its replies from the model string (URL-encoded JSON)", async () => {
    const replies = encodeURIComponent(JSON.stringify(["first", { json: { ok: true } }]));
    const model = createOfflineModelFromString(`scripted?replies=${replies}`);
    expect((await generate(model, [user("x")])).text).toBe("first");
    expect((await generate(model, [user("x")])).text).toBe('{"ok":true}');
  });

  it("parses offline model strings with their options", () => {
    expect(parseOfflineModelString("slow?delayMs=250")).toEqual({
      ok: true,
      name: "slow",
      options: { delayMs: 250 },
    });
    expect(parseOfflineModelString("passthrough?temperature=0.5")).toEqual({
      ok: true,
      name: "passthrough",
      options: { temperature: 0.5 },
    });
    expect(parseOfflineModelString("scripted?replies=%5B%22a%22%5D&maxTokens=5")).toEqual({
      ok: true,
      name: "scripted",
      options: { maxTokens: 5, replies: ["a"] },
    });
    expect(parseOfflineModelString("scripted?replies=%7Bnope")).toMatchObject({ ok: false });
    expect(parseOfflineModelString("passthrough?replies=%5B%5D")).toMatchObject({ ok: false });
    expect(parseOfflineModelString("openai.gpt-4.1")).toMatchObject({ ok: false });
  });

  it("keeps its queue in the agent's state, so a second model instance continues it", async () => {
    const state = createOfflineModelState();
    const first = createOfflineModel("scripted", { replies: ["one", "two"] }, state);
    expect((await generate(first, [user("x")])).text).toBe("one");
    const second = createOfflineModel("scripted", { replies: ["ignored"] }, state);
    expect((await generate(second, [user("x")])).text).toBe("two");
  });
});
