import "server-only";
import type { Role } from "@/server/auth/roles";
import { generateToken, hashToken } from "@/server/crypto/tokens";
import { db } from "@/server/db/client";

/**
 * Single-use sign-up links. The first owner's link is one of these; workspace invitations (the
 * teams issue) reuse the same table and rules.
 */
export async function createInvite(input: {
  workspaceId: string;
  role: Role;
  expiresAt?: Date;
}): Promise<string> {
  const token = generateToken("inv");
  await db().invite.create({
    data: {
      workspaceId: input.workspaceId,
      role: input.role,
      tokenHash: hashToken(token),
      expiresAt: input.expiresAt ?? null,
    },
  });
  return token;
}

/** True when the link can still be used; does not use it up. */
export async function isInviteUsable(token: string): Promise<boolean> {
  if (token.length > 200) return false;
  const invite = await db().invite.findUnique({ where: { tokenHash: hashToken(token) } });
  return Boolean(invite && !invite.usedAt && (!invite.expiresAt || invite.expiresAt > new Date()));
}

/**
 * Uses the link up and makes the user a member, atomically: of two people racing with one link,
 * exactly one gets in. Returns false when the link was not usable.
 */
export async function redeemInvite(token: string, userId: string): Promise<boolean> {
  return db().$transaction(async (transaction) => {
    const now = new Date();
    const invite = await transaction.invite.findUnique({ where: { tokenHash: hashToken(token) } });
    if (!invite) return false;
    const { count } = await transaction.invite.updateMany({
      where: { id: invite.id, usedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
      data: { usedAt: now, usedById: userId },
    });
    if (count === 0) return false;
    await transaction.membership.upsert({
      where: { workspaceId_userId: { workspaceId: invite.workspaceId, userId } },
      create: { workspaceId: invite.workspaceId, userId, role: invite.role },
      update: { role: invite.role },
    });
    return true;
  });
}

/** Invalidates every unused link of a workspace with this role (a fresh owner link replaces the old). */
export async function revokeUnusedInvites(workspaceId: string, role: Role): Promise<void> {
  await db().invite.deleteMany({ where: { workspaceId, role, usedAt: null } });
}
