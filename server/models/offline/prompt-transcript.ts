import type { LanguageModelV3Prompt } from "@ai-sdk/provider";
import { toolResultText } from "./prompt-reading";

/**
 * A prompt as short readable lines, for tests that assert what each agent received:
 * `user: ...`, `assistant: ...`, `assistant calls <tool> <json>`, `tool <tool>: ...`
 * (`tool <tool> (error): ...`). The system prompt is kept apart.
 */
export function promptTranscript(prompt: LanguageModelV3Prompt): string[] {
  const lines: string[] = [];
  for (const message of prompt) {
    switch (message.role) {
      case "system":
        break;
      case "user":
        lines.push(
          `user: ${message.content.map((part) => (part.type === "text" ? part.text : `[${part.mediaType}]`)).join("")}`,
        );
        break;
      case "assistant": {
        const text = message.content.map((part) => (part.type === "text" ? part.text : "")).join("");
        if (text !== "" || message.content.every((part) => part.type !== "tool-call")) {
          lines.push(`assistant: ${text}`);
        }
        for (const part of message.content) {
          if (part.type === "tool-call")
            lines.push(`assistant calls ${part.toolName} ${JSON.stringify(part.input)}`);
        }
        break;
      }
      case "tool":
        for (const part of message.content) {
          if (part.type !== "tool-result") continue;
          const isError = part.output.type === "error-text" || part.output.type === "error-json";
          lines.push(`tool ${part.toolName}${isError ? " (error)" : ""}: ${toolResultText(part)}`);
        }
        break;
    }
  }
  return lines;
}

/** The system prompt of a call, if any. */
export function systemPromptOf(prompt: LanguageModelV3Prompt): string | undefined {
  const system = prompt.filter((message) => message.role === "system").map((message) => message.content);
  return system.length === 0 ? undefined : system.join("\n");
}
