import { TRPCError } from "@trpc/server";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as validateRoute from "@/app/api/v1/designs/[id]/validate/route";
import * as designs from "@/app/api/v1/designs/route";
import * as runs from "@/app/api/v1/runs/route";
import { appRouter } from "@/server/api/root";
import { db } from "@/server/db/client";
import type { Graph } from "@/server/designs/graph-schema";
import { registeredServerNames } from "@/server/mcp/registry/service";
import { createTestWorkspace } from "@/server/testing/fixtures";
import { serveRoutes } from "@/server/testing/route-server";

/**
 * Designs against the registry: an agent naming an unregistered server gets `unknown_mcp_server`
 * (and only then), and a run of such a design is refused before it starts. Plus the tRPC router.
 */

const dataDir = mkdtempSync(path.join(tmpdir(), "trellis-registry-validation-"));
process.env.TRELLIS_MCP_STDIO_ALLOW = process.execPath;
process.env.TRELLIS_DATA_DIR = dataDir;

let team: Awaited<ReturnType<typeof createTestWorkspace>>;
let server: Awaited<ReturnType<typeof serveRoutes>>;
const as = (caller: (typeof team)["owner"] | null) =>
  appRouter.createCaller({ caller, headers: new Headers() });

beforeAll(async () => {
  team = await createTestWorkspace();
  server = await serveRoutes([
    { method: "POST", path: "/api/v1/designs", handler: designs.POST },
    { method: "POST", path: "/api/v1/designs/[id]/validate", handler: validateRoute.POST },
    { method: "POST", path: "/api/v1/runs", handler: runs.POST },
  ]);
});

afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

// Late-bound: `server` is only there once beforeAll has run.
const api = (...request: Parameters<typeof server.api>) => server.api(...request);

const graphUsing = (servers: string[], tools: Record<string, string[]> = {}): Graph => ({
  version: 1,
  entry: "helper",
  nodes: [
    {
      id: "a",
      type: "agent",
      position: { x: 0, y: 0 },
      data: { name: "helper", model: "passthrough", servers, tools },
    },
  ],
  edges: [],
});

type Issue = { code: string; message: string; path?: unknown[] };

const unknownServerIssues = (issues: Issue[]) =>
  issues.filter((issue) => issue.code === "unknown_mcp_server");

describe("design validation against the registry", () => {
  it("reports unknown_mcp_server only for names the workspace has not registered", async () => {
    await as(team.owner).mcpServers.create({
      name: "known",
      transport: "http",
      url: "https://mcp.example.com/mcp",
    });
    expect(await registeredServerNames(team.owner)).toEqual(new Set(["known"]));

    const design = await api("POST", "/api/v1/designs", team.editor.token, {
      name: "Uses servers",
      graph: graphUsing(["known", "ghost"], { known: ["echo"], phantom: ["*"] }),
    });
    expect(design.status, design.text).toBe(201);
    const validation = await api(
      "POST",
      `/api/v1/designs/${design.body.id as string}/validate`,
      team.viewer.token,
    );
    expect(validation.status).toBe(200);
    expect(validation.body.valid).toBe(false);
    const unknown = unknownServerIssues(validation.body.issues as Issue[]);
    expect(unknown.map((issue) => issue.message).join("\n")).toContain('"ghost"');
    expect(unknown.map((issue) => issue.message).join("\n")).toContain('"phantom"');
    expect(unknown.map((issue) => issue.message).join("\n")).not.toContain('"known"');
    expect(unknown).toHaveLength(2);

    // The editor validates unsaved graphs through tRPC: the same answer.
    const unsaved = await as(team.viewer).designs.validateGraph({ graph: graphUsing(["known", "ghost"]) });
    expect(unknownServerIssues(unsaved.issues).map((issue) => issue.path)).toEqual([
      ["nodes", 0, "data", "servers", 1],
    ]);
  });

  it("refuses a run of a design naming an unregistered server, before it starts", async () => {
    const design = await api("POST", "/api/v1/designs", team.editor.token, {
      name: "Refused run",
      graph: graphUsing(["nowhere"]),
    });
    const run = await api("POST", "/api/v1/runs", team.editor.token, {
      designId: design.body.id,
      input: "hello",
      wait: true,
    });
    expect(run.status, run.text).toBe(400);
    expect(run.body.error).toMatchObject({ code: "invalid_input" });
    expect(unknownServerIssues((run.body.error as { issues: Issue[] }).issues)).toHaveLength(1);
    expect(await db().run.count({ where: { designId: design.body.id as string } })).toBe(0);

    // Once the server is registered, the same design validates without that issue.
    await as(team.owner).mcpServers.create({
      name: "nowhere",
      transport: "sse",
      url: "https://mcp.example.com/sse",
    });
    const validation = await api(
      "POST",
      `/api/v1/designs/${design.body.id as string}/validate`,
      team.viewer.token,
    );
    expect(unknownServerIssues(validation.body.issues as Issue[])).toEqual([]);
  });

  it("treats another workspace's servers as unknown", async () => {
    const other = await createTestWorkspace();
    await as(other.owner).mcpServers.create({
      name: "elsewhere",
      transport: "http",
      url: "https://mcp.example.com/x",
    });
    const result = await as(team.viewer).designs.validateGraph({ graph: graphUsing(["elsewhere"]) });
    expect(unknownServerIssues(result.issues)).toHaveLength(1);
  });
});

describe("mcpServers tRPC router", () => {
  it("creates, updates, lists and deletes through the same service as REST", async () => {
    const created = await as(team.owner).mcpServers.create({
      name: "trpc-one",
      transport: "http",
      url: "https://mcp.example.com/one",
      headers: { "X-Key": "trpc-secret-91" },
    });
    expect(created).toMatchObject({ name: "trpc-one", headerNames: ["X-Key"] });
    const updated = await as(team.owner).mcpServers.update({
      name: "trpc-one",
      patch: { transport: "http", url: "https://mcp.example.com/two", description: "Second" },
    });
    expect(updated).toMatchObject({
      url: "https://mcp.example.com/two",
      description: "Second",
      headerNames: ["X-Key"],
    });
    const listed = await as(team.viewer).mcpServers.list();
    expect(JSON.stringify(listed)).not.toContain("trpc-secret-91");
    expect(await as(team.viewer).mcpServers.get({ name: "trpc-one" })).toEqual(updated);
    expect(await as(team.owner).mcpServers.delete({ name: "trpc-one" })).toEqual({ name: "trpc-one" });
  });

  it.each([
    ["UNAUTHORIZED", () => as(null).mcpServers.list()],
    [
      "FORBIDDEN",
      () => as(team.editor).mcpServers.create({ name: "nope", transport: "http", url: "https://a.example/" }),
    ],
    ["FORBIDDEN", () => as(team.viewer).mcpServers.test({ name: "known" })],
    ["NOT_FOUND", () => as(team.owner).mcpServers.get({ name: "absent" })],
    [
      "BAD_REQUEST",
      () => as(team.owner).mcpServers.create({ name: "", transport: "http", url: "https://a.example/" }),
    ],
    [
      "CONFLICT",
      () => as(team.owner).mcpServers.create({ name: "known", transport: "http", url: "https://a.example/" }),
    ],
  ])("answers %s", async (code, attempt) => {
    const error: unknown = await attempt().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe(code);
  });

  it("answers a failed connection as a result, for test and for tools", async () => {
    await as(team.owner).mcpServers.create({
      name: "metadata",
      transport: "http",
      url: "http://169.254.169.254/mcp",
    });
    const tested = await as(team.editor).mcpServers.test({ name: "metadata" });
    expect(tested).toMatchObject({ ok: false, error: { kind: "blocked_address" } });
    const tools = await as(team.editor).mcpServers.tools({ name: "metadata" });
    expect(tools).toMatchObject({ ok: false, error: { kind: "blocked_address" } });
  });
});
