import "server-only";
import type { Caller } from "@/server/auth/caller";
import { db } from "@/server/db/client";
import { log } from "@/server/log";

/** Every kind of entry the audit log keeps. Details never hold a secret (keys, tokens, passwords). */
export const AUDIT_ACTIONS = [
  "sign-in",
  "sign-in-failed",
  "sign-up",
  "workspace.created",
  "member.joined",
  "member.role-changed",
  "member.removed",
  "member.left",
  "invite.created",
  "invite.revoked",
  "provider.key-set",
  "provider.key-removed",
  "provider.base-url-changed",
  "api-token.created",
  "api-token.revoked",
  "share-link.created",
  "share-link.revoked",
  "mcp-server.created",
  "mcp-server.updated",
  "mcp-server.deleted",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditEntry = {
  /** null for events of a person rather than a workspace (sign-ins). */
  workspaceId: string | null;
  actorId: string | null;
  /** Looked up from actorId when omitted. */
  actorEmail?: string | null;
  action: AuditAction;
  target?: { type: string; id: string };
  details?: Record<string, string | number | boolean | null>;
  ipAddress?: string | null;
};

/**
 * Appends one entry. An audit write that fails is logged and does not fail the action it
 * records: the action already happened, and refusing to answer would not undo it.
 */
export async function recordAudit(entry: AuditEntry): Promise<void> {
  try {
    const actorEmail =
      entry.actorEmail !== undefined
        ? entry.actorEmail
        : entry.actorId
          ? ((await db().user.findUnique({ where: { id: entry.actorId }, select: { email: true } }))?.email ??
            null)
          : null;
    await db().auditEvent.create({
      data: {
        workspaceId: entry.workspaceId,
        actorId: entry.actorId,
        actorEmail,
        action: entry.action,
        targetType: entry.target?.type ?? null,
        targetId: entry.target?.id ?? null,
        details: entry.details ?? {},
        ipAddress: entry.ipAddress ?? null,
      },
    });
  } catch (error) {
    log.unexpected(error, { what: "audit write", action: entry.action });
  }
}

/** The usual case: something a caller did in their workspace. */
export function auditCaller(
  caller: Pick<Caller, "userId" | "workspaceId">,
  action: AuditAction,
  rest: Omit<AuditEntry, "workspaceId" | "actorId" | "action"> = {},
): Promise<void> {
  return recordAudit({ workspaceId: caller.workspaceId, actorId: caller.userId, action, ...rest });
}
