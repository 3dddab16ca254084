import { RunLimitError, type RunLimits } from "@/server/engine/context";
import type { Usage } from "@/server/events/schema";

/** Model calls and tokens of one run, checked against the run's limits as they are spent. */
export type RunMeter = {
  /** Counts a model call about to be made; throws RunLimitError when it would exceed the limit. */
  startModelCall(limits: RunLimits): void;
  /** Adds a finished call's tokens; throws RunLimitError once the token limit is exceeded. */
  addTokens(tokens: { inputTokens: number; outputTokens: number }, limits: RunLimits): void;
  usage(): Usage;
};

export function createRunMeter(): RunMeter {
  const usage: Usage = { inputTokens: 0, outputTokens: 0, totalTokens: 0, modelCalls: 0 };
  return {
    startModelCall(limits) {
      if (usage.modelCalls >= limits.maxModelCalls) {
        throw new RunLimitError(
          `The run reached its limit of ${limits.maxModelCalls} model calls; it was stopped before making another.`,
        );
      }
      usage.modelCalls += 1;
    },
    addTokens(tokens, limits) {
      usage.inputTokens += tokens.inputTokens;
      usage.outputTokens += tokens.outputTokens;
      usage.totalTokens = usage.inputTokens + usage.outputTokens;
      if (usage.totalTokens > limits.maxTokens) {
        throw new RunLimitError(
          `The run used ${usage.totalTokens} tokens, more than its limit of ${limits.maxTokens}; it was stopped.`,
        );
      }
    },
    usage: () => ({ ...usage }),
  };
}
