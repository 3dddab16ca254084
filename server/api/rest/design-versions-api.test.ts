import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import * as designById from "@/app/api/v1/designs/[id]/route";
import * as versionRestore from "@/app/api/v1/designs/[id]/versions/[version]/restore/route";
import * as versionById from "@/app/api/v1/designs/[id]/versions/[version]/route";
import * as versionList from "@/app/api/v1/designs/[id]/versions/route";
import * as designs from "@/app/api/v1/designs/route";
import { appRouter } from "@/server/api/root";
import { EXAMPLE_DESIGNS } from "@/server/designs/examples";
import { callRoute as call } from "@/server/testing/call-route";
import { createTestWorkspace } from "@/server/testing/fixtures";

const research = EXAMPLE_DESIGNS.find((example) => example.name === "Research desk")!.graph;
const empty = { version: 1, nodes: [], edges: [] };

let team: Awaited<ReturnType<typeof createTestWorkspace>>;
let otherTeam: Awaited<ReturnType<typeof createTestWorkspace>>;

beforeAll(async () => {
  team = await createTestWorkspace();
  otherTeam = await createTestWorkspace();
});

/** A design at version 2: v1 the research desk, v2 emptied. */
async function designWithTwoVersions(): Promise<string> {
  const created = await call(designs.POST, {
    method: "POST",
    token: team.editor.token,
    body: { name: "Versioned", graph: research },
  });
  const id = created.body.id as string;
  const saved = await call(designById.PUT, {
    method: "PUT",
    token: team.editor.token,
    params: { id },
    body: { graph: empty, expectedVersion: 1 },
  });
  expect(saved.status).toBe(200);
  return id;
}

describe("GET /api/v1/designs/:id/versions", () => {
  it("lists versions newest first with authors", async () => {
    const id = await designWithTwoVersions();
    const response = await call(versionList.GET, { token: team.viewer.token, params: { id } });
    expect(response.status).toBe(200);
    const versions = response.body.versions as {
      version: number;
      name: string;
      createdAt: string;
      author: { name: string; email: string } | null;
    }[];
    expect(versions.map((version) => [version.version, version.name, version.author?.name])).toEqual([
      [2, "Versioned", "editor"],
      [1, "Versioned", "editor"],
    ]);
    for (const version of versions) {
      expect(Object.keys(version).sort()).toEqual(["author", "createdAt", "name", "version"]);
      expect(Number.isNaN(Date.parse(version.createdAt))).toBe(false);
      expect(version.author?.email).toMatch(/^editor-.*@example\.test$/);
    }
  });

  it("answers 404 for another workspace's design and for malformed ids", async () => {
    const id = await designWithTwoVersions();
    for (const [token, designId] of [
      [otherTeam.owner.token, id],
      [team.owner.token, "nope"],
    ] as const) {
      const response = await call(versionList.GET, { token, params: { id: designId } });
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ error: { code: "not_found" } });
    }
  });

  it("answers 401 without a token", async () => {
    const response = await call(versionList.GET, { params: { id: randomUUID() } });
    expect(response.status).toBe(401);
  });
});

describe("GET /api/v1/designs/:id/versions/:version", () => {
  it("returns the version with its graph", async () => {
    const id = await designWithTwoVersions();
    const response = await call(versionById.GET, { token: team.viewer.token, params: { id, version: "1" } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ version: 1, name: "Versioned", description: "", graph: research });
  });

  it.each(["3", "0", "abc", "1.5", "-1"])("answers 404 for version %s", async (version) => {
    const id = await designWithTwoVersions();
    const response = await call(versionById.GET, { token: team.viewer.token, params: { id, version } });
    expect(response.status).toBe(404);
  });

  it("answers 404 across workspaces", async () => {
    const id = await designWithTwoVersions();
    const response = await call(versionById.GET, {
      token: otherTeam.owner.token,
      params: { id, version: "1" },
    });
    expect(response.status).toBe(404);
  });
});

describe("POST /api/v1/designs/:id/versions/:version/restore", () => {
  it("saves the old version as a new version", async () => {
    const id = await designWithTwoVersions();
    const response = await call(versionRestore.POST, {
      method: "POST",
      token: team.editor.token,
      params: { id, version: "1" },
      body: { expectedVersion: 2 },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id, version: 3, graph: research });
    const list = await call(versionList.GET, { token: team.viewer.token, params: { id } });
    expect((list.body.versions as { version: number }[]).map((version) => version.version)).toEqual([
      3, 2, 1,
    ]);
  });

  it("accepts an empty body", async () => {
    const id = await designWithTwoVersions();
    const response = await call(versionRestore.POST, {
      method: "POST",
      token: team.owner.token,
      params: { id, version: "1" },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ version: 3 });
  });

  it("answers 409 with the current version when expectedVersion is stale", async () => {
    const id = await designWithTwoVersions();
    const response = await call(versionRestore.POST, {
      method: "POST",
      token: team.editor.token,
      params: { id, version: "1" },
      body: { expectedVersion: 1 },
    });
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ error: { code: "conflict", currentVersion: 2 } });
  });

  it("answers 403 to a viewer", async () => {
    const id = await designWithTwoVersions();
    const response = await call(versionRestore.POST, {
      method: "POST",
      token: team.viewer.token,
      params: { id, version: "1" },
      body: {},
    });
    expect(response.status).toBe(403);
    const design = await call(designById.GET, { token: team.viewer.token, params: { id } });
    expect(design.body).toMatchObject({ version: 2 });
  });

  it("answers 404 across workspaces", async () => {
    const id = await designWithTwoVersions();
    const response = await call(versionRestore.POST, {
      method: "POST",
      token: otherTeam.editor.token,
      params: { id, version: "1" },
      body: {},
    });
    expect(response.status).toBe(404);
  });

  it.each([
    ["an unknown field", { expectedVersion: 2, force: true }],
    ["a text version", { expectedVersion: "2" }],
    ["version zero", { expectedVersion: 0 }],
  ])("answers 400 for %s", async (_label, body) => {
    const id = await designWithTwoVersions();
    const response = await call(versionRestore.POST, {
      method: "POST",
      token: team.editor.token,
      params: { id, version: "1" },
      body,
    });
    expect(response.status).toBe(400);
  });
});

describe("versions over tRPC", () => {
  const as = (caller: (typeof team)["owner"]) => appRouter.createCaller({ caller, headers: new Headers() });

  it("lists, reads and restores through the same service", async () => {
    const id = await designWithTwoVersions();
    const versions = await as(team.viewer).designs.versions({ id });
    expect(versions.map((version) => version.version)).toEqual([2, 1]);
    expect(versions[0]?.createdAt).toBeInstanceOf(Date);
    expect((await as(team.viewer).designs.version({ id, version: 1 })).graph).toEqual(research);
    const restored = await as(team.editor).designs.restoreVersion({ id, version: 1, expectedVersion: 2 });
    expect(restored).toMatchObject({ version: 3, graph: research });
  });

  it.each([
    ["FORBIDDEN", () => as(team.viewer).designs.restoreVersion({ id: randomUUID(), version: 1 })],
    ["NOT_FOUND", () => as(otherTeam.owner).designs.versions({ id: randomUUID() })],
    ["BAD_REQUEST", () => as(team.owner).designs.version({ id: randomUUID(), version: 0 })],
  ])("answers %s", async (code, attempt) => {
    const error: unknown = await attempt().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe(code);
  });

  it("answers CONFLICT for a stale expectedVersion", async () => {
    const id = await designWithTwoVersions();
    const error: unknown = await as(team.editor)
      .designs.restoreVersion({ id, version: 1, expectedVersion: 1 })
      .catch((caught: unknown) => caught);
    expect((error as TRPCError).code).toBe("CONFLICT");
  });
});
