import { randomUUID } from "node:crypto";
import { createApiToken, listApiTokens } from "@/server/auth/api-tokens";
import { createInvite } from "@/server/auth/invites";
import { createChat } from "@/server/chats/service";
import { db } from "@/server/db/client";
import { graphFormatExample } from "@/server/designs/graph-format-example";
import { setMcpPublishing } from "@/server/designs/mcp-publishing";
import { createDesign, updateDesign } from "@/server/designs/service";
import { createMcpServer } from "@/server/mcp/registry/service";
import { setProviderCredential } from "@/server/models/credentials";
import { startRun } from "@/server/runs/service";
import { createShareLink } from "@/server/shares/share-links";
import { createTestWorkspace } from "@/server/testing/fixtures";

/**
 * A workspace with one of everything an endpoint can name (design with two versions, finished
 * run, chat, MCP server, share link, invitation, provider key, API token), for tests that attack
 * it from outside or from below.
 */
export async function createPopulatedWorkspace(label: string, plantedKey = `sk-${label}-${randomUUID()}`) {
  const team = await createTestWorkspace();
  const design = await createDesign(team.owner, { name: `${label} design`, graph: graphFormatExample() });
  await updateDesign(team.owner, design.id, { description: `${label} v2`, expectedVersion: 1 });
  await setMcpPublishing(team.owner, design.id, { published: true, publicAgents: ["front_desk"] });
  const run = await startRun(team.owner, { designId: design.id, input: "hello", wait: true });
  const chat = await createChat(team.owner, design.id);
  const mcpServerName = `${label}-server`;
  await createMcpServer(team.owner, {
    name: mcpServerName,
    transport: "http",
    url: "https://mcp.example.test/mcp",
  });
  const share = await createShareLink(team.owner, run.id, {});
  await createInvite({ workspaceId: team.workspaceId, role: "editor" });
  const invite = await db().invite.findFirstOrThrow({ where: { workspaceId: team.workspaceId } });
  await setProviderCredential(team.owner, "openai", { apiKey: plantedKey });
  const extraToken = await createApiToken({
    workspaceId: team.workspaceId,
    userId: team.editor.userId,
    name: `${label} extra`,
  });
  const tokens = await listApiTokens(team.workspaceId);
  return {
    ...team,
    plantedKey,
    design,
    run,
    chat,
    mcpServerName,
    share,
    invite,
    extraToken: { token: extraToken.token, id: extraToken.summary.id },
    tokenIds: tokens.map((token) => token.id),
  };
}

export type PopulatedWorkspace = Awaited<ReturnType<typeof createPopulatedWorkspace>>;

/**
 * Everything an attacker could change in a workspace, as one comparable string: a request that
 * was refused must leave it exactly as it was.
 */
export async function workspaceFingerprint(workspaceId: string): Promise<string> {
  const where = { workspaceId };
  const parts = await Promise.all([
    db().workspace.findUnique({ where: { id: workspaceId }, select: { name: true } }),
    db().design.findMany({
      where,
      select: {
        id: true,
        name: true,
        description: true,
        version: true,
        mcpPublished: true,
        mcpPublicAgents: true,
      },
      orderBy: { id: "asc" },
    }),
    db().designVersion.count({ where }),
    db().run.findMany({ where, select: { id: true, status: true }, orderBy: { id: "asc" } }),
    db().chatSession.findMany({ where, select: { id: true, title: true }, orderBy: { id: "asc" } }),
    db().chatMessage.count({ where }),
    db().mcpServer.findMany({
      where,
      select: { name: true, url: true, updatedAt: true },
      orderBy: { name: "asc" },
    }),
    db().shareLink.findMany({ where, select: { id: true, revokedAt: true }, orderBy: { id: "asc" } }),
    db().invite.findMany({ where, select: { id: true, usedAt: true }, orderBy: { id: "asc" } }),
    db().membership.findMany({ where, select: { userId: true, role: true }, orderBy: { userId: "asc" } }),
    db().apiToken.findMany({ where, select: { id: true, revokedAt: true }, orderBy: { id: "asc" } }),
    db().providerCredential.findMany({
      where,
      select: { provider: true, apiKeyEncrypted: true, baseUrl: true },
      orderBy: { provider: "asc" },
    }),
  ]);
  return JSON.stringify(parts);
}
