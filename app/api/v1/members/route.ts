import { json, restRoute } from "@/server/api/rest/handler";
import { listMembers } from "@/server/workspaces/members";

export const GET = restRoute("viewer", async ({ caller }) => json({ members: await listMembers(caller) }));
