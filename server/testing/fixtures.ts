import { randomUUID } from "node:crypto";
import { createApiToken } from "@/server/auth/api-tokens";
import type { Caller } from "@/server/auth/caller";
import type { Role } from "@/server/auth/roles";
import { db } from "@/server/db/client";

/** A workspace of its own with one member per role, so test files never see each other's data. */
export async function createTestWorkspace() {
  const workspace = await db().workspace.create({ data: { name: `test-${randomUUID()}` } });
  const member = async (role: Role): Promise<Caller & { token: string }> => {
    const user = await db().user.create({
      data: { id: randomUUID(), email: `${role}-${randomUUID()}@example.test`, name: role },
    });
    await db().membership.create({ data: { workspaceId: workspace.id, userId: user.id, role } });
    const { token } = await createApiToken({
      workspaceId: workspace.id,
      userId: user.id,
      name: `${role} token`,
    });
    return { userId: user.id, workspaceId: workspace.id, role, via: "token", token };
  };
  return {
    workspaceId: workspace.id,
    owner: await member("owner"),
    editor: await member("editor"),
    viewer: await member("viewer"),
  };
}
