import { json, noContent, restRoute } from "@/server/api/rest/handler";
import { deleteChat, getChat } from "@/server/chats/service";

export const GET = restRoute("viewer", async ({ caller, params }) =>
  json(await getChat(caller, params.id ?? "")),
);

export const DELETE = restRoute("editor", async ({ caller, params }) => {
  await deleteChat(caller, params.id ?? "");
  return noContent();
});
