import type { GraphNode, RequestParams } from "@/server/designs/graph-schema";
import { EngineError } from "@/server/engine/engine-error";
import type { CallSettings } from "@/server/engine/model-call";
import { parseModelString } from "@/server/models/model-string";
import { splitScriptedReplies } from "@/server/models/offline/offline-model-string";

/** Nodes that call a model of their own. */
export type ModelNode = Extract<GraphNode, { type: "agent" | "router" | "orchestrator" }>;

export const FALLBACK_MODEL = "passthrough";

/**
 * The model string a node runs with: its own `model`, else the design's `defaultModel`, else the
 * workspace default, else `passthrough` (graph-format.md).
 */
export function modelStringFor(
  node: ModelNode,
  designDefault: string | undefined,
  workspaceDefault: string | undefined,
): string {
  return node.data.model ?? designDefault ?? workspaceDefault ?? FALLBACK_MODEL;
}

/**
 * Call settings: the model string's `temperature`, `maxTokens` and `topP`, overridden by the
 * node's own requestParams. Only ever the node's own: workflows never pass theirs down.
 */
export function callSettingsFor(modelString: string, requestParams: RequestParams | undefined): CallSettings {
  const split = splitScriptedReplies(modelString);
  if (!split.ok) throw new EngineError(split.message);
  const parsed = parseModelString(split.modelString);
  if (!parsed.ok) throw new EngineError(parsed.message);
  const { temperature, maxTokens, topP } = parsed.model.options;
  const settings: CallSettings = {};
  const chosenTemperature = requestParams?.temperature ?? temperature;
  const chosenMaxTokens = requestParams?.maxTokens ?? maxTokens;
  const chosenTopP = requestParams?.topP ?? topP;
  if (chosenTemperature !== undefined) settings.temperature = chosenTemperature;
  if (chosenMaxTokens !== undefined) settings.maxOutputTokens = chosenMaxTokens;
  if (chosenTopP !== undefined) settings.topP = chosenTopP;
  return settings;
}
