import "server-only";
import { auditCaller } from "@/server/audit/audit-log";
import { requireRole } from "@/server/auth/access";
import type { Caller } from "@/server/auth/caller";
import type { Role } from "@/server/auth/roles";
import { db, Prisma } from "@/server/db/client";
import { isRecordId } from "@/server/db/ids";
import { ConflictError, InvalidInputError, NotFoundError } from "@/server/errors";
import { workspaceNameSchema } from "@/server/workspaces/workspace-schemas";

export type MyWorkspace = { id: string; name: string; role: Role };

function nameTaken(name: string): ConflictError {
  return new ConflictError(`A workspace named “${name}” already exists. Choose another name.`);
}

/** Checked again here (the edges validate too) so a service call cannot store a bad name. */
function validName(rawName: string): string {
  const result = workspaceNameSchema.safeParse(rawName);
  if (result.success) return result.data;
  throw new InvalidInputError(result.error.issues[0]?.message ?? "The workspace name is not valid.");
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/** A new workspace with its creator as the only member and owner. */
export async function createWorkspace(
  userId: string,
  rawName: string,
  address?: string,
): Promise<MyWorkspace> {
  const name = validName(rawName);
  try {
    const workspace = await db().workspace.create({
      data: { name, memberships: { create: { userId, role: "owner" } } },
    });
    await auditCaller({ userId, workspaceId: workspace.id }, "workspace.created", {
      target: { type: "workspace", id: workspace.id },
      details: { name },
      ipAddress: address ?? null,
    });
    return { id: workspace.id, name: workspace.name, role: "owner" };
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(name);
    throw error;
  }
}

/** Every workspace the person belongs to, by name, with their role in it. */
export async function listMyWorkspaces(userId: string): Promise<MyWorkspace[]> {
  // Not workspace-scoped by design: this is the list of workspaces one could be scoped to.
  const memberships = await db().membership.findMany({
    where: { userId },
    include: { workspace: { select: { name: true } } },
    orderBy: { workspace: { name: "asc" } },
  });
  return memberships.map((membership) => ({
    id: membership.workspaceId,
    name: membership.workspace.name,
    role: membership.role,
  }));
}

/** The workspace the person may switch to; unknown and not-a-member look alike (404). */
export async function workspaceToSwitchTo(userId: string, workspaceId: string): Promise<MyWorkspace> {
  if (!isRecordId(workspaceId)) throw new NotFoundError("Workspace");
  const membership = await db().membership.findUnique({
    where: { workspaceId_userId: { workspaceId, userId } },
    include: { workspace: { select: { name: true } } },
  });
  if (!membership) throw new NotFoundError("Workspace");
  return { id: workspaceId, name: membership.workspace.name, role: membership.role };
}

export async function currentWorkspace(caller: Caller): Promise<MyWorkspace> {
  const workspace = await db().workspace.findUniqueOrThrow({ where: { id: caller.workspaceId } });
  return { id: workspace.id, name: workspace.name, role: caller.role };
}

export async function renameWorkspace(caller: Caller, rawName: string): Promise<MyWorkspace> {
  requireRole(caller, "owner");
  const name = validName(rawName);
  try {
    const workspace = await db().workspace.update({ where: { id: caller.workspaceId }, data: { name } });
    return { id: workspace.id, name: workspace.name, role: caller.role };
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(name);
    throw error;
  }
}
