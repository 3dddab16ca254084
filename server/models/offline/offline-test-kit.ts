/** Prompt builders and call helpers for the offline models' tests. Test support only. */
import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3Message,
  LanguageModelV3Prompt,
  LanguageModelV3StreamPart,
} from "@ai-sdk/provider";

export const system = (content: string): LanguageModelV3Message => ({ role: "system", content });
export const user = (...texts: string[]): LanguageModelV3Message => ({
  role: "user",
  content: texts.map((text) => ({ type: "text", text })),
});
export const assistant = (text: string): LanguageModelV3Message => ({
  role: "assistant",
  content: [{ type: "text", text }],
});
export const toolResults = (...results: { name: string; text: string }[]): LanguageModelV3Message => ({
  role: "tool",
  content: results.map((result, index) => ({
    type: "tool-result",
    toolCallId: `call${index}`,
    toolName: result.name,
    output: { type: "text", value: result.text },
  })),
});

/** Generates once and returns the text and tool calls (input parsed). */
export async function generate(
  model: LanguageModelV3,
  prompt: LanguageModelV3Prompt,
  extra: Partial<LanguageModelV3CallOptions> = {},
) {
  const result = await model.doGenerate({ prompt, ...extra });
  const text = result.content.map((part) => (part.type === "text" ? part.text : "")).join("");
  const toolCalls = result.content.flatMap((part) =>
    part.type === "tool-call"
      ? [{ id: part.toolCallId, name: part.toolName, arguments: JSON.parse(part.input) as unknown }]
      : [],
  );
  return { text, toolCalls, usage: result.usage, finishReason: result.finishReason.unified };
}

/** Streams once and returns every part. */
export async function streamParts(
  model: LanguageModelV3,
  prompt: LanguageModelV3Prompt,
  extra: Partial<LanguageModelV3CallOptions> = {},
): Promise<LanguageModelV3StreamPart[]> {
  const { stream } = await model.doStream({ prompt, ...extra });
  const parts: LanguageModelV3StreamPart[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return parts;
    parts.push(value);
  }
}
