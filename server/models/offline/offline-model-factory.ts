import type { LanguageModelV3 } from "@ai-sdk/provider";
import { EngineError } from "@/server/engine/engine-error";
import { OFFLINE_MODELS, type ParsedModel } from "@/server/models/model-string";
import { createOfflineModel } from "./create-offline-model";
import { scriptedRepliesSchema } from "./scripted-replies";
import type { OfflineModelState } from "./offline-model-state";

/**
 * The offline half of the run's model factory: a parsed offline model string → a new model with
 * its own state. The engine asks once per agent per run, so each agent gets its own memory of
 * fixed responses, playback scripts and scripted replies.
 */
export function offlineModelFactory(
  parsed: ParsedModel,
  _agent?: unknown,
  state?: OfflineModelState,
): LanguageModelV3 {
  const name = OFFLINE_MODELS.find((candidate) => candidate === parsed.model);
  if (parsed.provider !== "offline" || name === undefined) {
    throw new EngineError(`"${parsed.canonical}" is not a built-in offline model.`);
  }
  const { replies, ...options } = parsed.options;
  const scripted = replies === undefined ? undefined : scriptedRepliesSchema.safeParse(replies);
  if (scripted && !scripted.success) {
    throw new EngineError(
      `The replies of "${parsed.canonical}" must be texts, { text }, { json }, { toolCall: { name, arguments } }, { toolCalls } or { error }.`,
    );
  }
  return createOfflineModel(name, { ...options, replies: scripted?.data }, state);
}
