import { beforeAll, describe, expect, it } from "vitest";
import * as cancelRoute from "@/app/api/v1/runs/[id]/cancel/route";
import * as inputRoute from "@/app/api/v1/runs/[id]/input/route";
import * as runById from "@/app/api/v1/runs/[id]/route";
import * as runs from "@/app/api/v1/runs/route";
import * as designs from "@/app/api/v1/designs/route";
import { EXAMPLE_DESIGNS } from "@/server/designs/examples";
import type { Graph } from "@/server/designs/graph-schema";
import type { RunEvent } from "@/server/events/schema";
import { readRunEvents } from "@/server/runs/event-log";
import { callRoute } from "@/server/testing/call-route";
import { createTestWorkspace } from "@/server/testing/fixtures";

const call = callRoute;

const agentGraph = (model: string, extra: Record<string, unknown> = {}): Graph => ({
  version: 1,
  nodes: [{ id: "a", type: "agent", position: { x: 0, y: 0 }, data: { name: "helper", model, ...extra } }],
  edges: [],
});

let team: Awaited<ReturnType<typeof createTestWorkspace>>;

beforeAll(async () => {
  team = await createTestWorkspace();
});

async function events(runId: string): Promise<RunEvent[]> {
  return readRunEvents(runId, 0);
}

describe("POST /api/v1/runs", () => {
  it("runs a saved design to the end with wait: true", async () => {
    const research = EXAMPLE_DESIGNS.find((example) => example.name === "Research desk")!;
    const design = await call(designs.POST, {
      method: "POST",
      token: team.editor.token,
      body: { name: "R", graph: research.graph },
    });
    const run = await call(runs.POST, {
      method: "POST",
      token: team.editor.token,
      body: { designId: design.body.id, agent: "smalltalk", input: "hello there", wait: true },
    });
    expect(run.status).toBe(201);
    expect(run.body).toMatchObject({
      status: "succeeded",
      output: "hello there",
      designId: design.body.id,
      error: null,
    });
    expect((run.body.usage as { modelCalls: number }).modelCalls).toBe(1);

    const log = await events(run.body.id as string);
    expect(log.map((event) => event.seq)).toEqual(log.map((_event, index) => index + 1));
    expect(log[0]).toMatchObject({ type: "run-start", agent: "smalltalk" });
    expect(log.at(-1)).toMatchObject({ type: "run-end", status: "succeeded", output: "hello there" });
    const deltas = log
      .filter((event) => event.type === "step-delta")
      .map((event) => event.text)
      .join("");
    expect(deltas).toBe("hello there");
  });

  it("runs an unsaved graph and answers at once without wait", async () => {
    const run = await call(runs.POST, {
      method: "POST",
      token: team.editor.token,
      body: { graph: agentGraph("passthrough"), input: "quick" },
    });
    expect(run.status).toBe(201);
    expect(["queued", "running", "succeeded"]).toContain(run.body.status);
    const id = run.body.id as string;
    await expect
      .poll(async () => (await call(runById.GET, { token: team.viewer.token, params: { id } })).body.status)
      .toBe("succeeded");
    const fetched = await call(runById.GET, { token: team.viewer.token, params: { id } });
    expect(fetched.body).toMatchObject({
      id,
      designId: null,
      output: "quick",
      input: [{ role: "user", content: [{ type: "text", text: "quick" }] }],
    });
    expect(fetched.body.startedAt).not.toBeNull();
    expect(fetched.body.endedAt).not.toBeNull();
  });

  it.each([
    [
      "an unknown agent",
      { graph: agentGraph("passthrough"), agent: "nobody", input: "x" },
      400,
      "invalid_input",
    ],
    ["an invalid graph", { graph: { version: 1, nodes: [], edges: [] }, input: "x" }, 400, "invalid_input"],
    [
      "a missing provider key",
      { graph: agentGraph("anthropic.claude-sonnet-4-5"), input: "x" },
      400,
      "invalid_input",
    ],
    [
      "both designId and graph",
      { designId: "00000000-0000-4000-8000-000000000000", graph: agentGraph("passthrough"), input: "x" },
      400,
      "invalid_input",
    ],
    ["a missing design", { designId: "00000000-0000-4000-8000-000000000000", input: "x" }, 404, "not_found"],
    [
      "an input over 256 KiB",
      { graph: agentGraph("passthrough"), input: "x".repeat(300_000) },
      413,
      "payload_too_large",
    ],
  ])("refuses %s and writes nothing", async (_label, body, status, code) => {
    const response = await call(runs.POST, { method: "POST", token: team.editor.token, body });
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ error: { code } });
  });

  it("names the provider whose key is missing, per node", async () => {
    delete process.env.ANTHROPIC_API_KEY;
    const response = await call(runs.POST, {
      method: "POST",
      token: team.editor.token,
      body: { graph: agentGraph("sonnet"), input: "x" },
    });
    const issues = (response.body.error as { issues: { code: string; nodeId: string; message: string }[] })
      .issues;
    expect(issues).toEqual([expect.objectContaining({ code: "missing_provider_key", nodeId: "a" })]);
    expect(issues[0]!.message).toContain("ANTHROPIC_API_KEY");
  });

  it("refuses viewers", async () => {
    const response = await call(runs.POST, {
      method: "POST",
      token: team.viewer.token,
      body: { graph: agentGraph("passthrough"), input: "x" },
    });
    expect(response.status).toBe(403);
  });
});

describe("cancel and human input", () => {
  it("cancels a slow run within a second, then refuses a second cancel", async () => {
    const run = await call(runs.POST, {
      method: "POST",
      token: team.editor.token,
      body: { graph: agentGraph("slow?delayMs=20000"), input: "wait" },
    });
    const id = run.body.id as string;
    await expect
      .poll(async () => (await call(runById.GET, { token: team.viewer.token, params: { id } })).body.status)
      .toBe("running");
    const started = Date.now();
    const cancelled = await call(cancelRoute.POST, {
      method: "POST",
      token: team.editor.token,
      params: { id },
    });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(cancelled.body).toMatchObject({ status: "cancelled", error: "The run was cancelled." });
    expect((await events(id)).at(-1)).toMatchObject({ type: "run-end", status: "cancelled" });
    const again = await call(cancelRoute.POST, { method: "POST", token: team.editor.token, params: { id } });
    expect(again.status).toBe(409);
  });

  it("pauses for human input and resumes with the answer", async () => {
    const graph = agentGraph("passthrough", { humanInput: true });
    const run = await call(runs.POST, {
      method: "POST",
      token: team.editor.token,
      body: { graph, input: '***CALL_TOOL __human_input {"prompt":"Which city?"}' },
    });
    const id = run.body.id as string;
    await expect
      .poll(async () => (await call(runById.GET, { token: team.viewer.token, params: { id } })).body.status)
      .toBe("waiting_for_input");
    const request = (await events(id)).find((event) => event.type === "input-request");
    expect(request).toBeDefined();
    const requestId = (request as Extract<RunEvent, { type: "input-request" }>).requestId;

    const unknown = await call(inputRoute.POST, {
      method: "POST",
      token: team.editor.token,
      params: { id },
      body: { requestId: "nope", response: "x" },
    });
    expect(unknown.status).toBe(404);
    const accepted = await call(inputRoute.POST, {
      method: "POST",
      token: team.editor.token,
      params: { id },
      body: { requestId, response: "Paris" },
    });
    expect(accepted.status).toBe(202);
    await expect
      .poll(async () => (await call(runById.GET, { token: team.viewer.token, params: { id } })).body.status)
      .toBe("succeeded");
    const log = await events(id);
    expect(log.map((event) => event.type)).toContain("input-response");
    expect((await call(runById.GET, { token: team.viewer.token, params: { id } })).body.output).toBe("Paris");
  });

  it("answers 404 for another workspace's run", async () => {
    const run = await call(runs.POST, {
      method: "POST",
      token: team.editor.token,
      body: { graph: agentGraph("passthrough"), input: "mine", wait: true },
    });
    const other = await createTestWorkspace();
    const id = run.body.id as string;
    expect((await call(runById.GET, { token: other.owner.token, params: { id } })).status).toBe(404);
    expect(
      (await call(cancelRoute.POST, { method: "POST", token: other.owner.token, params: { id } })).status,
    ).toBe(404);
    expect((await call(runById.GET, { token: team.owner.token, params: { id: "not-a-uuid" } })).status).toBe(
      404,
    );
  });
});
