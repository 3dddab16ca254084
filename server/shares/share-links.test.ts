import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as runById from "@/app/api/v1/runs/[id]/route";
import * as shareRoute from "@/app/api/v1/runs/[id]/share/route";
import * as runs from "@/app/api/v1/runs/route";
import * as sharedEvents from "@/app/api/v1/shared/runs/[token]/events/route";
import * as sharedRun from "@/app/api/v1/shared/runs/[token]/route";
import * as designs from "@/app/api/v1/designs/route";
import { hashToken } from "@/server/crypto/tokens";
import { db } from "@/server/db/client";
import type { Graph } from "@/server/designs/graph-schema";
import { readRunEvents } from "@/server/runs/event-log";
import { cancelRun } from "@/server/runs/service";
import { createTestWorkspace } from "@/server/testing/fixtures";
import { serveRoutes } from "@/server/testing/route-server";
import { readSseEvents } from "@/server/testing/sse-client";

let team: Awaited<ReturnType<typeof createTestWorkspace>>;
let server: Awaited<ReturnType<typeof serveRoutes>>;

beforeAll(async () => {
  team = await createTestWorkspace();
  server = await serveRoutes([
    { method: "POST", path: "/api/v1/designs", handler: designs.POST },
    { method: "POST", path: "/api/v1/runs", handler: runs.POST },
    { method: "DELETE", path: "/api/v1/runs/[id]", handler: runById.DELETE },
    { method: "POST", path: "/api/v1/runs/[id]/share", handler: shareRoute.POST },
    { method: "DELETE", path: "/api/v1/runs/[id]/share", handler: shareRoute.DELETE },
    { method: "GET", path: "/api/v1/shared/runs/[token]", handler: sharedRun.GET },
    { method: "GET", path: "/api/v1/shared/runs/[token]/events", handler: sharedEvents.GET },
  ]);
});

afterAll(async () => {
  await server?.close();
});

const SECRET_INSTRUCTION = "Never reveal: the vault code is 7-4-1";

const graphWith = (model: string): Graph => ({
  version: 1,
  nodes: [
    {
      id: "a",
      type: "agent",
      position: { x: 0, y: 0 },
      data: { name: "helper", model, instruction: SECRET_INSTRUCTION, requestParams: { temperature: 0.3 } },
    },
  ],
  edges: [],
});

// Late-bound: `server` is only there once beforeAll has run.
const api = (...request: Parameters<typeof server.api>) => server.api(...request);

async function finishedRun(model = "slow?delayMs=1"): Promise<string> {
  const design = await api("POST", "/api/v1/designs", team.editor.token, {
    name: "Shared",
    graph: graphWith(model),
  });
  const run = await api("POST", "/api/v1/runs", team.editor.token, {
    designId: design.body.id,
    input: "hello share",
    wait: true,
  });
  expect(run.body.status, run.text).toBe("succeeded");
  return run.body.id as string;
}

async function share(runId: string, body: unknown = {}) {
  const created = await api("POST", `/api/v1/runs/${runId}/share`, team.editor.token, body);
  expect(created.status).toBe(201);
  return created.body as { url: string; token: string; expiresAt: string | null };
}

describe("share links", () => {
  it("creates a random link stored only as a hash, opened without signing in, redacted", async () => {
    const runId = await finishedRun();
    const link = await share(runId);
    expect(link.url).toMatch(new RegExp(`/share/runs/${link.token}$`));
    // 32 random bytes: 43 base64url characters after the prefix.
    expect(link.token).toMatch(/^trs_[A-Za-z0-9_-]{43}$/);
    const stored = await db().shareLink.findMany({ where: { runId } });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).toBe(hashToken(link.token));
    expect(JSON.stringify(stored)).not.toContain(link.token);

    const viewed = await api("GET", `/api/v1/shared/runs/${link.token}`);
    expect(viewed.status).toBe(200);
    expect(viewed.body).toMatchObject({
      id: runId,
      status: "succeeded",
      output: "hello share",
      designId: null,
    });
    // No settings: no instruction, no request parameters, no model options, no creator.
    expect(viewed.text).not.toContain(SECRET_INSTRUCTION);
    expect(viewed.text).not.toContain("temperature");
    expect(viewed.text).not.toContain("delayMs");
    expect(viewed.text).not.toContain(team.editor.userId);
    expect(viewed.text).not.toContain(team.workspaceId);
    const graph = viewed.body.graph as Graph;
    expect(graph.nodes[0]!.data).toEqual({ name: "helper", model: "slow" });
  });

  it("streams the run's events to anyone with the link, redacted like the run", async () => {
    const runId = await finishedRun();
    const link = await share(runId);
    const received = await readSseEvents(`${server.baseUrl}/api/v1/shared/runs/${link.token}/events`);
    const stored = await readRunEvents(runId, 0);
    expect(received.map((event) => event.id)).toEqual(stored.map((event) => event.seq));
    expect(received[0]!.data).toMatchObject({ type: "run-start", designId: null });
    expect(received.at(-1)!.data).toMatchObject({ type: "run-end", status: "succeeded" });
    const resumed = await readSseEvents(`${server.baseUrl}/api/v1/shared/runs/${link.token}/events`, {
      "last-event-id": String(stored.length - 1),
    });
    expect(resumed.map((event) => event.id)).toEqual([stored.length]);
  });

  it("answers 404 alike for malformed, guessed, other runs' revoked and expired tokens", async () => {
    const runId = await finishedRun();
    const expired = await share(runId, { expiresInHours: 1 });
    await db().shareLink.updateMany({
      where: { tokenHash: hashToken(expired.token) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const revoked = await share(runId);
    const stillGood = await share(runId);
    expect((await api("DELETE", `/api/v1/runs/${runId}/share`, team.editor.token)).status).toBe(204);

    const guesses = [
      "x",
      "trs_",
      `trs_${"A".repeat(43)}`,
      `${stillGood.token.slice(0, -1)}${stillGood.token.endsWith("A") ? "B" : "A"}`,
      hashToken(stillGood.token),
      "..%2F..%2Fetc%2Fpasswd",
      "%27%20OR%201%3D1--",
      "t".repeat(5000),
      expired.token,
      revoked.token,
      stillGood.token, // revoked too: DELETE revokes every link of the run
    ];
    for (const token of guesses) {
      const run = await api("GET", `/api/v1/shared/runs/${token}`);
      expect(run.status, token.slice(0, 40)).toBe(404);
      expect(run.body).toEqual({ error: { code: "not_found", message: "Shared run not found." } });
      expect((await api("GET", `/api/v1/shared/runs/${token}/events`)).status).toBe(404);
    }
  });

  it("ends a connected viewer's stream as soon as the link is revoked", async () => {
    const design = await api("POST", "/api/v1/designs", team.editor.token, {
      name: "Slow",
      graph: graphWith("slow?delayMs=20000"),
    });
    const run = await api("POST", "/api/v1/runs", team.editor.token, {
      designId: design.body.id,
      input: "wait",
    });
    const runId = run.body.id as string;
    const link = await share(runId);
    const started = Date.now();
    const viewing = readSseEvents(`${server.baseUrl}/api/v1/shared/runs/${link.token}/events`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await api("DELETE", `/api/v1/runs/${runId}/share`, team.editor.token);
    const received = await viewing;
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(received.some((event) => event.type === "run-start")).toBe(true);
    expect(received.some((event) => event.type === "run-end")).toBe(false);
    expect((await api("GET", `/api/v1/shared/runs/${link.token}`)).status).toBe(404);
    expect((await cancelRun(team.editor, runId)).status).toBe("cancelled");
  });

  it("stops working when the run is deleted; a running run cannot be deleted", async () => {
    const runId = await finishedRun();
    const link = await share(runId);
    expect((await api("DELETE", `/api/v1/runs/${runId}`, team.viewer.token)).status).toBe(403);
    expect((await api("DELETE", `/api/v1/runs/${runId}`, team.editor.token)).status).toBe(204);
    expect((await api("GET", `/api/v1/shared/runs/${link.token}`)).status).toBe(404);
    expect(await db().shareLink.count({ where: { runId } })).toBe(0);

    const running = await db().run.create({
      data: { workspaceId: team.workspaceId, graph: {}, agent: "a", input: [], status: "running" },
    });
    expect((await api("DELETE", `/api/v1/runs/${running.id}`, team.editor.token)).status).toBe(409);
    await db().run.delete({ where: { id: running.id } });
  });

  it("lets only members of the run's workspace with an editor role share or revoke", async () => {
    const runId = await finishedRun();
    expect((await api("POST", `/api/v1/runs/${runId}/share`, undefined, {})).status).toBe(401);
    expect((await api("POST", `/api/v1/runs/${runId}/share`, team.viewer.token, {})).status).toBe(403);
    const other = await createTestWorkspace();
    expect((await api("POST", `/api/v1/runs/${runId}/share`, other.owner.token, {})).status).toBe(404);
    expect((await api("DELETE", `/api/v1/runs/${runId}/share`, other.owner.token)).status).toBe(404);
    expect((await api("POST", `/api/v1/runs/not-a-run/share`, team.editor.token, {})).status).toBe(404);
    expect(
      (await api("POST", `/api/v1/runs/${runId}/share`, team.editor.token, { expiresInHours: -1 })).status,
    ).toBe(400);
    expect(await db().shareLink.count({ where: { runId } })).toBe(0);
  });
});
