import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as eventsRoute from "@/app/api/v1/runs/[id]/events/route";
import { eventBus } from "@/server/events/bus-instance";
import { db } from "@/server/db/client";
import { createRunEventLog } from "@/server/runs/event-log";
import { createTestWorkspace } from "@/server/testing/fixtures";
import { serveRoutes } from "@/server/testing/route-server";
import { readSseEvents } from "@/server/testing/sse-client";

let team: Awaited<ReturnType<typeof createTestWorkspace>>;
let server: Awaited<ReturnType<typeof serveRoutes>>;

beforeAll(async () => {
  team = await createTestWorkspace();
  server = await serveRoutes([{ method: "GET", path: "/api/v1/runs/[id]/events", handler: eventsRoute.GET }]);
});

afterAll(async () => {
  await server?.close();
});

async function createRun(workspaceId: string): Promise<string> {
  const run = await db().run.create({
    data: { workspaceId, graph: {}, agent: "a", input: [], status: "running" },
  });
  return run.id;
}

const readEvents = readSseEvents;

describe("GET /api/v1/runs/:id/events", () => {
  it("answers 401 without a token and 404 for another workspace's run", async () => {
    const runId = await createRun(team.workspaceId);
    expect((await fetch(`${server.baseUrl}/api/v1/runs/${runId}/events`)).status).toBe(401);
    const other = await createTestWorkspace();
    const foreign = await fetch(`${server.baseUrl}/api/v1/runs/${runId}/events`, {
      headers: { authorization: `Bearer ${other.owner.token}` },
    });
    expect(foreign.status).toBe(404);
  });

  it("delivers every event exactly once, in order, to a client that disconnects mid-run and resumes", async () => {
    const runId = await createRun(team.workspaceId);
    const log = createRunEventLog({ runId, bus: eventBus() });
    const url = `${server.baseUrl}/api/v1/runs/${runId}/events`;
    const auth = { authorization: `Bearer ${team.viewer.token}` };
    log.append({ type: "run-start", agent: "a", input: [], designId: null });
    await log.flush();

    // Keep emitting while the client reads, disconnects and comes back.
    const producer = (async () => {
      for (let index = 0; index < 60; index += 1) {
        log.append({ type: "log", level: "info", message: `event ${index}` });
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      log.append({
        type: "run-end",
        status: "succeeded",
        output: "done",
        usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0, modelCalls: 0 },
      });
      await log.flush();
    })();

    const first = await readEvents(url, auth, 10, new AbortController());
    const lastSeen = first.at(-1)!.id;
    const rest = await readEvents(url, { ...auth, "last-event-id": String(lastSeen) });
    await producer;

    const seqs = [...first, ...rest].map((event) => event.id);
    expect(seqs).toEqual(Array.from({ length: 62 }, (_unused, index) => index + 1));
    expect(rest.at(-1)?.type).toBe("run-end");
    expect(first[0]).toMatchObject({ id: 1, type: "run-start", data: { runId, seq: 1, type: "run-start" } });
  });

  it("replays a finished run after ?after= and closes", async () => {
    const runId = await createRun(team.workspaceId);
    const log = createRunEventLog({ runId, bus: eventBus() });
    for (let index = 0; index < 5; index += 1)
      log.append({ type: "log", level: "info", message: `m${index}` });
    log.append({
      type: "run-end",
      status: "succeeded",
      output: "x",
      usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0, modelCalls: 0 },
    });
    await log.flush();
    const events = await readEvents(`${server.baseUrl}/api/v1/runs/${runId}/events?after=3`, {
      authorization: `Bearer ${team.viewer.token}`,
    });
    expect(events.map((event) => event.id)).toEqual([4, 5, 6]);
  });

  it("keeps the run's log gap-free under concurrent appends", async () => {
    const runId = await createRun(team.workspaceId);
    const log = createRunEventLog({ runId, bus: eventBus() });
    await Promise.all(
      Array.from({ length: 200 }, (_unused, index) =>
        Promise.resolve().then(() => log.append({ type: "log", level: "info", message: String(index) })),
      ),
    );
    await log.flush();
    const rows = await db().runEvent.findMany({
      where: { runId },
      orderBy: { seq: "asc" },
      select: { seq: true },
    });
    expect(rows.map((row) => row.seq)).toEqual(Array.from({ length: 200 }, (_unused, index) => index + 1));
  });
});
