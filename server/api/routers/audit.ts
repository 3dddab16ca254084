import "server-only";
import { ownerProcedure, router } from "@/server/api/trpc";
import { auditListInputSchema, listAuditEvents } from "@/server/audit/list-audit-events";

/** The audit log of security-relevant actions, for owners. */
export const auditRouter = router({
  list: ownerProcedure
    .input(auditListInputSchema)
    .query(({ ctx, input }) => listAuditEvents(ctx.caller, input)),
});
