import "server-only";
import type { LanguageModelV3 } from "@ai-sdk/provider";
import type { ModelFactory } from "@/server/engine/context";
import { InvalidInputError } from "@/server/errors";
import { type ProviderSettings, resolveProviderSettings } from "@/server/models/credentials";
import { deferredModel } from "@/server/models/deferred-model";
import { type ParsedModel, type Provider, parseModelString } from "@/server/models/model-string";
import { PROVIDER_ENVIRONMENT } from "@/server/models/provider-environment";
import { MissingProviderKeyError } from "@/server/models/provider-errors";
import { createProviderModel } from "@/server/models/providers";

type Agent = Parameters<ModelFactory>[1];

/** Creates a built-in offline model (the engine provides it; offline models keep per-agent state). */
export type OfflineModelFactory = (parsed: ParsedModel, agent: Agent) => LanguageModelV3;

export type ModelIssue = {
  code: "missing_provider_key" | "unknown_model_provider" | "invalid_model";
  message: string;
  /** The model string as written. */
  model: string;
};

function parseOrThrow(modelString: string): ParsedModel {
  const result = parseModelString(modelString);
  if (result.ok) return result.model;
  throw new InvalidInputError(result.message, [{ code: result.code, message: result.message }]);
}

/**
 * The engine's model factory for one run in one workspace. Provider settings are read once per
 * provider per factory, so every agent of a run uses the same key even if an owner changes it
 * mid-run.
 *
 * The factory throws InvalidInputError for a string that does not parse; a provider model whose
 * key is missing fails its first call with MissingProviderKeyError. `checkModelsUsable` reports
 * both before a run starts.
 */
export function createModelFactory(options: {
  workspaceId: string;
  offline: OfflineModelFactory;
}): ModelFactory {
  const settingsByProvider = new Map<Provider, Promise<ProviderSettings>>();
  const settingsFor = (provider: Provider): Promise<ProviderSettings> => {
    let settings = settingsByProvider.get(provider);
    if (settings === undefined) {
      settings = resolveProviderSettings(options.workspaceId, provider);
      settingsByProvider.set(provider, settings);
      // A failed read (database unavailable) is not remembered; the next call tries again.
      settings.catch(() => settingsByProvider.delete(provider));
    }
    return settings;
  };

  return (modelString, agent) => {
    const parsed = parseOrThrow(modelString);
    if (parsed.provider === "offline") return options.offline(parsed, agent);
    const provider = parsed.provider;
    return deferredModel({ provider, modelId: parsed.model }, async () =>
      createProviderModel(parsed, await settingsFor(provider)),
    );
  };
}

async function providerIssue(workspaceId: string, provider: Provider): Promise<string | undefined> {
  let settings: ProviderSettings;
  try {
    settings = await resolveProviderSettings(workspaceId, provider);
  } catch (error) {
    if (error instanceof MissingProviderKeyError) return error.message;
    throw error;
  }
  if (!PROVIDER_ENVIRONMENT[provider].requiresKey || settings.apiKey !== undefined) return undefined;
  return new MissingProviderKeyError(provider, settings.missingKeyReason).message;
}

/**
 * The pre-flight check of a run: every model string must parse, and every provider it names must
 * have a key. Returns one issue per distinct failing string (none: the run may start).
 */
export async function checkModelsUsable(
  workspaceId: string,
  modelStrings: readonly string[],
): Promise<ModelIssue[]> {
  const issues: ModelIssue[] = [];
  const byProvider = new Map<Provider, string[]>();
  for (const model of new Set(modelStrings)) {
    const result = parseModelString(model);
    if (!result.ok) {
      issues.push({ code: result.code, message: result.message, model });
    } else if (result.model.provider !== "offline") {
      const provider = result.model.provider;
      byProvider.set(provider, [...(byProvider.get(provider) ?? []), model]);
    }
  }
  const problems = await Promise.all(
    [...byProvider.keys()].map(
      async (provider) => [provider, await providerIssue(workspaceId, provider)] as const,
    ),
  );
  for (const [provider, message] of problems) {
    if (message === undefined) continue;
    for (const model of byProvider.get(provider) ?? [])
      issues.push({ code: "missing_provider_key", message, model });
  }
  return issues;
}
