import { APICallError, Output, generateText, streamText, tool, type TextStreamPart, type ToolSet } from "ai";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { setProviderCredential } from "@/server/models/credentials";
import { parseModelString, type ParsedModel } from "@/server/models/model-string";
import { MissingProviderKeyError, createProviderModel, modelCallSettings } from "@/server/models/providers";
import { createModelFactory } from "@/server/models/registry";
import { type FakeOpenAIServer, startFakeOpenAIServer } from "@/server/testing/fake-openai-server";
import { createTestWorkspace } from "@/server/testing/fixtures";

const ENVIRONMENT_KEY = "sk-environment-key-0123456789abcdef";
const WORKSPACE_KEY = "sk-workspace-key-fedcba9876543210";
const AGENT = { name: "writer", nodeId: "node-1" };

function parsed(modelString: string): ParsedModel {
  const result = parseModelString(modelString);
  if (!result.ok) throw new Error(result.message);
  return result.model;
}

let fake: FakeOpenAIServer;

beforeEach(async () => {
  fake = await startFakeOpenAIServer();
  for (const name of ["OPENAI_API_KEY", "OPENAI_BASE_URL", "GENERIC_API_KEY", "GENERIC_BASE_URL"]) {
    vi.stubEnv(name, undefined);
  }
  vi.stubEnv("OPENAI_API_KEY", ENVIRONMENT_KEY);
  vi.stubEnv("OPENAI_BASE_URL", fake.baseUrl);
  vi.stubEnv("GENERIC_BASE_URL", fake.baseUrl);
  // Workspace base URLs pass the SSRF guard; the fakes listen on loopback.
  vi.stubEnv("TRELLIS_PROVIDER_ALLOW_HOSTS", "127.0.0.1");
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await fake.close();
});

async function factoryForNewWorkspace() {
  const workspace = await createTestWorkspace();
  const models = createModelFactory({
    workspaceId: workspace.workspaceId,
    offline: () => {
      throw new Error("No offline models in these tests.");
    },
  });
  return { workspace, models };
}

/** streamText logs stream errors unless told otherwise; these tests inspect them instead. */
function ignore() {}

/** The error a streamed call reported, as the engine sees it in `fullStream`. */
async function streamError(parts: AsyncIterable<TextStreamPart<ToolSet>>): Promise<unknown> {
  for await (const part of parts) if (part.type === "error") return part.error;
  return undefined;
}

describe("provider models over HTTP (fake OpenAI server)", () => {
  it("streams text in several deltas, with the environment's key and base URL", async () => {
    const { models } = await factoryForNewWorkspace();
    fake.reply({ text: "Trellis streams answers piece by piece." });

    const result = streamText({ model: models("openai.gpt-4.1", AGENT), prompt: "Say something." });
    const deltas: string[] = [];
    for await (const delta of result.textStream) deltas.push(delta);

    expect(deltas.length).toBeGreaterThan(2);
    expect(deltas.join("")).toBe("Trellis streams answers piece by piece.");
    const request = fake.requests[0];
    expect(request?.path).toBe("/v1/chat/completions");
    expect(request?.headers.authorization).toBe(`Bearer ${ENVIRONMENT_KEY}`);
    expect(request?.body).toMatchObject({ model: "gpt-4.1", stream: true });
  });

  it("parses streamed and non-streamed tool calls with their arguments", async () => {
    const { models } = await factoryForNewWorkspace();
    const tools = {
      lookup_weather: tool({
        description: "Weather for a city",
        inputSchema: z.object({ city: z.string() }),
      }),
    };
    fake.reply(
      { toolCalls: [{ name: "lookup_weather", arguments: { city: "Paris" } }] },
      { toolCalls: [{ id: "call_fixed", name: "lookup_weather", arguments: { city: "Oslo" } }] },
    );

    const streamed = streamText({ model: models("openai.gpt-4.1", AGENT), prompt: "Weather?", tools });
    const streamedCalls = await streamed.toolCalls;
    expect(streamedCalls.map((call) => [call.toolName, call.input])).toEqual([
      ["lookup_weather", { city: "Paris" }],
    ]);
    expect(await streamed.finishReason).toBe("tool-calls");

    const generated = await generateText({
      model: models("generic.llama3.2", AGENT),
      prompt: "Weather?",
      tools,
    });
    expect(generated.toolCalls.map((call) => [call.toolCallId, call.toolName, call.input])).toEqual([
      ["call_fixed", "lookup_weather", { city: "Oslo" }],
    ]);
    expect(fake.requests.map((request) => request.body?.tools?.[0]?.function.name)).toEqual([
      "lookup_weather",
      "lookup_weather",
    ]);
  });

  it("parses structured output against a JSON schema", async () => {
    const { models } = await factoryForNewWorkspace();
    const schema = z.object({
      agent: z.string(),
      confidence: z.enum(["high", "medium", "low"]),
      reasoning: z.string(),
    });
    const decision = { agent: "researcher", confidence: "high", reasoning: "It asks for sources." };
    fake.reply({ json: decision }, { json: decision });

    for (const model of ["openai.gpt-4.1", "generic.qwen2.5:7b"]) {
      const result = await generateText({
        model: models(model, AGENT),
        output: Output.object({ schema }),
        prompt: "Route this.",
      });
      expect(result.output).toEqual(decision);
    }
    for (const request of fake.requests) {
      expect(request.body?.response_format?.type).toBe("json_schema");
      expect(request.body?.response_format?.json_schema?.schema).toMatchObject({ type: "object" });
    }
  });

  it("retries a 429 (honouring retry-after) and then succeeds", async () => {
    const { models } = await factoryForNewWorkspace();
    fake.fail({ status: 429, message: "Rate limit reached.", retryAfterMs: 10 }, 2);
    fake.reply({ text: "Finally." });

    const result = await generateText({
      model: models("openai.gpt-4.1", AGENT),
      prompt: "Hi",
      maxRetries: 2,
    });
    expect(result.text).toBe("Finally.");
    expect(fake.requests).toHaveLength(3);
    expect(fake.pending()).toBe(0);
  });

  it("fails on a 500 with the provider's message and without the key", async () => {
    const { models } = await factoryForNewWorkspace();
    fake.fail({ status: 500, message: "The upstream model crashed.", retryAfterMs: 1 }, 2);

    const failure = await generateText({
      model: models("openai.gpt-4.1", AGENT),
      prompt: "Hi",
      maxRetries: 1,
    }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toContain("The upstream model crashed.");
    expect((failure as Error).message).not.toContain(ENVIRONMENT_KEY);
    expect(fake.requests).toHaveLength(2);
  });

  it("reports usage, streamed and not", async () => {
    const { models } = await factoryForNewWorkspace();
    fake.reply(
      { text: "Counted.", usage: { promptTokens: 12, completionTokens: 34 } },
      { text: "Counted.", usage: { promptTokens: 5, completionTokens: 6 } },
    );

    const streamed = streamText({ model: models("openai.gpt-4.1", AGENT), prompt: "Hi" });
    expect(await streamed.usage).toMatchObject({ inputTokens: 12, outputTokens: 34, totalTokens: 46 });
    const generated = await generateText({ model: models("generic.llama3.2", AGENT), prompt: "Hi" });
    expect(generated.usage).toMatchObject({ inputTokens: 5, outputTokens: 6, totalTokens: 11 });
    // Streaming OpenAI-compatible servers only report usage when asked to.
    expect(fake.requests[0]?.body?.stream_options?.include_usage).toBe(true);
  });

  it("uses the workspace's key and base URL over the environment's", async () => {
    const { workspace, models } = await factoryForNewWorkspace();
    const workspaceServer = await startFakeOpenAIServer();
    try {
      await setProviderCredential(workspace.owner, "openai", { apiKey: WORKSPACE_KEY });
      await setProviderCredential(workspace.owner, "generic", {
        apiKey: WORKSPACE_KEY,
        baseUrl: workspaceServer.baseUrl,
      });
      fake.reply({ text: "via the environment's URL" });
      workspaceServer.reply({ text: "via the workspace's URL" });

      const openai = await generateText({ model: models("openai.gpt-4.1", AGENT), prompt: "Hi" });
      const generic = await generateText({ model: models("generic.llama3.2", AGENT), prompt: "Hi" });

      expect(openai.text).toBe("via the environment's URL");
      expect(fake.requests[0]?.headers.authorization).toBe(`Bearer ${WORKSPACE_KEY}`);
      expect(generic.text).toBe("via the workspace's URL");
      expect(workspaceServer.requests[0]?.headers.authorization).toBe(`Bearer ${WORKSPACE_KEY}`);
    } finally {
      await workspaceServer.close();
    }
  });

  it("sends no Authorization header to a generic server without a key", async () => {
    const { models } = await factoryForNewWorkspace();
    fake.reply({ text: "Local." });
    await generateText({ model: models("generic.llama3.2", AGENT), prompt: "Hi" });
    expect(fake.requests[0]?.headers.authorization).toBeUndefined();
  });

  it("applies the model string's options to the request", async () => {
    const { models } = await factoryForNewWorkspace();
    fake.reply({ text: "a" }, { text: "b" }, { text: "c" });

    await generateText({
      model: models("openai.gpt-4.1?temperature=0.3&maxTokens=50&topP=0.9", AGENT),
      prompt: "x",
    });
    await generateText({ model: models("openai.o4-mini?reasoning=high", AGENT), prompt: "x" });
    // An explicit call setting wins over the model string's default.
    await generateText({
      model: models("generic.llama3.2?reasoning=low&temperature=1", AGENT),
      prompt: "x",
      temperature: 0,
    });

    expect(fake.requests[0]?.body).toMatchObject({ temperature: 0.3, max_tokens: 50, top_p: 0.9 });
    expect(fake.requests[1]?.body).toMatchObject({ reasoning_effort: "high" });
    expect(fake.requests[2]?.body).toMatchObject({ reasoning_effort: "low", temperature: 0 });
  });

  it("fails a call without a usable key with MissingProviderKeyError, before any request", async () => {
    vi.stubEnv("OPENAI_API_KEY", undefined);
    const { models } = await factoryForNewWorkspace();

    const result = streamText({ model: models("openai.gpt-4.1", AGENT), prompt: "Hi", onError: ignore });
    const error = await streamError(result.fullStream);
    expect(error).toBeInstanceOf(MissingProviderKeyError);
    expect((error as Error).message).toMatch(/openai.*OPENAI_API_KEY/);
    expect(fake.requests).toHaveLength(0);

    expect(() => createProviderModel(parsed("anthropic.claude-sonnet-4-5"), {})).toThrow(/ANTHROPIC_API_KEY/);
    expect(() => createProviderModel(parsed("google.gemini-2.5-pro"), {})).toThrow(
      /GOOGLE_GENERATIVE_AI_API_KEY/,
    );
  });
});

describe("the API key never appears in an error", () => {
  // Some servers quote the credentials they rejected; the SDK copies the body into its error.
  const echoAuthorization = (request: { headers: Record<string, string> }) =>
    `Invalid credentials: ${request.headers.authorization ?? "none"}`;

  it("is redacted from generateText errors, including the response body", async () => {
    const { workspace, models } = await factoryForNewWorkspace();
    await setProviderCredential(workspace.owner, "openai", { apiKey: WORKSPACE_KEY });
    fake.fail({ status: 401, message: echoAuthorization });

    const error = await generateText({ model: models("openai.gpt-4.1", AGENT), prompt: "Hi" }).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(APICallError.isInstance(error)).toBe(true);
    const apiError = error as APICallError;
    expect(apiError.message).toBe("Invalid credentials: Bearer [redacted]");
    expect(apiError.responseBody).not.toContain(WORKSPACE_KEY);
    expect(String(apiError.stack)).not.toContain(WORKSPACE_KEY);
    expect(JSON.stringify({ ...apiError, message: apiError.message })).not.toContain(WORKSPACE_KEY);
  });

  it("is redacted from streamed errors and from errors after retries", async () => {
    const { models } = await factoryForNewWorkspace();
    fake.fail({ status: 401, message: echoAuthorization });
    fake.fail({ status: 503, message: echoAuthorization, retryAfterMs: 1 }, 2);

    const streamed = streamText({ model: models("openai.gpt-4.1", AGENT), prompt: "Hi", onError: ignore });
    const streamedError = await streamError(streamed.fullStream);
    expect((streamedError as Error).message).toContain("[redacted]");

    const retried = await generateText({
      model: models("openai.gpt-4.1", AGENT),
      prompt: "Hi",
      maxRetries: 1,
    }).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    const texts = [streamedError, retried].map((error) => {
      const { message, stack } = error as Error;
      return `${message}\n${stack}\n${JSON.stringify(error)}`;
    });
    for (const text of texts) expect(text).not.toContain(ENVIRONMENT_KEY);
    expect((retried as Error).message).toContain("[redacted]");
  });
});

describe("modelCallSettings", () => {
  it("maps sampling options to call settings", () => {
    expect(modelCallSettings(parsed("openai.gpt-4.1?temperature=0.2&maxTokens=100&topP=0.5"))).toEqual({
      temperature: 0.2,
      maxOutputTokens: 100,
      topP: 0.5,
    });
    expect(modelCallSettings(parsed("openai.gpt-4.1"))).toEqual({});
  });

  it("maps reasoning to each provider's own option", () => {
    expect(modelCallSettings(parsed("openai.o4-mini?reasoning=minimal")).providerOptions).toEqual({
      openai: { reasoningEffort: "minimal" },
    });
    expect(modelCallSettings(parsed("sonnet?reasoning=medium")).providerOptions).toEqual({
      anthropic: { thinking: { type: "enabled", budgetTokens: 16_384 } },
    });
    expect(modelCallSettings(parsed("google.gemini-2.5-flash?reasoning=low")).providerOptions).toEqual({
      google: { thinkingConfig: { thinkingBudget: 2048 } },
    });
    expect(modelCallSettings(parsed("google.gemini-3-pro-preview?reasoning=high")).providerOptions).toEqual({
      google: { thinkingConfig: { thinkingLevel: "high" } },
    });
    expect(modelCallSettings(parsed("generic.qwen3?reasoning=high")).providerOptions).toEqual({
      generic: { reasoningEffort: "high" },
    });
    expect(modelCallSettings(parsed("passthrough")).providerOptions).toBeUndefined();
  });
});
