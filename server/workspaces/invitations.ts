import "server-only";
import { auditCaller } from "@/server/audit/audit-log";
import { requireRole } from "@/server/auth/access";
import type { Caller } from "@/server/auth/caller";
import { issueInvite, redeemInvite } from "@/server/auth/invites";
import type { Role } from "@/server/auth/roles";
import { publicUrl } from "@/server/config/env";
import { hashToken } from "@/server/crypto/tokens";
import { db } from "@/server/db/client";
import { isRecordId } from "@/server/db/ids";
import { scopedDb } from "@/server/db/scoped";
import { NotFoundError } from "@/server/errors";
import { INVITE_HOURS_DEFAULT } from "@/server/workspaces/workspace-schemas";

export type PendingInvitation = {
  id: string;
  role: Role;
  createdAt: Date;
  expiresAt: Date | null;
  /** null for the first owner's link, which `npm start` makes. */
  createdBy: { name: string; email: string } | null;
};

/** Unknown, used and expired links all answer alike: the answer tells nothing about which. */
export class UnusableInvitationError extends NotFoundError {
  constructor() {
    super("Invitation");
    this.message = "This invitation link is not valid any more: it was used already, or it expired.";
  }
}

const HOUR_MS = 3600 * 1000;

/** A single-use link; the token is in the returned url only (the database keeps its hash). */
export async function createInvitation(
  caller: Caller,
  input: { role: Role; expiresInHours?: number },
): Promise<{ id: string; url: string; role: Role; expiresAt: Date }> {
  requireRole(caller, "owner");
  const hours = input.expiresInHours ?? INVITE_HOURS_DEFAULT;
  const expiresAt = new Date(Date.now() + hours * HOUR_MS);
  const { id, token } = await issueInvite({
    workspaceId: caller.workspaceId,
    role: input.role,
    expiresAt,
    createdById: caller.userId,
  });
  await auditCaller(caller, "invite.created", {
    target: { type: "invite", id },
    details: { role: input.role, expiresInHours: hours },
    ipAddress: caller.address ?? null,
  });
  return {
    id,
    url: `${publicUrl()}/sign-up?token=${encodeURIComponent(token)}`,
    role: input.role,
    expiresAt,
  };
}

export async function listPendingInvitations(caller: Caller): Promise<PendingInvitation[]> {
  requireRole(caller, "owner");
  const now = new Date();
  const invites = await scopedDb(caller).invite.findMany({
    where: { usedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    orderBy: { createdAt: "desc" },
  });
  const creatorIds = [
    ...new Set(invites.flatMap((invite) => (invite.createdById ? [invite.createdById] : []))),
  ];
  const creators = await db().user.findMany({
    where: { id: { in: creatorIds } },
    select: { id: true, name: true, email: true },
  });
  const creatorById = new Map(creators.map((creator) => [creator.id, creator]));
  return invites.map((invite) => {
    const creator = invite.createdById ? creatorById.get(invite.createdById) : undefined;
    return {
      id: invite.id,
      role: invite.role,
      createdAt: invite.createdAt,
      expiresAt: invite.expiresAt,
      createdBy: creator ? { name: creator.name, email: creator.email } : null,
    };
  });
}

/** The link stops working at once. Used links are history, not something to revoke: 404. */
export async function revokeInvitation(caller: Caller, id: string): Promise<void> {
  requireRole(caller, "owner");
  if (!isRecordId(id)) throw new NotFoundError("Invitation");
  const { count } = await scopedDb(caller).invite.deleteMany({ where: { id, usedAt: null } });
  if (count === 0) throw new NotFoundError("Invitation");
  await auditCaller(caller, "invite.revoked", {
    target: { type: "invite", id },
    ipAddress: caller.address ?? null,
  });
}

/** For someone signed in already: uses the link up and makes them a member with its role. */
export async function acceptInvitation(
  userId: string,
  token: string,
  address?: string,
): Promise<{ workspaceId: string; name: string; role: Role }> {
  const joined = await redeemInvite(token, userId, { refuseExistingMember: true, address });
  if (!joined) throw new UnusableInvitationError();
  const workspace = await db().workspace.findUniqueOrThrow({ where: { id: joined.workspaceId } });
  return { workspaceId: joined.workspaceId, name: workspace.name, role: joined.role };
}

/** What a usable link offers (for the sign-up page's "Join … as …"), or null. */
export async function describeInvitation(
  token: string,
): Promise<{ workspaceName: string; role: Role } | null> {
  if (token.length > 200) return null;
  const invite = await db().invite.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { workspace: { select: { name: true } } },
  });
  if (!invite || invite.usedAt || (invite.expiresAt && invite.expiresAt <= new Date())) return null;
  return { workspaceName: invite.workspace.name, role: invite.role };
}
