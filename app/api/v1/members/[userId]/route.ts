import { json, noContent, readJsonBody, restRoute } from "@/server/api/rest/handler";
import { changeMemberRole, removeMember } from "@/server/workspaces/members";
import { changeRoleBody } from "@/server/workspaces/workspace-schemas";

export const PUT = restRoute("owner", async ({ request, caller, params }) => {
  const { role } = await readJsonBody(request, changeRoleBody);
  return json(await changeMemberRole(caller, params.userId ?? "", role));
});

export const DELETE = restRoute("owner", async ({ caller, params }) => {
  await removeMember(caller, params.userId ?? "");
  return noContent();
});
