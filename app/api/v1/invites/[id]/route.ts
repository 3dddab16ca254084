import { noContent, restRoute } from "@/server/api/rest/handler";
import { revokeInvitation } from "@/server/workspaces/invitations";

export const DELETE = restRoute("owner", async ({ caller, params }) => {
  await revokeInvitation(caller, params.id ?? "");
  return noContent();
});
