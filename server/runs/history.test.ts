import { beforeAll, describe, expect, it } from "vitest";
import * as rerunRoute from "@/app/api/v1/runs/[id]/rerun/route";
import * as runs from "@/app/api/v1/runs/route";
import * as designs from "@/app/api/v1/designs/route";
import { db } from "@/server/db/client";
import type { Graph } from "@/server/designs/graph-schema";
import { callRoute } from "@/server/testing/call-route";
import { createTestWorkspace } from "@/server/testing/fixtures";

const call = callRoute;

type Item = {
  id: string;
  status: string;
  inputPreview: string;
  designName: string | null;
  durationMs: number | null;
};

const echo: Graph = {
  version: 1,
  nodes: [{ id: "a", type: "agent", position: { x: 0, y: 0 }, data: { name: "echo", model: "passthrough" } }],
  edges: [],
};

let team: Awaited<ReturnType<typeof createTestWorkspace>>;
let designId: string;
const runIds: string[] = [];

beforeAll(async () => {
  team = await createTestWorkspace();
  const design = await call(designs.POST, {
    method: "POST",
    token: team.editor.token,
    body: { name: "Echoes", graph: echo },
  });
  designId = design.body.id as string;
  for (const input of ["first", "second", "third", "fourth", "fifth"]) {
    const run = await call(runs.POST, {
      method: "POST",
      token: team.editor.token,
      body: { designId, input, wait: true },
    });
    runIds.push(run.body.id as string);
  }
  // One failed run, one from an unsaved graph.
  await db().run.update({ where: { id: runIds[1]! }, data: { status: "failed" } });
  const unsaved = await call(runs.POST, {
    method: "POST",
    token: team.editor.token,
    body: { graph: echo, input: "loose", wait: true },
  });
  runIds.push(unsaved.body.id as string);
});

describe("GET /api/v1/runs", () => {
  it("lists the workspace's runs newest first with input preview, design and duration", async () => {
    const page = await call(runs.GET, { token: team.viewer.token });
    expect(page.status).toBe(200);
    const items = page.body.runs as Item[];
    expect(items.map((item) => item.id)).toEqual([...runIds].reverse());
    expect(items[0]).toMatchObject({ inputPreview: "loose", designName: null, status: "succeeded" });
    expect(items[1]).toMatchObject({ inputPreview: "fifth", designName: "Echoes" });
    expect(items.every((item) => typeof item.durationMs === "number")).toBe(true);
    expect(page.body.nextCursor).toBeNull();
  });

  it("filters by design and status and pages with a cursor", async () => {
    const byDesign = await call(runs.GET, {
      token: team.viewer.token,
      query: `?designId=${designId}&limit=2`,
    });
    expect((byDesign.body.runs as Item[]).map((item) => item.inputPreview)).toEqual(["fifth", "fourth"]);
    const next = await call(runs.GET, {
      token: team.viewer.token,
      query: `?designId=${designId}&limit=2&cursor=${byDesign.body.nextCursor as string}`,
    });
    expect((next.body.runs as Item[]).map((item) => item.inputPreview)).toEqual(["third", "second"]);
    const failed = await call(runs.GET, { token: team.viewer.token, query: "?status=failed,cancelled" });
    expect((failed.body.runs as Item[]).map((item) => item.inputPreview)).toEqual(["second"]);
  });

  it("never shows another workspace's runs and refuses malformed filters", async () => {
    const other = await createTestWorkspace();
    const theirs = await call(runs.GET, { token: other.owner.token, query: `?designId=${designId}` });
    expect(theirs.body.runs).toEqual([]);
    const foreignCursor = await call(runs.GET, { token: other.owner.token, query: `?cursor=${runIds[0]!}` });
    expect(foreignCursor.body.runs).toEqual([]);
    for (const query of [
      "?status=bogus",
      "?limit=0",
      "?limit=1000",
      "?designId=1%27%20OR%201=1",
      "?extra=1",
    ]) {
      expect((await call(runs.GET, { token: team.viewer.token, query })).status, query).toBe(400);
    }
  });
});

describe("POST /api/v1/runs/:id/rerun", () => {
  it("runs the same design again on the same input; viewers may not", async () => {
    expect(
      (await call(rerunRoute.POST, { method: "POST", token: team.viewer.token, params: { id: runIds[2]! } }))
        .status,
    ).toBe(403);
    const again = await call(rerunRoute.POST, {
      method: "POST",
      token: team.editor.token,
      params: { id: runIds[2]! },
    });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({
      designId,
      input: [{ role: "user", content: [{ type: "text", text: "third" }] }],
    });
    expect(again.body.id).not.toBe(runIds[2]);
    const loose = await call(rerunRoute.POST, {
      method: "POST",
      token: team.editor.token,
      params: { id: runIds[5]! },
    });
    expect(loose.body).toMatchObject({ designId: null, agent: "echo" });
  });
});
