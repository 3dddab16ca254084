import type {
  CreateMessageRequest,
  CreateMessageResult,
  SamplingMessage,
} from "@modelcontextprotocol/sdk/types.js";
import type { SampleAnswer, SampleRequest } from "@/server/engine/context";
import type { Message, MessagePart } from "@/server/engine/messages";
import { describeSize } from "@/server/mcp/tool-results";

/**
 * MCP sampling (`sampling/createMessage`) served with the calling agent's model: the server's
 * messages and system prompt become one model call (its maxTokens honoured), the answer a text
 * message. Model preferences are ignored (the agent's model is the one the design chose); we do
 * not declare `sampling.tools` or `sampling.context`, so neither tools nor context appear.
 */

export function toSampleRequest(params: CreateMessageRequest["params"]): SampleRequest {
  return {
    ...(params.systemPrompt ? { system: params.systemPrompt } : {}),
    messages: params.messages.map(toMessage),
    maxTokens: params.maxTokens,
    ...(params.temperature === undefined ? {} : { temperature: params.temperature }),
  };
}

export function toCreateMessageResult(answer: SampleAnswer): CreateMessageResult {
  return {
    role: "assistant",
    content: { type: "text", text: answer.text },
    model: answer.model,
    stopReason: stopReasonOf(answer.stopReason),
  };
}

function toMessage(message: SamplingMessage): Message {
  const blocks = Array.isArray(message.content) ? message.content : [message.content];
  return { role: message.role, content: blocks.map(toPart) };
}

function toPart(block: Extract<SamplingMessage["content"], { type: string }>): MessagePart {
  switch (block.type) {
    case "text":
      return { type: "text", text: block.text };
    case "image":
      return { type: "image", data: block.data, mediaType: block.mimeType };
    case "audio":
      return { type: "text", text: `[audio, ${block.mimeType}, ${describeSize(block.data)}]` };
    case "tool_use":
      return { type: "text", text: `[tool call ${block.name} ${JSON.stringify(block.input)}]` };
    case "tool_result":
      return { type: "text", text: `[tool result for ${block.toolUseId}]` };
  }
}

/** The engine's stop reasons in MCP's words ("endTurn", "maxTokens", "stopSequence"). */
function stopReasonOf(stopReason: string): string {
  switch (stopReason) {
    case "end_turn":
      return "endTurn";
    case "max_tokens":
      return "maxTokens";
    case "stop_sequence":
      return "stopSequence";
    default:
      return stopReason;
  }
}
