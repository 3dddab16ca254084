import "server-only";
import { createAnthropic } from "@ai-sdk/anthropic";
import { createGoogleGenerativeAI } from "@ai-sdk/google";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModelV3, SharedV3ProviderOptions } from "@ai-sdk/provider";
import { defaultSettingsMiddleware, wrapLanguageModel } from "ai";
import type { ProviderSettings } from "@/server/models/credentials";
import type { ParsedModel, Provider, ReasoningEffort } from "@/server/models/model-string";
import { GENERIC_DEFAULT_BASE_URL } from "@/server/models/provider-environment";
import { MissingProviderKeyError } from "@/server/models/provider-errors";
import { createProviderFetch } from "@/server/models/provider-fetch";
import { redactSecretMiddleware } from "@/server/models/redact-secret";

export { MissingProviderKeyError } from "@/server/models/provider-errors";

/** What a model string's options become in a `streamText` / `generateText` call. */
export type ModelCallSettings = {
  temperature?: number;
  maxOutputTokens?: number;
  topP?: number;
  providerOptions?: SharedV3ProviderOptions;
};

export type ProviderModel = ParsedModel & { provider: Provider };

// Anthropic's minimum budget is 1024 tokens; the SDK adds the budget on top of maxOutputTokens
// and caps the sum at the model's limit, so the answer keeps its own allowance.
const ANTHROPIC_THINKING_BUDGET: Record<ReasoningEffort, number> = {
  minimal: 1024,
  low: 4096,
  medium: 16_384,
  high: 32_768,
};

// Gemini 2.x takes a token budget; these lie inside every 2.x model's accepted range
// (2.5 Pro: 128-32768, Flash and Flash-Lite: up to 24576, Flash-Lite from 512).
const GEMINI_2_THINKING_BUDGET: Record<ReasoningEffort, number> = {
  minimal: 512,
  low: 2048,
  medium: 8192,
  high: 24_576,
};

function reasoningProviderOptions(parsed: ProviderModel, effort: ReasoningEffort): SharedV3ProviderOptions {
  switch (parsed.provider) {
    case "openai":
      return { openai: { reasoningEffort: effort } };
    case "anthropic":
      return {
        anthropic: { thinking: { type: "enabled", budgetTokens: ANTHROPIC_THINKING_BUDGET[effort] } },
      };
    case "google":
      // Gemini 3 and later take a named level instead of a budget.
      return /^gemini-[12](\.|-|$)/.test(parsed.model)
        ? { google: { thinkingConfig: { thinkingBudget: GEMINI_2_THINKING_BUDGET[effort] } } }
        : { google: { thinkingConfig: { thinkingLevel: effort } } };
    case "generic":
      // Sent as `reasoning_effort`, which Ollama, vLLM and LM Studio accept for reasoning models.
      return { generic: { reasoningEffort: effort } };
  }
}

/**
 * The call settings a model string asks for (`?temperature=…&maxTokens=…&topP=…&reasoning=…`).
 * Models from `createProviderModel` already apply them as defaults; the engine may also pass them
 * to `streamText` explicitly, with the same result.
 */
export function modelCallSettings(parsed: ParsedModel): ModelCallSettings {
  const { temperature, maxTokens, topP, reasoning } = parsed.options;
  const settings: ModelCallSettings = {};
  if (temperature !== undefined) settings.temperature = temperature;
  if (maxTokens !== undefined) settings.maxOutputTokens = maxTokens;
  if (topP !== undefined) settings.topP = topP;
  if (reasoning !== undefined && parsed.provider !== "offline") {
    settings.providerOptions = reasoningProviderOptions({ ...parsed, provider: parsed.provider }, reasoning);
  }
  return settings;
}

function requireKey(provider: Provider, settings: ProviderSettings): string {
  if (settings.apiKey === undefined) throw new MissingProviderKeyError(provider, settings.missingKeyReason);
  return settings.apiKey;
}

function createBaseModel(parsed: ProviderModel, settings: ProviderSettings): LanguageModelV3 {
  const baseURL = settings.baseUrl;
  // A workspace's own base URL is an address an owner chose: the SSRF guard stands between.
  const fetch = settings.baseUrlFromWorkspace
    ? createProviderFetch(`The ${parsed.provider} base URL`)
    : undefined;
  switch (parsed.provider) {
    case "openai":
      // Chat Completions rather than Responses: every OpenAI-compatible proxy speaks it.
      return createOpenAI({ apiKey: requireKey("openai", settings), baseURL, fetch }).chat(parsed.model);
    case "anthropic":
      return createAnthropic({ apiKey: requireKey("anthropic", settings), baseURL, fetch }).messages(
        parsed.model,
      );
    case "google":
      return createGoogleGenerativeAI({
        apiKey: requireKey("google", settings),
        baseURL,
        fetch,
      }).languageModel(parsed.model);
    case "generic":
      return createOpenAICompatible({
        name: "generic",
        baseURL: baseURL ?? GENERIC_DEFAULT_BASE_URL,
        fetch,
        apiKey: settings.apiKey,
        // Run limits count tokens, so streamed calls must report usage.
        includeUsage: true,
        // Ollama, vLLM and LM Studio accept `response_format: json_schema`.
        supportsStructuredOutputs: true,
      }).chatModel(parsed.model);
  }
}

/**
 * The AI SDK model for a provider model string, with the string's options applied as call
 * defaults and the key redacted from every error it raises.
 *
 * @throws MissingProviderKeyError when the provider needs a key and `settings` has none.
 */
export function createProviderModel(parsed: ParsedModel, settings: ProviderSettings): LanguageModelV3 {
  if (parsed.provider === "offline") {
    throw new Error(`"${parsed.canonical}" is a built-in offline model, not a provider model.`);
  }
  const model = createBaseModel({ ...parsed, provider: parsed.provider }, settings);
  return wrapLanguageModel({
    model,
    // The first middleware is outermost: redaction sees errors from everything inside it.
    middleware: [
      redactSecretMiddleware(settings.apiKey),
      defaultSettingsMiddleware({ settings: modelCallSettings(parsed) }),
    ],
  });
}
