import { z } from "zod";
import { EngineError } from "@/server/engine/engine-error";
import { type OfflineReply, textReply } from "./offline-reply";

/**
 * One answer of the `scripted` model: text, a tool call (or several), structured JSON (answered
 * as its JSON text), or an error the call fails with.
 */
const toolCallSchema = z.strictObject({ name: z.string().min(1), arguments: z.unknown().optional() });

export const scriptedReplySchema = z.union([
  z.string(),
  z.strictObject({ text: z.string() }),
  z.strictObject({ json: z.unknown() }),
  z.strictObject({ toolCall: toolCallSchema }),
  z.strictObject({ toolCalls: z.array(toolCallSchema).min(1) }),
  z.strictObject({ error: z.string() }),
]);
export type ScriptedReply = z.infer<typeof scriptedReplySchema>;
export type ScriptedToolCall = z.infer<typeof toolCallSchema>;

export const scriptedRepliesSchema = z.array(scriptedReplySchema);

/** A queue of replies for one agent plus the numbering of the tool calls it makes. */
export type ScriptedState = { queue: ScriptedReply[]; nextCallId: number };

export function createScriptedState(replies: readonly ScriptedReply[] = []): ScriptedState {
  return { queue: [...replies], nextCallId: 0 };
}

export function scriptedReply(state: ScriptedState): OfflineReply {
  const reply = state.queue.shift();
  if (reply === undefined) {
    throw new EngineError("The scripted model has no replies left.");
  }
  if (typeof reply === "string") return textReply(reply);
  if ("text" in reply) return textReply(reply.text);
  if ("json" in reply) return textReply(JSON.stringify(reply.json) ?? "null");
  if ("error" in reply) throw new EngineError(reply.error);
  const calls = "toolCall" in reply ? [reply.toolCall] : reply.toolCalls;
  return {
    text: "",
    toolCalls: calls.map((call) => {
      const toolCallId = `scripted-call-${state.nextCallId}`;
      state.nextCallId += 1;
      return { toolCallId, toolName: call.name, input: JSON.stringify(call.arguments ?? {}) };
    }),
  };
}
