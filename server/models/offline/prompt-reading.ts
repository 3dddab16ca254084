import type {
  LanguageModelV3Message,
  LanguageModelV3Prompt,
  LanguageModelV3ToolResultPart,
} from "@ai-sdk/provider";

/**
 * Reading the language-model prompt the way fast-agent's offline models read their messages:
 * the built-in models see exactly what a real provider would be sent.
 */

/** The conversation without the system prompt. */
export function conversationOf(prompt: LanguageModelV3Prompt): LanguageModelV3Message[] {
  return prompt.filter((message) => message.role !== "system");
}

/** All text parts of a message, joined by new lines (fast-agent's `all_text()`: `"\n".join`). */
export function allTextOf(message: LanguageModelV3Message): string {
  if (message.role === "system") return message.content;
  if (message.role === "tool") return toolResultsOf(message).map(toolResultText).join("\n");
  return message.content.flatMap((part) => (part.type === "text" ? [part.text] : [])).join("\n");
}

/** The first text part of a message (fast-agent's `first_text()`), or "" when there is none. */
export function firstTextOf(message: LanguageModelV3Message): string {
  if (message.role === "system") return message.content;
  if (message.role === "tool") return "";
  for (const part of message.content) if (part.type === "text") return part.text;
  return "";
}

export function toolResultsOf(message: LanguageModelV3Message): LanguageModelV3ToolResultPart[] {
  if (message.role !== "tool") return [];
  return message.content.filter((part): part is LanguageModelV3ToolResultPart => part.type === "tool-result");
}

/** The text a tool result carries (what an MCP client would show), "" when it has none. */
export function toolResultText(part: LanguageModelV3ToolResultPart): string {
  const output = part.output;
  switch (output.type) {
    case "text":
    case "error-text":
      return output.value;
    case "json":
    case "error-json":
      return JSON.stringify(output.value);
    case "content":
      return output.value.map((item) => (item.type === "text" ? item.text : "")).join("");
    case "execution-denied":
      return output.reason ?? "";
  }
}

/** Every character a provider would be charged for as input: system prompt, texts, tool traffic. */
export function promptCharacters(prompt: LanguageModelV3Prompt): string {
  const pieces: string[] = [];
  for (const message of prompt) {
    if (message.role === "system") {
      pieces.push(message.content);
      continue;
    }
    for (const part of message.content) {
      if (part.type === "text" || part.type === "reasoning") pieces.push(part.text);
      else if (part.type === "tool-call") pieces.push(part.toolName, JSON.stringify(part.input) ?? "");
      else if (part.type === "tool-result") pieces.push(toolResultText(part));
    }
  }
  return pieces.join("");
}
