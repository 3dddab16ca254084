#!/usr/bin/env node
// A small, real MCP server over stdio for Trellis's tests (run it with `node`; plain JS on purpose).
// Every tool misbehaves in one well-defined way so tests can prove how Trellis copes with it:
//   echo      { message }            → "Echo: <message>"
//   env       {}                     → the names of its environment variables (JSON array), never values
//   pids      {}                     → { pid, grandchildren: [pid…] } (the sleeps spawned by `slow`)
//   slow      { ms, steps? }         → waits ms; with a progressToken sends notifications/progress
//                                      (the first message is JSON { pid, grandchildPid }); spawns a
//                                      grandchild `sleep` first so tests can prove the group is killed
//   crash     {}                     → writes to stderr, then exits the process in the middle of the call
//   huge      { bytes? }             → writes one valid-looking JSON-RPC line of `bytes` (default 5 MiB)
//   garbage   { kind? }              → writes "text" (not JSON) or "json" (JSON but not JSON-RPC) line
//   ask       { message }            → elicitation/create to the client; returns its answer as JSON
//   sample    { prompt }             → sampling/createMessage to the client; returns the model's text
// Plus resources (fixture://readme and 24 notes, listed 10 per page) and one prompt (greet { name }).
// FIXTURE_FAIL_START=<text> makes it print <text> to stderr and exit 3 before connecting;
// FIXTURE_STALL_LISTS=1 makes it never answer tools/list.
import { spawn } from "node:child_process";
import process from "node:process";
import { clearTimeout, setTimeout } from "node:timers";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { ListResourcesRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";

if (process.env.FIXTURE_FAIL_START) {
  process.stderr.write(`${process.env.FIXTURE_FAIL_START}\n`);
  process.exit(3);
}

const server = new McpServer({ name: "trellis-fixture", version: "1.0.0" });
const grandchildren = [];
const text = (value) => ({ content: [{ type: "text", text: value }] });
const sleep = (ms, signal) =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });

server.registerTool(
  "echo",
  { description: "Echoes the message back.", inputSchema: { message: z.string() } },
  async ({ message }) => text(`Echo: ${message}`),
);

server.registerTool("env", { description: "Names of the environment variables it sees." }, async () =>
  text(JSON.stringify(Object.keys(process.env).sort())),
);

server.registerTool("pids", { description: "Its own pid and the pids of the sleeps it spawned." }, async () =>
  text(JSON.stringify({ pid: process.pid, grandchildren })),
);

server.registerTool(
  "slow",
  {
    description: "Waits `ms` milliseconds, reporting progress; spawns a grandchild sleep.",
    inputSchema: {
      ms: z.number().int().min(0).max(600_000),
      steps: z.number().int().min(1).max(100).optional(),
    },
  },
  async ({ ms, steps = 5 }, extra) => {
    // `sleep` outlives this process unless its whole process group is killed.
    const grandchild = spawn("sleep", [String(Math.ceil(ms / 1000) + 60)], { stdio: "ignore" });
    grandchildren.push(grandchild.pid);
    const progressToken = extra._meta?.progressToken;
    for (let step = 0; step < steps; step += 1) {
      if (progressToken !== undefined) {
        await extra.sendNotification({
          method: "notifications/progress",
          params: {
            progressToken,
            progress: step,
            total: steps,
            message:
              step === 0
                ? JSON.stringify({ pid: process.pid, grandchildPid: grandchild.pid })
                : `step ${step}`,
          },
        });
      }
      await sleep(ms / steps, extra.signal);
      if (extra.signal.aborted) break;
    }
    grandchild.kill();
    return text(`waited ${ms} ms`);
  },
);

server.registerTool("crash", { description: "Exits the process in the middle of the call." }, async () => {
  process.stderr.write("fixture: crashing on purpose\n");
  setTimeout(() => process.exit(1), 10);
  return new Promise(() => {});
});

server.registerTool(
  "huge",
  {
    description: "Writes one stdout line of `bytes` bytes.",
    inputSchema: {
      bytes: z
        .number()
        .int()
        .min(1)
        .max(256 * 1024 * 1024)
        .optional(),
    },
  },
  async ({ bytes = 5 * 1024 * 1024 }) => {
    const head = '{"jsonrpc":"2.0","method":"notifications/message","params":{"level":"info","data":"';
    const tail = '"}}';
    process.stdout.write(`${head}${"x".repeat(Math.max(0, bytes - head.length - tail.length))}${tail}\n`);
    return new Promise(() => {});
  },
);

server.registerTool(
  "garbage",
  {
    description: "Writes a line that is not JSON-RPC.",
    inputSchema: { kind: z.enum(["text", "json"]).optional() },
  },
  async ({ kind = "text" }) => {
    process.stdout.write(kind === "json" ? '{"hello":"world"}\n' : "this is not json\n");
    return new Promise(() => {});
  },
);

server.registerTool(
  "ask",
  {
    description: "Asks the client (elicitation) and returns the answer.",
    inputSchema: { message: z.string() },
  },
  async ({ message }) => {
    const answer = await server.server.elicitInput({
      message,
      requestedSchema: { type: "object", properties: { answer: { type: "string" } }, required: ["answer"] },
    });
    return text(JSON.stringify(answer));
  },
);

server.registerTool(
  "sample",
  {
    description: "Asks the client's model (sampling) and returns its text.",
    inputSchema: { prompt: z.string() },
  },
  async ({ prompt }) => {
    const result = await server.server.createMessage({
      messages: [{ role: "user", content: { type: "text", text: prompt } }],
      maxTokens: 200,
    });
    return text(result.content.type === "text" ? result.content.text : JSON.stringify(result.content));
  },
);

server.registerResource(
  "readme",
  "fixture://readme",
  { description: "A short text resource.", mimeType: "text/plain" },
  async (uri) => ({ contents: [{ uri: uri.href, mimeType: "text/plain", text: "Trellis fixture readme." }] }),
);

server.registerPrompt(
  "greet",
  { description: "Greets someone.", argsSchema: { name: z.string() } },
  ({ name }) => ({ messages: [{ role: "user", content: { type: "text", text: `Say hello to ${name}.` } }] }),
);

// resources/list answers in pages of 10 (readme + 24 notes = 3 pages), so clients must follow cursors.
const listedResources = [
  { uri: "fixture://readme", name: "readme", description: "A short text resource.", mimeType: "text/plain" },
  ...Array.from({ length: 24 }, (_, index) => ({
    uri: `fixture://notes/${index + 1}`,
    name: `note ${index + 1}`,
  })),
];
server.server.setRequestHandler(ListResourcesRequestSchema, async (request) => {
  const start = Number(request.params?.cursor ?? 0);
  const next = start + 10;
  return {
    resources: listedResources.slice(start, next),
    ...(next < listedResources.length ? { nextCursor: String(next) } : {}),
  };
});

if (process.env.FIXTURE_STALL_LISTS) {
  // For timeouts: the session starts, but tools/list is never answered.
  server.server.setRequestHandler(ListToolsRequestSchema, () => new Promise(() => {}));
}

await server.connect(new StdioServerTransport());
