import { json, readQuery, restRoute } from "@/server/api/rest/handler";
import { auditListInputSchema, listAuditEvents } from "@/server/audit/list-audit-events";

/** The audit log, newest first: `?limit=50&cursor=<last id>`; `nextCursor` is null on the last page. */
export const GET = restRoute("owner", async ({ request, caller }) =>
  json(await listAuditEvents(caller, readQuery(request, auditListInputSchema))),
);
