import type { ModelFactory } from "@/server/engine/context";
import { EngineError } from "@/server/engine/engine-error";
import { createOfflineModel } from "./create-offline-model";
import { createOfflineModelState } from "./offline-model-state";
import { parseOfflineModelString } from "./offline-model-string";
import { promptTranscript, systemPromptOf } from "./prompt-transcript";
import { recordingModel } from "./recording-model";
import { createScriptedState, type ScriptedReply, type ScriptedState } from "./scripted-replies";

/** One model call as a test sees it. */
export type RecordedCall = {
  agent: string;
  nodeId: string;
  modelString: string;
  system: string | undefined;
  /** See promptTranscript: `user: ...`, `assistant: ...`, `tool <name>: ...`. */
  transcript: string[];
  tools: string[];
  /** True when the call asked for structured (JSON) output. */
  structured: boolean;
  temperature: number | undefined;
  maxOutputTokens: number | undefined;
  topP: number | undefined;
};

export type TestModelFactory = {
  models: ModelFactory;
  /** Every call of every agent, in call order. */
  calls: RecordedCall[];
  /** The transcripts of one agent's calls, in order. */
  transcriptsOf(agent: string): string[][];
  /** Replies not consumed yet, per scripted agent (a test may check that all were used). */
  remainingReplies(): Record<string, number>;
};

/**
 * A model factory for tests: agents named in `scripts` answer from their queue of scripted
 * replies (the queue lives as long as the factory, so several runs share it); every other agent
 * gets the offline model its model string names. Every call is recorded.
 */
export function createTestModelFactory(
  scripts: Record<string, readonly ScriptedReply[]> = {},
): TestModelFactory {
  const calls: RecordedCall[] = [];
  const queues = new Map<string, ScriptedState>(
    Object.entries(scripts).map(([agent, replies]) => [agent, createScriptedState(replies)]),
  );

  const models: ModelFactory = (modelString, agent) => {
    const state = createOfflineModelState();
    const queue = queues.get(agent.name);
    let model;
    if (queue !== undefined) {
      state.scripted = queue;
      model = createOfflineModel("scripted", {}, state);
    } else {
      const parsed = parseOfflineModelString(modelString);
      if (!parsed.ok) throw new EngineError(`Test agent "${agent.name}": ${parsed.message}`);
      model = createOfflineModel(parsed.name, parsed.options, state);
    }
    return recordingModel(model, (options) => {
      calls.push({
        agent: agent.name,
        nodeId: agent.nodeId,
        modelString,
        system: systemPromptOf(options.prompt),
        transcript: promptTranscript(options.prompt),
        tools: (options.tools ?? []).map((tool) => tool.name),
        structured: options.responseFormat?.type === "json",
        temperature: options.temperature,
        maxOutputTokens: options.maxOutputTokens,
        topP: options.topP,
      });
    });
  };

  return {
    models,
    calls,
    transcriptsOf: (agent) => calls.filter((call) => call.agent === agent).map((call) => call.transcript),
    remainingReplies: () =>
      Object.fromEntries([...queues].map(([agent, queue]) => [agent, queue.queue.length] as const)),
  };
}
