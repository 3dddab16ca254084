import { json, readJsonBody, restRoute } from "@/server/api/rest/handler";
import { sendChatMessageInput } from "@/server/chats/chat-schemas";
import { sendChatMessage } from "@/server/chats/service";

/** One turn: 201 with its run (and, with `wait: true`, once it has ended, the assistant's message). */
export const POST = restRoute("editor", async ({ request, caller, params }) => {
  const input = await readJsonBody(request, sendChatMessageInput);
  return json(await sendChatMessage(caller, params.id ?? "", input), 201);
});
