import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/server/auth/roles";
import {
  createPopulatedWorkspace,
  workspaceFingerprint,
  type PopulatedWorkspace,
} from "@/server/security/testing/populated-workspace";

/**
 * Every HTTP endpoint under app/api, attacked the ways issue 7 lists: without credentials (401),
 * from a role below the one it needs (403), and from another workspace naming this one's objects
 * (404) — and each refusal must leave the attacked workspace exactly as it was. The table below is
 * checked against the route files on disk, so a new endpoint without a row fails this suite.
 */

type Access = Role | "public";
type Fixture = { own: PopulatedWorkspace };
type Case = {
  access: Access;
  params?: (fixture: Fixture) => Record<string, string>;
  body?: (fixture: Fixture) => unknown;
  /** Names an object of the workspace (in the path or the body): another workspace gets 404. */
  foreign?: boolean;
  /** Path parameters that are record ids: malformed values must answer 404, not reach the database. */
  ids?: string[];
  /** The query string, e.g. "?designId=…". */
  query?: (fixture: Fixture) => string;
  headers?: Record<string, string>;
};

const ID = (pick: (own: PopulatedWorkspace) => string) => (fixture: Fixture) => ({ id: pick(fixture.own) });
const runId = ID((own) => own.run.id);
const designId = ID((own) => own.design.id);

const CASES: Record<string, Case> = {
  "GET /api/v1/designs": { access: "viewer" },
  "POST /api/v1/designs": { access: "editor", body: () => ({ name: "attack" }) },
  "GET /api/v1/designs/[id]": { access: "viewer", params: designId, foreign: true, ids: ["id"] },
  "PUT /api/v1/designs/[id]": {
    access: "editor",
    params: designId,
    body: () => ({ name: "defaced" }),
    foreign: true,
    ids: ["id"],
  },
  "DELETE /api/v1/designs/[id]": { access: "editor", params: designId, foreign: true, ids: ["id"] },
  "POST /api/v1/designs/[id]/duplicate": {
    access: "editor",
    params: designId,
    body: () => ({}),
    foreign: true,
    ids: ["id"],
  },
  "POST /api/v1/designs/[id]/validate": { access: "viewer", params: designId, foreign: true, ids: ["id"] },
  "GET /api/v1/designs/[id]/mcp": { access: "viewer", params: designId, foreign: true, ids: ["id"] },
  "PUT /api/v1/designs/[id]/mcp": {
    access: "editor",
    params: designId,
    body: () => ({ published: false, publicAgents: [] }),
    foreign: true,
    ids: ["id"],
  },
  "GET /api/v1/designs/[id]/versions": { access: "viewer", params: designId, foreign: true, ids: ["id"] },
  "GET /api/v1/designs/[id]/versions/[version]": {
    access: "viewer",
    params: ({ own }) => ({ id: own.design.id, version: "1" }),
    foreign: true,
    ids: ["id"],
  },
  "POST /api/v1/designs/[id]/versions/[version]/restore": {
    access: "editor",
    params: ({ own }) => ({ id: own.design.id, version: "1" }),
    body: () => ({}),
    foreign: true,
    ids: ["id"],
  },
  "GET /api/v1/runs": { access: "viewer" },
  "POST /api/v1/runs": {
    access: "editor",
    body: ({ own }) => ({ designId: own.design.id, input: "attack", wait: true }),
    foreign: true,
  },
  "GET /api/v1/runs/[id]": { access: "viewer", params: runId, foreign: true, ids: ["id"] },
  "DELETE /api/v1/runs/[id]": { access: "editor", params: runId, foreign: true, ids: ["id"] },
  "GET /api/v1/runs/[id]/events": { access: "viewer", params: runId, foreign: true, ids: ["id"] },
  "POST /api/v1/runs/[id]/cancel": { access: "editor", params: runId, foreign: true, ids: ["id"] },
  "POST /api/v1/runs/[id]/input": {
    access: "editor",
    params: runId,
    body: () => ({ requestId: "r1", response: "yes" }),
    foreign: true,
    ids: ["id"],
  },
  "POST /api/v1/runs/[id]/rerun": { access: "editor", params: runId, foreign: true, ids: ["id"] },
  "POST /api/v1/runs/[id]/share": {
    access: "editor",
    params: runId,
    body: () => ({}),
    foreign: true,
    ids: ["id"],
  },
  "DELETE /api/v1/runs/[id]/share": { access: "editor", params: runId, foreign: true, ids: ["id"] },
  "GET /api/v1/shared/runs/[token]": { access: "public", params: ({ own }) => ({ token: own.share.token }) },
  "GET /api/v1/shared/runs/[token]/events": {
    access: "public",
    params: ({ own }) => ({ token: own.share.token }),
  },
  "GET /api/v1/chats": {
    access: "viewer",
    query: ({ own }) => `?designId=${own.design.id}`,
    foreign: true,
  },
  "POST /api/v1/chats": { access: "editor", body: ({ own }) => ({ designId: own.design.id }), foreign: true },
  "GET /api/v1/chats/[id]": {
    access: "viewer",
    params: ID((own) => own.chat.id),
    foreign: true,
    ids: ["id"],
  },
  "DELETE /api/v1/chats/[id]": {
    access: "editor",
    params: ID((own) => own.chat.id),
    foreign: true,
    ids: ["id"],
  },
  "POST /api/v1/chats/[id]/messages": {
    access: "editor",
    params: ID((own) => own.chat.id),
    body: () => ({ input: "attack", wait: true }),
    foreign: true,
    ids: ["id"],
  },
  "GET /api/v1/mcp-servers": { access: "viewer" },
  "POST /api/v1/mcp-servers": {
    access: "owner",
    body: () => ({ name: "attack", transport: "http", url: "https://mcp.example.test/attack" }),
  },
  "GET /api/v1/mcp-servers/[name]": {
    access: "viewer",
    params: ({ own }) => ({ name: own.mcpServerName }),
    foreign: true,
  },
  "PUT /api/v1/mcp-servers/[name]": {
    access: "owner",
    params: ({ own }) => ({ name: own.mcpServerName }),
    body: () => ({ transport: "http", url: "https://attacker.example.test/mcp" }),
    foreign: true,
  },
  "DELETE /api/v1/mcp-servers/[name]": {
    access: "owner",
    params: ({ own }) => ({ name: own.mcpServerName }),
    foreign: true,
  },
  "POST /api/v1/mcp-servers/[name]/test": {
    access: "editor",
    params: ({ own }) => ({ name: own.mcpServerName }),
    foreign: true,
  },
  "GET /api/v1/mcp-servers/[name]/tools": {
    access: "editor",
    params: ({ own }) => ({ name: own.mcpServerName }),
    foreign: true,
  },
  "GET /api/v1/mcp-servers/[name]/resources": {
    access: "editor",
    params: ({ own }) => ({ name: own.mcpServerName }),
    foreign: true,
  },
  "GET /api/v1/mcp-servers/[name]/prompts": {
    access: "editor",
    params: ({ own }) => ({ name: own.mcpServerName }),
    foreign: true,
  },
  "GET /api/v1/providers": { access: "viewer" },
  "PUT /api/v1/providers/[provider]": {
    access: "owner",
    params: () => ({ provider: "openai" }),
    body: () => ({ apiKey: "sk-attacker-attacker-attacker" }),
  },
  "POST /api/v1/providers/[provider]/test": { access: "owner", params: () => ({ provider: "openai" }) },
  "GET /api/v1/members": { access: "viewer" },
  "PUT /api/v1/members/[userId]": {
    access: "owner",
    params: ({ own }) => ({ userId: own.viewer.userId }),
    body: () => ({ role: "owner" }),
    foreign: true,
  },
  "DELETE /api/v1/members/[userId]": {
    access: "owner",
    params: ({ own }) => ({ userId: own.editor.userId }),
    foreign: true,
  },
  "GET /api/v1/invites": { access: "owner" },
  "POST /api/v1/invites": { access: "owner", body: () => ({ role: "owner" }) },
  "DELETE /api/v1/invites/[id]": {
    access: "owner",
    params: ID((own) => own.invite.id),
    foreign: true,
    ids: ["id"],
  },
  "GET /api/v1/tokens": { access: "viewer" },
  "POST /api/v1/tokens": { access: "viewer", body: () => ({ name: "attack" }) },
  "DELETE /api/v1/tokens/[id]": {
    access: "viewer",
    params: ID((own) => own.extraToken.id),
    foreign: true,
    ids: ["id"],
  },
  "GET /api/v1/audit": { access: "owner" },
  "POST /api/mcp/[designId]": {
    access: "viewer",
    params: ({ own }) => ({ designId: own.design.id }),
    body: () => ({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    headers: { accept: "application/json, text/event-stream" },
    foreign: true,
    ids: ["designId"],
  },
  // Answers 405 to everyone: the endpoint is stateless and has no stream or session to end.
  "GET /api/mcp/[designId]": { access: "public", params: ({ own }) => ({ designId: own.design.id }) },
  "DELETE /api/mcp/[designId]": { access: "public", params: ({ own }) => ({ designId: own.design.id }) },
};

type Handler = ((
  request: Request,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response>) & {
  minimumRole?: Role;
};
type Endpoint = { key: string; method: string; file: string; handler: Handler };

const API_ROOT = path.resolve(import.meta.dirname, "../../app/api");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const full = path.join(folder, entry);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return entry === "route.ts" ? [full] : [];
  });
}

/** Every method of every route file under app/api/v1 and app/api/mcp (not better-auth, tRPC or health). */
async function discoverEndpoints(): Promise<Endpoint[]> {
  const files = [...routeFiles(path.join(API_ROOT, "v1")), ...routeFiles(path.join(API_ROOT, "mcp"))].filter(
    // The catch-all answers every unknown API path with 404; it has nothing to protect.
    (file) => !file.includes("[...path]"),
  );
  const endpoints: Endpoint[] = [];
  for (const file of files) {
    const routeModule = (await import(file)) as Record<string, unknown>;
    const routePath = "/api/" + path.relative(API_ROOT, path.dirname(file)).split(path.sep).join("/");
    for (const method of METHODS) {
      const handler = routeModule[method];
      if (typeof handler === "function")
        endpoints.push({ key: `${method} ${routePath}`, method, file, handler: handler as Handler });
    }
  }
  return endpoints;
}

async function send(
  endpoint: Endpoint,
  options: {
    token?: string;
    params?: Record<string, string>;
    query?: string;
    body?: unknown;
    headers?: Record<string, string>;
  },
) {
  const headers = new Headers({ "content-type": "application/json", ...options.headers });
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  const request = new Request(`http://localhost${endpoint.key.split(" ")[1]}${options.query ?? ""}`, {
    method: endpoint.method,
    headers,
    body: endpoint.method === "GET" || options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const response = await endpoint.handler(request, { params: Promise.resolve(options.params ?? {}) });
  return { status: response.status, text: await response.text() };
}

let endpoints: Endpoint[];
let victim: PopulatedWorkspace;
let attacker: PopulatedWorkspace;
const caseOf = (endpoint: Endpoint): Case => {
  const found = CASES[endpoint.key];
  if (!found) throw new Error(`No case for ${endpoint.key}`);
  return found;
};
const fixture = (): Fixture => ({ own: victim });

beforeAll(async () => {
  endpoints = await discoverEndpoints();
  [victim, attacker] = await Promise.all([
    createPopulatedWorkspace("victim"),
    createPopulatedWorkspace("attacker"),
  ]);
}, 120_000);

describe("the endpoint table", () => {
  it("has exactly one case per endpoint on disk", () => {
    expect(endpoints.map((endpoint) => endpoint.key).sort()).toEqual(Object.keys(CASES).sort());
  });

  it("matches the least role each REST route declares to the one gate", () => {
    for (const endpoint of endpoints) {
      const declared = endpoint.handler.minimumRole ?? "public";
      const expected = caseOf(endpoint).access;
      // The MCP endpoint checks its Bearer token itself (never the cookie); it declares nothing.
      if (endpoint.key === "POST /api/mcp/[designId]") continue;
      expect(`${endpoint.key}: ${declared}`).toBe(`${endpoint.key}: ${expected}`);
    }
  });
});

describe("without credentials", () => {
  it("every non-public endpoint answers 401 and changes nothing", async () => {
    const before = await workspaceFingerprint(victim.workspaceId);
    for (const endpoint of endpoints) {
      const current = caseOf(endpoint);
      if (current.access === "public") continue;
      const answer = await send(endpoint, {
        params: current.params?.(fixture()),
        query: current.query?.(fixture()),
        body: current.body?.(fixture()),
        headers: current.headers,
      });
      expect(`${endpoint.key} → ${answer.status}`).toBe(`${endpoint.key} → 401`);
      // The MCP endpoint answers in JSON-RPC's error shape; everything else in api.md's.
      if (!endpoint.key.includes("/api/mcp/")) {
        expect(JSON.parse(answer.text)).toMatchObject({ error: { code: "unauthenticated" } });
      }
    }
    expect(await workspaceFingerprint(victim.workspaceId)).toBe(before);
  });

  it("a revoked or made-up token is no better than none", async () => {
    const endpoint = endpoints.find((candidate) => candidate.key === "GET /api/v1/designs")!;
    for (const token of ["trl_made-up", "not even a token", `${victim.owner.token}x`]) {
      expect((await send(endpoint, { token })).status).toBe(401);
    }
  });
});

describe("from a role below the endpoint's", () => {
  const below: Record<Access, ("viewer" | "editor")[]> = {
    public: [],
    viewer: [],
    editor: ["viewer"],
    owner: ["viewer", "editor"],
  };

  it("every endpoint answers 403 and changes nothing", async () => {
    const before = await workspaceFingerprint(victim.workspaceId);
    let checked = 0;
    for (const endpoint of endpoints) {
      const current = caseOf(endpoint);
      for (const role of below[current.access]) {
        const answer = await send(endpoint, {
          token: victim[role].token,
          params: current.params?.(fixture()),
          query: current.query?.(fixture()),
          body: current.body?.(fixture()),
          headers: current.headers,
        });
        expect(`${endpoint.key} as ${role} → ${answer.status}`).toBe(`${endpoint.key} as ${role} → 403`);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(30);
    expect(await workspaceFingerprint(victim.workspaceId)).toBe(before);
  });
});

describe("from another workspace", () => {
  it("every endpoint naming this workspace's objects answers 404 and changes nothing", async () => {
    const before = await workspaceFingerprint(victim.workspaceId);
    const secrets = [victim.design.name, victim.plantedKey, victim.mcpServerName, "victim v2"];
    for (const endpoint of endpoints) {
      const current = caseOf(endpoint);
      if (!current.foreign) continue;
      const answer = await send(endpoint, {
        token: attacker.owner.token,
        params: current.params?.(fixture()),
        query: current.query?.(fixture()),
        body: current.body?.(fixture()),
        headers: current.headers,
      });
      expect(`${endpoint.key} → ${answer.status}`).toBe(`${endpoint.key} → 404`);
      for (const secret of secrets) expect(answer.text).not.toContain(secret);
    }
    expect(await workspaceFingerprint(victim.workspaceId)).toBe(before);
  });

  it("lists show none of this workspace's objects", async () => {
    for (const endpoint of endpoints) {
      const current = caseOf(endpoint);
      if (endpoint.method !== "GET" || current.params || current.query || current.access === "public")
        continue;
      const answer = await send(endpoint, { token: attacker.owner.token });
      expect(`${endpoint.key} → ${answer.status}`).toBe(`${endpoint.key} → 200`);
      for (const secret of [
        victim.design.id,
        victim.run.id,
        victim.chat.id,
        victim.mcpServerName,
        victim.owner.userId,
      ]) {
        expect(answer.text).not.toContain(secret);
      }
    }
  });
});

describe("malformed ids", () => {
  it("answer 404 before they reach the database", async () => {
    const malformed = [
      "not-a-uuid",
      "1' OR '1'='1",
      "../../etc/passwd",
      "00000000-0000-0000-0000-00000000000g",
    ];
    for (const endpoint of endpoints) {
      const current = caseOf(endpoint);
      for (const name of current.ids ?? []) {
        for (const value of malformed) {
          const params = { ...current.params?.(fixture()), [name]: value };
          const answer = await send(endpoint, {
            token: victim.owner.token,
            params,
            query: current.query?.(fixture()),
            body: current.body?.(fixture()),
            headers: current.headers,
          });
          expect(`${endpoint.key} ${name}=${value} → ${answer.status}`).toBe(
            `${endpoint.key} ${name}=${value} → 404`,
          );
        }
      }
    }
  });
});
