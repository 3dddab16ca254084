import type { LanguageModelV3, LanguageModelV3CallOptions } from "@ai-sdk/provider";

/** Wraps a model so that every call's options are reported before the model answers. */
export function recordingModel(
  model: LanguageModelV3,
  onCall: (options: LanguageModelV3CallOptions) => void,
): LanguageModelV3 {
  return {
    specificationVersion: "v3",
    provider: model.provider,
    modelId: model.modelId,
    supportedUrls: model.supportedUrls,
    doGenerate: (options) => {
      onCall(options);
      return model.doGenerate(options);
    },
    doStream: (options) => {
      onCall(options);
      return model.doStream(options);
    },
  };
}
