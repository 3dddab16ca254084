import { beforeAll, describe, expect, it } from "vitest";
import * as chatMessages from "@/app/api/v1/chats/[id]/messages/route";
import * as chatById from "@/app/api/v1/chats/[id]/route";
import * as chats from "@/app/api/v1/chats/route";
import * as designById from "@/app/api/v1/designs/[id]/route";
import * as designs from "@/app/api/v1/designs/route";
import * as mcpServers from "@/app/api/v1/mcp-servers/route";
import * as runById from "@/app/api/v1/runs/[id]/route";
import * as runs from "@/app/api/v1/runs/route";
import * as tokens from "@/app/api/v1/tokens/route";
import { appRouter } from "@/server/api/root";
import { db } from "@/server/db/client";
import { callRoute } from "@/server/testing/call-route";
import { createTestWorkspace } from "@/server/testing/fixtures";

/**
 * Text that looks like SQL, a path, a script or a template is data: every text field stores it
 * and gives it back byte for byte (the page shows it through React, which escapes it, and
 * Markdown is rendered without raw HTML; the browser test checks that side).
 */
const HOSTILE_STRINGS = [
  "'; DROP TABLE design; --",
  '" OR 1=1 --',
  "../../../../etc/passwd",
  "..\\..\\windows\\win.ini",
  "<script>alert('owned')</script>",
  '<img src=x onerror="alert(1)">',
  "{{7*7}} ${7*7} #{7*7} %s %n",
  "Robert'); DELETE FROM run; -- 🚀 \u202egnp.exe",
];

let team: Awaited<ReturnType<typeof createTestWorkspace>>;
beforeAll(async () => {
  team = await createTestWorkspace();
});

const graphWith = (instruction: string) => ({
  version: 1,
  nodes: [
    {
      id: "a",
      type: "agent",
      position: { x: 0, y: 0 },
      data: { name: "echo", model: "passthrough", instruction },
    },
  ],
  edges: [],
});

describe.each(HOSTILE_STRINGS)("the string %j", (hostile) => {
  it("is stored and returned literally as a design's name, description and instruction", async () => {
    const created = await callRoute(designs.POST, {
      method: "POST",
      token: team.editor.token,
      body: { name: hostile, description: hostile, graph: graphWith(hostile) },
    });
    expect(created.status).toBe(201);
    const read = await callRoute(designById.GET, {
      token: team.viewer.token,
      params: { id: String(created.body.id) },
    });
    expect(read.body).toMatchObject({ name: hostile, description: hostile });
    expect((read.body.graph as ReturnType<typeof graphWith>).nodes[0]?.data.instruction).toBe(hostile);
    const listed = await callRoute(designs.GET, { token: team.viewer.token });
    expect((listed.body.designs as { name: string }[]).some((design) => design.name === hostile)).toBe(true);
  });

  it("is a run's input and (through the passthrough model) its output, literally", async () => {
    const run = await callRoute(runs.POST, {
      method: "POST",
      token: team.editor.token,
      body: { graph: graphWith("x"), input: hostile, wait: true },
    });
    expect(run.body).toMatchObject({ status: "succeeded", output: hostile });
    const read = await callRoute(runById.GET, {
      token: team.viewer.token,
      params: { id: String(run.body.id) },
    });
    expect(JSON.stringify(read.body.input)).toContain(JSON.stringify(hostile).slice(1, -1));
  });

  it("is a chat message, an MCP server description, a token name and a workspace name, literally", async () => {
    const design = await callRoute(designs.POST, {
      method: "POST",
      token: team.editor.token,
      body: { name: "chat target", graph: graphWith("x") },
    });
    const chat = await callRoute(chats.POST, {
      method: "POST",
      token: team.editor.token,
      body: { designId: design.body.id },
    });
    await callRoute(chatMessages.POST, {
      method: "POST",
      token: team.editor.token,
      params: { id: String(chat.body.id) },
      body: { input: hostile, wait: true },
    });
    const conversation = await callRoute(chatById.GET, {
      token: team.viewer.token,
      params: { id: String(chat.body.id) },
    });
    const contents = (conversation.body.messages as { content: string }[]).map((message) => message.content);
    expect(contents).toEqual([hostile, hostile]);

    const server = await callRoute(mcpServers.POST, {
      method: "POST",
      token: team.owner.token,
      body: {
        name: `s-${Math.random().toString(36).slice(2, 8)}`,
        transport: "http",
        url: "https://mcp.example.test/mcp",
        description: hostile,
      },
    });
    expect(server.status).toBe(201);
    expect(server.body.description).toBe(hostile);

    const token = await callRoute(tokens.POST, {
      method: "POST",
      token: team.editor.token,
      body: { name: hostile },
    });
    expect(token.status).toBe(201);
    const listedTokens = await callRoute(tokens.GET, { token: team.editor.token });
    expect(JSON.stringify(listedTokens.body)).toContain(JSON.stringify(hostile).slice(1, -1));

    const workspaceName = `${hostile} ${Math.random().toString(36).slice(2, 8)}`;
    const created = await appRouter
      .createCaller({ caller: team.viewer, headers: new Headers(), resHeaders: new Headers() })
      .workspaces.create({ name: workspaceName });
    expect((await db().workspace.findUniqueOrThrow({ where: { id: created.id } })).name).toBe(workspaceName);
  });
});
