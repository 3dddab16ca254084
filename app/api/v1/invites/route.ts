import { json, readJsonBody, restRoute } from "@/server/api/rest/handler";
import { createInvitation, listPendingInvitations } from "@/server/workspaces/invitations";
import { createInviteInput } from "@/server/workspaces/workspace-schemas";

export const GET = restRoute("owner", async ({ caller }) =>
  json({ invites: await listPendingInvitations(caller) }),
);

export const POST = restRoute("owner", async ({ request, caller }) => {
  const input = await readJsonBody(request, createInviteInput);
  return json(await createInvitation(caller, input), 201);
});
