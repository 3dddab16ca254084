import "server-only";
import type { LanguageModelV3 } from "@ai-sdk/provider";

/**
 * A model whose real implementation needs asynchronous set-up (reading the workspace's provider
 * settings) behind the engine's synchronous `ModelFactory`. Set-up runs on first use; when it
 * fails (a missing key, the database), the call fails with that error and the next call retries.
 */
export function deferredModel(
  identity: { provider: string; modelId: string },
  load: () => Promise<LanguageModelV3>,
): LanguageModelV3 {
  let loading: Promise<LanguageModelV3> | undefined;
  const model = (): Promise<LanguageModelV3> => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
  return {
    specificationVersion: "v3",
    provider: identity.provider,
    modelId: identity.modelId,
    // A getter, so nothing loads until someone asks: the SDK once per call, wrapLanguageModel
    // once when it wraps.
    get supportedUrls() {
      const urls = model().then((loaded) => loaded.supportedUrls);
      // A wrapper may read this without awaiting it; a failed set-up must then not become an
      // unhandled rejection (which ends the process). Callers that await still see the error.
      urls.catch(() => undefined);
      return urls;
    },
    doGenerate: async (options) => (await model()).doGenerate(options),
    doStream: async (options) => (await model()).doStream(options),
  };
}
