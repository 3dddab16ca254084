import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as serverByName from "@/app/api/v1/mcp-servers/[name]/route";
import * as serverPrompts from "@/app/api/v1/mcp-servers/[name]/prompts/route";
import * as serverResources from "@/app/api/v1/mcp-servers/[name]/resources/route";
import * as serverTest from "@/app/api/v1/mcp-servers/[name]/test/route";
import * as serverTools from "@/app/api/v1/mcp-servers/[name]/tools/route";
import * as servers from "@/app/api/v1/mcp-servers/route";
import { db } from "@/server/db/client";
import { loadMcpServerEntries } from "@/server/mcp/registry/entries";
import { McpSecretsUnreadableError } from "@/server/mcp/registry/secret-maps";
import { createTestWorkspace } from "@/server/testing/fixtures";
import { serveRoutes } from "@/server/testing/route-server";

/**
 * The MCP server registry over real HTTP (REST v1), against the real database and, for
 * "Test connection", a real @modelcontextprotocol/server-everything over stdio.
 */

const root = fileURLToPath(new URL("../../../", import.meta.url));
const EVERYTHING = path.join(root, "node_modules/@modelcontextprotocol/server-everything/dist/index.js");
const dataDir = mkdtempSync(path.join(tmpdir(), "trellis-registry-test-"));
// Read by the connector and the registry's stdio policy through serverEnv(), at the first request.
process.env.TRELLIS_MCP_STDIO_ALLOW = process.execPath;
process.env.TRELLIS_DATA_DIR = dataDir;
process.env.TRELLIS_MCP_CONNECT_TIMEOUT_SECONDS = "30";

let team: Awaited<ReturnType<typeof createTestWorkspace>>;
let otherTeam: Awaited<ReturnType<typeof createTestWorkspace>>;
let server: Awaited<ReturnType<typeof serveRoutes>>;

beforeAll(async () => {
  team = await createTestWorkspace();
  otherTeam = await createTestWorkspace();
  server = await serveRoutes([
    { method: "GET", path: "/api/v1/mcp-servers", handler: servers.GET },
    { method: "POST", path: "/api/v1/mcp-servers", handler: servers.POST },
    { method: "GET", path: "/api/v1/mcp-servers/[name]", handler: serverByName.GET },
    { method: "PUT", path: "/api/v1/mcp-servers/[name]", handler: serverByName.PUT },
    { method: "DELETE", path: "/api/v1/mcp-servers/[name]", handler: serverByName.DELETE },
    { method: "GET", path: "/api/v1/mcp-servers/[name]/tools", handler: serverTools.GET },
    { method: "GET", path: "/api/v1/mcp-servers/[name]/resources", handler: serverResources.GET },
    { method: "GET", path: "/api/v1/mcp-servers/[name]/prompts", handler: serverPrompts.GET },
    { method: "POST", path: "/api/v1/mcp-servers/[name]/test", handler: serverTest.POST },
  ]);
});

afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

// Late-bound: `server` is only there once beforeAll has run.
const api = (...request: Parameters<typeof server.api>) => server.api(...request);

const ENV_SECRET = "env-secret-5f1c9a";
const HEADER_SECRET = "header-secret-77d0b2";

const stdioBody = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  transport: "stdio",
  command: process.execPath,
  args: [EVERYTHING, "stdio"],
  env: { API_KEY: ENV_SECRET, MODE: "quiet" },
  description: "The reference server",
  ...extra,
});

const httpBody = (name: string) => ({
  name,
  transport: "http",
  url: "https://mcp.example.com/mcp",
  headers: { Authorization: `Bearer ${HEADER_SECRET}` },
});

async function storedRow(workspaceId: string, name: string) {
  return db().mcpServer.findUniqueOrThrow({ where: { workspaceId_name: { workspaceId, name } } });
}

async function storedEntry(workspaceId: string, name: string) {
  const entry = (await loadMcpServerEntries(workspaceId)).get(name);
  if (!entry) throw new Error(`no entry ${name}`);
  return entry;
}

describe("authentication and roles", () => {
  it("answers 401 without a token, on reads and writes", async () => {
    for (const [method, urlPath] of [
      ["GET", "/api/v1/mcp-servers"],
      ["POST", "/api/v1/mcp-servers"],
      ["GET", "/api/v1/mcp-servers/anything/tools"],
      ["POST", "/api/v1/mcp-servers/anything/test"],
    ] as const) {
      const response = await api(method, urlPath, undefined, method === "POST" ? stdioBody("x") : undefined);
      expect(response.status, `${method} ${urlPath}`).toBe(401);
      expect(response.body).toMatchObject({ error: { code: "unauthenticated" } });
    }
  });

  it("lets only owners add, change and delete servers (403 for editors and viewers)", async () => {
    await api("POST", "/api/v1/mcp-servers", team.owner.token, httpBody("roles-check"));
    for (const member of [team.editor, team.viewer]) {
      const create = await api("POST", "/api/v1/mcp-servers", member.token, httpBody(`by-${member.role}`));
      expect(create.status).toBe(403);
      expect(create.body).toMatchObject({ error: { code: "forbidden" } });
      const update = await api(
        "PUT",
        "/api/v1/mcp-servers/roles-check",
        member.token,
        httpBody("roles-check"),
      );
      expect(update.status).toBe(403);
      const remove = await api("DELETE", "/api/v1/mcp-servers/roles-check", member.token);
      expect(remove.status).toBe(403);
      // Reading is for every member.
      const list = await api("GET", "/api/v1/mcp-servers", member.token);
      expect(list.status).toBe(200);
      expect((list.body.servers as { name: string }[]).map((entry) => entry.name)).toContain("roles-check");
    }
    expect((await api("GET", "/api/v1/mcp-servers/roles-check", team.owner.token)).status).toBe(200);
  });

  it("does not let viewers connect (test or tool listing)", async () => {
    await api("POST", "/api/v1/mcp-servers", team.owner.token, httpBody("viewer-connect"));
    expect((await api("POST", "/api/v1/mcp-servers/viewer-connect/test", team.viewer.token)).status).toBe(
      403,
    );
    expect((await api("GET", "/api/v1/mcp-servers/viewer-connect/tools", team.viewer.token)).status).toBe(
      403,
    );
  });
});

describe("create, list, get", () => {
  it("registers a stdio server: 201 with a summary that names its secrets but never shows them", async () => {
    const created = await api("POST", "/api/v1/mcp-servers", team.owner.token, stdioBody("everything"));
    expect(created.status, created.text).toBe(201);
    expect(created.body).toEqual({
      name: "everything",
      description: "The reference server",
      transport: "stdio",
      command: process.execPath,
      args: [EVERYTHING, "stdio"],
      envNames: ["API_KEY", "MODE"],
      createdAt: expect.any(String) as string,
      updatedAt: expect.any(String) as string,
    });
    expect(created.text).not.toContain(ENV_SECRET);

    const list = await api("GET", "/api/v1/mcp-servers", team.viewer.token);
    expect(list.status).toBe(200);
    expect(list.text).not.toContain(ENV_SECRET);
    expect(list.body.servers).toContainEqual(created.body);
    const one = await api("GET", "/api/v1/mcp-servers/everything", team.viewer.token);
    expect(one.body).toEqual(created.body);
    expect(one.text).not.toContain("quiet");

    // At rest: ciphertext only, names in clear; the server itself can still read the values.
    const row = await storedRow(team.workspaceId, "everything");
    expect(row.envEncrypted).toMatch(/^v1\./);
    expect(row.envEncrypted).not.toContain(ENV_SECRET);
    expect(JSON.stringify(row)).not.toContain(ENV_SECRET);
    expect(row.envNames).toEqual(["API_KEY", "MODE"]);
    expect(await storedEntry(team.workspaceId, "everything")).toMatchObject({
      env: { API_KEY: ENV_SECRET, MODE: "quiet" },
    });
  });

  it("registers an http server with encrypted headers", async () => {
    const created = await api("POST", "/api/v1/mcp-servers", team.owner.token, httpBody("remote"));
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({
      name: "remote",
      transport: "http",
      url: "https://mcp.example.com/mcp",
      headerNames: ["Authorization"],
    });
    expect(created.text).not.toContain(HEADER_SECRET);
    const row = await storedRow(team.workspaceId, "remote");
    expect(row.headersEncrypted).not.toBeNull();
    expect(JSON.stringify(row)).not.toContain(HEADER_SECRET);
    expect(await storedEntry(team.workspaceId, "remote")).toMatchObject({
      headers: { Authorization: `Bearer ${HEADER_SECRET}` },
    });
    const list = await api("GET", "/api/v1/mcp-servers", team.owner.token);
    expect(list.text).not.toContain(HEADER_SECRET);
  });

  it("answers 409 for a name already taken in the workspace, but not in another workspace", async () => {
    expect((await api("POST", "/api/v1/mcp-servers", team.owner.token, httpBody("taken"))).status).toBe(201);
    const again = await api("POST", "/api/v1/mcp-servers", team.owner.token, httpBody("taken"));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: "conflict" } });
    expect((await api("POST", "/api/v1/mcp-servers", otherTeam.owner.token, httpBody("taken"))).status).toBe(
      201,
    );
  });

  it.each([
    ["no transport", { name: "a" }, "transport"],
    ["a bad name", { ...httpBody("x"), name: "bad name!" }, "name"],
    ["a name with '__'", { ...httpBody("x"), name: "a__b" }, "name"],
    ["a non-http URL", { ...httpBody("x"), url: "ftp://example.com/" }, "url"],
    ["an unknown field", { ...httpBody("x"), extra: true }, ""],
    ["stdio fields on http", { ...httpBody("x"), command: "node" }, ""],
    ["an empty command", stdioBody("x", { command: "" }), "command"],
    ["a bad env name", stdioBody("x", { env: { "1BAD": "v" } }), "env"],
    ["a header value with a line break", { ...httpBody("x"), headers: { "X-A": "a\r\nb" } }, "headers"],
  ])("answers 400 with issues for %s", async (_label, body, field) => {
    const response = await api("POST", "/api/v1/mcp-servers", team.owner.token, body);
    expect(response.status, response.text).toBe(400);
    const error = response.body.error as { code: string; issues: { path: unknown[] }[] };
    expect(error.code).toBe("invalid_input");
    expect(error.issues.length).toBeGreaterThan(0);
    if (field) expect(error.issues.map((issue) => issue.path[0])).toContain(field);
  });

  it("answers 400 for a body that is not JSON", async () => {
    const response = await api("POST", "/api/v1/mcp-servers", team.owner.token, "{not json");
    expect(response.status).toBe(400);
  });

  it("refuses a stdio command that is not on TRELLIS_MCP_STDIO_ALLOW when it is saved", async () => {
    const response = await api(
      "POST",
      "/api/v1/mcp-servers",
      team.owner.token,
      stdioBody("unlisted", { command: "/bin/sh", args: ["-c", "echo hi"] }),
    );
    expect(response.status, response.text).toBe(400);
    expect(response.body.error).toMatchObject({
      code: "invalid_input",
      issues: [{ code: "mcp_not_allowed", path: ["command"] }],
    });
    expect((await api("GET", "/api/v1/mcp-servers/unlisted", team.owner.token)).status).toBe(404);
  });

  it("refuses a working folder outside the MCP working folder", async () => {
    const response = await api(
      "POST",
      "/api/v1/mcp-servers",
      team.owner.token,
      stdioBody("escape", { cwd: "../.." }),
    );
    expect(response.status, response.text).toBe(400);
    expect(response.body.error).toMatchObject({ issues: [{ code: "mcp_not_allowed" }] });
  });
});

describe("update", () => {
  it("keeps stored env values when env is omitted, replaces them with an explicit map, keeps single values given as null", async () => {
    await api("POST", "/api/v1/mcp-servers", team.owner.token, stdioBody("upd"));

    const kept = await api("PUT", "/api/v1/mcp-servers/upd", team.owner.token, {
      transport: "stdio",
      command: process.execPath,
      args: [EVERYTHING, "stdio", "--flag"],
    });
    expect(kept.status, kept.text).toBe(200);
    expect(kept.body).toMatchObject({
      name: "upd",
      description: "The reference server",
      args: [EVERYTHING, "stdio", "--flag"],
      envNames: ["API_KEY", "MODE"],
    });
    expect((await storedEntry(team.workspaceId, "upd")).transport === "stdio").toBe(true);
    expect(await storedEntry(team.workspaceId, "upd")).toMatchObject({
      env: { API_KEY: ENV_SECRET, MODE: "quiet" },
    });

    const merged = await api("PUT", "/api/v1/mcp-servers/upd", team.owner.token, {
      transport: "stdio",
      command: process.execPath,
      env: { API_KEY: null, ADDED: "new-value-31" },
    });
    expect(merged.status, merged.text).toBe(200);
    expect(merged.body.envNames).toEqual(["ADDED", "API_KEY"]);
    expect(merged.text).not.toContain("new-value-31");
    expect(await storedEntry(team.workspaceId, "upd")).toMatchObject({
      args: [],
      env: { API_KEY: ENV_SECRET, ADDED: "new-value-31" },
    });

    const replaced = await api("PUT", "/api/v1/mcp-servers/upd", team.owner.token, {
      transport: "stdio",
      command: process.execPath,
      env: {},
    });
    expect(replaced.body.envNames).toEqual([]);
    expect((await storedRow(team.workspaceId, "upd")).envEncrypted).toBeNull();
  });

  it("answers 400 when null asks to keep a value that is not stored", async () => {
    await api("POST", "/api/v1/mcp-servers", team.owner.token, stdioBody("keep-missing"));
    const response = await api("PUT", "/api/v1/mcp-servers/keep-missing", team.owner.token, {
      transport: "stdio",
      command: process.execPath,
      env: { NEVER_SET: null },
    });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({
      issues: [{ code: "no_stored_value", path: ["env", "NEVER_SET"] }],
    });
  });

  it("renames (secrets still readable), answers 409 for a taken name and 404 for an unknown one", async () => {
    await api("POST", "/api/v1/mcp-servers", team.owner.token, stdioBody("before"));
    await api("POST", "/api/v1/mcp-servers", team.owner.token, httpBody("occupied"));
    const renamed = await api("PUT", "/api/v1/mcp-servers/before", team.owner.token, {
      name: "after",
      transport: "stdio",
      command: process.execPath,
      args: [EVERYTHING, "stdio"],
    });
    expect(renamed.status, renamed.text).toBe(200);
    expect(renamed.body.name).toBe("after");
    expect((await api("GET", "/api/v1/mcp-servers/before", team.owner.token)).status).toBe(404);
    expect(await storedEntry(team.workspaceId, "after")).toMatchObject({ env: { API_KEY: ENV_SECRET } });

    const clash = await api("PUT", "/api/v1/mcp-servers/after", team.owner.token, {
      name: "occupied",
      transport: "stdio",
      command: process.execPath,
    });
    expect(clash.status).toBe(409);
    const unknown = await api("PUT", "/api/v1/mcp-servers/nobody", team.owner.token, httpBody("nobody"));
    expect(unknown.status).toBe(404);
  });

  it("drops env when the transport changes to http, and keeps headers across http and sse", async () => {
    await api("POST", "/api/v1/mcp-servers", team.owner.token, stdioBody("switch"));
    const toHttp = await api("PUT", "/api/v1/mcp-servers/switch", team.owner.token, httpBody("switch"));
    expect(toHttp.status, toHttp.text).toBe(200);
    expect(toHttp.body).toMatchObject({ transport: "http", headerNames: ["Authorization"] });
    expect(toHttp.body.command).toBeUndefined();
    const row = await storedRow(team.workspaceId, "switch");
    expect(row).toMatchObject({ envEncrypted: null, envNames: [], command: null, args: [] });

    const toSse = await api("PUT", "/api/v1/mcp-servers/switch", team.owner.token, {
      transport: "sse",
      url: "https://mcp.example.com/sse",
    });
    expect(toSse.body).toMatchObject({ transport: "sse", headerNames: ["Authorization"] });
    expect(await storedEntry(team.workspaceId, "switch")).toMatchObject({
      headers: { Authorization: `Bearer ${HEADER_SECRET}` },
    });
  });

  it("answers 400 for a malformed update", async () => {
    await api("POST", "/api/v1/mcp-servers", team.owner.token, httpBody("bad-update"));
    const response = await api("PUT", "/api/v1/mcp-servers/bad-update", team.owner.token, {
      transport: "http",
      url: "not a url",
    });
    expect(response.status).toBe(400);
    expect((response.body.error as { issues: unknown[] }).issues.length).toBeGreaterThan(0);
  });
});

describe("delete and other workspaces", () => {
  it("deletes with 204, then answers 404", async () => {
    await api("POST", "/api/v1/mcp-servers", team.owner.token, httpBody("doomed"));
    const removed = await api("DELETE", "/api/v1/mcp-servers/doomed", team.owner.token);
    expect(removed.status).toBe(204);
    expect(removed.text).toBe("");
    expect((await api("GET", "/api/v1/mcp-servers/doomed", team.owner.token)).status).toBe(404);
    expect((await api("DELETE", "/api/v1/mcp-servers/doomed", team.owner.token)).status).toBe(404);
  });

  it("never shows or touches another workspace's servers (404)", async () => {
    await api("POST", "/api/v1/mcp-servers", otherTeam.owner.token, httpBody("theirs"));
    expect((await api("GET", "/api/v1/mcp-servers/theirs", team.owner.token)).status).toBe(404);
    expect(
      (await api("PUT", "/api/v1/mcp-servers/theirs", team.owner.token, httpBody("theirs"))).status,
    ).toBe(404);
    expect((await api("DELETE", "/api/v1/mcp-servers/theirs", team.owner.token)).status).toBe(404);
    expect((await api("POST", "/api/v1/mcp-servers/theirs/test", team.owner.token)).status).toBe(404);
    const list = await api("GET", "/api/v1/mcp-servers", team.owner.token);
    expect((list.body.servers as { name: string }[]).map((entry) => entry.name)).not.toContain("theirs");
    expect((await api("GET", "/api/v1/mcp-servers/theirs", otherTeam.viewer.token)).status).toBe(200);
  });

  it("answers 404 for names that cannot exist", async () => {
    expect((await api("GET", "/api/v1/mcp-servers/has%20space", team.owner.token)).status).toBe(404);
    expect((await api("DELETE", `/api/v1/mcp-servers/${"x".repeat(40)}`, team.owner.token)).status).toBe(404);
  });

  it("binds ciphertexts to their row: a value copied to another server does not decrypt", async () => {
    const workspace = await createTestWorkspace();
    await api("POST", "/api/v1/mcp-servers", workspace.owner.token, stdioBody("source"));
    await api("POST", "/api/v1/mcp-servers", workspace.owner.token, stdioBody("target", { env: { A: "b" } }));
    const source = await storedRow(workspace.workspaceId, "source");
    await db().mcpServer.update({
      where: { workspaceId_name: { workspaceId: workspace.workspaceId, name: "target" } },
      data: { envEncrypted: source.envEncrypted },
    });
    await expect(loadMcpServerEntries(workspace.workspaceId)).rejects.toBeInstanceOf(
      McpSecretsUnreadableError,
    );
    // Entering the values again repairs it.
    const repaired = await api("PUT", "/api/v1/mcp-servers/target", workspace.owner.token, {
      transport: "stdio",
      command: process.execPath,
      env: { A: "c" },
    });
    expect(repaired.status, repaired.text).toBe(200);
    expect((await loadMcpServerEntries(workspace.workspaceId)).get("target")).toMatchObject({
      env: { A: "c" },
    });
  });
});

describe("test connection and tool listing (real server-everything over stdio)", () => {
  it("lists tools, resources and prompts; GET tools answers { tools }", async () => {
    const created = await api("POST", "/api/v1/mcp-servers", team.owner.token, stdioBody("live"));
    expect(created.status, created.text).toBe(201);

    const tested = await api("POST", "/api/v1/mcp-servers/live/test", team.editor.token);
    expect(tested.status, tested.text).toBe(200);
    const result = tested.body as {
      ok: boolean;
      tools: { name: string; description: string; inputSchema: object }[];
      resources: { uri: string; name: string }[];
      prompts: { name: string }[];
    };
    expect(result.ok).toBe(true);
    expect(result.tools.map((tool) => tool.name)).toContain("echo");
    expect(result.resources.length).toBeGreaterThan(0);
    expect(result.prompts.length).toBeGreaterThan(0);
    expect(tested.text).not.toContain(ENV_SECRET);

    const tools = await api("GET", "/api/v1/mcp-servers/live/tools", team.owner.token);
    expect(tools.status, tools.text).toBe(200);
    expect(Object.keys(tools.body)).toEqual(["tools"]);
    const echo = (
      tools.body.tools as { name: string; description: string; inputSchema: { type: string } }[]
    ).find((tool) => tool.name === "echo");
    expect(echo).toMatchObject({
      name: "echo",
      description: expect.any(String) as string,
      inputSchema: { type: "object" },
    });

    const prompts = await api("GET", "/api/v1/mcp-servers/live/prompts", team.editor.token);
    expect(prompts.status).toBe(200);
    expect((prompts.body.prompts as unknown[]).length).toBe(result.prompts.length);
    const resources = await api("GET", "/api/v1/mcp-servers/live/resources", team.editor.token);
    expect(resources.status).toBe(200);
    expect((resources.body.resources as unknown[]).length).toBe(result.resources.length);
  });

  it("answers a failed connection as { ok: false, error: { kind, message } } (200), and 502 for GET tools", async () => {
    // Loopback without TRELLIS_MCP_ALLOW_HOSTS: the address guard refuses it before connecting.
    const created = await api("POST", "/api/v1/mcp-servers", team.owner.token, {
      name: "loopback",
      transport: "http",
      url: "http://127.0.0.1:9/mcp",
    });
    expect(created.status).toBe(201);
    const tested = await api("POST", "/api/v1/mcp-servers/loopback/test", team.owner.token);
    expect(tested.status, tested.text).toBe(200);
    expect(tested.body).toMatchObject({ ok: false, error: { kind: "blocked_address" } });
    expect((tested.body.error as { message: string }).message.length).toBeGreaterThan(0);

    const tools = await api("GET", "/api/v1/mcp-servers/loopback/tools", team.owner.token);
    expect(tools.status).toBe(502);
    expect(tools.body).toMatchObject({ error: { code: "mcp_connection_failed", kind: "blocked_address" } });
  });

  it("reports a stdio server that cannot start as a failure of kind cannot_start", async () => {
    await api("POST", "/api/v1/mcp-servers", team.owner.token, {
      name: "missing-script",
      transport: "stdio",
      command: process.execPath,
      args: [path.join(dataDir, "does-not-exist.js")],
    });
    const tested = await api("POST", "/api/v1/mcp-servers/missing-script/test", team.owner.token);
    expect(tested.status, tested.text).toBe(200);
    expect(tested.body).toMatchObject({ ok: false, error: { kind: "cannot_start" } });
  });

  it("answers 404 for testing an unknown server", async () => {
    expect((await api("POST", "/api/v1/mcp-servers/ghost/test", team.owner.token)).status).toBe(404);
  });
});
