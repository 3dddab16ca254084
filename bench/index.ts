/**
 * `npm run bench`: Trellis's benchmarks, on a throwaway embedded PostgreSQL that is stopped and
 * deleted at the end (also on error or Ctrl-C). Options:
 *
 *   --runs N            measured runs per phase (default 1000)
 *   --warmup N          unmeasured runs before each phase (default 50)
 *   --budget-seconds S  wall-clock budget for all phases together (default 150); a phase that
 *                       uses up its share stops early (after at least 20 runs) and the output
 *                       says so.
 *   --viewer-events N   events streamed to each viewer count of the many-viewers benchmark
 *                       (default 500, spaced 5 ms: about 3 s per viewer count)
 *   --viewer-budget-seconds S
 *                       wall-clock budget for the streaming of all viewer counts together
 *                       (default 30); a count that uses up its share stops after at least 100
 *                       events and the output says so.
 *   --editor-port N     port of the editor benchmark's own Trellis server (default 3210)
 *   --editor-only       only the editor benchmark (no throwaway database, engine or viewers)
 *   --skip-editor       everything but the editor benchmark
 *
 * With the defaults the database, engine and viewers take one to two minutes, plus the editor
 * benchmark: about a minute, more when its server has to build the app first.
 *
 * The report is printed and also written to bench/.out/latest.md (git-ignored).
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { startThrowawayDatabase, type ThrowawayDatabase } from "./database";
import type { EngineBenchResult, PhaseResult } from "./engine";
import { describeMachine, formatCount, formatMs, machineLines, markdownTable, percentile } from "./report";
import type { ViewerCountResult, ViewersBenchResult } from "./viewers";
import { DEFAULT_EDITOR_PORT } from "./editor";

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const OUT_DIR = path.join(PROJECT_ROOT, "bench", ".out");
const TARGET_OVERHEAD_MS = 1;

type Options = {
  runs: number;
  warmupRuns: number;
  budgetSeconds: number;
  viewerEvents: number;
  viewerBudgetSeconds: number;
  editorPort: number;
  editorOnly: boolean;
  skipEditor: boolean;
};

type NumberOption = Exclude<keyof Options, "editorOnly" | "skipEditor">;

function parseOptions(argv: readonly string[]): Options {
  const options: Options = {
    runs: 1000,
    warmupRuns: 50,
    budgetSeconds: 150,
    viewerEvents: 500,
    viewerBudgetSeconds: 30,
    editorPort: DEFAULT_EDITOR_PORT,
    editorOnly: false,
    skipEditor: false,
  };
  const switches: Record<string, "editorOnly" | "skipEditor"> = {
    "--editor-only": "editorOnly",
    "--skip-editor": "skipEditor",
  };
  const flags: Record<string, NumberOption> = {
    "--runs": "runs",
    "--warmup": "warmupRuns",
    "--budget-seconds": "budgetSeconds",
    "--viewer-events": "viewerEvents",
    "--viewer-budget-seconds": "viewerBudgetSeconds",
    "--editor-port": "editorPort",
  };
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? "";
    const switchKey = switches[arg];
    if (switchKey !== undefined) {
      options[switchKey] = true;
      continue;
    }
    const [flag, inline] = arg.split("=", 2) as [string, string | undefined];
    const key = flags[flag];
    if (key === undefined)
      throw new Error(
        `Unknown option ${arg}. Options: ${[...Object.keys(flags), ...Object.keys(switches)].join(", ")}.`,
      );
    const text = inline ?? argv[(index += 1)];
    const value = Number(text);
    const atLeastOne = key === "runs" || key === "viewerEvents" || key === "editorPort";
    if (text === undefined || !Number.isFinite(value) || value < 0 || (atLeastOne && value < 1)) {
      throw new Error(`${flag} needs a number, got ${text ?? "nothing"}.`);
    }
    options[key] = key === "budgetSeconds" || key === "viewerBudgetSeconds" ? value : Math.floor(value);
  }
  if (options.editorOnly && options.skipEditor)
    throw new Error("--editor-only and --skip-editor exclude each other.");
  return options;
}

function timingTable(phases: readonly PhaseResult[], labels: Record<string, string>): string {
  return markdownTable(
    ["graph", "measured", "runs", "calls/run", "events/run", "ms/step p50", "ms/step p95", "events/s"],
    phases.map((phase) => [
      phase.graph,
      labels[phase.mode] ?? phase.mode,
      `${phase.runs}${phase.stoppedByBudget ? "*" : ""}`,
      String(phase.modelCallsPerRun),
      phase.eventsPerRun === 0 ? "-" : formatCount(phase.eventsPerRun),
      formatMs(phase.medianMs),
      formatMs(phase.p95Ms),
      phase.events === 0 ? "-" : formatCount(phase.events / (phase.totalMs / 1000)),
    ]),
    ["left", "left", "right", "right", "right", "right", "right", "right"],
  );
}

function overheadTable(phases: readonly PhaseResult[], labels: Record<string, string>): string {
  const rows: string[][] = [];
  for (const engine of phases.filter((phase) => phase.mode.startsWith("engine"))) {
    for (const baseline of phases.filter(
      (phase) => phase.graph === engine.graph && phase.mode.startsWith("direct"),
    )) {
      const p50 = engine.medianMs - baseline.medianMs;
      const p95 = engine.p95Ms - baseline.medianMs;
      rows.push([
        engine.graph,
        labels[engine.mode] ?? engine.mode,
        labels[baseline.mode] ?? baseline.mode,
        formatMs(p50, true),
        formatMs(p95, true),
        p50 < TARGET_OVERHEAD_MS ? "yes" : "no",
        p95 < TARGET_OVERHEAD_MS ? "yes" : "no",
      ]);
    }
  }
  return markdownTable(
    ["graph", "engine", "against", "overhead/step p50", "overhead/step p95", "p50 < 1 ms", "p95 < 1 ms"],
    rows,
    ["left", "left", "left", "right", "right", "left", "left"],
  );
}

function persistenceLines(phases: readonly PhaseResult[]): string[] {
  return phases
    .filter((phase) => phase.mode === "engine-postgres")
    .map((phase) => {
      const consistent = phase.events === phase.delivered && phase.events === phase.storedRows;
      const perSecond = phase.events / (phase.totalMs / 1000);
      return (
        `- ${phase.graph}: ${formatCount(phase.events)} events appended, ${formatCount(phase.storedRows)} ` +
        `rows in run_event, ${formatCount(phase.delivered)} delivered on the bus` +
        `${consistent ? "" : " (MISMATCH)"} in ${(phase.batches / phase.runs).toFixed(1)} batches ` +
        `(INSERTs) per run: ${formatCount(perSecond)} events/s stored and published ` +
        `(${formatMs(1000 / perSecond)} ms per event). The engine itself had answered after ` +
        `p50 ${formatMs(percentile(phase.engineDonePerStepMs, 0.5))} ms/step ` +
        `(p95 ${formatMs(percentile(phase.engineDonePerStepMs, 0.95))}); the rest of each run is ` +
        `waiting for its last event batch to be stored and published.`
      );
    });
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const machine = describeMachine();
  const startedAt = performance.now();
  console.log("Trellis benchmarks");
  for (const line of machineLines(machine)) console.log(`  ${line}`);
  if (!options.editorOnly) {
    console.log(
      `  ${options.runs} runs per phase after ${options.warmupRuns} warm-up runs, ` +
        `time budget ${options.budgetSeconds} s for all phases`,
    );
    console.log(
      `  many viewers: ${options.viewerEvents} events per viewer count, ` +
        `time budget ${options.viewerBudgetSeconds} s for their streaming`,
    );
  }
  if (!options.skipEditor)
    console.log(`  editor: a 500-node design in Chromium, server on port ${options.editorPort}`);
  console.log("");

  // Nothing here may touch a real database or secret: both are the benchmark's own.
  process.env.TRELLIS_SECRET = randomBytes(32).toString("hex");
  let database: ThrowawayDatabase | undefined;
  const cleanUp = async () => {
    // The editor benchmark alone never starts the throwaway database, and nothing connected.
    if (options.editorOnly) return;
    const { disconnectDb } = await import("@/server/db/client");
    const { closePgPool, pgPool } = await import("@/server/db/pg-pool");
    await disconnectDb().catch(() => undefined);
    // The pool's end() resolves once it has asked its connections to close, not once they have;
    // stopping PostgreSQL right after terminates the stragglers, and the pool reports that as an
    // 'error' event, which would crash the process at the very end without a listener.
    if (database !== undefined) pgPool().on("error", () => undefined);
    await closePgPool().catch(() => undefined);
    await database?.stop();
  };
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`\n${signal}: stopping the benchmark database...`);
    void cleanUp().finally(() => process.exit(130));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  try {
    const reports: string[] = [];
    if (!options.editorOnly) reports.push(...(await runServerBenchmarks()));
    if (!options.skipEditor) {
      const editor = await import("./editor");
      console.log("\nEditor: first render, panning and zooming of a 500-node design in Chromium");
      const editorResult = await editor.runEditorBenchmark({
        port: options.editorPort,
        log: (line) => console.log(line),
      });
      reports.push(editor.renderEditorReport(editorResult));
    }
    const report = reports.join("\n\n");
    console.log(`\n${report}\n`);
    mkdirSync(OUT_DIR, { recursive: true });
    writeFileSync(path.join(OUT_DIR, "latest.md"), `${machineLines(machine).join("\n")}\n\n${report}\n`);
    console.log(
      `Written to bench/.out/latest.md; ${((performance.now() - startedAt) / 1000).toFixed(1)} s in all.`,
    );
  } finally {
    await cleanUp();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }

  async function runServerBenchmarks(): Promise<string[]> {
    console.log("Starting a throwaway PostgreSQL...");
    database = await startThrowawayDatabase(PROJECT_ROOT);
    process.env.DATABASE_URL = database.url;
    console.log(`  ready after ${((performance.now() - startedAt) / 1000).toFixed(1)} s\n`);

    // Imported only now, so that nothing reads DATABASE_URL before it points at the throwaway one.
    const engine = await import("./engine");
    console.log(
      `Engine: ${engine.CHAIN_STEPS}-step chain and ${engine.PARALLEL_WIDTH}-way parallel + fan-in, ` +
        `model "${engine.STEP_MODEL}"`,
    );
    const result: EngineBenchResult = await engine.runEngineBenchmark({
      runs: options.runs,
      warmupRuns: options.warmupRuns,
      budgetMs: options.budgetSeconds * 1000,
      log: (line) => console.log(line),
    });

    const viewers = await import("./viewers");
    console.log(
      `\nMany viewers: one run watched by ${viewers.VIEWER_COUNTS.join(", ")} SSE clients over HTTP, ` +
        `events appended every ${viewers.EVENT_SPACING_MS} ms`,
    );
    const viewersResult = await viewers.runViewersBenchmark({
      events: options.viewerEvents,
      budgetMs: options.viewerBudgetSeconds * 1000,
      log: (line) => console.log(line),
    });
    return [
      renderReport(result, engine.MODE_LABELS, options),
      renderViewersReport(viewersResult, options, {
        spacingMs: viewers.EVENT_SPACING_MS,
        targetViewers: viewers.TARGET_VIEWERS,
        targetP99Ms: viewers.TARGET_P99_MS,
      }),
    ];
  }
}

function renderReport(result: EngineBenchResult, labels: Record<string, string>, options: Options): string {
  const budgetNote = result.phases
    .filter((phase) => phase.stoppedByBudget)
    .map(
      (phase) =>
        `* ${phase.graph} / ${labels[phase.mode] ?? phase.mode}: ${phase.runs} of ${options.runs} runs; ` +
        `the phase reached its share of the time budget (${(phase.budgetMs / 1000).toFixed(1)} s of ` +
        `--budget-seconds ${options.budgetSeconds}).`,
    );
  return [
    "Time per step (per model call): each run's wall time divided by its model calls, over the measured runs.",
    "",
    timingTable(result.phases, labels),
    ...(budgetNote.length > 0 ? ["", ...budgetNote] : []),
    "",
    "Engine overhead per step = engine ms/step (p50 or p95) minus the direct call's p50 ms/call; " +
      "negative when the engine is cheaper than the direct path.",
    "",
    overheadTable(result.phases, labels),
    "",
    ...persistenceLines(result.phases),
  ].join("\n");
}

function viewersTable(counts: readonly ViewerCountResult[]): string {
  return markdownTable(
    [
      "viewers",
      "events",
      "delivered / expected",
      "connect ms",
      "stored+published p50",
      "p99",
      "latency p50",
      "p95",
      "p99",
      "max",
      "run_event reads per new viewer",
      "reads while streaming",
    ],
    counts.map((count) => [
      String(count.viewers),
      `${count.events}${count.stoppedByBudget ? "*" : ""}`,
      `${formatCount(count.delivered)} / ${formatCount(count.expected)}` +
        `${count.mismatches.length > 0 ? " MISMATCH" : ""}`,
      count.connectMs.toFixed(0),
      formatMs(percentile(count.publishedMs, 0.5)),
      formatMs(percentile(count.publishedMs, 0.99)),
      formatMs(percentile(count.latencyMs, 0.5)),
      formatMs(percentile(count.latencyMs, 0.95)),
      formatMs(percentile(count.latencyMs, 0.99)),
      formatMs(count.latencyMs.at(-1) ?? Number.NaN),
      (count.readsConnecting / count.viewers).toFixed(2),
      String(count.readsStreaming),
    ]),
    Array.from({ length: 12 }, () => "right"),
  );
}

function renderViewersReport(
  result: ViewersBenchResult,
  options: Options,
  target: { spacingMs: number; targetViewers: number; targetP99Ms: number },
): string {
  const atTarget = result.counts.find((count) => count.viewers === target.targetViewers);
  const p99 = atTarget === undefined ? Number.NaN : percentile(atTarget.latencyMs, 0.99);
  const consistent = atTarget !== undefined && atTarget.mismatches.length === 0;
  const verdict =
    Number.isNaN(p99) || !consistent
      ? `not measured${consistent ? "" : " (MISMATCH)"}`
      : `${formatMs(p99)} ms: ${p99 < target.targetP99Ms ? "**met**" : "**not met**"}`;
  const budgetNotes = result.counts
    .filter((count) => count.stoppedByBudget)
    .map(
      (count) =>
        `* ${count.viewers} viewers: ${count.events} of ${count.requestedEvents} events; the count reached ` +
        `its share of the time budget (${(count.budgetMs / 1000).toFixed(1)} s of ` +
        `--viewer-budget-seconds ${options.viewerBudgetSeconds}).`,
    );
  const ms = (sorted: readonly number[], q: number) => formatMs(percentile(sorted, q));
  const loadLines = result.counts.flatMap((count) => [
    `- **${count.viewers} viewer${count.viewers === 1 ? "" : "s"}:** ${count.events} events appended in ` +
      `${(count.streamingMs / 1000).toFixed(1)} s until every stream had ended ` +
      `(${formatCount(count.events / (count.streamingMs / 1000))} events/s).`,
    `  - Latency of the first ${count.earlyLatencyMs.length / count.viewers} events p50 ` +
      `${ms(count.earlyLatencyMs, 0.5)} ms, p99 ${ms(count.earlyLatencyMs, 0.99)} ms; of the last ` +
      `${count.lateLatencyMs.length / count.viewers} p50 ${ms(count.lateLatencyMs, 0.5)} ms, ` +
      `p99 ${ms(count.lateLatencyMs, 0.99)} ms.`,
    `  - Publish to client (the fan-out alone) p50 ${ms(count.fanOutMs, 0.5)} ms, ` +
      `p99 ${ms(count.fanOutMs, 0.99)} ms.`,
    `  - Event loop busy while streaming: server thread ${(count.serverUtilization * 100).toFixed(0)} % ` +
      `(event-loop delay p99 ${count.serverDelayP99Ms.toFixed(1)} ms, max ${count.serverDelayMaxMs.toFixed(1)} ` +
      `ms), clients' thread ${(count.clientsUtilization * 100).toFixed(0)} %. Garbage collection: ` +
      `${count.gcPauses} pause${count.gcPauses === 1 ? "" : "s"}, ${count.gcTotalMs.toFixed(1)} ms in all, longest ${count.gcMaxMs.toFixed(1)} ms.`,
  ]);
  const mismatchNotes = result.counts.flatMap((count) =>
    count.mismatches.map((problem) => `- MISMATCH at ${count.viewers} viewers: ${problem}`),
  );
  return [
    "Many viewers: one running run watched by N SSE clients over HTTP (the events route with a " +
      "viewer's API token). Latency is from `append` on the event log to the event's arrival at a " +
      "client, over every viewer and every measured event; it includes the INSERT (stored+published " +
      `is that part alone). Events are \`log\` events appended every ${target.spacingMs} ms. Reads are ` +
      "scans of run_event counted by PostgreSQL (pg_stat_user_tables) while the viewers connected " +
      "(per viewer) and while events streamed.",
    "",
    viewersTable(result.counts),
    ...(budgetNotes.length > 0 ? ["", ...budgetNotes] : []),
    ...(mismatchNotes.length > 0 ? ["", ...mismatchNotes] : []),
    "",
    ...loadLines,
    "",
    `Target: p99 < ${target.targetP99Ms} ms at ${target.targetViewers} viewers; measured ${verdict}.`,
  ].join("\n");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
