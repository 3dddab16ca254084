import "server-only";
import { auditCaller } from "@/server/audit/audit-log";
import { requireRole } from "@/server/auth/access";
import type { Caller } from "@/server/auth/caller";
import type { Role } from "@/server/auth/roles";
import { scopedDb, type ScopedTransaction } from "@/server/db/scoped";
import { ConflictError, NotFoundError } from "@/server/errors";
import { memberUserIdSchema } from "@/server/workspaces/workspace-schemas";

export type MemberSummary = { userId: string; email: string; name: string; role: Role; joinedAt: Date };

export async function listMembers(caller: Caller): Promise<MemberSummary[]> {
  const memberships = await scopedDb(caller).membership.findMany({
    include: { user: { select: { email: true, name: true } } },
    orderBy: { createdAt: "asc" },
  });
  return memberships.map((membership) => ({
    userId: membership.userId,
    email: membership.user.email,
    name: membership.user.name,
    role: membership.role,
    joinedAt: membership.createdAt,
  }));
}

/**
 * Runs a change to the member list with the workspace row locked, so two owners demoting or
 * removing each other at once cannot both pass the last-owner check and leave nobody in charge.
 */
function withMembersLocked<Result>(
  caller: Caller,
  change: (transaction: ScopedTransaction) => Promise<Result>,
): Promise<Result> {
  return scopedDb(caller).$transaction(async (transaction) => {
    await transaction.$queryRaw`SELECT "id" FROM "workspace" WHERE "id" = ${caller.workspaceId}::uuid FOR UPDATE`;
    return change(transaction);
  });
}

async function membershipOf(transaction: ScopedTransaction, userId: string) {
  if (!memberUserIdSchema.safeParse(userId).success) throw new NotFoundError("Member");
  const membership = await transaction.membership.findFirst({
    where: { userId },
    include: { user: { select: { email: true, name: true } }, workspace: { select: { name: true } } },
  });
  if (!membership) throw new NotFoundError("Member");
  return membership;
}

async function isLastOwner(transaction: ScopedTransaction, role: Role): Promise<boolean> {
  return role === "owner" && (await transaction.membership.count({ where: { role: "owner" } })) <= 1;
}

/** API tokens die with the membership, so adding the person again later does not revive them. */
async function revokeTokensOf(transaction: ScopedTransaction, userId: string): Promise<void> {
  await transaction.apiToken.updateMany({
    where: { userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
}

export async function changeMemberRole(caller: Caller, userId: string, role: Role): Promise<MemberSummary> {
  requireRole(caller, "owner");
  const { member, from } = await withMembersLocked(caller, async (transaction) => {
    const membership = await membershipOf(transaction, userId);
    if (membership.role !== role && (await isLastOwner(transaction, membership.role))) {
      throw new ConflictError(
        `${membership.user.email} is the last owner of ${membership.workspace.name}. Make another member an owner first.`,
      );
    }
    await transaction.membership.updateMany({ where: { userId }, data: { role } });
    const member: MemberSummary = {
      userId,
      email: membership.user.email,
      name: membership.user.name,
      role,
      joinedAt: membership.createdAt,
    };
    return { member, from: membership.role };
  });
  if (from !== role) {
    await auditCaller(caller, "member.role-changed", {
      target: { type: "user", id: userId },
      details: { from, to: role },
      ipAddress: caller.address ?? null,
    });
  }
  return member;
}

export async function removeMember(caller: Caller, userId: string): Promise<void> {
  requireRole(caller, "owner");
  await withMembersLocked(caller, async (transaction) => {
    const membership = await membershipOf(transaction, userId);
    if (await isLastOwner(transaction, membership.role)) {
      throw new ConflictError(
        `${membership.user.email} is the last owner of ${membership.workspace.name} and cannot be removed. Make another member an owner first.`,
      );
    }
    await transaction.membership.deleteMany({ where: { userId } });
    await revokeTokensOf(transaction, userId);
  });
  await auditCaller(caller, "member.removed", {
    target: { type: "user", id: userId },
    ipAddress: caller.address ?? null,
  });
}

/**
 * Any member may leave. The last owner may not: with others still there nobody could manage the
 * workspace, and alone they would leave it with no member at all (there is no way back in).
 */
export async function leaveWorkspace(caller: Caller): Promise<void> {
  await withMembersLocked(caller, async (transaction) => {
    const membership = await membershipOf(transaction, caller.userId);
    if (await isLastOwner(transaction, membership.role)) {
      const others = (await transaction.membership.count()) - 1;
      throw new ConflictError(
        others > 0
          ? `You are the last owner of ${membership.workspace.name}. Make another member an owner before you leave.`
          : `You are the only member of ${membership.workspace.name}; leaving would leave it with nobody. Invite someone and make them an owner first.`,
      );
    }
    await transaction.membership.deleteMany({ where: { userId: caller.userId } });
    await revokeTokensOf(transaction, caller.userId);
  });
  await auditCaller(caller, "member.left", {
    target: { type: "user", id: caller.userId },
    ipAddress: caller.address ?? null,
  });
}
