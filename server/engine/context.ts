import type { LanguageModelV3 } from "@ai-sdk/provider";
import type { EngineEvent } from "@/server/events/schema";
import type { Message, MessagePart } from "@/server/engine/messages";

/**
 * Everything an executor needs from the outside world, passed in as arguments: executors do no
 * I/O of their own, so tests drive them with scripted models and an in-memory sink.
 */

/** Creates the model for one agent from its model string (offline models keep per-agent state). */
export type ModelFactory = (modelString: string, agent: { name: string; nodeId: string }) => LanguageModelV3;

export type ToolDefinition = {
  /** As the model sees it: `<server>__<tool>` (64 characters at most). */
  name: string;
  description?: string;
  /** JSON Schema of the arguments. */
  inputSchema: Record<string, unknown>;
};

export type ToolCallOutcome = { content: MessagePart[]; isError: boolean };

/** A model call a tool asks for while it runs (MCP sampling), answered with the caller's model. */
export type SampleRequest = {
  system?: string;
  messages: Message[];
  maxTokens?: number;
  temperature?: number;
};

export type SampleAnswer = {
  text: string;
  /** The model string it ran with, without its options. */
  model: string;
  /** The engine's stop reason: "end_turn", "max_tokens", ... */
  stopReason: string;
};

/**
 * One tool call as the tool source sees it: where it runs (the calling step) and what it may ask
 * of the run while it runs. Events for the step go through here, so they land on the right step.
 */
export type ToolCallContext = {
  signal: AbortSignal;
  stepId: string;
  callId: string;
  /** Progress reported by the tool: a `tool-progress` event on the step. */
  reportProgress(progress: { progress: number; total?: number; message?: string }): void;
  /** Asks a person on the step (`input-request`, answered in the page or the API). */
  askPerson(question: { prompt: string; description?: string }): Promise<string>;
  /** Answers with the calling agent's model; counts toward the run's usage and limits. */
  sample(request: SampleRequest): Promise<SampleAnswer>;
};

/** Where an agent's MCP tools come from. */
export type ToolSource = {
  /** The tools an agent may use: its `servers`, filtered by its `tools` globs. */
  listTools(
    agent: { servers: string[]; filters?: Record<string, string[]> },
    signal: AbortSignal,
  ): Promise<ToolDefinition[]>;
  callTool(name: string, args: unknown, call: ToolCallContext): Promise<ToolCallOutcome>;
};

/** A run's tool source: what it opened (connections, processes) is closed with `close()`. */
export type RunToolSource = ToolSource & { close(): Promise<void> };

/** Asks a person (the page or the API answers); resolves with their answer. */
export type HumanInput = (request: {
  stepId: string;
  requestId: string;
  prompt: string;
  description?: string;
}) => Promise<string>;

export type RunLimits = {
  /** Model calls per run. */
  maxModelCalls: number;
  /** Input plus output tokens per run. */
  maxTokens: number;
};

export type Clock = { now(): number };

export type EngineContext = {
  models: ModelFactory;
  tools: ToolSource;
  emit: (event: EngineEvent) => void;
  signal: AbortSignal;
  clock: Clock;
  limits: RunLimits;
  humanInput: HumanInput;
  /** Ids for steps, tool calls and input requests (random in production, counters in tests). */
  newId: () => string;
};

/** Thrown (and turned into a failed run with this message) when a run limit is reached. */
export class RunLimitError extends Error {
  override readonly name = "RunLimitError";
}

/** A source without servers: for runs and tests that use no MCP tools. */
export const NO_TOOLS: RunToolSource = {
  listTools: (agent) =>
    agent.servers.length === 0
      ? Promise.resolve([])
      : Promise.reject(new Error(`This run has no MCP servers (asked for: ${agent.servers.join(", ")}).`)),
  callTool: (name) =>
    Promise.resolve({ content: [{ type: "text", text: `Unknown tool: ${name}` }], isError: true }),
  close: () => Promise.resolve(),
};
