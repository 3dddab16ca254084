import type { Provider } from "@/server/models/model-string";

/**
 * Where each provider's server-wide defaults live in the environment (semantics.md, "Model
 * strings"). A workspace's own settings take precedence over these.
 */
/** Ollama's OpenAI-compatible endpoint on its default port. */
export const GENERIC_DEFAULT_BASE_URL = "http://localhost:11434/v1";

export type ProviderEnvironmentNames = {
  apiKey: string;
  baseUrl?: string;
  /** Used when neither the workspace nor the environment names a base URL. */
  defaultBaseUrl?: string;
  /** Whether a call cannot be made without a key (local OpenAI-compatible servers need none). */
  requiresKey: boolean;
};

export const PROVIDER_ENVIRONMENT: Readonly<Record<Provider, ProviderEnvironmentNames>> = Object.freeze({
  openai: { apiKey: "OPENAI_API_KEY", baseUrl: "OPENAI_BASE_URL", requiresKey: true },
  anthropic: { apiKey: "ANTHROPIC_API_KEY", baseUrl: "ANTHROPIC_BASE_URL", requiresKey: true },
  google: { apiKey: "GOOGLE_GENERATIVE_AI_API_KEY", requiresKey: true },
  generic: {
    apiKey: "GENERIC_API_KEY",
    baseUrl: "GENERIC_BASE_URL",
    defaultBaseUrl: GENERIC_DEFAULT_BASE_URL,
    requiresKey: false,
  },
});

/** Reads a variable, treating an empty value as unset (how shells and .env files spell it). */
export function environmentValue(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const value = process.env[name]?.trim();
  return value === undefined || value === "" ? undefined : value;
}
