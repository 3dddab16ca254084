/**
 * Model strings: `[provider.]model[?key=value&...]` (semantics.md, "Model strings").
 *
 * Shared by the graph validator and the run engine so that a string accepted before a run is
 * exactly the string the engine resolves; keep every rule here rather than re-parsing elsewhere.
 */

export const PROVIDERS = ["openai", "anthropic", "google", "generic"] as const;
export type Provider = (typeof PROVIDERS)[number];

export const OFFLINE_MODELS = ["passthrough", "playback", "silent", "slow", "scripted"] as const;
export type OfflineModel = (typeof OFFLINE_MODELS)[number];

export type ModelProvider = Provider | "offline";

/** Short names users may type instead of a full `provider.model` string; the one alias table. */
export const MODEL_ALIASES: Readonly<Record<string, string>> = Object.freeze({
  // Anthropic
  sonnet: "anthropic.claude-sonnet-4-5",
  sonnet45: "anthropic.claude-sonnet-4-5",
  sonnet4: "anthropic.claude-sonnet-4-0",
  "claude-sonnet-4-5": "anthropic.claude-sonnet-4-5",
  haiku: "anthropic.claude-haiku-4-5",
  haiku45: "anthropic.claude-haiku-4-5",
  "claude-haiku-4-5": "anthropic.claude-haiku-4-5",
  opus: "anthropic.claude-opus-4-1",
  opus41: "anthropic.claude-opus-4-1",
  "claude-opus-4-1": "anthropic.claude-opus-4-1",
  // OpenAI
  "gpt-4.1": "openai.gpt-4.1",
  "gpt-4.1-mini": "openai.gpt-4.1-mini",
  "gpt-4.1-nano": "openai.gpt-4.1-nano",
  "gpt-4o": "openai.gpt-4o",
  "gpt-4o-mini": "openai.gpt-4o-mini",
  o3: "openai.o3",
  "o3-mini": "openai.o3-mini",
  "o4-mini": "openai.o4-mini",
  "gpt-5": "openai.gpt-5",
  "gpt-5-mini": "openai.gpt-5-mini",
  "gpt-5-nano": "openai.gpt-5-nano",
  // Google
  gemini25: "google.gemini-2.5-pro",
  gemini25pro: "google.gemini-2.5-pro",
  "gemini-2.5-pro": "google.gemini-2.5-pro",
  gemini25flash: "google.gemini-2.5-flash",
  "gemini-2.5-flash": "google.gemini-2.5-flash",
  "gemini-2.5-flash-lite": "google.gemini-2.5-flash-lite",
  "gemini-2.0-flash": "google.gemini-2.0-flash",
});

export const REASONING_EFFORTS = ["minimal", "low", "medium", "high"] as const;
export type ReasoningEffort = (typeof REASONING_EFFORTS)[number];

export interface ModelOptions {
  reasoning?: ReasoningEffort;
  temperature?: number;
  maxTokens?: number;
  topP?: number;
  /** Only accepted on the `slow` model. */
  delayMs?: number;
  /**
   * Only accepted on the `scripted` model: its replies, written as URL-encoded JSON array
   * (`scripted?replies=%5B%22hi%22%5D`); the offline models check each reply's shape.
   */
  replies?: unknown[];
}

/** Canonical strings list options in this order, so equal configurations compare equal as text. */
export const MODEL_OPTION_KEYS = [
  "reasoning",
  "temperature",
  "maxTokens",
  "topP",
  "delayMs",
  "replies",
] as const;
export type ModelOptionKey = (typeof MODEL_OPTION_KEYS)[number];

export interface ParsedModel {
  provider: ModelProvider;
  /** The model name without provider prefix or query, e.g. `gpt-4.1` or `passthrough`. */
  model: string;
  options: ModelOptions;
  /** Alias expanded, options in a fixed order with normalised values. */
  canonical: string;
}

export type ModelStringErrorCode = "unknown_model_provider" | "invalid_model";

export type ParseModelStringResult =
  { ok: true; model: ParsedModel } | { ok: false; code: ModelStringErrorCode; message: string };

// Ollama and vLLM names use `:` tags and `/` namespaces (`qwen2.5:7b`, `hf.co/org/model`).
const MODEL_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/@+-]*$/;
const DECIMAL_PATTERN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const INTEGER_PATTERN = /^\d+$/;
// setTimeout overflows (and fires at once) above 2^31 - 1 ms.
const MAX_DELAY_MS = 2_147_483_647;
const MAX_MODEL_STRING_LENGTH = 512;

function isOneOf<T extends string>(values: readonly T[], text: string): text is T {
  return (values as readonly string[]).includes(text);
}

function fail(code: ModelStringErrorCode, message: string): ParseModelStringResult {
  return { ok: false, code, message };
}

type OptionResult = { ok: true; options: ModelOptions } | { ok: false; message: string };

function parseDecimal(text: string): number | undefined {
  return DECIMAL_PATTERN.test(text) ? Number(text) : undefined;
}

function parseInteger(text: string): number | undefined {
  if (!INTEGER_PATTERN.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

function applyOption(options: ModelOptions, key: ModelOptionKey, value: string): string | undefined {
  switch (key) {
    case "reasoning": {
      if (!isOneOf(REASONING_EFFORTS, value)) {
        return `reasoning must be one of ${REASONING_EFFORTS.join(", ")}, not "${value}".`;
      }
      options.reasoning = value;
      return undefined;
    }
    case "temperature": {
      const number = parseDecimal(value);
      if (number === undefined || number < 0 || number > 2) {
        return `temperature must be a number from 0 to 2, not "${value}".`;
      }
      options.temperature = number;
      return undefined;
    }
    case "topP": {
      const number = parseDecimal(value);
      if (number === undefined || number < 0 || number > 1) {
        return `topP must be a number from 0 to 1, not "${value}".`;
      }
      options.topP = number;
      return undefined;
    }
    case "maxTokens": {
      const integer = parseInteger(value);
      if (integer === undefined || integer < 1) {
        return `maxTokens must be a positive whole number, not "${value}".`;
      }
      options.maxTokens = integer;
      return undefined;
    }
    case "delayMs": {
      const integer = parseInteger(value);
      if (integer === undefined || integer > MAX_DELAY_MS) {
        return `delayMs must be a whole number of milliseconds from 0 to ${MAX_DELAY_MS}, not "${value}".`;
      }
      options.delayMs = integer;
      return undefined;
    }
    case "replies": {
      let replies: unknown;
      try {
        replies = JSON.parse(decodeURIComponent(value));
      } catch {
        replies = undefined;
      }
      if (!Array.isArray(replies)) return "replies must be a URL-encoded JSON array.";
      options.replies = replies as unknown[];
      return undefined;
    }
  }
}

function parseQuery(query: string): OptionResult {
  const options: ModelOptions = {};
  const seen = new Set<string>();
  for (const pair of query.split("&")) {
    if (pair === "")
      return { ok: false, message: "the query has an empty parameter (check for stray & or ?)." };
    const equalsIndex = pair.indexOf("=");
    if (equalsIndex === -1) return { ok: false, message: `parameter "${pair}" needs a value (${pair}=...).` };
    const key = pair.slice(0, equalsIndex);
    const value = pair.slice(equalsIndex + 1);
    if (!isOneOf(MODEL_OPTION_KEYS, key)) {
      return { ok: false, message: `unknown parameter "${key}"; known: ${MODEL_OPTION_KEYS.join(", ")}.` };
    }
    if (seen.has(key)) return { ok: false, message: `parameter "${key}" is given twice.` };
    seen.add(key);
    if (value === "") return { ok: false, message: `parameter "${key}" has an empty value.` };
    const problem = applyOption(options, key, value);
    if (problem !== undefined) return { ok: false, message: problem };
  }
  return { ok: true, options };
}

function canonicalQuery(options: ModelOptions): string {
  const parts: string[] = [];
  for (const key of MODEL_OPTION_KEYS) {
    const value = options[key];
    if (value === undefined) continue;
    parts.push(`${key}=${Array.isArray(value) ? encodeURIComponent(JSON.stringify(value)) : String(value)}`);
  }
  return parts.length === 0 ? "" : `?${parts.join("&")}`;
}

function build(provider: ModelProvider, model: string, options: ModelOptions): ParseModelStringResult {
  const base = provider === "offline" ? model : `${provider}.${model}`;
  return { ok: true, model: { provider, model, options, canonical: base + canonicalQuery(options) } };
}

function resolveName(
  written: string,
  name: string,
):
  | { ok: true; provider: ModelProvider; model: string }
  | { ok: false; code: ModelStringErrorCode; message: string } {
  // hasOwn, not a plain lookup: names like "constructor" must not hit Object.prototype.
  const expanded = Object.hasOwn(MODEL_ALIASES, name) ? (MODEL_ALIASES[name] ?? name) : name;
  if (isOneOf(OFFLINE_MODELS, expanded)) return { ok: true, provider: "offline", model: expanded };
  const dotIndex = expanded.indexOf(".");
  if (dotIndex === -1) {
    return {
      ok: false,
      code: "unknown_model_provider",
      message:
        `Model "${written}" has no provider and is not a known alias or built-in model. ` +
        `Prefix a provider (${PROVIDERS.join(", ")}), e.g. "generic.${name}" for an OpenAI-compatible server.`,
    };
  }
  const provider = expanded.slice(0, dotIndex);
  const model = expanded.slice(dotIndex + 1);
  if (!isOneOf(PROVIDERS, provider)) {
    const lowercaseHint = isOneOf(PROVIDERS, provider.toLowerCase())
      ? ` Provider names are lowercase: "${provider.toLowerCase()}".`
      : "";
    return {
      ok: false,
      code: "unknown_model_provider",
      message:
        `Model "${written}" has an unknown provider "${provider}"; known providers: ${PROVIDERS.join(", ")}.` +
        lowercaseHint,
    };
  }
  if (!MODEL_NAME_PATTERN.test(model)) {
    return {
      ok: false,
      code: "invalid_model",
      message:
        model === ""
          ? `Model "${written}" names the provider "${provider}" but no model after the dot.`
          : `Model "${written}" has an invalid model name "${model}" (letters, digits and . _ - : / @ + only).`,
    };
  }
  return { ok: true, provider, model };
}

/** Parses and resolves a model string; never throws. */
export function parseModelString(text: string): ParseModelStringResult {
  const written = text.trim();
  if (written === "") return fail("invalid_model", "The model string is empty.");
  if (written.length > MAX_MODEL_STRING_LENGTH) {
    return fail("invalid_model", `The model string is longer than ${MAX_MODEL_STRING_LENGTH} characters.`);
  }
  if (/\s/.test(written)) return fail("invalid_model", `Model "${written}" must not contain spaces.`);

  const questionIndex = written.indexOf("?");
  const name = questionIndex === -1 ? written : written.slice(0, questionIndex);
  const query = questionIndex === -1 ? undefined : written.slice(questionIndex + 1);
  if (name === "") return fail("invalid_model", `Model "${written}" has options but no model name.`);

  const resolved = resolveName(written, name);
  if (!resolved.ok) return fail(resolved.code, resolved.message);

  const parsedQuery: OptionResult = query === undefined ? { ok: true, options: {} } : parseQuery(query);
  if (!parsedQuery.ok) return fail("invalid_model", `Model "${written}": ${parsedQuery.message}`);

  if (parsedQuery.options.delayMs !== undefined && resolved.model !== "slow") {
    return fail("invalid_model", `Model "${written}": delayMs only applies to the built-in "slow" model.`);
  }
  if (parsedQuery.options.replies !== undefined && resolved.model !== "scripted") {
    return fail(
      "invalid_model",
      `Model "${written}": replies only applies to the built-in "scripted" model.`,
    );
  }
  return build(resolved.provider, resolved.model, parsedQuery.options);
}
