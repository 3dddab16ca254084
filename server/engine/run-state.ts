import type { LanguageModelV3 } from "@ai-sdk/provider";
import { type AgentMemory, createAgentMemory } from "@/server/engine/agent-memory";
import { createRunMeter, type RunMeter } from "@/server/engine/run-meter";

/**
 * What one run remembers while it executes: the agents' conversations, each agent's model (offline
 * models keep per-agent state, so an agent must keep its model instance for the whole run) and
 * the usage counted against the run's limits.
 */
export type RunState = {
  memory: AgentMemory;
  /** By node id. */
  models: Map<string, LanguageModelV3>;
  meter: RunMeter;
};

export function createRunState(
  options: { memory?: AgentMemory; models?: Map<string, LanguageModelV3> } = {},
): RunState {
  return {
    memory: options.memory ?? createAgentMemory(),
    models: options.models ?? new Map<string, LanguageModelV3>(),
    meter: createRunMeter(),
  };
}
