import "server-only";
import { callerFromApiToken } from "@/server/auth/api-tokens";
import { auth } from "@/server/auth/auth";
import type { Caller } from "@/server/auth/caller";
import { db } from "@/server/db/client";
import { chosenWorkspaceId } from "@/server/workspaces/current-workspace-cookie";

/**
 * Resolves who sent a request: a bearer API token, else the session cookie. Returns null for
 * anonymous requests and for users who belong to no workspace.
 */
export async function authenticate(headers: Headers): Promise<Caller | null> {
  const authorization = headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    return match?.[1] ? callerFromApiToken(match[1]) : null;
  }
  const session = await auth().api.getSession({ headers });
  if (!session) return null;
  return callerForUser(session.user.id, chosenWorkspaceId(headers));
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
