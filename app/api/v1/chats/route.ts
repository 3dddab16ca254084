import { json, readJsonBody, readQuery, restRoute } from "@/server/api/rest/handler";
import { createChatInput, listChatsInput } from "@/server/chats/chat-schemas";
import { createChat, listChats } from "@/server/chats/service";

/** `?designId=`: the design's chat sessions, most recent first. */
export const GET = restRoute("viewer", async ({ request, caller }) => {
  const { designId } = readQuery(request, listChatsInput);
  return json({ chats: await listChats(caller, designId) });
});

export const POST = restRoute("editor", async ({ request, caller }) => {
  const input = await readJsonBody(request, createChatInput);
  return json(await createChat(caller, input.designId), 201);
});
