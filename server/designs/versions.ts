import "server-only";
import { atLeast } from "@/server/auth/roles";
import type { Caller } from "@/server/auth/caller";
import {
  designIdSchema,
  designVersionNumberSchema,
  designVersionParamSchema,
} from "@/server/designs/design-schemas";
import type { Graph } from "@/server/designs/graph-schema";
import { updateDesign, type Design } from "@/server/designs/service";
import { scopedDb, type ScopedDb } from "@/server/db/scoped";
import { ForbiddenError, NotFoundError } from "@/server/errors";

/** Who saved a version; null for saves made by the system or by a user who no longer exists. */
export type DesignVersionAuthor = { name: string; email: string } | null;

export type DesignVersionSummary = {
  version: number;
  name: string;
  createdAt: Date;
  author: DesignVersionAuthor;
};

export type DesignVersionDetail = DesignVersionSummary & { description: string; graph: Graph };

// Saves made without a person behind them (workspace bootstrap) use this author id.
const SYSTEM_AUTHOR_ID = "system";

/** Ids that are not UUIDs cannot exist: answer "not found" without asking the database. */
function requireDesignId(id: string): string {
  if (!designIdSchema.safeParse(id).success) throw new NotFoundError("Design");
  return id;
}

function requireVersionNumber(version: number): number {
  if (!designVersionNumberSchema.safeParse(version).success) throw new NotFoundError("Design version");
  return version;
}

/** A version number from a URL path; "abc", "0" or "1.5" name no version, so they are 404, not 400. */
export function versionFromPath(value: string | undefined): number {
  const parsed = designVersionParamSchema.safeParse(value ?? "");
  if (!parsed.success) throw new NotFoundError("Design version");
  return parsed.data;
}

async function requireDesign(db: ScopedDb, designId: string): Promise<void> {
  const design = await db.design.findUnique({ where: { id: designId }, select: { id: true } });
  if (!design) throw new NotFoundError("Design");
}

async function authorsById(
  db: ScopedDb,
  authorIds: readonly (string | null)[],
): Promise<Map<string, { name: string; email: string }>> {
  const ids = [...new Set(authorIds)].filter((id): id is string => id !== null && id !== SYSTEM_AUTHOR_ID);
  if (ids.length === 0) return new Map();
  const users = await db.user.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true, email: true },
  });
  return new Map(users.map((user) => [user.id, { name: user.name, email: user.email }]));
}

/** The design's saved versions, newest first, without their graphs. */
export async function listDesignVersions(caller: Caller, designId: string): Promise<DesignVersionSummary[]> {
  const db = scopedDb(caller);
  await requireDesign(db, requireDesignId(designId));
  const rows = await db.designVersion.findMany({
    where: { designId },
    orderBy: { version: "desc" },
    select: { version: true, name: true, createdAt: true, authorId: true },
  });
  const authors = await authorsById(
    db,
    rows.map((row) => row.authorId),
  );
  return rows.map(({ authorId, ...row }) => ({
    ...row,
    author: authorId === null ? null : (authors.get(authorId) ?? null),
  }));
}

export async function getDesignVersion(
  caller: Caller,
  designId: string,
  version: number,
): Promise<DesignVersionDetail> {
  requireDesignId(designId);
  requireVersionNumber(version);
  const db = scopedDb(caller);
  const row = await db.designVersion.findUnique({
    where: { designId_version: { designId, version } },
    select: { version: true, name: true, description: true, graph: true, createdAt: true, authorId: true },
  });
  if (!row) {
    // Tell an unknown design from an unknown version, so callers know which id was wrong.
    await requireDesign(db, designId);
    throw new NotFoundError("Design version");
  }
  const { authorId, graph, ...rest } = row;
  const authors = await authorsById(db, [authorId]);
  return {
    ...rest,
    // Versions are written only from graphs that passed checkGraphForSave.
    graph: graph as Graph,
    author: authorId === null ? null : (authors.get(authorId) ?? null),
  };
}

/**
 * Makes an old version current again by saving its graph, name and description as a new version:
 * history is never rewritten, and the save goes through updateDesign so that roles, the graph
 * check and optimistic concurrency (expectedVersion) apply exactly as for any other save.
 */
export async function restoreDesignVersion(
  caller: Caller,
  designId: string,
  version: number,
  expectedVersion?: number,
): Promise<Design> {
  // Refused before any lookup, like every other change, so a viewer gets 403 whatever the ids.
  if (!atLeast(caller.role, "editor")) throw new ForbiddenError("Viewers cannot change designs.");
  const restored = await getDesignVersion(caller, designId, version);
  return updateDesign(caller, designId, {
    name: restored.name,
    description: restored.description,
    graph: restored.graph,
    expectedVersion,
  });
}
