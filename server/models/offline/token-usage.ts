import type { LanguageModelV3Usage } from "@ai-sdk/provider";

/**
 * Offline models report usage like a provider would, estimated at one token per four characters,
 * so that run limits and usage displays behave the same with or without a real model.
 */
export function estimateTokens(text: string): number {
  // Characters as people count them (code points), as fast-agent's Python `len` does.
  return Math.ceil(Array.from(text).length / 4);
}

export function usageOf(inputTokens: number, outputTokens: number): LanguageModelV3Usage {
  return {
    inputTokens: { total: inputTokens, noCache: inputTokens, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: outputTokens, text: outputTokens, reasoning: undefined },
  };
}

export function estimatedUsage(inputText: string, outputText: string): LanguageModelV3Usage {
  return usageOf(estimateTokens(inputText), estimateTokens(outputText));
}
