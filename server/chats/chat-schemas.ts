import { z } from "zod";
import { recordIdSchema } from "@/server/db/ids";

/** Inputs of the chats API, shared by tRPC and REST. */

/** One chat message is at most this large (UTF-8); larger ones answer 413. */
export const MAX_CHAT_MESSAGE_BYTES = 64 * 1024;

export const createChatInput = z.strictObject({ designId: recordIdSchema });
export type CreateChatInput = z.infer<typeof createChatInput>;

export const listChatsInput = z.strictObject({ designId: recordIdSchema });

export const sendChatMessageInput = z.strictObject({
  input: z.string().trim().min(1, "Write a message first."),
  /** Answer once the turn has ended, with the assistant's message. */
  wait: z.boolean().optional(),
});
export type SendChatMessageInput = z.infer<typeof sendChatMessageInput>;
