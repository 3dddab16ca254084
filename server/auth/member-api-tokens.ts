import "server-only";
import { z } from "zod";
import { auditCaller } from "@/server/audit/audit-log";
import { type ApiTokenSummary, createApiToken } from "@/server/auth/api-tokens";
import type { Caller } from "@/server/auth/caller";
import { atLeast, roleSchema } from "@/server/auth/roles";
import { scopedDb } from "@/server/db/scoped";
import { ForbiddenError, NotFoundError } from "@/server/errors";

/** The body of "create an API token" at every edge (REST, tRPC, the settings form). */
export const apiTokenCreateSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Give the token a name, so you can tell it apart later.")
    .max(100, "The name is longer than 100 characters."),
  /** Caps the token below its owner's role; omitted: the owner's role, whatever it is at use. */
  role: roleSchema.optional(),
});
export type ApiTokenCreateInput = z.infer<typeof apiTokenCreateSchema>;

export const apiTokenIdSchema = z.object({ id: z.string().max(64) });

/** A token as the settings page and the API list it: never the token, never its hash. */
export type ApiTokenView = ApiTokenSummary & {
  userId: string;
  /** Whose token it is (owners see everyone's). */
  userEmail: string | null;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Owners see every token of the workspace; everyone else their own. Newest first. */
export async function listApiTokensFor(caller: Caller): Promise<ApiTokenView[]> {
  const rows = await scopedDb(caller).apiToken.findMany({
    where: atLeast(caller.role, "owner") ? {} : { userId: caller.userId },
    orderBy: { createdAt: "desc" },
    include: { user: { select: { email: true } } },
  });
  return rows.map((row) => toView(row, row.user.email));
}

/**
 * A new token for the caller, shown once. Its role is capped at the caller's: asking for more is
 * refused. A token created through a token keeps that token's (possibly capped) role, so a
 * viewer token cannot mint an owner's.
 */
export async function createApiTokenFor(
  caller: Caller,
  input: ApiTokenCreateInput,
): Promise<{ token: string } & ApiTokenView> {
  const { name, role } = apiTokenCreateSchema.parse(input);
  if (role !== undefined && !atLeast(caller.role, role)) {
    throw new ForbiddenError(
      `A token cannot have more rights than you: your role is ${caller.role}, so its role cap can be ${allowedCaps(caller).join(" or ")}.`,
    );
  }
  const cap = role ?? (caller.via === "token" ? caller.role : undefined);
  const { token, summary } = await createApiToken({
    workspaceId: caller.workspaceId,
    userId: caller.userId,
    name,
    role: cap,
  });
  await auditCaller(caller, "api-token.created", {
    target: { type: "api-token", id: summary.id },
    ipAddress: caller.address ?? null,
    details: { name: summary.name, prefix: summary.prefix, role: summary.role },
  });
  const user = await scopedDb(caller).user.findUnique({
    where: { id: caller.userId },
    select: { email: true },
  });
  return { token, ...toView({ ...summary, userId: caller.userId }, user?.email ?? null) };
}

/** Revokes at once. Members revoke their own tokens, owners any; anything else is "not found". */
export async function revokeApiTokenFor(caller: Caller, tokenId: string): Promise<void> {
  if (!UUID.test(tokenId)) throw new NotFoundError("API token");
  const scoped = scopedDb(caller);
  const where = {
    id: tokenId,
    revokedAt: null,
    ...(atLeast(caller.role, "owner") ? {} : { userId: caller.userId }),
  };
  const row = await scoped.apiToken.findFirst({ where });
  if (!row) throw new NotFoundError("API token");
  const { count } = await scoped.apiToken.updateMany({ where, data: { revokedAt: new Date() } });
  if (count === 0) throw new NotFoundError("API token");
  await auditCaller(caller, "api-token.revoked", {
    target: { type: "api-token", id: row.id },
    ipAddress: caller.address ?? null,
    details: { name: row.name, prefix: row.prefix, role: row.role },
  });
}

function allowedCaps(caller: Caller): string[] {
  return roleSchema.options.filter((role) => atLeast(caller.role, role));
}

function toView(row: ApiTokenSummary & { userId: string }, userEmail: string | null): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    role: row.role,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
    userId: row.userId,
    userEmail,
  };
}
