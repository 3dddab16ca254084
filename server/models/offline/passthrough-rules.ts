import type { LanguageModelV3Message, LanguageModelV3Prompt } from "@ai-sdk/provider";
import { EngineError } from "@/server/engine/engine-error";
import { type OfflineReply, textReply } from "./offline-reply";
import { allTextOf, conversationOf, firstTextOf, toolResultText, toolResultsOf } from "./prompt-reading";

export const CALL_TOOL_INDICATOR = "***CALL_TOOL";
export const FIXED_RESPONSE_INDICATOR = "***FIXED_RESPONSE";

/** What a passthrough model remembers between calls of one agent (fast-agent's PassthroughLLM). */
export type PassthroughState = {
  /** Sticky answer set by `***FIXED_RESPONSE`; "" counts as unset, as in fast-agent. */
  fixedResponse: string;
  /** Tool calls are numbered per model: `correlationId0`, `correlationId1`, ... */
  nextCorrelationId: number;
};

export function createPassthroughState(): PassthroughState {
  return { fixedResponse: "", nextCorrelationId: 0 };
}

/**
 * The passthrough model's answer (semantics.md, "Built-in offline models"), rules in order:
 * assistant-last → unchanged; `***CALL_TOOL` → a tool call; `***FIXED_RESPONSE` → sticky text;
 * tool results → their texts; fixed response; otherwise echo the trailing user messages.
 */
export function passthroughReply(prompt: LanguageModelV3Prompt, state: PassthroughState): OfflineReply {
  const conversation = conversationOf(prompt);
  const last = conversation.at(-1);
  if (last === undefined) return textReply("");

  if (last.role === "assistant") return unchangedAssistant(last);

  const firstText = firstTextOf(last);
  if (last.role === "user" && firstText.startsWith(CALL_TOOL_INDICATOR)) {
    const { name, input } = parseToolCommand(firstText);
    const toolCallId = `correlationId${state.nextCorrelationId}`;
    state.nextCorrelationId += 1;
    return { text: "", toolCalls: [{ toolCallId, toolName: name, input }] };
  }

  if (last.role === "user" && firstText.startsWith(FIXED_RESPONSE_INDICATOR)) {
    state.fixedResponse = firstText.slice(FIXED_RESPONSE_INDICATOR.length).trim();
  }

  const toolResults = toolResultsOf(last);
  if (toolResults.length > 0) {
    return textReply(toolResults.map((result) => toolResultText(result) || "<empty>").join(" "));
  }

  if (state.fixedResponse !== "") return textReply(state.fixedResponse);

  return textReply(trailingUserMessages(conversation).map(allTextOf).join("\n"));
}

function unchangedAssistant(message: Extract<LanguageModelV3Message, { role: "assistant" }>): OfflineReply {
  const reply: OfflineReply = { text: allTextOf(message), toolCalls: [] };
  for (const part of message.content) {
    if (part.type !== "tool-call") continue;
    reply.toolCalls.push({
      toolCallId: part.toolCallId,
      toolName: part.toolName,
      input: JSON.stringify(part.input ?? {}),
    });
  }
  return reply;
}

function trailingUserMessages(conversation: LanguageModelV3Message[]): LanguageModelV3Message[] {
  let start = conversation.length;
  while (start > 0 && conversation[start - 1]?.role === "user") start -= 1;
  return conversation.slice(start);
}

/**
 * `***CALL_TOOL <name> [json-args]`, split like Python's `str.split(" ", 2)` so that odd spacing
 * behaves as in fast-agent.
 */
export function parseToolCommand(command: string): { name: string; input: string } {
  const parts = splitOnSpaces(command, 2);
  const name = parts[1];
  if (name === undefined) {
    throw new EngineError(`Invalid format. Expected '${CALL_TOOL_INDICATOR} <tool_name> [arguments_json]'`);
  }
  const argumentText = parts[2];
  if (argumentText === undefined) return { name: name.trim(), input: "{}" };
  let parsed: unknown;
  try {
    parsed = JSON.parse(argumentText);
  } catch {
    throw new EngineError(`Invalid JSON arguments: ${argumentText}`);
  }
  return { name: name.trim(), input: JSON.stringify(parsed ?? {}) };
}

function splitOnSpaces(text: string, maxSplits: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (parts.length < maxSplits) {
    const index = rest.indexOf(" ");
    if (index === -1) break;
    parts.push(rest.slice(0, index));
    rest = rest.slice(index + 1);
  }
  parts.push(rest);
  return parts;
}
