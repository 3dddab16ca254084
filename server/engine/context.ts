import type { LanguageModelV3 } from "@ai-sdk/provider";
import type { EngineEvent } from "@/server/events/schema";
import type { MessagePart } from "@/server/engine/messages";

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

/** MCP tools (the MCP issue provides the real one; until then a source with no servers). */
export type ToolSource = {
  /** The tools an agent may use: its `servers`, filtered by its `tools` globs. */
  listTools(
    agent: { servers: string[]; filters?: Record<string, string[]> },
    signal: AbortSignal,
  ): Promise<ToolDefinition[]>;
  callTool(name: string, args: unknown, signal: AbortSignal): Promise<ToolCallOutcome>;
};

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

export const NO_TOOLS: ToolSource = {
  listTools: (agent) =>
    agent.servers.length === 0
      ? Promise.resolve([])
      : Promise.reject(
          new Error(`MCP servers are not available yet (asked for: ${agent.servers.join(", ")}).`),
        ),
  callTool: (name) =>
    Promise.resolve({ content: [{ type: "text", text: `Unknown tool: ${name}` }], isError: true }),
};
