import "server-only";
import { z } from "zod";
import { editorProcedure, memberProcedure, router } from "@/server/api/trpc";
import { createChatInput, listChatsInput, sendChatMessageInput } from "@/server/chats/chat-schemas";
import { createChat, deleteChat, getChat, listChats, sendChatMessage } from "@/server/chats/service";

const byId = z.strictObject({ id: z.string().max(100) });

export const chatsRouter = router({
  list: memberProcedure
    .input(listChatsInput)
    .query(async ({ ctx, input }) => ({ chats: await listChats(ctx.caller, input.designId) })),
  get: memberProcedure.input(byId).query(({ ctx, input }) => getChat(ctx.caller, input.id)),
  create: editorProcedure
    .input(createChatInput)
    .mutation(({ ctx, input }) => createChat(ctx.caller, input.designId)),
  delete: editorProcedure.input(byId).mutation(async ({ ctx, input }) => {
    await deleteChat(ctx.caller, input.id);
    return { id: input.id, deleted: true };
  }),
  send: editorProcedure
    .input(byId.extend(sendChatMessageInput.shape))
    .mutation(({ ctx, input }) =>
      sendChatMessage(ctx.caller, input.id, { input: input.input, wait: input.wait }),
    ),
});
