import "server-only";
import type { Caller } from "@/server/auth/caller";
import { atLeast } from "@/server/auth/roles";
import { publicUrl } from "@/server/config/env";
import { generateToken, hashToken, sameHash } from "@/server/crypto/tokens";
import { db } from "@/server/db/client";
import { scopedDb } from "@/server/db/scoped";
import type { Graph } from "@/server/designs/graph-schema";
import { ForbiddenError, NotFoundError } from "@/server/errors";
import { findRun } from "@/server/runs/queries";
import type { ShareRunInput } from "@/server/runs/run-schemas";
import { toRunView, type RunView } from "@/server/runs/run-view";
import { redactGraph } from "@/server/shares/redact";
import { announceShareRevocation } from "@/server/shares/revocations";
import { auditCaller } from "@/server/audit/audit-log";
import { clientAddress } from "@/server/security/client-address";
import { consumeRateLimits, RATE_LIMITS } from "@/server/security/rate-limit";

const TOKEN_PREFIX = "trs";
const MAX_TOKEN_LENGTH = 200;

export type ShareLinkSummary = { id: string; createdAt: Date; expiresAt: Date | null };

/** A shared run as anyone with the link sees it (api.md GET /api/v1/shared/runs/:token). */
export type SharedRun = Omit<RunView, "designId"> & {
  designId: null;
  designName: string | null;
  graph: Graph;
};

/** Creates a read-only link to a run: a 256-bit random token, of which only the hash is kept. */
export async function createShareLink(
  caller: Caller,
  runId: string,
  options: ShareRunInput,
): Promise<{ url: string; token: string; expiresAt: Date | null }> {
  if (!atLeast(caller.role, "editor")) throw new ForbiddenError("Viewers cannot share runs.");
  const run = await findRun(caller, runId);
  const token = generateToken(TOKEN_PREFIX);
  const expiresAt =
    options.expiresInHours === undefined ? null : new Date(Date.now() + options.expiresInHours * 3_600_000);
  await scopedDb(caller).shareLink.create({
    data: {
      workspaceId: caller.workspaceId,
      runId: run.id,
      tokenHash: hashToken(token),
      createdById: caller.userId,
      expiresAt,
    },
  });
  await auditCaller(caller, "share-link.created", {
    target: { type: "run", id: run.id },
    details: { expiresAt: expiresAt?.toISOString() ?? null },
    ipAddress: caller.address ?? null,
  });
  return { url: `${publicUrl()}/share/runs/${token}`, token, expiresAt };
}

/** The run's links that still work. */
export async function listShareLinks(caller: Caller, runId: string): Promise<ShareLinkSummary[]> {
  const run = await findRun(caller, runId);
  return scopedDb(caller).shareLink.findMany({
    where: { runId: run.id, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
    orderBy: { createdAt: "desc" },
    select: { id: true, createdAt: true, expiresAt: true },
  });
}

/** Revokes every link to the run; viewers already connected lose their stream at once. */
export async function revokeShareLinks(caller: Caller, runId: string): Promise<{ revoked: number }> {
  if (!atLeast(caller.role, "editor")) throw new ForbiddenError("Viewers cannot revoke share links.");
  const run = await findRun(caller, runId);
  const { count } = await scopedDb(caller).shareLink.updateMany({
    where: { runId: run.id, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  announceShareRevocation(run.id);
  if (count > 0) {
    await auditCaller(caller, "share-link.revoked", {
      target: { type: "run", id: run.id },
      details: { links: count },
      ipAddress: caller.address ?? null,
    });
  }
  return { revoked: count };
}

/**
 * Counts one look at a shared run (the page, its data or its event stream) against the viewer's
 * address: share links are public, so this is what stops a flood or a token-guessing spree.
 */
export function countShareView(headers: Headers): Promise<void> {
  return consumeRateLimits([[RATE_LIMITS.shareView(), `ip:${clientAddress(headers)}`]]);
}

export type ResolvedShareLink = { runId: string; expiresAt: Date | null };

/**
 * The run a share token opens, or NotFoundError for a malformed, unknown, revoked or expired
 * token alike. The lookup goes by the token's hash (which an attacker cannot steer towards a
 * stored one) and the stored hash is compared in constant time.
 */
export async function resolveShareToken(token: string): Promise<ResolvedShareLink> {
  if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) throw new NotFoundError("Shared run");
  const tokenHash = hashToken(token);
  const row = await db().shareLink.findUnique({
    where: { tokenHash },
    select: { tokenHash: true, runId: true, revokedAt: true, expiresAt: true },
  });
  const valid =
    row !== null &&
    sameHash(row.tokenHash, tokenHash) &&
    row.revokedAt === null &&
    (row.expiresAt === null || row.expiresAt.getTime() > Date.now());
  if (!valid || !token.startsWith(`${TOKEN_PREFIX}_`)) throw new NotFoundError("Shared run");
  return { runId: row.runId, expiresAt: row.expiresAt };
}

/** Whether the link still opens its run (for streams that outlive a single request). */
export async function shareTokenStillValid(token: string): Promise<boolean> {
  try {
    await resolveShareToken(token);
    return true;
  } catch {
    return false;
  }
}

export async function getSharedRun(token: string): Promise<SharedRun> {
  const link = await resolveShareToken(token);
  const row = await db().run.findUnique({
    where: { id: link.runId },
    include: { design: { select: { name: true } } },
  });
  if (!row) throw new NotFoundError("Shared run");
  return {
    ...toRunView(row),
    designId: null,
    designName: row.design?.name ?? null,
    graph: redactGraph(row.graph as Graph),
  };
}
