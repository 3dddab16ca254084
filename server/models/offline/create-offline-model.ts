import type { LanguageModelV3 } from "@ai-sdk/provider";
import type { ModelOptions, OfflineModel } from "@/server/models/model-string";
import { abortableDelay } from "./abortable-delay";
import { createOfflineLanguageModel } from "./offline-language-model";
import { createOfflineModelState, type OfflineModelState } from "./offline-model-state";
import { passthroughReply } from "./passthrough-rules";
import { playbackReply } from "./playback-rules";
import { createScriptedState, type ScriptedReply, scriptedReply } from "./scripted-replies";

/** Model-string options plus the `scripted` model's replies (`scripted?replies=...`). */
export type OfflineModelOptions = Omit<ModelOptions, "replies"> & { replies?: readonly ScriptedReply[] };

export const DEFAULT_SLOW_DELAY_MS = 3000;

/**
 * The built-in model `name` for one agent. `state` is that agent's memory (fixed response,
 * playback script, scripted queue); pass the same state to keep it across model instances.
 */
export function createOfflineModel(
  name: OfflineModel,
  options: OfflineModelOptions = {},
  state: OfflineModelState = createOfflineModelState(),
): LanguageModelV3 {
  switch (name) {
    case "passthrough":
      return createOfflineLanguageModel({
        modelId: name,
        reportsUsage: true,
        respond: (call) => Promise.resolve(passthroughReply(call.prompt, state.passthrough)),
      });
    case "silent":
      return createOfflineLanguageModel({
        modelId: name,
        reportsUsage: false,
        respond: (call) => Promise.resolve(passthroughReply(call.prompt, state.passthrough)),
      });
    case "slow": {
      const delayMs = options.delayMs ?? DEFAULT_SLOW_DELAY_MS;
      return createOfflineLanguageModel({
        modelId: name,
        reportsUsage: true,
        respond: async (call) => {
          await abortableDelay(delayMs, call.abortSignal);
          return passthroughReply(call.prompt, state.passthrough);
        },
      });
    }
    case "playback":
      return createOfflineLanguageModel({
        modelId: name,
        reportsUsage: true,
        respond: (call) => Promise.resolve(playbackReply(call.prompt, state.playback)),
      });
    case "scripted": {
      const scripted = (state.scripted ??= createScriptedState(options.replies));
      return createOfflineLanguageModel({
        modelId: name,
        reportsUsage: true,
        respond: () => Promise.resolve(scriptedReply(scripted)),
      });
    }
  }
}

/** A `scripted` model answering `replies` in order (tests and demos). */
export function createScriptedModel(replies: readonly ScriptedReply[]): LanguageModelV3 {
  return createOfflineModel("scripted", { replies });
}
