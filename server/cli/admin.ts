import "server-only";
import { randomBytes } from "node:crypto";
import {
  createApiToken,
  listApiTokens,
  revokeApiToken,
  type ApiTokenSummary,
} from "@/server/auth/api-tokens";
import type { Role } from "@/server/auth/roles";
import { createPasswordUser } from "@/server/auth/users";
import { db } from "@/server/db/client";
import { InvalidInputError, NotFoundError } from "@/server/errors";
import { DEFAULT_WORKSPACE_NAME, ensureWorkspace, seedExampleDesigns } from "@/server/workspaces/bootstrap";

/** Administration for whoever runs the server (npm run cli); not reachable over HTTP. */

const DEFAULT_OWNER_EMAIL = "owner@trellis.local";

async function workspaceNamed(name: string | undefined): Promise<string> {
  const workspace = await ensureWorkspace(name ?? DEFAULT_WORKSPACE_NAME);
  if (workspace.created && !name) await seedExampleDesigns(workspace.id);
  return workspace.id;
}

/** The user to act as: the given email (created without a password if new), else the first owner. */
async function resolveUser(
  email: string | undefined,
  workspaceId: string,
): Promise<{ id: string; isNew: boolean }> {
  if (email) {
    const normalised = email.trim().toLowerCase();
    const existing = await db().user.findUnique({ where: { email: normalised } });
    if (existing) return { id: existing.id, isNew: false };
    const user = await db().user.create({
      data: {
        id: randomBytes(16).toString("hex"),
        email: normalised,
        name: normalised.split("@")[0] ?? normalised,
      },
    });
    return { id: user.id, isNew: true };
  }
  const owner = await db().membership.findFirst({
    where: { workspaceId, role: "owner" },
    orderBy: { createdAt: "asc" },
  });
  if (owner) return { id: owner.userId, isNew: false };
  return resolveUser(DEFAULT_OWNER_EMAIL, workspaceId);
}

async function ensureMembership(workspaceId: string, userId: string, role: Role): Promise<void> {
  await db().membership.upsert({
    where: { workspaceId_userId: { workspaceId, userId } },
    create: { workspaceId, userId, role },
    update: {},
  });
}

async function defaultRole(workspaceId: string): Promise<Role> {
  const owners = await db().membership.count({ where: { workspaceId, role: "owner" } });
  return owners === 0 ? "owner" : "editor";
}

export async function adminCreateToken(options: {
  name: string;
  email?: string;
  workspace?: string;
  role?: Role;
}): Promise<string> {
  const workspaceId = await workspaceNamed(options.workspace);
  const user = await resolveUser(options.email, workspaceId);
  await ensureMembership(workspaceId, user.id, options.role ?? (await defaultRole(workspaceId)));
  const { token } = await createApiToken({
    workspaceId,
    userId: user.id,
    name: options.name,
    role: options.role,
  });
  return token;
}

export async function adminCreateUser(options: {
  email: string;
  password: string;
  workspace?: string;
  role?: Role;
}): Promise<{ id: string; email: string; role: Role; workspace: string }> {
  const workspaceId = await workspaceNamed(options.workspace);
  const user = await createPasswordUser({ email: options.email, password: options.password });
  const role = options.role ?? (await defaultRole(workspaceId));
  await ensureMembership(workspaceId, user.id, role);
  return { ...user, role, workspace: options.workspace ?? DEFAULT_WORKSPACE_NAME };
}

export async function adminListTokens(workspace?: string): Promise<ApiTokenSummary[]> {
  const found = await db().workspace.findUnique({ where: { name: workspace ?? DEFAULT_WORKSPACE_NAME } });
  if (!found) throw new NotFoundError("Workspace");
  return listApiTokens(found.id);
}

export async function adminRevokeToken(tokenId: string, workspace?: string): Promise<void> {
  const found = await db().workspace.findUnique({ where: { name: workspace ?? DEFAULT_WORKSPACE_NAME } });
  if (!found) throw new NotFoundError("Workspace");
  if (!/^[0-9a-f-]{36}$/i.test(tokenId))
    throw new InvalidInputError("Give the token's id, as `token list` shows it.");
  await revokeApiToken(found.id, tokenId);
}
