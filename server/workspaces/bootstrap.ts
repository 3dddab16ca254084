import "server-only";
import type { Caller } from "@/server/auth/caller";
import { createInvite, revokeUnusedInvites } from "@/server/auth/invites";
import { db } from "@/server/db/client";
import { EXAMPLE_DESIGNS } from "@/server/designs/examples";
import { createDesign } from "@/server/designs/service";

export const DEFAULT_WORKSPACE_NAME = "Default";

/** Finds or creates a workspace by name; `created` tells whether this call made it. */
export async function ensureWorkspace(name: string): Promise<{ id: string; created: boolean }> {
  const existing = await db().workspace.findUnique({ where: { name } });
  if (existing) return { id: existing.id, created: false };
  // Several instances may start at once on a shared database: the unique name settles it.
  const rows = await db().$queryRaw<{ id: string }[]>`
    INSERT INTO "workspace" ("id", "name") VALUES (gen_random_uuid(), ${name})
    ON CONFLICT ("name") DO NOTHING RETURNING "id"`;
  if (rows[0]) return { id: rows[0].id, created: true };
  const winner = await db().workspace.findUniqueOrThrow({ where: { name } });
  return { id: winner.id, created: false };
}

/** The example designs, all runnable with the offline models, for a new workspace. */
export async function seedExampleDesigns(workspaceId: string): Promise<number> {
  const system: Caller = { userId: "system", workspaceId, role: "owner", via: "session" };
  for (const example of EXAMPLE_DESIGNS) {
    await createDesign(system, {
      name: example.name,
      description: example.description,
      graph: example.graph,
    });
  }
  return EXAMPLE_DESIGNS.length;
}

/**
 * While nobody can sign in, a one-time link is the only way to create the first (owner) account.
 * Each start makes a fresh link and invalidates the previous one; once someone has a password,
 * there is none. (Users the CLI creates for API tokens have no password and do not count.)
 */
export async function ownerSignupLink(workspaceId: string, baseUrl: string): Promise<string | null> {
  if ((await db().account.count({ where: { providerId: "credential" } })) > 0) return null;
  await revokeUnusedInvites(workspaceId, "owner");
  const token = await createInvite({ workspaceId, role: "owner" });
  return `${baseUrl}/sign-up?token=${encodeURIComponent(token)}`;
}
