import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { eventBus } from "@/server/events/bus-instance";
import type { RunEvent } from "@/server/events/schema";
import { createRunEventLog, readRunEvents } from "@/server/runs/event-log";
import { markInterruptedRuns } from "@/server/runs/interrupted";
import { createTestWorkspace } from "@/server/testing/fixtures";

describe("markInterruptedRuns", () => {
  it("ends runs a dead process left running, with events saying so, continuing their seq", async () => {
    const team = await createTestWorkspace();
    const run = await db().run.create({
      data: {
        workspaceId: team.workspaceId,
        graph: {},
        agent: "a",
        input: [],
        status: "running",
        startedAt: new Date(),
      },
    });
    const log = createRunEventLog({ runId: run.id, bus: eventBus() });
    log.append({ type: "run-start", agent: "a", input: [], designId: null });
    await log.flush();

    expect(await markInterruptedRuns()).toBeGreaterThanOrEqual(1);
    const after = await db().run.findUniqueOrThrow({ where: { id: run.id } });
    expect(after).toMatchObject({
      status: "interrupted",
      error: "The server stopped while this run was executing.",
    });
    expect(after.endedAt).not.toBeNull();
    const events: RunEvent[] = await readRunEvents(run.id, 0);
    expect(events.map((event) => [event.seq, event.type])).toEqual([
      [1, "run-start"],
      [2, "log"],
      [3, "run-end"],
    ]);
    expect(events[2]).toMatchObject({ status: "interrupted" });
  });
});
