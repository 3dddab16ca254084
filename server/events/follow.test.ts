import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { createInProcessEventBus } from "@/server/events/bus";
import { followRunEvents } from "@/server/events/follow";
import type { RunEvent } from "@/server/events/schema";

const RUN = "run-1";
const log = (seq: number, text = `t${seq}`): RunEvent => ({
  runId: RUN,
  seq,
  ts: new Date(0).toISOString(),
  type: "log",
  level: "info",
  message: text,
});
const end = (seq: number): RunEvent => ({
  runId: RUN,
  seq,
  ts: new Date(0).toISOString(),
  type: "run-end",
  status: "succeeded",
  output: "done",
  usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0, modelCalls: 0 },
});

/** An in-memory "database" with the same contract as readRunEvents. */
function store(initial: RunEvent[] = []) {
  const events = [...initial];
  const counter = { reads: 0 };
  return {
    events,
    counter,
    read: (_runId: string, afterSeq: number, limit: number) => {
      counter.reads += 1;
      return Promise.resolve(events.filter((event) => event.seq > afterSeq).slice(0, limit));
    },
  };
}

async function collect(generator: AsyncGenerator<RunEvent>): Promise<number[]> {
  const seqs: number[] = [];
  for await (const event of generator) seqs.push(event.seq);
  return seqs;
}

describe("followRunEvents", () => {
  it("replays stored events and stops at run-end", async () => {
    const database = store([log(1), log(2), end(3)]);
    const seqs = await collect(
      followRunEvents({
        runId: RUN,
        afterSeq: 0,
        bus: createInProcessEventBus(),
        read: database.read,
        signal: new AbortController().signal,
      }),
    );
    expect(seqs).toEqual([1, 2, 3]);
  });

  it("resumes after a seq without repeating", async () => {
    const database = store([log(1), log(2), log(3), end(4)]);
    const seqs = await collect(
      followRunEvents({
        runId: RUN,
        afterSeq: 2,
        bus: createInProcessEventBus(),
        read: database.read,
        signal: new AbortController().signal,
      }),
    );
    expect(seqs).toEqual([3, 4]);
  });

  it("follows live events after the stored ones, exactly once, filling gaps from storage", async () => {
    const bus = createInProcessEventBus();
    const database = store([log(1)]);
    const generator = followRunEvents({
      runId: RUN,
      afterSeq: 0,
      bus,
      read: database.read,
      signal: new AbortController().signal,
    });
    const seqs: number[] = [];
    const first = await generator.next();
    seqs.push((first.value as RunEvent).seq);
    // Event 2 was stored and published while we were not looking; 3 arrives live with it.
    database.events.push(log(2), log(3));
    bus.publish(RUN, [log(3)]);
    bus.publish(RUN, [log(2)]); // late duplicate: must not be repeated
    database.events.push(end(4));
    bus.publish(RUN, [end(4)]);
    for await (const event of generator) seqs.push(event.seq);
    expect(seqs).toEqual([1, 2, 3, 4]);
  });

  it("costs a new viewer one read of storage; live events cost none", async () => {
    const bus = createInProcessEventBus();
    const database = store([log(1), log(2)]);
    const generator = followRunEvents({
      runId: RUN,
      afterSeq: 0,
      bus,
      read: database.read,
      signal: new AbortController().signal,
    });
    const seqs: number[] = [];
    seqs.push(((await generator.next()).value as RunEvent).seq);
    seqs.push(((await generator.next()).value as RunEvent).seq);
    for (let seq = 3; seq < 50; seq += 1) {
      database.events.push(log(seq));
      bus.publish(RUN, [log(seq)]);
    }
    database.events.push(end(50));
    bus.publish(RUN, [end(50)]);
    for await (const event of generator) seqs.push(event.seq);
    expect(seqs).toEqual(Array.from({ length: 50 }, (_value, index) => index + 1));
    expect(database.counter.reads).toBe(1);
  });

  it("keeps one abort listener however many live batches it waits for", async () => {
    const bus = createInProcessEventBus();
    const database = store([]);
    const controller = new AbortController();
    const generator = followRunEvents({
      runId: RUN,
      afterSeq: 0,
      bus,
      read: database.read,
      signal: controller.signal,
    });
    for (let seq = 1; seq <= 100; seq += 1) {
      const next = generator.next();
      await new Promise((resolve) => setTimeout(resolve, 0));
      database.events.push(log(seq));
      bus.publish(RUN, [log(seq)]);
      expect(((await next).value as RunEvent).seq).toBe(seq);
    }
    expect(getEventListeners(controller.signal, "abort").length).toBeLessThanOrEqual(1);
    controller.abort();
    await generator.return(undefined);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("replays long logs page by page", async () => {
    const stored = Array.from({ length: 2499 }, (_value, index) => log(index + 1));
    const database = store([...stored, end(2500)]);
    const seqs = await collect(
      followRunEvents({
        runId: RUN,
        afterSeq: 0,
        bus: createInProcessEventBus(),
        read: database.read,
        signal: new AbortController().signal,
      }),
    );
    expect(seqs).toHaveLength(2500);
    expect(seqs.at(-1)).toBe(2500);
    expect(database.counter.reads).toBe(3);
  });

  it("ends when the signal aborts", async () => {
    const controller = new AbortController();
    const generator = followRunEvents({
      runId: RUN,
      afterSeq: 0,
      bus: createInProcessEventBus(),
      read: store().read,
      signal: controller.signal,
    });
    const pending = collect(generator);
    controller.abort();
    expect(await pending).toEqual([]);
  });
});
