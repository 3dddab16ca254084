/**
 * MCP tools through the real run service: registry entries stored per workspace, the REST routes
 * that start, answer and cancel runs, and the production wiring (registry loader, connector,
 * one tool source per run, closed when the run ends).
 */
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as cancelRoute from "@/app/api/v1/runs/[id]/cancel/route";
import * as inputRoute from "@/app/api/v1/runs/[id]/input/route";
import * as runById from "@/app/api/v1/runs/[id]/route";
import * as runs from "@/app/api/v1/runs/route";
import type { Graph } from "@/server/designs/graph-schema";
import type { RunEvent } from "@/server/events/schema";
import { createMcpServer } from "@/server/mcp/registry/service";
import { everythingEntry, fixtureEntry, processAlive } from "@/server/mcp/run-tools-test-kit";
import { readRunEvents } from "@/server/runs/event-log";
import { callRoute as call } from "@/server/testing/call-route";
import { createTestWorkspace } from "@/server/testing/fixtures";

// Read by serverEnv() on first use, which comes after this module has run.
process.env.TRELLIS_MCP_STDIO_ALLOW = process.execPath;
process.env.TRELLIS_DATA_DIR = path.join(os.tmpdir(), "trellis-run-tools-service-tests");

const agentGraph = (data: Record<string, unknown>): Graph => ({
  version: 1,
  nodes: [
    {
      id: "a",
      type: "agent",
      position: { x: 0, y: 0 },
      data: { name: "helper", model: "passthrough", ...data },
    },
  ],
  edges: [],
});

let team: Awaited<ReturnType<typeof createTestWorkspace>>;

beforeAll(async () => {
  team = await createTestWorkspace();
  await createMcpServer(team.owner, everythingEntry());
  await createMcpServer(team.owner, fixtureEntry());
});

const ofType = <Type extends RunEvent["type"]>(events: RunEvent[], type: Type) =>
  events.filter((event): event is Extract<RunEvent, { type: Type }> => event.type === type);

async function status(id: string): Promise<unknown> {
  return (await call(runById.GET, { token: team.viewer.token, params: { id } })).body.status;
}

describe("MCP tools through the run service", () => {
  it("runs a passthrough agent that calls everything__echo (POST /api/v1/runs, wait: true)", async () => {
    const run = await call(runs.POST, {
      method: "POST",
      token: team.editor.token,
      body: {
        graph: agentGraph({ servers: ["everything"] }),
        input: '***CALL_TOOL everything__echo {"message":"hi"}',
        wait: true,
      },
    });
    expect(run.status).toBe(201);
    expect(run.body).toMatchObject({ status: "succeeded", output: "Echo: hi", error: null });
    const log = await readRunEvents(run.body.id as string, 0);
    expect(ofType(log, "tool-result")[0]).toMatchObject({ tool: "everything__echo", content: "Echo: hi" });
  });

  it("refuses a design naming a server the workspace does not have", async () => {
    const run = await call(runs.POST, {
      method: "POST",
      token: team.editor.token,
      body: { graph: agentGraph({ servers: ["nowhere"] }), input: "x" },
    });
    expect(run.status).toBe(400);
  });

  it("answers a server's elicitation through POST /api/v1/runs/:id/input", async () => {
    const run = await call(runs.POST, {
      method: "POST",
      token: team.editor.token,
      body: {
        graph: agentGraph({ servers: ["fixture"] }),
        input: '***CALL_TOOL fixture__ask {"message":"Which city?"}',
      },
    });
    const id = run.body.id as string;
    await expect.poll(() => status(id), { timeout: 20_000 }).toBe("waiting_for_input");
    const [request] = ofType(await readRunEvents(id, 0), "input-request");
    expect(request?.prompt).toBe('The MCP server "fixture" asks: Which city?');
    const answered = await call(inputRoute.POST, {
      method: "POST",
      token: team.editor.token,
      params: { id },
      body: { requestId: request?.requestId, response: "Paris" },
    });
    expect(answered.status).toBe(202);
    await expect.poll(() => status(id), { timeout: 20_000 }).toBe("succeeded");
    const fetched = await call(runById.GET, { token: team.viewer.token, params: { id } });
    expect(JSON.parse(fetched.body.output as string)).toEqual({
      action: "accept",
      content: { answer: "Paris" },
    });
  });

  it("cancels a run in the middle of a tool call: the server and what it started are gone", async () => {
    const run = await call(runs.POST, {
      method: "POST",
      token: team.editor.token,
      body: {
        graph: agentGraph({ servers: ["fixture"] }),
        input: '***CALL_TOOL fixture__slow {"ms": 60000, "steps": 100}',
      },
    });
    const id = run.body.id as string;
    await expect
      .poll(async () => ofType(await readRunEvents(id, 0), "tool-progress").length, { timeout: 20_000 })
      .toBeGreaterThan(0);
    const [progress] = ofType(await readRunEvents(id, 0), "tool-progress");
    const pids = JSON.parse(progress?.message ?? "{}") as { pid: number; grandchildPid: number };
    expect(processAlive(pids.pid)).toBe(true);

    const cancelled = await call(cancelRoute.POST, {
      method: "POST",
      token: team.editor.token,
      params: { id },
    });
    expect(cancelled.body).toMatchObject({ status: "cancelled", error: "The run was cancelled." });
    await expect
      .poll(() => [processAlive(pids.pid), processAlive(pids.grandchildPid)])
      .toEqual([false, false]);
  });

  it("fails the run with the connector's message when a server cannot be used", async () => {
    await createMcpServer(team.owner, {
      ...fixtureEntry("broken"),
      env: { FIXTURE_FAIL_START: "no licence" },
    });
    const run = await call(runs.POST, {
      method: "POST",
      token: team.editor.token,
      body: { graph: agentGraph({ servers: ["broken"] }), input: "hello", wait: true },
    });
    expect(run.body.status).toBe("failed");
    expect(run.body.error).toMatch(/"broken".*no licence/);
  });
});
