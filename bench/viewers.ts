import { monitorEventLoopDelay, PerformanceObserver, performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { Worker } from "node:worker_threads";
import * as eventsRoute from "@/app/api/v1/runs/[id]/events/route";
import { db, disconnectDb } from "@/server/db/client";
import { pgPool } from "@/server/db/pg-pool";
import { eventBus } from "@/server/events/bus-instance";
import { ZERO_USAGE } from "@/server/events/schema";
import { createRunEventLog } from "@/server/runs/event-log";
import { createTestWorkspace } from "@/server/testing/fixtures";
import { serveRoutes } from "@/server/testing/route-server";
import {
  EMIT_PREFIX,
  type FromClients,
  type ToClients,
  type ViewerClientsInput,
  type ViewerOutcome,
} from "./viewer-clients";

/**
 * The "many viewers" benchmark: one running run watched by 1, 10 and 100 SSE clients at once. The
 * clients (a worker thread, see viewer-clients.ts) connect over real HTTP to the events route
 * served by `serveRoutes`, so authentication, the replay read, the bus, SSE encoding and HTTP are
 * all included. Events are appended through the production event log (`createRunEventLog` on the
 * process's bus), so each one is stored in PostgreSQL before it is published. Latency is from the
 * `append` call to the arrival of the event's chunk at a client: the INSERT is part of it.
 *
 * Reads of `run_event` are counted by PostgreSQL itself (pg_stat_user_tables), not by the code
 * under test, so a read that bypasses the expected path is counted too.
 */

export const VIEWER_COUNTS = [1, 10, 100] as const;
export const TARGET_VIEWERS = 100;
export const TARGET_P99_MS = 50;
/** Spacing of the appends, roughly a model streaming a step's text. */
export const EVENT_SPACING_MS = 5;
/** Measured even past the budget, so that every viewer count has a p99. */
const MIN_EVENTS = 100;
/** How long a viewer count may wait for its clients before it is reported as a mismatch. */
const WAIT_TIMEOUT_MS = 30_000;
/** Prisma's pool size (server/db/client.ts). */
const PRISMA_POOL_SIZE = 10;
/** Events at the start and at the end of the stream compared (a fifth of them when fewer). */
const WINDOW_EVENTS = 100;

export type ViewersBenchOptions = {
  /** Measured events per viewer count. */
  events: number;
  /** Wall-clock budget for the streaming phases of all viewer counts together. */
  budgetMs: number;
  log: (line: string) => void;
};

export type ViewerCountResult = {
  viewers: number;
  requestedEvents: number;
  /** Measured events appended (fewer than requested when the budget ran out). */
  events: number;
  stoppedByBudget: boolean;
  budgetMs: number;
  /** From starting the clients until every one of them had the replayed run-start. */
  connectMs: number;
  /** Every viewer's latency of every measured event, ascending. */
  latencyMs: number[];
  /** Per measured event, ascending: append until published on the bus (the INSERT and the queue). */
  publishedMs: number[];
  /** Every viewer's time from publish to arrival of every measured event, ascending. */
  fanOutMs: number[];
  /** Event-loop utilisation while events streamed: the server's (main) thread and the clients'. */
  serverUtilization: number;
  clientsUtilization: number;
  /** From the first append to the last viewer's end of stream (ms). */
  streamingMs: number;
  /**
   * Latencies of the first and of the last `WINDOW_EVENTS` measured events, ascending: whether an
   * event costs more the later it comes in a run.
   */
  earlyLatencyMs: number[];
  lateLatencyMs: number[];
  /** The server thread's event-loop delay while events streamed (ms): how long ready work waited. */
  serverDelayP99Ms: number;
  serverDelayMaxMs: number;
  /** Garbage collection in the process while events streamed: pauses, their total and longest (ms). */
  gcPauses: number;
  gcTotalMs: number;
  gcMaxMs: number;
  /** Measured events received, over all viewers, against viewers × events. */
  delivered: number;
  expected: number;
  /** Empty when every viewer got every event exactly once and in order. */
  mismatches: string[];
  /** Scans of run_event while the viewers connected (replay) and while events streamed. */
  readsConnecting: number;
  readsStreaming: number;
};

export type ViewersBenchResult = { counts: ViewerCountResult[] };

const ascending = (a: number, b: number) => a - b;

// ---------- Counting reads of run_event ----------

/**
 * Scans of run_event so far (sequential + index), as PostgreSQL counts them. Since PostgreSQL 15 a
 * backend reports its table statistics at most once a second, and what is left over only after 10 s
 * idle; `pg_stat_force_next_flush()` flushes the calling backend alone. A backend that exits reports
 * everything first, so the Prisma client (whose connections the route reads through) is
 * disconnected and its backends are waited out; the next `db()` reconnects. The `pg` pool only
 * INSERTs run events, which scan nothing.
 */
async function runEventScans(): Promise<number> {
  await disconnectDb();
  const deadline = performance.now() + 10_000;
  for (;;) {
    const { rows } = await pgPool().query<{ backends: number }>(
      `SELECT count(*)::int AS backends FROM pg_stat_activity
        WHERE datname = current_database() AND backend_type = 'client backend'`,
    );
    // Only the pg pool's own connections are left once Prisma's have exited.
    if ((rows[0]?.backends ?? Infinity) <= pgPool().totalCount) break;
    if (performance.now() > deadline) throw new Error("Prisma's database connections did not close.");
    await sleep(10);
  }
  const { rows } = await pgPool().query<{ scans: string }>(
    `SELECT (coalesce(seq_scan, 0) + coalesce(idx_scan, 0))::text AS scans
       FROM pg_stat_user_tables WHERE relid = '"run_event"'::regclass`,
  );
  const scans = Number(rows[0]?.scans);
  if (!Number.isFinite(scans)) throw new Error("No statistics for run_event.");
  return scans;
}

// ---------- The clients ----------

type ClientsFinished = { viewers: ViewerOutcome[]; utilization: number };

type Clients = {
  /** Resolves once the worker is up; the clients connect on `connect`. */
  ready: Promise<void>;
  connect: () => void;
  /** Starts measuring the clients' thread's event-loop utilisation, until they finish. */
  mark: () => void;
  waitForSeq: (seq: number) => Promise<void>;
  finished: () => Promise<ClientsFinished>;
  stop: () => Promise<void>;
};

/**
 * Starts the viewers' worker. tsx does not pass its loader on to worker threads, so a small
 * bootstrap registers it there before importing viewer-clients.ts.
 */
function startClients(input: ViewerClientsInput): Clients {
  const tsxApi = import.meta.resolve("tsx/esm/api");
  const file = new URL("./viewer-clients.ts", import.meta.url).href;
  const bootstrap =
    `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); ` +
    `return import(${JSON.stringify(file)}); });`;
  const worker = new Worker(bootstrap, { eval: true, workerData: input });
  const reached = new Map<number, () => void>();
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  let outcomes: ViewerOutcome[] | null = null;
  let onFinished: (result: ClientsFinished) => void = () => undefined;
  let onFailure: (error: Error) => void = () => undefined;
  const finished = new Promise<ClientsFinished>((resolve, reject) => {
    onFinished = resolve;
    onFailure = reject;
  });
  // Awaited only later (or never, after another failure): not an unhandled rejection meanwhile.
  finished.catch(() => undefined);
  worker.on("message", (message: FromClients) => {
    if (message.kind === "ready") {
      onReady();
    } else if (message.kind === "reached") {
      reached.get(message.seq)?.();
    } else {
      outcomes = message.viewers;
      onFinished({ viewers: message.viewers, utilization: message.utilization });
    }
  });
  worker.on("error", onFailure);

  /** `promise`, or a rejection when the worker fails or nothing happens for WAIT_TIMEOUT_MS. */
  const guarded = async <T>(promise: Promise<T>, what: string): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`Timed out waiting for ${what}.`)), WAIT_TIMEOUT_MS);
    });
    const failed = finished.then(() => new Promise<never>(() => undefined));
    try {
      return await Promise.race([promise, timeout, failed]);
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    ready: guarded(ready, "the viewers' worker to start"),
    connect: () => worker.postMessage({ kind: "connect" } satisfies ToClients),
    mark: () => worker.postMessage({ kind: "mark" } satisfies ToClients),
    waitForSeq: (seq) => {
      // Once every stream has closed there is nothing more to wait for; the check reports it.
      if (outcomes !== null) return Promise.resolve();
      const arrived = new Promise<void>((resolve) => reached.set(seq, resolve));
      worker.postMessage({ kind: "wait-for-seq", seq } satisfies ToClients);
      return guarded(arrived, `every viewer to receive event ${seq}`);
    },
    finished: () => guarded(finished, "the viewers' streams to end"),
    stop: async () => {
      if (outcomes === null) worker.postMessage({ kind: "stop" } satisfies ToClients);
      await Promise.race([finished.catch(() => undefined), sleep(2000)]);
      await worker.terminate();
    },
  };
}

// ---------- Checking what arrived ----------

/**
 * Every viewer must get seqs 1..lastSeq exactly once and in order: run-start, the warm-up log, the
 * measured logs, run-end. Collects the measured events' latencies and what went wrong, per viewer.
 */
function checkDeliveries(
  outcomes: readonly ViewerOutcome[],
  viewers: number,
  lastSeq: number,
  publishedMsBySeq: ReadonlyMap<number, number>,
): {
  latencyMs: number[];
  fanOutMs: number[];
  earlyLatencyMs: number[];
  lateLatencyMs: number[];
  delivered: number;
  mismatches: string[];
} {
  const latencyMs: number[] = [];
  const earlyLatencyMs: number[] = [];
  const lateLatencyMs: number[] = [];
  const measured = [...publishedMsBySeq.keys()].sort(ascending);
  const window = Math.min(WINDOW_EVENTS, Math.floor(measured.length / 5));
  const earlyUpTo = measured[window - 1] ?? -Infinity;
  const lateFrom = measured[measured.length - window] ?? Infinity;
  const fanOutMs: number[] = [];
  const mismatches: string[] = [];
  let delivered = 0;
  if (outcomes.length !== viewers) mismatches.push(`${outcomes.length} of ${viewers} viewers reported`);
  outcomes.forEach((outcome, index) => {
    const problems: string[] = [];
    if (outcome.status !== 200) problems.push(`HTTP ${outcome.status}`);
    if (outcome.error !== null) problems.push(outcome.error);
    if (!outcome.ended) problems.push("the stream did not end after run-end");
    outcome.receipts.forEach((receipt, position) => {
      if (receipt.seq !== position + 1) problems.push(`event ${position + 1} had seq ${receipt.seq}`);
      const publishedMs = publishedMsBySeq.get(receipt.seq);
      if (publishedMs === undefined) return;
      delivered += 1;
      if (receipt.latencyMs === null) {
        problems.push(`seq ${receipt.seq} carried no emit time`);
      } else {
        latencyMs.push(receipt.latencyMs);
        fanOutMs.push(receipt.latencyMs - publishedMs);
        if (receipt.seq <= earlyUpTo) earlyLatencyMs.push(receipt.latencyMs);
        if (receipt.seq >= lateFrom) lateLatencyMs.push(receipt.latencyMs);
      }
    });
    if (outcome.receipts.length !== lastSeq) problems.push(`${outcome.receipts.length} of ${lastSeq} events`);
    if (outcome.receipts.at(-1)?.type !== "run-end") problems.push("the last event was not run-end");
    if (problems.length > 0) mismatches.push(`viewer ${index + 1}: ${problems.slice(0, 3).join("; ")}`);
  });
  for (const list of [latencyMs, fanOutMs, earlyLatencyMs, lateLatencyMs]) list.sort(ascending);
  return { latencyMs, fanOutMs, earlyLatencyMs, lateLatencyMs, delivered, mismatches };
}

// ---------- One viewer count ----------

async function measureViewers(
  viewers: number,
  context: { baseUrl: string; workspaceId: string; token: string },
  options: ViewersBenchOptions,
  budgetMs: number,
): Promise<ViewerCountResult> {
  const run = await db().run.create({
    data: {
      workspaceId: context.workspaceId,
      graph: {},
      agent: "viewers",
      input: [],
      status: "running",
      startedAt: new Date(),
    },
  });
  const bus = eventBus();
  const eventLog = createRunEventLog({ runId: run.id, bus });
  // When each measured event was published, read off the emit time it carries: splits its latency
  // into storing (append to publish) and fanning out (publish to each client).
  const publishedMsBySeq = new Map<number, number>();
  const unsubscribe = bus.subscribe(run.id, (events) => {
    const publishedAt = process.hrtime.bigint();
    for (const event of events) {
      if (event.type !== "log" || !event.message.startsWith(EMIT_PREFIX)) continue;
      const emittedAt = BigInt(event.message.slice(EMIT_PREFIX.length));
      publishedMsBySeq.set(event.seq, Number(publishedAt - emittedAt) / 1e6);
    }
  });

  let clients: Clients | undefined;
  try {
    eventLog.append({ type: "run-start", agent: "viewers", input: [], designId: null });
    await eventLog.flush();
    clients = startClients({
      url: `${context.baseUrl}/api/v1/runs/${run.id}/events`,
      token: context.token,
      viewers,
    });
    await clients.ready;
    const beforeConnecting = await runEventScans();
    // Counting closed Prisma's connections; reopen them (reading nothing of run_event) so that the
    // connect time is not that of a cold pool.
    await Promise.all(Array.from({ length: PRISMA_POOL_SIZE }, () => db().$queryRaw`SELECT 1`));

    // Connecting: each viewer authenticates, finds the run, subscribes and replays run-start from
    // the database. The warm-up event then shows that every one of them also follows the bus.
    const connectStartedAt = performance.now();
    clients.connect();
    await clients.waitForSeq(1);
    const connectMs = performance.now() - connectStartedAt;
    eventLog.append({ type: "log", level: "info", message: "warm-up" });
    await eventLog.flush();
    await clients.waitForSeq(eventLog.lastSeq());
    const afterConnecting = await runEventScans();

    // Streaming: appends spaced like a model's output; the emit time travels in the message.
    const serverFrom = performance.eventLoopUtilization();
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const gcMs: number[] = [];
    const gcObserver = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) gcMs.push(entry.duration);
    });
    gcObserver.observe({ entryTypes: ["gc"] });
    clients.mark();
    const streamingStartedAt = performance.now();
    const deadline = streamingStartedAt + budgetMs;
    let appended = 0;
    let stoppedByBudget = false;
    for (; appended < options.events; appended += 1) {
      if (appended >= MIN_EVENTS && performance.now() > deadline) {
        stoppedByBudget = true;
        break;
      }
      eventLog.append({ type: "log", level: "info", message: `${EMIT_PREFIX}${process.hrtime.bigint()}` });
      await sleep(EVENT_SPACING_MS);
    }
    eventLog.append({ type: "run-end", status: "succeeded", output: "done", usage: ZERO_USAGE });
    await eventLog.flush();
    const { viewers: outcomes, utilization: clientsUtilization } = await clients.finished();
    const streamingMs = performance.now() - streamingStartedAt;
    const server = performance.eventLoopUtilization(serverFrom);
    delay.disable();
    gcObserver.disconnect();
    const afterStreaming = await runEventScans();
    await db().run.update({ where: { id: run.id }, data: { status: "succeeded", endedAt: new Date() } });

    const checked = checkDeliveries(outcomes, viewers, eventLog.lastSeq(), publishedMsBySeq);
    if (publishedMsBySeq.size !== appended) {
      checked.mismatches.push(`${publishedMsBySeq.size} of ${appended} appended events were published`);
    }
    return {
      viewers,
      requestedEvents: options.events,
      events: appended,
      stoppedByBudget,
      budgetMs,
      connectMs,
      latencyMs: checked.latencyMs,
      publishedMs: [...publishedMsBySeq.values()].sort(ascending),
      fanOutMs: checked.fanOutMs,
      serverUtilization: server.utilization,
      clientsUtilization,
      streamingMs,
      earlyLatencyMs: checked.earlyLatencyMs,
      lateLatencyMs: checked.lateLatencyMs,
      serverDelayP99Ms: delay.percentile(99) / 1e6,
      serverDelayMaxMs: delay.max / 1e6,
      gcPauses: gcMs.length,
      gcTotalMs: gcMs.reduce((sum, ms) => sum + ms, 0),
      gcMaxMs: Math.max(0, ...gcMs),
      delivered: checked.delivered,
      expected: viewers * appended,
      mismatches: checked.mismatches,
      readsConnecting: afterConnecting - beforeConnecting,
      readsStreaming: afterStreaming - afterConnecting,
    };
  } finally {
    unsubscribe();
    await clients?.stop();
  }
}

export async function runViewersBenchmark(options: ViewersBenchOptions): Promise<ViewersBenchResult> {
  const endOfBudget = performance.now() + options.budgetMs;
  // The throwaway database's own workspace; a viewer-role token is what a watching tab would hold.
  const team = await createTestWorkspace();
  const server = await serveRoutes([
    { method: "GET", path: "/api/v1/runs/[id]/events", handler: eventsRoute.GET },
  ]);
  const context = { baseUrl: server.baseUrl, workspaceId: team.workspaceId, token: team.viewer.token };
  const counts: ViewerCountResult[] = [];
  try {
    for (const [index, viewers] of VIEWER_COUNTS.entries()) {
      const budgetMs = Math.max(0, endOfBudget - performance.now()) / (VIEWER_COUNTS.length - index);
      const result = await measureViewers(viewers, context, options, budgetMs);
      options.log(
        `  ${String(viewers).padStart(3)} viewers: connected in ${result.connectMs.toFixed(0)} ms, ` +
          `${result.events} events streamed` +
          `${result.stoppedByBudget ? ` (stopped: budget of ${(budgetMs / 1000).toFixed(1)} s reached)` : ""}` +
          `${result.mismatches.length > 0 ? `, MISMATCH: ${result.mismatches.slice(0, 3).join(" | ")}` : ""}`,
      );
      counts.push(result);
    }
  } finally {
    await server.close();
  }
  return { counts };
}
