import "server-only";
import { recordAudit } from "@/server/audit/audit-log";
import type { Role } from "@/server/auth/roles";
import { generateToken, hashToken } from "@/server/crypto/tokens";
import { db } from "@/server/db/client";
import { ConflictError } from "@/server/errors";

/**
 * Single-use sign-up links. The first owner's link is one of these; workspace invitations (the
 * teams issue) reuse the same table and rules.
 */
export async function createInvite(input: NewInvite): Promise<string> {
  return (await issueInvite(input)).token;
}

type NewInvite = { workspaceId: string; role: Role; expiresAt?: Date; createdById?: string };

/** Like createInvite, with the stored row's id (for the audit log and for revoking). */
export async function issueInvite(input: NewInvite): Promise<{ id: string; token: string }> {
  const token = generateToken("inv");
  const row = await db().invite.create({
    data: {
      workspaceId: input.workspaceId,
      role: input.role,
      tokenHash: hashToken(token),
      expiresAt: input.expiresAt ?? null,
      createdById: input.createdById ?? null,
    },
  });
  return { id: row.id, token };
}

/** True when the link can still be used; does not use it up. */
export async function isInviteUsable(token: string): Promise<boolean> {
  if (token.length > 200) return false;
  const invite = await db().invite.findUnique({ where: { tokenHash: hashToken(token) } });
  return Boolean(invite && !invite.usedAt && (!invite.expiresAt || invite.expiresAt > new Date()));
}

/**
 * Uses the link up and makes the user a member, atomically: of two people racing with one link,
 * exactly one gets in. Returns null when the link was not usable. With `refuseExistingMember`, a
 * user who already belongs to the workspace gets a ConflictError and the link stays unused.
 */
export async function redeemInvite(
  token: string,
  userId: string,
  options: { refuseExistingMember?: boolean; address?: string } = {},
): Promise<{ workspaceId: string; role: Role } | null> {
  if (token.length > 200) return null;
  const joined = await db().$transaction(async (transaction) => {
    const now = new Date();
    const invite = await transaction.invite.findUnique({
      where: { tokenHash: hashToken(token) },
      include: { workspace: { select: { name: true } } },
    });
    if (!invite) return null;
    const { count } = await transaction.invite.updateMany({
      where: { id: invite.id, usedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
      data: { usedAt: now, usedById: userId },
    });
    if (count === 0) return null;
    if (options.refuseExistingMember) {
      const existing = await transaction.membership.findUnique({
        where: { workspaceId_userId: { workspaceId: invite.workspaceId, userId } },
      });
      // Thrown inside the transaction, so the link is not used up.
      if (existing) throw new ConflictError(`You are already a member of ${invite.workspace.name}.`);
    }
    await transaction.membership.upsert({
      where: { workspaceId_userId: { workspaceId: invite.workspaceId, userId } },
      create: { workspaceId: invite.workspaceId, userId, role: invite.role },
      update: { role: invite.role },
    });
    return { workspaceId: invite.workspaceId, role: invite.role };
  });
  // Here rather than in each caller: sign-up through a link and "Join" both end up here.
  if (joined) {
    await recordAudit({
      workspaceId: joined.workspaceId,
      actorId: userId,
      action: "member.joined",
      target: { type: "user", id: userId },
      details: { role: joined.role },
      ipAddress: options.address ?? null,
    });
  }
  return joined;
}

/** Invalidates every unused link of a workspace with this role (a fresh owner link replaces the old). */
export async function revokeUnusedInvites(workspaceId: string, role: Role): Promise<void> {
  await db().invite.deleteMany({ where: { workspaceId, role, usedAt: null } });
}
