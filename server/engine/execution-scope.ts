import type { LanguageModelV3 } from "@ai-sdk/provider";
import type { GraphNode } from "@/server/designs/graph-schema";
import { abortError, errorMessage, throwIfAborted } from "@/server/engine/abort";
import { type AgentMemory, createAgentMemory } from "@/server/engine/agent-memory";
import type { EngineContext, ToolDefinition } from "@/server/engine/context";
import { EngineError } from "@/server/engine/engine-error";
import type { GraphIndex } from "@/server/engine/graph-index";
import { messageText, type Message } from "@/server/engine/messages";
import { type CallSettings, callLanguageModel } from "@/server/engine/model-call";
import { callSettingsFor, type ModelNode, modelStringFor } from "@/server/engine/model-resolution";
import type { RunState } from "@/server/engine/run-state";
import type { StructuredRequest } from "@/server/engine/structured-output";
import type { EngineEvent, Usage } from "@/server/events/schema";

/** One step of the run tree, as it executes. Its usage includes its children's. */
export type StepFrame = {
  id: string;
  parent: StepFrame | null;
  depth: number;
  usage: Usage;
  /** Streamed model calls made so far by this step (numbers `step-delta` turns). */
  streamedTurns: number;
};

export type ChildOptions = {
  /** What the child is within its parent ("step 2", "sample 3", ...), shown in the run tree. */
  label?: string;
  /** Run the child, and everything under it, with an empty memory that is discarded afterwards. */
  freshMemory?: boolean;
  /** Ask the child for structured output (its model's answer is parsed by the caller). */
  structured?: StructuredRequest;
};

export type ScopedModelCall = {
  /** Whose model and settings: always the calling node's own (parameters never leak). */
  node: ModelNode;
  system: string | undefined;
  messages: readonly Message[];
  tools?: readonly ToolDefinition[];
  structured?: StructuredRequest;
  /** Stream the text into this step as `step-delta` events (only when it becomes the output). */
  streamToStep?: boolean;
};

/** Everything an executor works with. Executors do no I/O of their own: it all goes through here. */
export type ExecutionScope = {
  engine: EngineContext;
  graph: GraphIndex;
  run: RunState;
  memory: AgentMemory;
  step: StepFrame;
  /** Structured output the parent asked this step for, if any. */
  structured: StructuredRequest | undefined;
  runChild(child: GraphNode, messages: readonly Message[], options?: ChildOptions): Promise<Message>;
  /** Calls the node's model, counting the call and its tokens against the run's limits. */
  callModel(call: ScopedModelCall): Promise<Message>;
  emit(event: EngineEvent): void;
};

export type Dispatch = (
  node: GraphNode,
  messages: readonly Message[],
  scope: ExecutionScope,
) => Promise<Message>;

/** What stays the same for every step of a run. */
export type RunBase = {
  engine: EngineContext;
  graph: GraphIndex;
  run: RunState;
  /** The workspace default model, used after the node's and the design's own. */
  defaultModel: string | undefined;
  dispatch: Dispatch;
};

/** Nesting deeper than this can only come from a cycle the validator missed. */
const MAX_DEPTH = 100;

/**
 * Runs one node as a step of the run tree: `step-start`, then the node's executor, then
 * `step-end` (output, usage including children, duration) or `step-error`.
 */
export async function runStep(
  base: RunBase,
  node: GraphNode,
  messages: readonly Message[],
  placement: {
    parent: StepFrame | null;
    memory: AgentMemory;
    label?: string;
    structured?: StructuredRequest;
  },
): Promise<Message> {
  const { engine } = base;
  throwIfAborted(engine.signal);
  const depth = (placement.parent?.depth ?? -1) + 1;
  if (depth > MAX_DEPTH)
    throw new EngineError(`Agents are nested more than ${MAX_DEPTH} deep; is there a cycle?`);

  const frame: StepFrame = {
    id: engine.newId(),
    parent: placement.parent,
    depth,
    usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0, modelCalls: 0 },
    streamedTurns: 0,
  };
  const scope = createScope(base, frame, placement.memory, placement.structured);
  engine.emit({
    type: "step-start",
    stepId: frame.id,
    parentStepId: placement.parent?.id ?? null,
    agent: node.data.name,
    nodeId: node.id,
    kind: node.type,
    ...(placement.label === undefined ? {} : { label: placement.label }),
  });
  const startedAt = engine.clock.now();
  try {
    const result = await base.dispatch(node, messages, scope);
    throwIfAborted(engine.signal);
    engine.emit({
      type: "step-end",
      stepId: frame.id,
      output: messageText(result),
      usage: { ...frame.usage },
      durationMs: Math.max(0, engine.clock.now() - startedAt),
      ...(result.stopReason === undefined ? {} : { stopReason: result.stopReason }),
    });
    return result;
  } catch (error) {
    const message = engine.signal.aborted ? errorMessage(abortError(engine.signal)) : errorMessage(error);
    engine.emit({ type: "step-error", stepId: frame.id, error: message });
    throw error;
  }
}

function createScope(
  base: RunBase,
  frame: StepFrame,
  memory: AgentMemory,
  structured: StructuredRequest | undefined,
): ExecutionScope {
  const { engine, run } = base;
  return {
    engine,
    graph: base.graph,
    run,
    memory,
    step: frame,
    structured,
    emit: (event) => engine.emit(event),
    runChild: (child, messages, options = {}) =>
      runStep(base, child, messages, {
        parent: frame,
        memory: options.freshMemory === true ? createAgentMemory() : memory,
        label: options.label,
        structured: options.structured,
      }),
    async callModel(call) {
      const { model, settings } = modelFor(base, call.node);
      run.meter.startModelCall(engine.limits);
      addUsage(frame, { modelCalls: 1 });
      const turn = call.streamToStep === true ? ++frame.streamedTurns : undefined;
      const result = await callLanguageModel({
        model,
        system: call.system,
        messages: call.messages,
        tools: call.tools,
        settings,
        structured: call.structured,
        signal: engine.signal,
        onTextDelta:
          turn === undefined
            ? undefined
            : (text) => engine.emit({ type: "step-delta", stepId: frame.id, text, turn }),
      });
      addUsage(frame, { inputTokens: result.inputTokens, outputTokens: result.outputTokens });
      run.meter.addTokens(result, engine.limits);
      return result.message;
    },
  };
}

function modelFor(base: RunBase, node: ModelNode): { model: LanguageModelV3; settings: CallSettings } {
  const modelString = modelStringFor(node, base.graph.graph.defaultModel, base.defaultModel);
  const settings = callSettingsFor(
    modelString,
    node.type === "orchestrator" ? undefined : node.data.requestParams,
  );
  let model = base.run.models.get(node.id);
  if (model === undefined) {
    model = base.engine.models(modelString, { name: node.data.name, nodeId: node.id });
    base.run.models.set(node.id, model);
  }
  return { model, settings };
}

function addUsage(frame: StepFrame, delta: Partial<Usage>): void {
  for (let current: StepFrame | null = frame; current !== null; current = current.parent) {
    current.usage.modelCalls += delta.modelCalls ?? 0;
    current.usage.inputTokens += delta.inputTokens ?? 0;
    current.usage.outputTokens += delta.outputTokens ?? 0;
    current.usage.totalTokens = current.usage.inputTokens + current.usage.outputTokens;
  }
}
