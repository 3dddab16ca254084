import { z } from "zod";

/**
 * Messages as the engine sees them (semantics.md "Messages"): a role and content parts; an
 * assistant message may carry tool calls, a user message tool results. Isomorphic: the run view
 * renders these too.
 */
export const messagePartSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text"), text: z.string() }),
  z.object({ type: z.literal("image"), data: z.string(), mediaType: z.string() }),
  z.object({
    type: z.literal("resource"),
    uri: z.string(),
    text: z.string().optional(),
    mediaType: z.string().optional(),
  }),
]);
export type MessagePart = z.infer<typeof messagePartSchema>;

export const toolCallSchema = z.object({ id: z.string(), name: z.string(), arguments: z.unknown() });
export type ToolCall = z.infer<typeof toolCallSchema>;

export const toolResultSchema = z.object({
  callId: z.string(),
  name: z.string(),
  content: z.array(messagePartSchema),
  isError: z.boolean(),
});
export type ToolResult = z.infer<typeof toolResultSchema>;

export const messageSchema = z.object({
  role: z.enum(["user", "assistant"]),
  content: z.array(messagePartSchema),
  toolCalls: z.array(toolCallSchema).optional(),
  toolResults: z.array(toolResultSchema).optional(),
  /** Why the model stopped, for assistant messages: "end_turn", "tool_use", "maxIterations", ... */
  stopReason: z.string().optional(),
});
export type Message = z.infer<typeof messageSchema>;

/** A run's input as the API accepts it: one user message as a string, or a list of messages. */
export const runInputSchema = z.union([z.string(), z.array(messageSchema).min(1)]);
export type RunInput = z.infer<typeof runInputSchema>;

export function userMessage(text: string): Message {
  return { role: "user", content: [{ type: "text", text }] };
}

export function assistantMessage(text: string): Message {
  return { role: "assistant", content: [{ type: "text", text }] };
}

/**
 * The text parts of a message joined by new lines, as fast-agent's `message.all_text()` joins
 * them (`"\n".join(...)`). Model answers carry a single text part, so this only matters for
 * messages given as input with several text parts.
 */
export function messageText(message: Message): string {
  return message.content
    .filter((part): part is Extract<MessagePart, { type: "text" }> => part.type === "text")
    .map((part) => part.text)
    .join("\n");
}

export function toMessages(input: RunInput): Message[] {
  return typeof input === "string" ? [userMessage(input)] : input;
}
