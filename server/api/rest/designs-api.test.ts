import { describe, expect, it, beforeAll } from "vitest";
import * as designById from "@/app/api/v1/designs/[id]/route";
import * as duplicateRoute from "@/app/api/v1/designs/[id]/duplicate/route";
import * as validateRoute from "@/app/api/v1/designs/[id]/validate/route";
import * as designs from "@/app/api/v1/designs/route";
import * as unknownRoute from "@/app/api/v1/[...path]/route";
import { revokeApiToken } from "@/server/auth/api-tokens";
import { db } from "@/server/db/client";
import { EXAMPLE_DESIGNS } from "@/server/designs/examples";
import { callRoute } from "@/server/testing/call-route";
import { createTestWorkspace } from "@/server/testing/fixtures";

const call = callRoute;

const research = EXAMPLE_DESIGNS.find((example) => example.name === "Research desk")!;

let team: Awaited<ReturnType<typeof createTestWorkspace>>;
let otherTeam: Awaited<ReturnType<typeof createTestWorkspace>>;

beforeAll(async () => {
  team = await createTestWorkspace();
  otherTeam = await createTestWorkspace();
});

async function createDesign(name = "My design", graph: unknown = research.graph) {
  const created = await call(designs.POST, {
    method: "POST",
    token: team.editor.token,
    body: { name, graph },
  });
  expect(created.status).toBe(201);
  return created.body as { id: string; version: number; name: string };
}

describe("authentication", () => {
  it.each([
    ["no token", undefined],
    ["an unknown token", "trl_not-a-real-token"],
    ["a malformed header value", "garbage"],
  ])("answers 401 with %s", async (_label, token) => {
    const response = await call(designs.GET, { token });
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ error: { code: "unauthenticated" } });
  });

  it("answers 401 once a token is revoked", async () => {
    const fresh = await createTestWorkspace();
    expect((await call(designs.GET, { token: fresh.owner.token })).status).toBe(200);
    const row = await db().apiToken.findFirstOrThrow({
      where: { workspaceId: fresh.workspaceId, userId: fresh.owner.userId },
    });
    await revokeApiToken(fresh.workspaceId, row.id);
    expect((await call(designs.GET, { token: fresh.owner.token })).status).toBe(401);
  });

  it("stores tokens only hashed", async () => {
    const rows = await db().apiToken.findMany({ where: { workspaceId: team.workspaceId } });
    for (const row of rows) expect(row.tokenHash).not.toContain("trl_");
    expect(rows.map((row) => row.tokenHash)).not.toContain(team.owner.token);
  });
});

describe("POST /api/v1/designs", () => {
  it("creates a design at version 1 with its graph", async () => {
    const response = await call(designs.POST, {
      method: "POST",
      token: team.editor.token,
      body: { name: "Research", graph: research.graph, description: "front desk" },
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      name: "Research",
      version: 1,
      description: "front desk",
      graph: research.graph,
    });
    expect(await db().designVersion.count({ where: { designId: response.body.id as string } })).toBe(1);
  });

  it.each([
    `<script>alert("x")</script>`,
    `Robert'); DROP TABLE design;--`,
    "../../etc/passwd",
    "Ünïcödé ✨ 设计",
  ])("stores the name %s literally", async (name) => {
    const created = await createDesign(name);
    const fetched = await call(designById.GET, { token: team.viewer.token, params: { id: created.id } });
    expect(fetched.body).toMatchObject({ name });
  });

  it("answers 400 for a body that is not JSON", async () => {
    const response = await call(designs.POST, {
      method: "POST",
      token: team.editor.token,
      rawBody: "{not json",
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: { code: "invalid_input", message: "The request body is not valid JSON." },
    });
  });

  it.each([
    ["a missing name", { graph: research.graph }],
    ["a blank name", { name: "   ", graph: research.graph }],
    ["a name with a control character", { name: "bad\u0007name" }],
    ["a name of 201 characters", { name: "x".repeat(201) }],
    ["a number as name", { name: 42 }],
    ["an unknown field", { name: "ok", colour: "red" }],
  ])("answers 400 with the issues for %s", async (_label, body) => {
    const before = await db().design.count({ where: { workspaceId: team.workspaceId } });
    const response = await call(designs.POST, { method: "POST", token: team.editor.token, body });
    expect(response.status).toBe(400);
    expect((response.body.error as { issues: unknown[] }).issues.length).toBeGreaterThan(0);
    expect(await db().design.count({ where: { workspaceId: team.workspaceId } })).toBe(before);
  });

  it("answers 400 naming the node for an unknown field inside the graph", async () => {
    const graph = structuredClone(research.graph) as { nodes: { data: Record<string, unknown> }[] };
    graph.nodes[1]!.data.colour = "red";
    const response = await call(designs.POST, {
      method: "POST",
      token: team.editor.token,
      body: { name: "x", graph },
    });
    expect(response.status).toBe(400);
    const issues = (response.body.error as { issues: { code: string; nodeId?: string }[] }).issues;
    expect(issues).toContainEqual(
      expect.objectContaining({ code: "invalid_node", nodeId: research.graph.nodes[1]!.id }),
    );
  });

  it("saves a graph that still has validation errors (a design in progress)", async () => {
    const graph = {
      version: 1,
      nodes: [{ id: "c", type: "chain", position: { x: 0, y: 0 }, data: { name: "empty" } }],
      edges: [],
    };
    const created = await createDesign("In progress", graph);
    const validation = await call(validateRoute.POST, {
      method: "POST",
      token: team.viewer.token,
      params: { id: created.id },
    });
    expect(validation.status).toBe(200);
    expect(validation.body).toMatchObject({
      valid: false,
      issues: [expect.objectContaining({ code: "missing_child", nodeId: "c" })],
    });
  });

  it("answers 413 for a body over 1 MiB and for a graph over 256 KiB", async () => {
    const huge = await call(designs.POST, {
      method: "POST",
      token: team.editor.token,
      rawBody: JSON.stringify({ name: "x", pad: "y".repeat(1_100_000) }),
    });
    expect(huge.status).toBe(413);
    const bigGraph = {
      version: 1,
      nodes: [
        {
          id: "a",
          type: "agent",
          position: { x: 0, y: 0 },
          data: { name: "a", instruction: "z".repeat(300_000) },
        },
      ],
      edges: [],
    };
    const big = await call(designs.POST, {
      method: "POST",
      token: team.editor.token,
      body: { name: "x", graph: bigGraph },
    });
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ error: { code: "payload_too_large" } });
  });

  it("answers 403 to a viewer", async () => {
    const response = await call(designs.POST, {
      method: "POST",
      token: team.viewer.token,
      body: { name: "x" },
    });
    expect(response.status).toBe(403);
  });
});

describe("GET /api/v1/designs and /:id", () => {
  it("lists only the caller's workspace, newest first", async () => {
    const mine = await createDesign("Listed");
    const theirs = await call(designs.POST, {
      method: "POST",
      token: otherTeam.owner.token,
      body: { name: "Secret" },
    });
    const list = await call(designs.GET, { token: team.viewer.token });
    const ids = (list.body.designs as { id: string }[]).map((design) => design.id);
    expect(ids[0]).toBe(mine.id);
    expect(ids).not.toContain(theirs.body.id);
  });

  it("filters by search", async () => {
    await createDesign("Needle in a haystack");
    const list = await call(designs.GET, { token: team.viewer.token, query: "?search=needle" });
    expect((list.body.designs as { name: string }[]).map((design) => design.name)).toEqual([
      "Needle in a haystack",
    ]);
  });

  it("answers 404 for another workspace's design, a missing one and a malformed id", async () => {
    const theirs = await call(designs.POST, {
      method: "POST",
      token: otherTeam.owner.token,
      body: { name: "Theirs" },
    });
    for (const id of [
      theirs.body.id as string,
      "00000000-0000-4000-8000-000000000000",
      "not-a-uuid",
      "1 OR 1=1",
    ]) {
      const response = await call(designById.GET, { token: team.owner.token, params: { id } });
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ error: { code: "not_found" } });
    }
  });
});

describe("PUT /api/v1/designs/:id", () => {
  it("saves a new version and keeps the old one", async () => {
    const created = await createDesign("Before");
    const updated = await call(designById.PUT, {
      method: "PUT",
      token: team.editor.token,
      params: { id: created.id },
      body: { name: "After", expectedVersion: 1 },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: "After", version: 2, graph: research.graph });
    const versions = await db().designVersion.findMany({
      where: { designId: created.id },
      orderBy: { version: "asc" },
    });
    expect(versions.map((version) => [version.version, version.name])).toEqual([
      [1, "Before"],
      [2, "After"],
    ]);
  });

  it("answers 409 when expectedVersion is stale and leaves the design as it was", async () => {
    const created = await createDesign("Contested");
    await call(designById.PUT, {
      method: "PUT",
      token: team.editor.token,
      params: { id: created.id },
      body: { name: "First" },
    });
    const stale = await call(designById.PUT, {
      method: "PUT",
      token: team.editor.token,
      params: { id: created.id },
      body: { name: "Second", expectedVersion: 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: { code: "conflict", currentVersion: 2 } });
    const current = await call(designById.GET, { token: team.viewer.token, params: { id: created.id } });
    expect(current.body).toMatchObject({ name: "First", version: 2 });
  });

  it("lets exactly one of two concurrent saves from the same version win", async () => {
    const created = await createDesign("Race");
    const attempts = await Promise.all(
      ["A", "B", "C"].map((name) =>
        call(designById.PUT, {
          method: "PUT",
          token: team.editor.token,
          params: { id: created.id },
          body: { name, expectedVersion: 1 },
        }),
      ),
    );
    expect(attempts.map((attempt) => attempt.status).sort()).toEqual([200, 409, 409]);
    expect(await db().designVersion.count({ where: { designId: created.id } })).toBe(2);
  });

  it("refuses a malformed graph with 400 and keeps the stored one", async () => {
    const created = await createDesign("Keep me");
    const response = await call(designById.PUT, {
      method: "PUT",
      token: team.editor.token,
      params: { id: created.id },
      body: {
        graph: {
          version: 1,
          nodes: [{ id: "x", type: "spaceship", position: { x: 0, y: 0 }, data: { name: "x" } }],
          edges: [],
        },
      },
    });
    expect(response.status).toBe(400);
    expect((response.body.error as { issues: { code: string }[] }).issues).toContainEqual(
      expect.objectContaining({ code: "unknown_node_type", nodeId: "x" }),
    );
    const current = await call(designById.GET, { token: team.viewer.token, params: { id: created.id } });
    expect(current.body).toMatchObject({ version: 1, graph: research.graph });
  });

  it("answers 400 for an empty patch and 404 across workspaces", async () => {
    const created = await createDesign("Patch");
    expect(
      (
        await call(designById.PUT, {
          method: "PUT",
          token: team.editor.token,
          params: { id: created.id },
          body: {},
        })
      ).status,
    ).toBe(400);
    const foreign = await call(designById.PUT, {
      method: "PUT",
      token: otherTeam.owner.token,
      params: { id: created.id },
      body: { name: "Hijacked" },
    });
    expect(foreign.status).toBe(404);
  });
});

describe("DELETE, duplicate and validate", () => {
  it("deletes with 204, then answers 404", async () => {
    const created = await createDesign("Doomed");
    expect(
      (
        await call(designById.DELETE, {
          method: "DELETE",
          token: team.editor.token,
          params: { id: created.id },
        })
      ).status,
    ).toBe(204);
    expect(
      (await call(designById.GET, { token: team.editor.token, params: { id: created.id } })).status,
    ).toBe(404);
    expect(
      (
        await call(designById.DELETE, {
          method: "DELETE",
          token: team.editor.token,
          params: { id: created.id },
        })
      ).status,
    ).toBe(404);
  });

  it("does not delete another workspace's design", async () => {
    const created = await createDesign("Safe");
    expect(
      (
        await call(designById.DELETE, {
          method: "DELETE",
          token: otherTeam.owner.token,
          params: { id: created.id },
        })
      ).status,
    ).toBe(404);
    expect(
      (await call(designById.GET, { token: team.viewer.token, params: { id: created.id } })).status,
    ).toBe(200);
  });

  it("duplicates a design as a new one", async () => {
    const created = await createDesign("Original");
    const copy = await call(duplicateRoute.POST, {
      method: "POST",
      token: team.editor.token,
      params: { id: created.id },
    });
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({ name: "Original (copy)", version: 1, graph: research.graph });
    expect(copy.body.id).not.toBe(created.id);
  });

  it("validates a stored design", async () => {
    const created = await createDesign("Valid");
    const response = await call(validateRoute.POST, {
      method: "POST",
      token: team.viewer.token,
      params: { id: created.id },
    });
    expect(response.body).toEqual({ valid: true, issues: [] });
  });

  it("answers unknown API paths with a JSON 404", async () => {
    const response = await call(unknownRoute.GET, { token: team.viewer.token });
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: { code: "not_found" } });
  });
});
