import { generateText, jsonSchema, Output, streamText } from "ai";
import { describe, expect, it } from "vitest";
import { createOfflineModel } from "./create-offline-model";
import { assistant, generate, streamParts, system, toolResults, user } from "./offline-test-kit";

describe("passthrough: the six rules, in order", () => {
  it("1. returns the last message unchanged when it is from the assistant", async () => {
    const model = createOfflineModel("passthrough");
    const reply = await generate(model, [user("question"), assistant("prefilled answer")]);
    expect(reply.text).toBe("prefilled answer");
    expect(reply.toolCalls).toEqual([]);
  });

  it("2. turns ***CALL_TOOL <name> <json> into one tool call, numbered per model", async () => {
    const model = createOfflineModel("passthrough");
    const first = await generate(model, [user('***CALL_TOOL fetch__get {"url": "https://example.com"}')]);
    expect(first.text).toBe("");
    expect(first.toolCalls).toEqual([
      { id: "correlationId0", name: "fetch__get", arguments: { url: "https://example.com" } },
    ]);
    expect(first.finishReason).toBe("tool-calls");
    const second = await generate(model, [user("***CALL_TOOL clock__now")]);
    expect(second.toolCalls).toEqual([{ id: "correlationId1", name: "clock__now", arguments: {} }]);
  });

  it("2. refuses invalid JSON arguments and a missing tool name", async () => {
    const model = createOfflineModel("passthrough");
    await expect(generate(model, [user("***CALL_TOOL fetch {not json")])).rejects.toThrow(
      "Invalid JSON arguments: {not json",
    );
    await expect(generate(model, [user("***CALL_TOOL")])).rejects.toThrow(
      "Invalid format. Expected '***CALL_TOOL <tool_name> [arguments_json]'",
    );
  });

  it("3. ***FIXED_RESPONSE answers with its text now and on every later call, until replaced", async () => {
    const model = createOfflineModel("passthrough");
    expect((await generate(model, [user("***FIXED_RESPONSE   always this  ")])).text).toBe("always this");
    expect((await generate(model, [user("anything else")])).text).toBe("always this");
    expect((await generate(model, [user("***FIXED_RESPONSE now that")])).text).toBe("now that");
    expect((await generate(model, [user("again")])).text).toBe("now that");
  });

  it("3. a fixed response belongs to one agent's model only", async () => {
    const first = createOfflineModel("passthrough");
    const second = createOfflineModel("passthrough");
    await generate(first, [user("***FIXED_RESPONSE mine")]);
    expect((await generate(second, [user("hello")])).text).toBe("hello");
  });

  it("4. answers tool results with their texts joined by a space, <empty> for an empty one", async () => {
    const model = createOfflineModel("passthrough");
    const reply = await generate(model, [
      user("***CALL_TOOL a"),
      toolResults({ name: "a", text: "first" }, { name: "b", text: "" }, { name: "c", text: "third" }),
    ]);
    expect(reply.text).toBe("first <empty> third");
  });

  it("4 before 5: tool results win over a fixed response", async () => {
    const model = createOfflineModel("passthrough");
    await generate(model, [user("***FIXED_RESPONSE fixed")]);
    expect((await generate(model, [toolResults({ name: "a", text: "result" })])).text).toBe("result");
  });

  it("6. echoes the trailing run of user messages joined by a new line (a message's text parts too, as fast-agent's all_text)", async () => {
    const model = createOfflineModel("passthrough");
    const reply = await generate(model, [
      system("ignored"),
      user("old question"),
      assistant("old answer"),
      user("first", " part"),
      user("second"),
    ]);
    expect(reply.text).toBe("first\n part\nsecond");
  });

  it("streams its answer as text-delta parts that add up to the text, then finishes with usage", async () => {
    const model = createOfflineModel("passthrough");
    const parts = await streamParts(model, [user("one two  three")]);
    const deltas = parts.flatMap((part) => (part.type === "text-delta" ? [part.delta] : []));
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join("")).toBe("one two  three");
    expect(parts.map((part) => part.type)).toEqual([
      "stream-start",
      "response-metadata",
      "text-start",
      ...deltas.map(() => "text-delta"),
      "text-end",
      "finish",
    ]);
    const finish = parts.at(-1);
    expect(finish?.type === "finish" && finish.usage.outputTokens.total).toBe(4);
  });

  it("streams a tool call as a tool-call part", async () => {
    const parts = await streamParts(createOfflineModel("passthrough"), [user('***CALL_TOOL x {"a":1}')]);
    expect(parts).toContainEqual({
      type: "tool-call",
      toolCallId: "correlationId0",
      toolName: "x",
      input: '{"a":1}',
    });
  });

  it("reports usage as ceil(characters / 4) of the prompt and of the answer", async () => {
    const reply = await generate(createOfflineModel("passthrough"), [system("12345"), user("abcdefghi")]);
    expect(reply.usage.inputTokens.total).toBe(4); // 14 characters
    expect(reply.usage.outputTokens.total).toBe(3); // 9 characters
  });

  it("structured output: the answer is the text, which the caller parses as JSON", async () => {
    const reply = await generate(
      createOfflineModel("passthrough"),
      [user('{"agent":"a","confidence":"high"}')],
      {
        responseFormat: { type: "json" },
      },
    );
    expect(JSON.parse(reply.text)).toEqual({ agent: "a", confidence: "high" });
  });
});

describe("silent and slow", () => {
  it("silent answers like passthrough with zero usage", async () => {
    const reply = await generate(createOfflineModel("silent"), [user("quiet please")]);
    expect(reply.text).toBe("quiet please");
    expect(reply.usage.inputTokens.total).toBe(0);
    expect(reply.usage.outputTokens.total).toBe(0);
  });

  it("slow answers like passthrough after its delay", async () => {
    const model = createOfflineModel("slow", { delayMs: 30 });
    const started = Date.now();
    const reply = await generate(model, [user("eventually")]);
    expect(reply.text).toBe("eventually");
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });

  it("slow stops waiting as soon as the call's abort signal fires", async () => {
    const model = createOfflineModel("slow"); // the default delay is 3 s
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(new Error("stop now")), 20);
    await expect(model.doStream({ prompt: [user("never")], abortSignal: controller.signal })).rejects.toThrow(
      "stop now",
    );
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe("the AI SDK drives offline models like any provider model", () => {
  it("generateText and streamText work with passthrough", async () => {
    const generated = await generateText({ model: createOfflineModel("passthrough"), prompt: "hello sdk" });
    expect(generated.text).toBe("hello sdk");
    expect(generated.usage.outputTokens).toBe(3);
    const streamed = streamText({ model: createOfflineModel("passthrough"), prompt: "streamed words here" });
    const chunks: string[] = [];
    for await (const chunk of streamed.textStream) chunks.push(chunk);
    expect(chunks.join("")).toBe("streamed words here");
    expect(chunks.length).toBeGreaterThan(1);
  });

  it("structured output: the SDK parses the passthrough text as JSON", async () => {
    const result = await generateText({
      model: createOfflineModel("passthrough"),
      prompt: '{"agent":"billing","confidence":"high"}',
      output: Output.object({
        schema: jsonSchema<{ agent: string; confidence: string }>({
          type: "object",
          properties: { agent: { type: "string" }, confidence: { type: "string" } },
          required: ["agent", "confidence"],
        }),
      }),
    });
    expect(result.output).toEqual({ agent: "billing", confidence: "high" });
  });
});
