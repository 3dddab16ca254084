import "server-only";
import { callerFromApiToken } from "@/server/auth/api-tokens";
import { auth } from "@/server/auth/auth";
import type { Caller } from "@/server/auth/caller";
import { hashToken } from "@/server/crypto/tokens";
import { db } from "@/server/db/client";
import { clientAddress } from "@/server/security/client-address";
import { consumeRateLimits, RATE_LIMITS } from "@/server/security/rate-limit";
import { chosenWorkspaceId } from "@/server/workspaces/current-workspace-cookie";

/**
 * Resolves who sent a request: a bearer API token, else the session cookie. Returns null for
 * anonymous requests and for users who belong to no workspace. Token use is rate-limited per
 * client address (guessing tokens counts too) and per token (RateLimitedError, 429).
 */
export async function authenticate(headers: Headers): Promise<Caller | null> {
  const address = clientAddress(headers);
  const authorization = headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    const token = match?.[1];
    if (!token) return null;
    await consumeRateLimits([
      [RATE_LIMITS.tokenUse(), `ip:${address}`],
      [RATE_LIMITS.tokenUse(), `token:${hashToken(token).slice(0, 32)}`],
    ]);
    const caller = await callerFromApiToken(token);
    return caller && { ...caller, address };
  }
  const session = await auth().api.getSession({ headers });
  if (!session) return null;
  const caller = await callerForUser(session.user.id, chosenWorkspaceId(headers));
  return caller && { ...caller, address };
}

/**
 * A signed-in person as a caller: in the workspace they chose (the workspace cookie) when they are
 * a member there, else in their oldest membership.
 */
export async function callerForUser(
  userId: string,
  preferredWorkspaceId?: string | null,
): Promise<Caller | null> {
  const preferred = preferredWorkspaceId
    ? await db().membership.findUnique({
        where: { workspaceId_userId: { workspaceId: preferredWorkspaceId, userId } },
      })
    : null;
  const membership =
    preferred ?? (await db().membership.findFirst({ where: { userId }, orderBy: { createdAt: "asc" } }));
  if (!membership) return null;
  return { userId, workspaceId: membership.workspaceId, role: membership.role, via: "session" };
}
