import type { LanguageModelV3 } from "@ai-sdk/provider";
import { generateText } from "ai";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db/client";
import { InvalidInputError } from "@/server/errors";
import { setProviderCredential } from "@/server/models/credentials";
import type { ParsedModel } from "@/server/models/model-string";
import { checkModelsUsable, createModelFactory } from "@/server/models/registry";
import { startFakeOpenAIServer } from "@/server/testing/fake-openai-server";
import { createTestWorkspace } from "@/server/testing/fixtures";

const AGENT = { name: "router", nodeId: "node-7" };

beforeEach(() => {
  for (const name of [
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "ANTHROPIC_API_KEY",
    "ANTHROPIC_BASE_URL",
    "GOOGLE_GENERATIVE_AI_API_KEY",
    "GENERIC_API_KEY",
    "GENERIC_BASE_URL",
  ]) {
    vi.stubEnv(name, undefined);
  }
});

afterEach(() => {
  vi.unstubAllEnvs();
});

function unusedModel(modelId: string): LanguageModelV3 {
  const fail = () => Promise.reject(new Error("not called in these tests"));
  return {
    specificationVersion: "v3",
    provider: "offline",
    modelId,
    supportedUrls: {},
    doGenerate: fail,
    doStream: fail,
  };
}

describe("createModelFactory", () => {
  it("delegates offline models, with the parsed string and the agent", async () => {
    const { workspaceId } = await createTestWorkspace();
    const calls: [ParsedModel, typeof AGENT][] = [];
    const models = createModelFactory({
      workspaceId,
      offline: (parsed, agent) => {
        calls.push([parsed, agent]);
        return unusedModel(parsed.model);
      },
    });
    expect(models("slow?delayMs=5", AGENT).modelId).toBe("slow");
    expect(calls).toEqual([
      [{ provider: "offline", model: "slow", options: { delayMs: 5 }, canonical: "slow?delayMs=5" }, AGENT],
    ]);
  });

  it("expands aliases for provider models and rejects strings that do not parse", async () => {
    const { workspaceId } = await createTestWorkspace();
    const models = createModelFactory({ workspaceId, offline: (parsed) => unusedModel(parsed.model) });
    const model = models("sonnet", AGENT);
    expect([model.provider, model.modelId]).toEqual(["anthropic", "claude-sonnet-4-5"]);
    expect(() => models("Foo.bar", AGENT)).toThrow(InvalidInputError);
    expect(() => models("", AGENT)).toThrow(InvalidInputError);
  });

  it("reads a provider's settings once per factory, so a run keeps the key it started with", async () => {
    const fake = await startFakeOpenAIServer();
    // The workspace's base URL passes the SSRF guard; the fake listens on loopback.
    vi.stubEnv("TRELLIS_PROVIDER_ALLOW_HOSTS", "127.0.0.1");
    try {
      const { owner, workspaceId } = await createTestWorkspace();
      await setProviderCredential(owner, "generic", { apiKey: "first-key-1111", baseUrl: fake.baseUrl });
      const run = createModelFactory({ workspaceId, offline: (parsed) => unusedModel(parsed.model) });
      fake.reply({ text: "1" }, { text: "2" }, { text: "3" });

      await generateText({ model: run("generic.llama3.2", AGENT), prompt: "x" });
      await setProviderCredential(owner, "generic", { apiKey: "second-key-2222" });
      await generateText({ model: run("generic.mistral", AGENT), prompt: "x" });
      const nextRun = createModelFactory({ workspaceId, offline: (parsed) => unusedModel(parsed.model) });
      await generateText({ model: nextRun("generic.llama3.2", AGENT), prompt: "x" });

      expect(fake.requests.map((request) => request.headers.authorization)).toEqual([
        "Bearer first-key-1111",
        "Bearer first-key-1111",
        "Bearer second-key-2222",
      ]);
    } finally {
      await fake.close();
    }
  });
});

describe("checkModelsUsable", () => {
  it("reports strings that do not parse and providers without a key, once per distinct string", async () => {
    const { workspaceId } = await createTestWorkspace();
    const issues = await checkModelsUsable(workspaceId, [
      "passthrough",
      "scripted",
      "generic.llama3.2",
      "openai.gpt-4.1",
      "openai.gpt-4.1",
      "gpt-4o",
      "Foo.bar",
      "llama3",
      "openai.",
      "openai.gpt-4.1?temperature=9",
    ]);
    expect(issues.map(({ code, model }) => [code, model])).toEqual([
      ["unknown_model_provider", "Foo.bar"],
      ["unknown_model_provider", "llama3"],
      ["invalid_model", "openai."],
      ["invalid_model", "openai.gpt-4.1?temperature=9"],
      ["missing_provider_key", "openai.gpt-4.1"],
      ["missing_provider_key", "gpt-4o"],
    ]);
    const missingKey = issues.find((issue) => issue.code === "missing_provider_key");
    expect(missingKey?.message).toMatch(/No API key for openai.*OPENAI_API_KEY/);
  });

  it("accepts a key from the workspace or the environment", async () => {
    vi.stubEnv("GOOGLE_GENERATIVE_AI_API_KEY", "google-environment-key");
    const { owner, workspaceId } = await createTestWorkspace();
    await setProviderCredential(owner, "anthropic", { apiKey: "sk-ant-workspace-key" });
    expect(await checkModelsUsable(workspaceId, ["sonnet", "google.gemini-2.5-pro", "generic.phi4"])).toEqual(
      [],
    );
  });

  it("explains a workspace base URL without a key, and a key that no longer decrypts", async () => {
    vi.stubEnv("OPENAI_API_KEY", "sk-environment-key");
    const { owner, workspaceId } = await createTestWorkspace();
    await setProviderCredential(owner, "openai", { baseUrl: "https://proxy.example.test/v1" });
    await db().providerCredential.create({
      data: {
        workspaceId,
        provider: "anthropic",
        apiKeyEncrypted: "v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AAAA",
      },
    });

    const issues = await checkModelsUsable(workspaceId, ["openai.gpt-4.1", "haiku"]);
    expect(issues.map(({ code, model }) => [code, model])).toEqual([
      ["missing_provider_key", "openai.gpt-4.1"],
      ["missing_provider_key", "haiku"],
    ]);
    expect(issues[0]?.message).toMatch(/own openai base URL/);
    expect(issues[1]?.message).toMatch(/can no longer be decrypted/);
    for (const issue of issues) expect(issue.message).not.toContain("sk-environment-key");
  });
});
