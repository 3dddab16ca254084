import { describe, expect, it } from "vitest";

import { MODEL_ALIASES, OFFLINE_MODELS, PROVIDERS, parseModelString, type ParsedModel } from "./model-string";

describe("parseModelString: accepted strings", () => {
  const cases: { input: string; expected: ParsedModel }[] = [
    {
      input: "openai.gpt-4.1",
      expected: { provider: "openai", model: "gpt-4.1", options: {}, canonical: "openai.gpt-4.1" },
    },
    {
      input: "anthropic.claude-sonnet-4-5",
      expected: {
        provider: "anthropic",
        model: "claude-sonnet-4-5",
        options: {},
        canonical: "anthropic.claude-sonnet-4-5",
      },
    },
    {
      input: "google.gemini-2.5-pro",
      expected: {
        provider: "google",
        model: "gemini-2.5-pro",
        options: {},
        canonical: "google.gemini-2.5-pro",
      },
    },
    {
      input: "generic.llama3.2",
      expected: { provider: "generic", model: "llama3.2", options: {}, canonical: "generic.llama3.2" },
    },
    {
      input: "generic.qwen2.5:7b",
      expected: { provider: "generic", model: "qwen2.5:7b", options: {}, canonical: "generic.qwen2.5:7b" },
    },
    {
      input: "openai.o4-mini?reasoning=high",
      expected: {
        provider: "openai",
        model: "o4-mini",
        options: { reasoning: "high" },
        canonical: "openai.o4-mini?reasoning=high",
      },
    },
    {
      input: "passthrough",
      expected: { provider: "offline", model: "passthrough", options: {}, canonical: "passthrough" },
    },
    {
      input: "slow?delayMs=250",
      expected: {
        provider: "offline",
        model: "slow",
        options: { delayMs: 250 },
        canonical: "slow?delayMs=250",
      },
    },
    {
      input: "slow?delayMs=0",
      expected: { provider: "offline", model: "slow", options: { delayMs: 0 }, canonical: "slow?delayMs=0" },
    },
    {
      input: "sonnet",
      expected: {
        provider: "anthropic",
        model: "claude-sonnet-4-5",
        options: {},
        canonical: "anthropic.claude-sonnet-4-5",
      },
    },
    {
      input: "haiku?temperature=0.50",
      expected: {
        provider: "anthropic",
        model: "claude-haiku-4-5",
        options: { temperature: 0.5 },
        canonical: "anthropic.claude-haiku-4-5?temperature=0.5",
      },
    },
    {
      input: "gpt-4.1-mini",
      expected: { provider: "openai", model: "gpt-4.1-mini", options: {}, canonical: "openai.gpt-4.1-mini" },
    },
    {
      input: "gemini25",
      expected: {
        provider: "google",
        model: "gemini-2.5-pro",
        options: {},
        canonical: "google.gemini-2.5-pro",
      },
    },
    {
      // Canonical option order is fixed, whatever order the user wrote.
      input: "  openai.gpt-4o?maxTokens=100&topP=0.9&temperature=2&reasoning=minimal  ",
      expected: {
        provider: "openai",
        model: "gpt-4o",
        options: { maxTokens: 100, topP: 0.9, temperature: 2, reasoning: "minimal" },
        canonical: "openai.gpt-4o?reasoning=minimal&temperature=2&maxTokens=100&topP=0.9",
      },
    },
    {
      input: "passthrough?temperature=0&topP=1",
      expected: {
        provider: "offline",
        model: "passthrough",
        options: { temperature: 0, topP: 1 },
        canonical: "passthrough?temperature=0&topP=1",
      },
    },
  ];

  it.each(cases)("$input", ({ input, expected }) => {
    expect(parseModelString(input)).toEqual({ ok: true, model: expected });
  });
});

describe("parseModelString: refused strings", () => {
  const cases: { input: string; code: "unknown_model_provider" | "invalid_model"; message: RegExp }[] = [
    { input: "llama3", code: "unknown_model_provider", message: /"generic\.llama3"/ },
    { input: "mistral.large", code: "unknown_model_provider", message: /unknown provider "mistral"/ },
    { input: "OpenAI.gpt-4.1", code: "unknown_model_provider", message: /lowercase: "openai"/ },
    { input: "gpt-4.5-preview", code: "unknown_model_provider", message: /unknown provider "gpt-4"/ },
    { input: "constructor", code: "unknown_model_provider", message: /no provider/ },
    { input: "", code: "invalid_model", message: /empty/ },
    { input: "   ", code: "invalid_model", message: /empty/ },
    { input: "openai.", code: "invalid_model", message: /no model after the dot/ },
    { input: "openai.gpt 4", code: "invalid_model", message: /spaces/ },
    { input: "openai.gpt-4o<script>", code: "invalid_model", message: /invalid model name/ },
    { input: "?temperature=1", code: "invalid_model", message: /no model name/ },
    { input: "sonnet?", code: "invalid_model", message: /empty parameter/ },
    { input: "sonnet?temperature=1&", code: "invalid_model", message: /empty parameter/ },
    { input: "sonnet?temperature", code: "invalid_model", message: /needs a value/ },
    { input: "sonnet?temperature=", code: "invalid_model", message: /empty value/ },
    { input: "sonnet?temp=1", code: "invalid_model", message: /unknown parameter "temp"/ },
    { input: "sonnet?temperature=1&temperature=2", code: "invalid_model", message: /given twice/ },
    {
      input: "sonnet?temperature=2.5",
      code: "invalid_model",
      message: /temperature must be a number from 0 to 2/,
    },
    { input: "sonnet?temperature=-0.1", code: "invalid_model", message: /temperature/ },
    { input: "sonnet?temperature=hot", code: "invalid_model", message: /temperature/ },
    { input: "sonnet?temperature=1e0", code: "invalid_model", message: /temperature/ },
    { input: "sonnet?topP=1.5", code: "invalid_model", message: /topP must be a number from 0 to 1/ },
    {
      input: "sonnet?maxTokens=0",
      code: "invalid_model",
      message: /maxTokens must be a positive whole number/,
    },
    { input: "sonnet?maxTokens=1.5", code: "invalid_model", message: /maxTokens/ },
    { input: "sonnet?maxTokens=99999999999999999999", code: "invalid_model", message: /maxTokens/ },
    {
      input: "o3?reasoning=extreme",
      code: "invalid_model",
      message: /reasoning must be one of minimal, low, medium, high/,
    },
    { input: "slow?delayMs=-1", code: "invalid_model", message: /delayMs must be a whole number/ },
    { input: "slow?delayMs=2147483648", code: "invalid_model", message: /delayMs/ },
    {
      input: "passthrough?delayMs=10",
      code: "invalid_model",
      message: /only applies to the built-in "slow" model/,
    },
    { input: `openai.${"x".repeat(600)}`, code: "invalid_model", message: /longer than 512/ },
  ];

  it.each(cases)("$input", ({ input, code, message }) => {
    const result = parseModelString(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe(code);
    expect(result.message).toMatch(message);
  });
});

describe("model tables", () => {
  it("every alias expands to a string that parses to a real provider", () => {
    for (const [alias, target] of Object.entries(MODEL_ALIASES)) {
      const result = parseModelString(alias);
      expect(result, alias).toMatchObject({ ok: true, model: { canonical: target } });
      expect(PROVIDERS as readonly string[]).toContain(target.split(".")[0]);
    }
  });

  it("aliases required by the design docs exist", () => {
    expect(MODEL_ALIASES).toMatchObject({
      sonnet: "anthropic.claude-sonnet-4-5",
      haiku: "anthropic.claude-haiku-4-5",
      opus: "anthropic.claude-opus-4-1",
      "gpt-4.1": "openai.gpt-4.1",
      gemini25: "google.gemini-2.5-pro",
    });
  });

  it("every offline model parses without a provider", () => {
    for (const name of OFFLINE_MODELS) {
      expect(parseModelString(name)).toMatchObject({ ok: true, model: { provider: "offline", model: name } });
    }
  });

  it("canonical strings parse back to themselves", () => {
    for (const input of [
      "haiku?temperature=0.50&maxTokens=10",
      "slow?delayMs=5",
      "generic.llama3.2?topP=.5",
    ]) {
      const first = parseModelString(input);
      if (!first.ok) throw new Error(first.message);
      expect(parseModelString(first.model.canonical)).toEqual(first);
    }
  });
});

describe("scripted replies in the model string", () => {
  it("accepts a URL-encoded JSON array on scripted and keeps it canonical", () => {
    const result = parseModelString(
      `scripted?replies=${encodeURIComponent(JSON.stringify(["a", { json: { b: 1 } }]))}`,
    );
    expect(result).toMatchObject({
      ok: true,
      model: { provider: "offline", model: "scripted", options: { replies: ["a", { json: { b: 1 } }] } },
    });
    if (result.ok) expect(parseModelString(result.model.canonical)).toEqual(result);
  });

  it.each(["scripted?replies=notjson", "scripted?replies=%7B%7D", "passthrough?replies=%5B%5D"])(
    "refuses %s",
    (text) => {
      expect(parseModelString(text)).toMatchObject({ ok: false, code: "invalid_model" });
    },
  );
});
