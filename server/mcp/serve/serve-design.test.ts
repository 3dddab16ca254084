import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import {
  StreamableHTTPClientTransport,
  StreamableHTTPError,
} from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ErrorCode, McpError, type CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as mcpRoute from "@/app/api/mcp/[designId]/route";
import * as designById from "@/app/api/v1/designs/[id]/route";
import * as designMcp from "@/app/api/v1/designs/[id]/mcp/route";
import * as designs from "@/app/api/v1/designs/route";
import type { TRPCError } from "@trpc/server";
import { appRouter } from "@/server/api/root";
import { publicUrl } from "@/server/config/env";
import { EXAMPLE_DESIGNS } from "@/server/designs/examples";
import type { Graph } from "@/server/designs/graph-schema";
import { listRuns } from "@/server/runs/history";
import { getRun } from "@/server/runs/service";
import { createTestWorkspace } from "@/server/testing/fixtures";
import { serveRoutes } from "@/server/testing/route-server";

/**
 * A published design served as an MCP server, exercised with the official SDK client over real
 * HTTP against the route handler. The example designs run on the offline `passthrough` model,
 * which answers with its input; `slow` waits (abortably) before answering.
 */

let team: Awaited<ReturnType<typeof createTestWorkspace>>;
let otherTeam: Awaited<ReturnType<typeof createTestWorkspace>>;
let server: Awaited<ReturnType<typeof serveRoutes>>;
const openClients: Client[] = [];

const translationPanel = EXAMPLE_DESIGNS.find((example) => example.name === "Translation panel")!;

beforeAll(async () => {
  team = await createTestWorkspace();
  otherTeam = await createTestWorkspace();
  server = await serveRoutes([
    { method: "POST", path: "/api/v1/designs", handler: designs.POST },
    { method: "GET", path: "/api/v1/designs/[id]", handler: designById.GET },
    { method: "PUT", path: "/api/v1/designs/[id]", handler: designById.PUT },
    { method: "GET", path: "/api/v1/designs/[id]/mcp", handler: designMcp.GET },
    { method: "PUT", path: "/api/v1/designs/[id]/mcp", handler: designMcp.PUT },
    { method: "POST", path: "/api/mcp/[designId]", handler: mcpRoute.POST },
    { method: "GET", path: "/api/mcp/[designId]", handler: mcpRoute.GET },
    { method: "DELETE", path: "/api/mcp/[designId]", handler: mcpRoute.DELETE },
  ]);
});

afterEach(async () => {
  await Promise.all(openClients.splice(0).map((client) => client.close()));
});

afterAll(async () => {
  await server?.close();
});

// Sends the Accept header MCP clients send; the REST routes ignore it.
const api = (method: string, path: string, token: string | undefined, body?: unknown) =>
  server.api(method, path, token, body, { accept: "application/json, text/event-stream" });

async function createDesign(name: string, graph: Graph): Promise<string> {
  const created = await api("POST", "/api/v1/designs", team.editor.token, { name, graph });
  expect(created.status, created.text).toBe(201);
  return created.body.id as string;
}

async function publish(designId: string, publicAgents: string[], published = true) {
  const answer = await api("PUT", `/api/v1/designs/${designId}/mcp`, team.editor.token, {
    published,
    publicAgents,
  });
  expect(answer.status, answer.text).toBe(200);
  return answer.body;
}

const endpoint = (designId: string) => new URL(`${server.baseUrl}/api/mcp/${designId}`);

async function connect(designId: string, token: string | undefined): Promise<Client> {
  const client = new Client({ name: "trellis-test", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(endpoint(designId), {
    requestInit: token ? { headers: { authorization: `Bearer ${token}` } } : {},
  });
  await client.connect(transport);
  openClients.push(client);
  return client;
}

/** The status code a refused connection attempt reports. */
async function refusedStatus(designId: string, token: string | undefined): Promise<number> {
  const error: unknown = await connect(designId, token).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(StreamableHTTPError);
  return (error as StreamableHTTPError).code ?? 0;
}

function textOf(result: CallToolResult): string {
  return result.content.map((part) => (part.type === "text" ? part.text : "")).join("");
}

function slowGraph(): Graph {
  return {
    version: 1,
    nodes: [
      {
        id: "s",
        type: "agent",
        position: { x: 0, y: 0 },
        data: { name: "slowpoke", instruction: "Take your time.", model: "slow?delayMs=60000" },
      },
    ],
    edges: [],
  };
}

/** Waits until the design has a running run, and answers its id. */
async function runningRunOf(designId: string): Promise<string> {
  let runId: string | undefined;
  await expect
    .poll(async () => {
      const { runs } = await listRuns(team.editor, { designId, limit: 5 });
      runId = runs.find((run) => run.status === "running")?.id;
      return runId;
    })
    .toBeDefined();
  return runId!;
}

describe("publishing settings (REST)", () => {
  it("publishes chosen agents, answers the endpoint URL and shows them on the design", async () => {
    const id = await createDesign("Translations to publish", translationPanel.graph);
    const before = await api("GET", `/api/v1/designs/${id}/mcp`, team.viewer.token);
    expect(before.body).toMatchObject({ published: false, publicAgents: [] });

    const settings = await publish(id, ["french", "collector"]);
    expect(settings).toMatchObject({
      designId: id,
      published: true,
      publicAgents: ["french", "collector"],
      url: `${publicUrl()}/api/mcp/${id}`,
    });
    const agents = settings.agents as { name: string; toolName: string; public: boolean }[];
    expect(agents.filter((agent) => agent.public).map((agent) => agent.toolName)).toEqual([
      "french",
      "collector",
    ]);
    expect(agents.map((agent) => agent.name)).toEqual([
      "translate",
      "french",
      "german",
      "spanish",
      "collector",
    ]);

    const design = await api("GET", `/api/v1/designs/${id}`, team.viewer.token);
    expect(design.body.mcp).toEqual({ published: true, publicAgents: ["french", "collector"] });
    expect(design.body.version).toBe(1);
  });

  it("refuses unknown agent names (400) and viewers (403)", async () => {
    const id = await createDesign("Refusals", translationPanel.graph);
    const unknown = await api("PUT", `/api/v1/designs/${id}/mcp`, team.editor.token, {
      published: true,
      publicAgents: ["french", "klingon"],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({
      error: { code: "invalid_input", issues: [{ code: "unknown_agent", path: ["publicAgents", 1] }] },
    });
    const viewer = await api("PUT", `/api/v1/designs/${id}/mcp`, team.viewer.token, {
      published: true,
      publicAgents: [],
    });
    expect(viewer.status).toBe(403);
    const stranger = await api("GET", `/api/v1/designs/${id}/mcp`, otherTeam.owner.token);
    expect(stranger.status).toBe(404);
  });
});

describe("publishing settings (tRPC)", () => {
  const as = (caller: typeof team.editor) => appRouter.createCaller({ caller, headers: new Headers() });

  it("reads for members and saves for editors, with the same checks as REST", async () => {
    const id = await createDesign("Through tRPC", translationPanel.graph);
    const saved = await as(team.editor).designs.setPublishing({
      id,
      published: true,
      publicAgents: ["german"],
    });
    expect(saved).toMatchObject({
      published: true,
      publicAgents: ["german"],
      url: `${publicUrl()}/api/mcp/${id}`,
    });
    expect(await as(team.viewer).designs.publishing({ id })).toEqual(saved);
    const codes = await Promise.all(
      [
        as(team.viewer).designs.setPublishing({ id, published: false, publicAgents: [] }),
        as(team.editor).designs.setPublishing({ id, published: true, publicAgents: ["nobody"] }),
        as(otherTeam.owner).designs.publishing({ id }),
      ].map((attempt) =>
        attempt.then(
          () => "OK",
          (error: unknown) => (error as TRPCError).code,
        ),
      ),
    );
    expect(codes).toEqual(["FORBIDDEN", "BAD_REQUEST", "NOT_FOUND"]);
  });
});

describe("a design served as an MCP server", () => {
  let designId: string;

  beforeAll(async () => {
    designId = await createDesign("Translations over MCP", translationPanel.graph);
    await publish(designId, ["french", "collector"]);
  });

  it("lists exactly the public agents as tools", async () => {
    const client = await connect(designId, team.editor.token);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(["french", "collector"]);
    expect(tools[0]).toMatchObject({
      inputSchema: { type: "object", properties: { message: { type: "string" } }, required: ["message"] },
    });
    expect(tools[0]?.description).toContain("Translate the text into French.");
    expect(client.getServerVersion()).toMatchObject({ title: "Translations over MCP" });
  });

  it("runs the agent for tools/call, answers its output and records a normal run", async () => {
    const client = await connect(designId, team.editor.token);
    const result = (await client.callTool({
      name: "french",
      arguments: { message: "bonjour over MCP" },
    })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    expect(textOf(result)).toBe("bonjour over MCP");

    const { runs } = await listRuns(team.editor, { designId, limit: 10 });
    expect(runs[0]).toMatchObject({ agent: "french", status: "succeeded", inputPreview: "bonjour over MCP" });
    const run = await getRun(team.editor, runs[0]!.id);
    expect(run.output).toBe("bonjour over MCP");
    expect(result._meta).toMatchObject({ runId: run.id });
  });

  it("refuses a call without a token (401, WWW-Authenticate: Bearer) or with a bad one", async () => {
    expect(await refusedStatus(designId, undefined)).toBe(401);
    expect(await refusedStatus(designId, "trl_not-a-real-token")).toBe(401);
    const raw = await api("POST", `/api/mcp/${designId}`, undefined, {
      jsonrpc: "2.0",
      id: 1,
      method: "ping",
    });
    expect(raw.status).toBe(401);
    expect(raw.headers.get("www-authenticate")).toMatch(/^Bearer\b/);
  });

  it("answers the same 404 for another workspace's token, an unknown design and an unpublished one", async () => {
    const unpublished = await createDesign("Not published", translationPanel.graph);
    await publish(unpublished, ["french"], false);
    expect(await refusedStatus(designId, otherTeam.owner.token)).toBe(404);
    expect(await refusedStatus("00000000-0000-4000-8000-000000000000", team.editor.token)).toBe(404);
    expect(await refusedStatus(unpublished, team.editor.token)).toBe(404);
    const ping = { jsonrpc: "2.0", id: 1, method: "ping" };
    const bodies = await Promise.all([
      api("POST", `/api/mcp/${designId}`, otherTeam.owner.token, ping),
      api("POST", `/api/mcp/not-a-uuid`, team.editor.token, ping),
      api("POST", `/api/mcp/${unpublished}`, team.editor.token, ping),
    ]);
    expect(new Set(bodies.map((answer) => `${answer.status} ${answer.text}`)).size).toBe(1);
  });

  it("treats a call of a non-public agent as an unknown tool", async () => {
    const client = await connect(designId, team.editor.token);
    const error: unknown = await client
      .callTool({ name: "german", arguments: { message: "hallo" } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(McpError);
    expect((error as McpError).code).toBe(ErrorCode.InvalidParams);
    expect((error as McpError).message).toContain('Unknown tool "german"');
  });

  it("lets viewers list the tools but refuses their calls", async () => {
    const client = await connect(designId, team.viewer.token);
    expect((await client.listTools()).tools).toHaveLength(2);
    const error: unknown = await client
      .callTool({ name: "french", arguments: { message: "salut" } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(McpError);
    expect((error as McpError).code).toBe(ErrorCode.InvalidRequest);
    expect((error as McpError).message).toContain("viewer");
  });

  it("answers isError for bad arguments, a failed run, and a design with errors", async () => {
    const client = await connect(designId, team.editor.token);
    const badArguments = (await client.callTool({
      name: "french",
      arguments: { text: "x" },
    })) as CallToolResult;
    expect(badArguments.isError).toBe(true);

    // `***CALL_TOOL` without a tool name makes the passthrough model fail the run.
    const failed = (await client.callTool({
      name: "french",
      arguments: { message: "***CALL_TOOL" },
    })) as CallToolResult;
    expect(failed.isError).toBe(true);
    expect(textOf(failed)).toContain("Invalid format");
    const failedRun = await getRun(team.editor, (failed._meta as { runId: string }).runId);
    expect(failedRun).toMatchObject({ status: "failed", agent: "french" });

    // A chain without steps is an error: the tool is still listed, the call says why it cannot run.
    const broken = await createDesign("Broken", {
      version: 1,
      nodes: [
        { id: "c", type: "chain", position: { x: 0, y: 0 }, data: { name: "empty_chain" } },
        { id: "a", type: "agent", position: { x: 0, y: 0 }, data: { name: "helper", model: "passthrough" } },
      ],
      edges: [],
    });
    await publish(broken, ["helper"]);
    const brokenClient = await connect(broken, team.editor.token);
    expect((await brokenClient.listTools()).tools.map((tool) => tool.name)).toEqual(["helper"]);
    const refused = (await brokenClient.callTool({
      name: "helper",
      arguments: { message: "hi" },
    })) as CallToolResult;
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toContain("The design has errors");
    expect(textOf(refused)).toContain("empty_chain");
  });

  it("drops public agents that no longer exist in the graph", async () => {
    const id = await createDesign("Renamed later", translationPanel.graph);
    await publish(id, ["french", "german"]);
    const renamed = structuredClone(translationPanel.graph);
    renamed.nodes = renamed.nodes.filter((node) => node.data.name !== "german");
    renamed.edges = renamed.edges.filter((edge) => edge.target !== "german");
    const saved = await api("PUT", `/api/v1/designs/${id}`, team.editor.token, { graph: renamed });
    expect(saved.status, saved.text).toBe(200);
    const client = await connect(id, team.editor.token);
    expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(["french"]);
  });

  it("refuses bodies over the limit (413) and GET/DELETE (405)", async () => {
    const huge = await api("POST", `/api/mcp/${designId}`, team.editor.token, {
      jsonrpc: "2.0",
      id: 1,
      method: "tools/call",
      params: { name: "french", arguments: { message: "x".repeat(2 * 1024 * 1024) } },
    });
    expect(huge.status).toBe(413);
    const get = await fetch(endpoint(designId), {
      headers: { authorization: `Bearer ${team.editor.token}` },
    });
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
  });
});

describe("cancelling a call cancels its run", () => {
  let designId: string;

  beforeAll(async () => {
    designId = await createDesign("Slow over MCP", slowGraph());
    await publish(designId, ["slowpoke"]);
  });

  it("on the MCP cancel notification", async () => {
    const client = await connect(designId, team.editor.token);
    const abort = new AbortController();
    const call = client
      .callTool({ name: "slowpoke", arguments: { message: "take ages" } }, undefined, {
        signal: abort.signal,
      })
      .catch((caught: unknown) => caught);
    const runId = await runningRunOf(designId);
    abort.abort("changed my mind");
    expect(await call).toBeInstanceOf(Error);
    await expect.poll(async () => (await getRun(team.editor, runId)).status).toBe("cancelled");
  });

  it("when the HTTP request goes away", async () => {
    const abort = new AbortController();
    const response = await fetch(endpoint(designId), {
      method: "POST",
      headers: {
        authorization: `Bearer ${team.editor.token}`,
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
      },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 7,
        method: "tools/call",
        params: { name: "slowpoke", arguments: { message: "hang up on me" } },
      }),
      signal: abort.signal,
    });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const runId = await runningRunOf(designId);
    abort.abort();
    await expect.poll(async () => (await getRun(team.editor, runId)).status).toBe("cancelled");
  });
});
