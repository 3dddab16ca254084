import "server-only";
import type { Caller } from "@/server/auth/caller";
import { atLeast } from "@/server/auth/roles";
import { ForbiddenError } from "@/server/errors";
import { McpConnectionError } from "@/server/mcp/connection";
import { parseProvider, resolveProviderSettings } from "@/server/models/credentials";
import type { Provider } from "@/server/models/model-string";
import { GENERIC_DEFAULT_BASE_URL, PROVIDER_ENVIRONMENT } from "@/server/models/provider-environment";
import { MissingProviderKeyError } from "@/server/models/provider-errors";
import {
  BlockedProviderAddressError,
  createProviderFetch,
  type ProviderFetch,
} from "@/server/models/provider-fetch";
import { redactSecret } from "@/server/models/redact-secret";

export type ProviderTestFailureKind =
  "missing-key" | "rejected-key" | "blocked-address" | "unreachable" | "timeout" | "unexpected-answer";

export type ProviderTestResult =
  { ok: true; detail: string } | { ok: false; error: { kind: ProviderTestFailureKind; message: string } };

/** The AI SDK's defaults, used when neither the workspace nor the environment names a base URL. */
const DEFAULT_BASE_URLS: Record<Provider, string> = {
  openai: "https://api.openai.com/v1",
  anthropic: "https://api.anthropic.com/v1",
  google: "https://generativelanguage.googleapis.com/v1beta",
  generic: GENERIC_DEFAULT_BASE_URL,
};

const PROVIDER_NAMES: Record<Provider, string> = {
  openai: "OpenAI",
  anthropic: "Anthropic",
  google: "Google",
  generic: "The OpenAI-compatible server",
};

const DEFAULT_TIMEOUT_MS = 10_000;
// Enough of a provider's own error message to say why, not a page of HTML.
const MAX_QUOTED_CHARACTERS = 200;

/**
 * "Test" on the providers page: one cheap call (listing models costs no tokens) with the settings
 * a run would use. A failure is an answer, in words an owner can act on, never an error; no
 * answer contains the key, even when the provider quotes it back.
 */
export async function testProviderConnection(
  caller: Caller,
  providerName: string,
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<ProviderTestResult> {
  // It spends the workspace's key (and may reach an address an owner chose).
  if (!atLeast(caller.role, "owner")) {
    throw new ForbiddenError("Only workspace owners can test provider keys.");
  }
  const provider = parseProvider(providerName);
  let settings;
  try {
    settings = await resolveProviderSettings(caller.workspaceId, provider);
  } catch (error) {
    if (error instanceof MissingProviderKeyError) return failure("missing-key", error.message);
    throw error;
  }
  if (settings.apiKey === undefined && PROVIDER_ENVIRONMENT[provider].requiresKey) {
    return failure("missing-key", new MissingProviderKeyError(provider, settings.missingKeyReason).message);
  }
  const baseUrl = (settings.baseUrl ?? DEFAULT_BASE_URLS[provider]).replace(/\/+$/, "");
  const guarded = settings.baseUrlFromWorkspace ? createProviderFetch(`The ${provider} base URL`) : undefined;
  let result: ProviderTestResult;
  try {
    result = await callModelList(provider, baseUrl, settings.apiKey, guarded ?? fetch, options);
  } finally {
    await guarded?.close();
  }
  // Belt and braces: every message built above already passed through here once.
  return redactSecret(result, settings.apiKey);
}

function modelListRequest(
  provider: Provider,
  baseUrl: string,
  apiKey: string | undefined,
): { url: string; headers: Record<string, string> } {
  const url = `${baseUrl}/models`;
  switch (provider) {
    case "anthropic":
      return { url, headers: { "x-api-key": apiKey ?? "", "anthropic-version": "2023-06-01" } };
    case "google":
      return { url, headers: { "x-goog-api-key": apiKey ?? "" } };
    case "openai":
    case "generic":
      return { url, headers: apiKey === undefined ? {} : { authorization: `Bearer ${apiKey}` } };
  }
}

async function callModelList(
  provider: Provider,
  baseUrl: string,
  apiKey: string | undefined,
  fetchFunction: ProviderFetch,
  options: { timeoutMs?: number; signal?: AbortSignal },
): Promise<ProviderTestResult> {
  const name = PROVIDER_NAMES[provider];
  const { url, headers } = modelListRequest(provider, baseUrl, apiKey);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const clean = (text: string) => redactSecret(text, apiKey);

  let response: Response;
  let body: string;
  try {
    response = await fetchFunction(url, { method: "GET", headers, signal, redirect: "follow" });
    body = await response.text();
  } catch (error) {
    if (timeout.aborted) {
      const limit = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} seconds` : `${timeoutMs} ms`;
      return failure("timeout", `${name} did not answer within ${limit} (${baseUrl}).`);
    }
    if (error instanceof BlockedProviderAddressError) return failure("blocked-address", clean(error.message));
    if (error instanceof McpConnectionError && error.kind === "blocked_address") {
      return failure("blocked-address", clean(error.message));
    }
    return failure(
      "unreachable",
      `Could not reach ${baseUrl}: ${clean(networkReason(error))}. Check the base URL and that the server is running.`,
    );
  }

  // Redacted before it is cut short, so no partial key survives at the cut.
  const quoted = providerMessage(clean(body));
  // Google answers a bad key with 400 API_KEY_INVALID rather than 401.
  const isRejected =
    response.status === 401 ||
    response.status === 403 ||
    (response.status === 400 && /API_KEY_INVALID|API key not valid/i.test(body));
  if (isRejected) {
    return failure(
      "rejected-key",
      `${name} rejected the key (HTTP ${response.status})${quoted ? `: ${quoted}` : "."} Check the key and enter it again.`,
    );
  }
  if (!response.ok) {
    return failure(
      "unexpected-answer",
      `${name} answered HTTP ${response.status} at ${url}${quoted ? `: ${quoted}` : "."}`,
    );
  }
  const count = countModels(body);
  if (count === undefined) {
    return failure(
      "unexpected-answer",
      `${url} answered, but not with a list of models: is the base URL right (it usually ends in /v1)?`,
    );
  }
  return {
    ok: true,
    detail: `Connected to ${baseUrl}: ${count} ${count === 1 ? "model" : "models"} available.`,
  };
}

function failure(kind: ProviderTestFailureKind, message: string): ProviderTestResult {
  return { ok: false, error: { kind, message } };
}

/** Node's fetch says "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND...) sits in its cause. */
function networkReason(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  const code =
    cause !== null && typeof cause === "object" && "code" in cause ? String(cause.code) : undefined;
  switch (code) {
    case "ECONNREFUSED":
      return "the connection was refused";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "the host name does not resolve";
    case "ECONNRESET":
      return "the connection was reset";
    default:
      if (code?.startsWith("ERR_TLS") || code?.includes("CERT"))
        return "the TLS certificate was not accepted";
      return error instanceof Error && !(error instanceof TypeError)
        ? error.message
        : "the connection failed";
  }
}

/** The `error.message` of an OpenAI-, Anthropic- or Google-style error body, else its first characters. */
function providerMessage(body: string): string {
  let text = body;
  try {
    const parsed: unknown = JSON.parse(body);
    const error =
      parsed !== null && typeof parsed === "object" && "error" in parsed ? parsed.error : undefined;
    if (typeof error === "string") text = error;
    else if (
      error !== null &&
      typeof error === "object" &&
      "message" in error &&
      typeof error.message === "string"
    ) {
      text = error.message;
    }
  } catch {
    // Not JSON: quote the text itself.
  }
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > MAX_QUOTED_CHARACTERS ? `${flat.slice(0, MAX_QUOTED_CHARACTERS)}…` : flat;
}

function countModels(body: string): number | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed === null || typeof parsed !== "object") return undefined;
    // OpenAI, Anthropic and compatible servers: { data: [...] }; Google: { models: [...] }.
    const list = "data" in parsed ? parsed.data : "models" in parsed ? parsed.models : undefined;
    return Array.isArray(list) ? list.length : undefined;
  } catch {
    return undefined;
  }
}
