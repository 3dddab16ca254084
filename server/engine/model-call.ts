import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3FinishReason,
  LanguageModelV3StreamPart,
} from "@ai-sdk/provider";
import { abortError } from "@/server/engine/abort";
import type { ToolDefinition } from "@/server/engine/context";
import type { Message, ToolCall } from "@/server/engine/messages";
import { toLanguageModelPrompt } from "@/server/engine/prompt-conversion";
import type { StructuredRequest } from "@/server/engine/structured-output";

/** Sampling settings of one call: the agent's requestParams over its model string's options. */
export type CallSettings = {
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
};

export type ModelCallRequest = {
  model: LanguageModelV3;
  system: string | undefined;
  messages: readonly Message[];
  tools?: readonly ToolDefinition[];
  settings: CallSettings;
  structured?: StructuredRequest;
  signal: AbortSignal;
  /** Called with each piece of text as it streams in. */
  onTextDelta?: (text: string) => void;
};

export type ModelCallResult = {
  /** The assistant message: its text, and the tool calls it asks for. */
  message: Message;
  inputTokens: number;
  outputTokens: number;
};

/**
 * One model call through the language-model interface (`doStream`), the same for offline and
 * provider models. The engine runs tool loops itself, so tools are only declared here.
 */
export async function callLanguageModel(request: ModelCallRequest): Promise<ModelCallResult> {
  const { signal } = request;
  if (signal.aborted) throw abortError(signal);
  const { stream } = await request.model.doStream(callOptions(request));
  const reader = stream.getReader();
  // A provider should end its stream on abort; this makes sure a stalled one cannot hold a cancel.
  const onAbort = () => void reader.cancel(abortError(signal)).catch(() => undefined);
  signal.addEventListener("abort", onAbort, { once: true });

  let text = "";
  const toolCalls: ToolCall[] = [];
  let finishReason: LanguageModelV3FinishReason | undefined;
  let inputTokens = 0;
  let outputTokens = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (signal.aborted) throw abortError(signal);
      if (done) break;
      const part: LanguageModelV3StreamPart = value;
      switch (part.type) {
        case "text-delta":
          if (part.delta === "") break;
          text += part.delta;
          request.onTextDelta?.(part.delta);
          break;
        case "tool-call":
          // Tools the provider ran itself (web search and the like) are not the engine's to run.
          if (part.providerExecuted === true) break;
          toolCalls.push({ id: part.toolCallId, name: part.toolName, arguments: parseArguments(part.input) });
          break;
        case "finish":
          finishReason = part.finishReason;
          inputTokens = part.usage.inputTokens.total ?? 0;
          outputTokens = part.usage.outputTokens.total ?? 0;
          break;
        case "error":
          throw part.error instanceof Error ? part.error : new Error(describeStreamError(part.error));
        default:
          break;
      }
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw error;
  } finally {
    signal.removeEventListener("abort", onAbort);
    reader.releaseLock();
  }

  const message: Message = {
    role: "assistant",
    content: text === "" ? [] : [{ type: "text", text }],
    stopReason: stopReasonOf(finishReason, toolCalls.length > 0),
  };
  if (toolCalls.length > 0) message.toolCalls = toolCalls;
  return { message, inputTokens, outputTokens };
}

function callOptions(request: ModelCallRequest): LanguageModelV3CallOptions {
  const options: LanguageModelV3CallOptions = {
    prompt: toLanguageModelPrompt(request.system, request.messages),
    abortSignal: request.signal,
    ...request.settings,
  };
  if (request.tools !== undefined && request.tools.length > 0) {
    options.tools = request.tools.map((tool) => ({
      type: "function",
      name: tool.name,
      description: tool.description,
      inputSchema: tool.inputSchema,
    }));
    options.toolChoice = { type: "auto" };
  }
  if (request.structured !== undefined) {
    options.responseFormat = {
      type: "json",
      schema: request.structured.schema,
      name: request.structured.name,
      description: request.structured.description,
    };
  }
  return options;
}

/** Tool arguments arrive JSON-encoded; a model that writes invalid JSON gets the raw text back. */
function parseArguments(input: string): unknown {
  if (input.trim() === "") return {};
  try {
    return JSON.parse(input);
  } catch {
    return input;
  }
}

function stopReasonOf(finishReason: LanguageModelV3FinishReason | undefined, hasToolCalls: boolean): string {
  if (hasToolCalls) return "tool_use";
  switch (finishReason?.unified) {
    case "length":
      return "max_tokens";
    case "content-filter":
      return "content_filter";
    case "error":
      return "error";
    case "tool-calls":
      return "tool_use";
    default:
      return "end_turn";
  }
}

function describeStreamError(error: unknown): string {
  if (typeof error === "string") return error;
  try {
    return `The model failed: ${JSON.stringify(error)}`;
  } catch {
    return "The model failed.";
  }
}
