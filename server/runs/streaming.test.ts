import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Graph } from "@/server/designs/graph-schema";
import { eventBus } from "@/server/events/bus-instance";
import type { RunEvent } from "@/server/events/schema";
import { startRun } from "@/server/runs/service";
import { createTestWorkspace } from "@/server/testing/fixtures";
import { startFakeOpenAIServer, type FakeOpenAIServer } from "@/server/testing/fake-openai-server";

let fake: FakeOpenAIServer;

beforeAll(async () => {
  fake = await startFakeOpenAIServer();
  process.env.GENERIC_BASE_URL = fake.baseUrl;
});

afterAll(async () => {
  delete process.env.GENERIC_BASE_URL;
  await fake?.close();
});

describe("a run with a provider model (generic, over real HTTP)", () => {
  it("streams tokens to subscribers while the model is still answering", async () => {
    const team = await createTestWorkspace();
    fake.reply({ text: ["Once ", "upon ", "a ", "time."], chunkDelayMs: 150 });
    const graph: Graph = {
      version: 1,
      nodes: [
        {
          id: "a",
          type: "agent",
          position: { x: 0, y: 0 },
          data: { name: "storyteller", model: "generic.llama3.2" },
        },
      ],
      edges: [],
    };

    const received: { event: RunEvent; at: number }[] = [];
    let unsubscribe = () => undefined as void;
    const run = await startRun(team.editor, { graph, input: "Tell me a story" }).then((started) => {
      unsubscribe = eventBus().subscribe(started.id, (events) => {
        for (const event of events) received.push({ event, at: Date.now() });
      });
      return started;
    });
    await expect
      .poll(() => received.some(({ event }) => event.type === "run-end"), { timeout: 10_000 })
      .toBe(true);
    unsubscribe();

    const deltas = received.filter(({ event }) => event.type === "step-delta");
    const stepEnd = received.find(({ event }) => event.type === "step-end");
    expect(
      deltas.map(({ event }) => (event as Extract<RunEvent, { type: "step-delta" }>).text).join(""),
    ).toBe("Once upon a time.");
    // The first tokens reached the subscriber well before the answer was complete.
    expect(stepEnd!.at - deltas[0]!.at).toBeGreaterThanOrEqual(300);
    expect(received.at(-1)?.event).toMatchObject({
      type: "run-end",
      status: "succeeded",
      output: "Once upon a time.",
    });
    expect(fake.requests[0]?.body).toMatchObject({ model: "llama3.2", stream: true });
    expect(run.status).toBe("queued");
  });

  it("fails the run cleanly, with the provider's message, when the model answers 500", async () => {
    const team = await createTestWorkspace();
    fake.fail({ status: 500, message: "the model is on fire" }, 10);
    const graph: Graph = {
      version: 1,
      nodes: [
        {
          id: "a",
          type: "agent",
          position: { x: 0, y: 0 },
          data: { name: "broken", model: "generic.llama3.2" },
        },
      ],
      edges: [],
    };
    const run = await startRun(team.editor, { graph, input: "hi", wait: true });
    expect(run.status).toBe("failed");
    expect(run.error).toContain("on fire");
  });
});
