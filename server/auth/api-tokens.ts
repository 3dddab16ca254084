import "server-only";
import type { Caller } from "@/server/auth/caller";
import { lowerRole, type Role } from "@/server/auth/roles";
import { generateToken, hashToken, sameHash } from "@/server/crypto/tokens";
import { db } from "@/server/db/client";
import { scopedDb } from "@/server/db/scoped";
import { NotFoundError } from "@/server/errors";

const TOKEN_PREFIX = "trl";
/** Writing lastUsedAt on every request would turn reads into writes; once a minute is plenty. */
const LAST_USED_GRANULARITY_MS = 60_000;

export type ApiTokenSummary = {
  id: string;
  name: string;
  prefix: string;
  role: Role | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

export async function createApiToken(input: {
  workspaceId: string;
  userId: string;
  name: string;
  role?: Role;
}): Promise<{ token: string; summary: ApiTokenSummary }> {
  const token = generateToken(TOKEN_PREFIX);
  const row = await scopedDb({ workspaceId: input.workspaceId }).apiToken.create({
    data: {
      workspaceId: input.workspaceId,
      userId: input.userId,
      name: input.name,
      role: input.role ?? null,
      tokenHash: hashToken(token),
      prefix: token.slice(0, TOKEN_PREFIX.length + 5),
    },
  });
  return { token, summary: summarise(row) };
}

export async function listApiTokens(workspaceId: string): Promise<ApiTokenSummary[]> {
  const rows = await scopedDb({ workspaceId }).apiToken.findMany({ orderBy: { createdAt: "desc" } });
  return rows.map(summarise);
}

export async function revokeApiToken(workspaceId: string, tokenId: string): Promise<void> {
  const { count } = await scopedDb({ workspaceId }).apiToken.updateMany({
    where: { id: tokenId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw new NotFoundError("API token");
}

/** The caller a bearer token stands for, or null when it is unknown, revoked or orphaned. */
export async function callerFromApiToken(token: string): Promise<Caller | null> {
  if (!token.startsWith(`${TOKEN_PREFIX}_`) || token.length > 200) return null;
  const tokenHash = hashToken(token);
  // Token lookup is by design not workspace-scoped: the token is what tells us the workspace.
  const row = await db().apiToken.findUnique({ where: { tokenHash } });
  if (!row || row.revokedAt || !sameHash(row.tokenHash, tokenHash)) return null;
  const membership = await db().membership.findUnique({
    where: { workspaceId_userId: { workspaceId: row.workspaceId, userId: row.userId } },
  });
  if (!membership) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) {
    await db().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return {
    userId: row.userId,
    workspaceId: row.workspaceId,
    role: row.role ? lowerRole(membership.role, row.role) : membership.role,
    via: "token",
  };
}

function summarise(row: ApiTokenSummary): ApiTokenSummary {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    role: row.role,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}
