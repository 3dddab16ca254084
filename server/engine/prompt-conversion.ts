import type {
  LanguageModelV3FilePart,
  LanguageModelV3Message,
  LanguageModelV3Prompt,
  LanguageModelV3TextPart,
  LanguageModelV3ToolResultPart,
} from "@ai-sdk/provider";
import type { Message, MessagePart, ToolResult } from "@/server/engine/messages";

/**
 * Engine messages → the AI SDK's language-model prompt. A user message carrying tool results
 * becomes a `tool` message (plus a user message for any text it also carries).
 */
export function toLanguageModelPrompt(
  system: string | undefined,
  messages: readonly Message[],
): LanguageModelV3Prompt {
  const prompt: LanguageModelV3Prompt = [];
  if (system !== undefined && system !== "") prompt.push({ role: "system", content: system });
  for (const message of messages) prompt.push(...toLanguageModelMessages(message));
  return prompt;
}

function toLanguageModelMessages(message: Message): LanguageModelV3Message[] {
  if (message.role === "assistant") {
    // Providers refuse empty assistant turns; an answer with nothing in it carries no information.
    if (message.content.length === 0 && (message.toolCalls ?? []).length === 0) return [];
    const content: Extract<LanguageModelV3Message, { role: "assistant" }>["content"] =
      message.content.map(toPromptPart);
    for (const call of message.toolCalls ?? []) {
      content.push({
        type: "tool-call",
        toolCallId: call.id,
        toolName: call.name,
        input: call.arguments ?? {},
      });
    }
    return [{ role: "assistant", content }];
  }
  const converted: LanguageModelV3Message[] = [];
  const toolResults = message.toolResults ?? [];
  if (toolResults.length > 0) converted.push({ role: "tool", content: toolResults.map(toToolResultPart) });
  if (message.content.length > 0 || toolResults.length === 0) {
    converted.push({ role: "user", content: message.content.map(toPromptPart) });
  }
  return converted;
}

function toPromptPart(part: MessagePart): LanguageModelV3TextPart | LanguageModelV3FilePart {
  switch (part.type) {
    case "text":
      return { type: "text", text: part.text };
    case "image":
      return { type: "file", data: part.data, mediaType: part.mediaType };
    case "resource":
      // Providers take no MCP resources; their text is what the model can use.
      return { type: "text", text: embeddedResourceText(part) };
  }
}

/**
 * An embedded resource as text, as fast-agent sends a text resource to a model: the text between
 * `<fastagent:file title="<last path segment>" mimetype="<type>">` and `</fastagent:file>`, so the
 * model can tell the attachment from the request and knows what it is. Without text, a marker.
 */
export function embeddedResourceText(part: Extract<MessagePart, { type: "resource" }>): string {
  const title = resourceTitle(part.uri);
  const mediaType = part.mediaType ?? "text/plain";
  if (part.text === undefined) return `[Binary resource: ${title} (${mediaType})]`;
  return `<fastagent:file title="${title}" mimetype="${mediaType}">\n${part.text}\n</fastagent:file>`;
}

/** fast-agent's extract_title_from_uri: the last segment of the URI's path, else the URI. */
function resourceTitle(uri: string): string {
  try {
    const segments = new URL(uri).pathname.split("/").filter((segment) => segment !== "");
    const last = segments.at(-1);
    return last === undefined ? uri : decodeURIComponent(last);
  } catch {
    return uri;
  }
}

function toToolResultPart(result: ToolResult): LanguageModelV3ToolResultPart {
  const value = toolResultText(result.content);
  return {
    type: "tool-result",
    toolCallId: result.callId,
    toolName: result.name,
    output: result.isError ? { type: "error-text", value } : { type: "text", value },
  };
}

/** The text of tool-result content: text parts (and resource texts) joined by new lines. */
export function toolResultText(content: readonly MessagePart[]): string {
  return content
    .map((part) =>
      part.type === "text" ? part.text : part.type === "resource" ? (part.text ?? part.uri) : "",
    )
    .filter((text) => text !== "")
    .join("\n");
}
