/**
 * A diagnostic for the editor benchmark (not part of `npm run bench`): the same server, design,
 * browser, flags, viewport and interactions as bench/editor.ts, but each pan and zoom is recorded
 * as a Chrome trace and summed by thread and event, so one can see where the browser's own time
 * goes. Usage:
 *
 *   npx tsx --tsconfig tsconfig.node.json bench/editor-trace.ts [--port N] [--passes N] [--no-trace]
 *       [--profile] [--zoomed-in] [--variant name=extra.css|extra.js ...] [--save DIR]
 *
 * A variant is the page as built plus a style sheet (or a script run after each visit), for
 * trying a CSS change without a rebuild; the page as built is always measured first. --profile
 * takes a V8 CPU profile instead of a trace. --zoomed-in adds a variant that first zooms to about
 * 1.0 (28 wheel ticks at the centre, then rest), where the cards show their detail: not what the
 * benchmark measures, but the other half of the editor's life.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { chromium, type Browser, type Page } from "@playwright/test";
import { freshDataDir, startServer, type TrellisServer } from "../e2e/support/server";
import {
  api,
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  cli,
  EDITOR_NODES,
  NAME_HELPER,
  pan,
  signIn,
  VIEWPORT,
  visit,
  zoom,
  type FrameStats,
} from "./editor";
import { benchGraph } from "./editor-graph";
import { recordNodeRendering } from "./editor-page";

const CATEGORIES = [
  "devtools.timeline",
  "disabled-by-default-devtools.timeline",
  "disabled-by-default-devtools.timeline.frame",
  "blink",
  "cc",
  "viz",
  "benchmark",
  "gpu",
  "v8.execute",
  ...(process.env.TRACE_EXTRA ?? "").split(",").filter(Boolean),
];

type TraceEvent = {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: Record<string, unknown>;
};

type Options = {
  port: number;
  passes: number;
  trace: boolean;
  profile: boolean;
  zoomedIn: boolean;
  variants: [string, string][];
  save?: string;
};

function parseOptions(argv: readonly string[]): Options {
  const options: Options = {
    port: 3411,
    passes: 1,
    trace: true,
    profile: false,
    zoomedIn: false,
    variants: [],
  };
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index];
    const value = argv[index + 1] ?? "";
    if (arg === "--port") options.port = Number(value);
    else if (arg === "--passes") options.passes = Number(value);
    else if (arg === "--no-trace") {
      options.trace = false;
      continue;
    } else if (arg === "--zoomed-in") {
      options.zoomedIn = true;
      continue;
    } else if (arg === "--profile") {
      options.profile = true;
      options.trace = false;
      continue;
    } else if (arg === "--save") options.save = value;
    else if (arg === "--variant") {
      const [name, file] = value.split("=");
      if (!name || !file) throw new Error(`--variant takes name=file, not ${value}`);
      options.variants.push([name, file]);
    } else continue;
    index += 1;
  }
  return options;
}

/** Exclusive (self) time per event name on each thread, from complete and begin/end events. */
function summarise(events: TraceEvent[]): string {
  const threadNames = new Map<string, string>();
  for (const event of events) {
    if (event.ph === "M" && event.name === "thread_name") {
      threadNames.set(`${event.pid}:${event.tid}`, String((event.args as { name?: string }).name));
    }
  }
  type Span = { name: string; start: number; end: number };
  const spansByThread = new Map<string, Span[]>();
  const open = new Map<string, TraceEvent[]>();
  for (const event of events) {
    const key = `${event.pid}:${event.tid}`;
    if (event.ph === "X" && event.dur !== undefined) {
      const spans = spansByThread.get(key) ?? [];
      spans.push({ name: event.name, start: event.ts, end: event.ts + event.dur });
      spansByThread.set(key, spans);
    } else if (event.ph === "B") {
      const stack = open.get(key) ?? [];
      stack.push(event);
      open.set(key, stack);
    } else if (event.ph === "E") {
      const begin = open.get(key)?.pop();
      if (begin) {
        const spans = spansByThread.get(key) ?? [];
        spans.push({ name: begin.name, start: begin.ts, end: event.ts });
        spansByThread.set(key, spans);
      }
    }
  }
  const lines: string[] = [];
  const rows: { thread: string; total: number; self: Map<string, number>; count: Map<string, number> }[] = [];
  for (const [key, spans] of spansByThread) {
    spans.sort((first, second) => first.start - second.start || second.end - first.end);
    const self = new Map<string, number>();
    const count = new Map<string, number>();
    const stack: { span: Span; childTime: number }[] = [];
    let total = 0;
    const close = (entry: { span: Span; childTime: number }) => {
      const duration = entry.span.end - entry.span.start;
      self.set(entry.span.name, (self.get(entry.span.name) ?? 0) + duration - entry.childTime);
      const parent = stack.at(-1);
      if (parent) parent.childTime += duration;
      else total += duration;
    };
    for (const span of spans) {
      while (stack.length > 0 && (stack.at(-1)?.span.end ?? 0) <= span.start) close(stack.pop()!);
      count.set(span.name, (count.get(span.name) ?? 0) + 1);
      stack.push({ span, childTime: 0 });
    }
    while (stack.length > 0) close(stack.pop()!);
    rows.push({ thread: `${threadNames.get(key) ?? "?"} (${key})`, total, self, count });
  }
  rows.sort((first, second) => second.total - first.total);
  for (const row of rows.slice(0, 8)) {
    if (row.total < 20_000) continue;
    lines.push(`  ${row.thread}: ${(row.total / 1000).toFixed(0)} ms in top-level events`);
    const top = [...row.self].sort((first, second) => second[1] - first[1]).slice(0, 14);
    for (const [name, micros] of top) {
      if (micros < 5_000) continue;
      lines.push(
        `    ${(micros / 1000).toFixed(0).padStart(6)} ms  ${String(row.count.get(name)).padStart(5)}×  ${name}`,
      );
    }
  }
  // Style recalc sizes: how many elements each frame restyles.
  const styles = events.filter((event) => event.name === "UpdateLayoutTree" && event.ph === "X");
  const elementCounts = styles
    .map((event) => Number((event.args as { elementCount?: number } | undefined)?.elementCount ?? 0))
    .filter((value) => value > 0);
  if (elementCounts.length > 0) {
    const sorted = elementCounts.sort((first, second) => first - second);
    lines.push(
      `  UpdateLayoutTree elementCount: n=${sorted.length} median=${sorted[Math.floor(sorted.length / 2)]} max=${sorted.at(-1)}`,
    );
  }
  const layouts = events.filter((event) => event.name === "Layout" && event.ph === "X");
  const dirty = layouts.map((event) => {
    const data = (event.args as { beginData?: { dirtyObjects?: number; totalObjects?: number } } | undefined)
      ?.beginData;
    return `${data?.dirtyObjects ?? "?"}/${data?.totalObjects ?? "?"}`;
  });
  if (dirty.length > 0) lines.push(`  Layout dirty/total (first 12): ${dirty.slice(0, 12).join(" ")}`);
  return lines.join("\n");
}

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
};
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

/** Self time per function (V8 sampling profiler), biggest first. */
function summariseProfile(profile: Profile): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const frame = byId.get(id)?.callFrame;
    const key = frame
      ? `${frame.functionName || "(anonymous)"} ${frame.url.split("/").pop()}:${frame.lineNumber}:${frame.columnNumber}`
      : "?";
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  return [...self]
    .sort((first, second) => second[1] - first[1])
    .slice(0, 25)
    .map(([key, micros]) => `    ${(micros / 1000).toFixed(0).padStart(6)} ms  ${key}`)
    .join("\n");
}

async function profiled(page: Page, action: () => Promise<{ stats: FrameStats }>): Promise<string> {
  const session = await page.context().newCDPSession(page);
  await session.send("Profiler.enable");
  await session.send("Profiler.setSamplingInterval", { interval: 200 });
  await session.send("Profiler.start");
  const { stats } = await action();
  const { profile } = (await session.send("Profiler.stop")) as unknown as { profile: Profile };
  await session.detach();
  return `${describe(stats)}\n${summariseProfile(profile)}`;
}

async function traced(
  browser: Browser,
  page: Page,
  trace: boolean,
  action: () => Promise<{ stats: FrameStats }>,
): Promise<{ stats: FrameStats; events: TraceEvent[] }> {
  if (trace) await browser.startTracing(page, { categories: CATEGORIES });
  const { stats } = await action();
  if (!trace) return { stats, events: [] };
  const buffer = await browser.stopTracing();
  const parsed = JSON.parse(buffer.toString("utf8")) as { traceEvents: TraceEvent[] } | TraceEvent[];
  return { stats, events: Array.isArray(parsed) ? parsed : parsed.traceEvents };
}

function describe(stats: FrameStats): string {
  return `${stats.frames} frames, p50 ${stats.p50.toFixed(1)} p95 ${stats.p95.toFixed(1)} max ${stats.max.toFixed(1)} ms, >50 ms: ${stats.over50}`;
}

/** How many frames took one vsync, two, three, more (the deltas the page recorded last). */
async function vsyncHistogram(page: Page): Promise<string> {
  const deltas = await page.evaluate(
    () => (window as Window & { __benchFrames?: { deltas: number[] } }).__benchFrames?.deltas ?? [],
  );
  const buckets: number[] = [0, 0, 0, 0];
  for (const delta of deltas) {
    const bucket = Math.min(3, Math.max(0, Math.round(delta / 16.67) - 1));
    buckets[bucket] = (buckets[bucket] ?? 0) + 1;
  }
  const long = deltas
    .map((delta, index) => ({ delta, index }))
    .filter(({ delta }) => delta > 40)
    .map(({ delta, index }) => `#${index}:${delta.toFixed(0)}`);
  return `vsyncs 1/2/3/4+: ${buckets.join("/")}; long frames ${long.join(" ")}`;
}

/** Zooms in at the canvas centre with synthetic wheel ticks (as the mouse wheel would), then rests. */
async function zoomInAtCentre(): Promise<string> {
  const pane = document.querySelector(".react-flow__pane");
  if (!pane) return "no canvas";
  const box = pane.getBoundingClientRect();
  for (let tick = 0; tick < 28; tick += 1) {
    pane.dispatchEvent(
      new WheelEvent("wheel", {
        deltaY: -60,
        clientX: box.left + box.width / 2,
        clientY: box.top + box.height / 2,
        bubbles: true,
        cancelable: true,
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await new Promise((resolve) => setTimeout(resolve, 1500));
  return `zoomed in: ${document.querySelector<HTMLElement>(".react-flow__viewport")?.style.transform}`;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const dataDir = freshDataDir("bench-trace");
  let server: TrellisServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startServer({ port: options.port, dataDir });
    const email = `trace-${randomBytes(4).toString("hex")}@example.test`;
    const password = randomBytes(12).toString("hex");
    await cli(dataDir, ["user", "create", "--email", email, "--password", password, "--role", "owner"]);
    const token = await cli(dataDir, ["token", "create", "--name", "trace", "--user", email]);
    const design = (await api(server, token, "/api/v1/designs", {
      name: "Trace: 500 nodes",
      graph: benchGraph(EDITOR_NODES),
    })) as { id: string };
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: VIEWPORT });
    await context.addInitScript(NAME_HELPER);
    await context.addInitScript(recordNodeRendering);
    const page = await context.newPage();
    await signIn(page, server.baseUrl, email, password);
    const url = `${server.baseUrl}/designs/${design.id}`;
    await visit(page, url);

    const variants: [string, string | undefined][] = [
      ["as built", undefined],
      ...(options.zoomedIn ? [["zoomed in", "zoomed-in"] as [string, string]] : []),
      ...options.variants,
    ];
    for (const [name, file] of variants) {
      const extra = file && file !== "zoomed-in" ? readFileSync(file, "utf8") : undefined;
      const prepare = async () => {
        await visit(page, url);
        if (file === "zoomed-in") console.log(`  ${await page.evaluate(zoomInAtCentre)}`);
        else if (extra !== undefined && file?.endsWith(".css")) await page.addStyleTag({ content: extra });
        else if (extra !== undefined) {
          const printed: unknown = await page.evaluate(extra);
          if (typeof printed === "string") console.log(printed);
        }
        await sleep(500);
      };
      for (let pass = 1; pass <= options.passes; pass += 1) {
        await prepare();
        const zoomLevel = await page.evaluate(
          () => document.querySelector<HTMLElement>(".react-flow__viewport")?.style.transform ?? "?",
        );
        if (options.profile) {
          console.log(`[${name}] pan ${pass} (profiled): ${await profiled(page, () => pan(page))}`);
          await prepare();
          console.log(`[${name}] zoom ${pass} (profiled): ${await profiled(page, () => zoom(page))}`);
          continue;
        }
        const panned = await traced(browser, page, options.trace, () => pan(page));
        console.log(`[${name}] pan ${pass}: ${describe(panned.stats)} (viewport ${zoomLevel})`);
        console.log(`  ${await vsyncHistogram(page)}`);
        if (options.trace) console.log(summarise(panned.events));
        await prepare();
        const zoomed = await traced(browser, page, options.trace, () => zoom(page));
        console.log(`[${name}] zoom ${pass}: ${describe(zoomed.stats)}`);
        console.log(`  ${await vsyncHistogram(page)}`);
        if (options.trace) console.log(summarise(zoomed.events));
        if (options.save && options.trace) {
          mkdirSync(options.save, { recursive: true });
          const slug = name.replace(/\W+/g, "-");
          writeFileSync(path.join(options.save, `${slug}-pan-${pass}.json`), JSON.stringify(panned.events));
          writeFileSync(path.join(options.save, `${slug}-zoom-${pass}.json`), JSON.stringify(zoomed.events));
        }
      }
    }
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
