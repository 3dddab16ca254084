import { expect, test } from "./support/test";
import { runCli } from "./support/server";

/** The REST API over real HTTP, against the running server (the route handlers have unit tests). */
test.describe("REST API v1 over HTTP", () => {
  let bearer: Record<string, string>;

  test.beforeAll(async () => {
    const dataDir = process.env.TRELLIS_E2E_DATA_DIR;
    if (!dataDir) throw new Error("The global setup did not provide the data directory.");
    const result = await runCli(dataDir, [
      "token",
      "create",
      "--name",
      "e2e-api",
      "--user",
      "ci@example.test",
      "--role",
      "editor",
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim()).toMatch(/^trl_[A-Za-z0-9_-]{43}$/);
    bearer = { authorization: `Bearer ${result.stdout.trim()}` };
  });

  test("answers 401 without a token and 404 JSON for unknown paths", async ({ request }) => {
    const anonymous = await request.get("/api/v1/designs");
    expect(anonymous.status()).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: "unauthenticated" } });
    const unknown = await request.get("/api/v1/nothing-here", { headers: bearer });
    expect(unknown.status()).toBe(404);
  });

  test("creates, reads, updates with a stale version, validates and deletes", async ({ request }) => {
    const created = await request.post("/api/v1/designs", {
      headers: bearer,
      data: { name: "Over HTTP", graph: { version: 1, nodes: [], edges: [] } },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };

    const updated = await request.put(`/api/v1/designs/${id}`, {
      headers: bearer,
      data: { name: "Renamed", expectedVersion: 1 },
    });
    expect(updated.status()).toBe(200);
    const stale = await request.put(`/api/v1/designs/${id}`, {
      headers: bearer,
      data: { name: "Again", expectedVersion: 1 },
    });
    expect(stale.status()).toBe(409);

    const validation = await request.post(`/api/v1/designs/${id}/validate`, { headers: bearer });
    expect(await validation.json()).toMatchObject({
      valid: false,
      issues: [expect.objectContaining({ code: "empty_graph" })],
    });

    expect((await request.delete(`/api/v1/designs/${id}`, { headers: bearer })).status()).toBe(204);
    expect((await request.get(`/api/v1/designs/${id}`, { headers: bearer })).status()).toBe(404);
  });

  test("answers 413 to an oversize body and 400 to broken JSON", async ({ request }) => {
    const oversize = await request.post("/api/v1/designs", {
      headers: { ...bearer, "content-type": "application/json" },
      data: JSON.stringify({ name: "x", padding: "y".repeat(2 * 1024 * 1024) }),
    });
    expect(oversize.status()).toBe(413);
    const broken = await request.post("/api/v1/designs", {
      headers: { ...bearer, "content-type": "application/json" },
      data: "{ broken",
    });
    expect(broken.status()).toBe(400);
  });
});
