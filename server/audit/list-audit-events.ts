import "server-only";
import { z } from "zod";
import type { AuditAction } from "@/server/audit/audit-log";
import type { Caller } from "@/server/auth/caller";
import { atLeast } from "@/server/auth/roles";
import { db } from "@/server/db/client";
import { scopedDb } from "@/server/db/scoped";
import { ForbiddenError } from "@/server/errors";

export const DEFAULT_AUDIT_PAGE = 50;
const MAX_AUDIT_PAGE = 200;

/** The query of "list the audit log" at every edge; `cursor` is the last id of the previous page. */
export const auditListInputSchema = z.object({
  cursor: z.uuid("cursor must be the id of an audit entry.").optional(),
  limit: z.coerce.number().int().min(1).max(MAX_AUDIT_PAGE).default(DEFAULT_AUDIT_PAGE),
});
export type AuditListInput = z.input<typeof auditListInputSchema>;

export type AuditEventView = {
  id: string;
  createdAt: Date;
  actorId: string | null;
  actorEmail: string | null;
  action: AuditAction;
  target: { type: string; id: string } | null;
  details: Record<string, string | number | boolean | null>;
  ipAddress: string | null;
};

export type AuditPage = { events: AuditEventView[]; nextCursor: string | null };

/**
 * The workspace's audit log for its owners, newest first: the workspace's own entries and the
 * sign-ins (entries of a person, in no workspace) of its current members.
 */
export async function listAuditEvents(caller: Caller, input: AuditListInput = {}): Promise<AuditPage> {
  if (!atLeast(caller.role, "owner"))
    throw new ForbiddenError("Only workspace owners can read the audit log.");
  const { cursor, limit } = auditListInputSchema.parse(input);
  const members = await scopedDb(caller).membership.findMany({ select: { userId: true } });
  // audit_event is not a workspace model for scopedDb: sign-ins have no workspace, so the filter
  // names both halves itself.
  const rows = await db().auditEvent.findMany({
    where: {
      OR: [
        { workspaceId: caller.workspaceId },
        { workspaceId: null, actorId: { in: members.map((member) => member.userId) } },
      ],
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(cursor !== undefined && { cursor: { id: cursor }, skip: 1 }),
  });
  const page = rows.slice(0, limit);
  return {
    events: page.map((row) => ({
      id: row.id,
      createdAt: row.createdAt,
      actorId: row.actorId,
      actorEmail: row.actorEmail,
      action: row.action as AuditAction,
      target:
        row.targetType !== null && row.targetId !== null ? { type: row.targetType, id: row.targetId } : null,
      details: isDetails(row.details) ? row.details : {},
      ipAddress: row.ipAddress,
    })),
    nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
  };
}

function isDetails(value: unknown): value is AuditEventView["details"] {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
