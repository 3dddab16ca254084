/**
 * `npm run bench`: Trellis's benchmarks, on a throwaway embedded PostgreSQL that is stopped and
 * deleted at the end (also on error or Ctrl-C). Options:
 *
 *   --runs N            measured runs per phase (default 1000)
 *   --warmup N          unmeasured runs before each phase (default 50)
 *   --budget-seconds S  wall-clock budget for all phases together (default 150); a phase that
 *                       uses up its share stops early (after at least 20 runs) and the output
 *                       says so. With the defaults the whole run takes about three minutes.
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

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const OUT_DIR = path.join(PROJECT_ROOT, "bench", ".out");
const TARGET_OVERHEAD_MS = 1;

type Options = { runs: number; warmupRuns: number; budgetSeconds: number };

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { runs: 1000, warmupRuns: 50, budgetSeconds: 150 };
  const flags: Record<string, keyof Options> = {
    "--runs": "runs",
    "--warmup": "warmupRuns",
    "--budget-seconds": "budgetSeconds",
  };
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? "";
    const [flag, inline] = arg.split("=", 2) as [string, string | undefined];
    const key = flags[flag];
    if (key === undefined)
      throw new Error(`Unknown option ${arg}. Options: ${Object.keys(flags).join(", ")}.`);
    const text = inline ?? argv[(index += 1)];
    const value = Number(text);
    if (text === undefined || !Number.isFinite(value) || value < 0 || (key === "runs" && value < 1)) {
      throw new Error(`${flag} needs a number, got ${text ?? "nothing"}.`);
    }
    options[key] = key === "budgetSeconds" ? value : Math.floor(value);
  }
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
  console.log(
    `  ${options.runs} runs per phase after ${options.warmupRuns} warm-up runs, ` +
      `time budget ${options.budgetSeconds} s for all phases\n`,
  );

  // Nothing here may touch a real database or secret: both are the benchmark's own.
  process.env.TRELLIS_SECRET = randomBytes(32).toString("hex");
  let database: ThrowawayDatabase | undefined;
  const cleanUp = async () => {
    const { disconnectDb } = await import("@/server/db/client");
    const { closePgPool } = await import("@/server/db/pg-pool");
    await disconnectDb().catch(() => undefined);
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
    const report = renderReport(result, engine.MODE_LABELS, options);
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

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
