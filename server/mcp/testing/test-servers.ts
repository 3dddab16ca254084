import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer as createHttpServer, type RequestListener } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { McpConfig } from "@/server/mcp/mcp-config";
import { isProcessRunning } from "@/server/mcp/process-group";
import type { McpServerEntry } from "@/server/mcp/server-entry";

/** Real MCP servers for tests: the SDK's reference servers and Trellis's misbehaving fixture. */

const root = fileURLToPath(new URL("../../../", import.meta.url));

export const EVERYTHING_SERVER = path.join(
  root,
  "node_modules/@modelcontextprotocol/server-everything/dist/index.js",
);
export const FILESYSTEM_SERVER = path.join(
  root,
  "node_modules/@modelcontextprotocol/server-filesystem/dist/index.js",
);
export const FIXTURE_SERVER = path.join(root, "server/mcp/testing/fixture-server.mjs");

/** A config that allows `node` (as process.execPath) and nothing else, with a fresh working root. */
export async function testMcpConfig(overrides: Partial<McpConfig> = {}): Promise<{
  config: McpConfig;
  cleanup: () => Promise<void>;
}> {
  const workRoot = await mkdtemp(path.join(tmpdir(), "trellis-mcp-"));
  return {
    config: {
      stdioAllow: [process.execPath],
      allowHosts: [],
      connectTimeoutMs: 20_000,
      maxMessageBytes: 4 * 1024 * 1024,
      workRoot,
      ...overrides,
    },
    cleanup: () => rm(workRoot, { recursive: true, force: true }),
  };
}

export function stdioEntry(
  name: string,
  args: string[],
  extra: Partial<Extract<McpServerEntry, { transport: "stdio" }>> = {},
): McpServerEntry {
  return { name, description: "", transport: "stdio", command: process.execPath, args, env: {}, ...extra };
}

export const fixtureEntry = (extra: Partial<Extract<McpServerEntry, { transport: "stdio" }>> = {}) =>
  stdioEntry("fixture", [FIXTURE_SERVER], extra);
export const everythingStdioEntry = () => stdioEntry("everything", [EVERYTHING_SERVER, "stdio"]);

export function httpEntry(name: string, url: string, transport: "http" | "sse" = "http"): McpServerEntry {
  return { name, description: "", transport, url, headers: {} };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== "object" || address === null) throw new Error("no port");
  return address.port;
}

/**
 * A plain HTTP server (not MCP) on a free loopback port, for what a transport or the address guard
 * does with ordinary answers. `close` drops open keep-alive connections so it never waits on them.
 */
export async function startPlainHttpServer(
  handler: RequestListener,
): Promise<{ port: number; close: () => Promise<void> }> {
  const server = createHttpServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("no port");
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type RunningHttpServer = {
  port: number;
  url: string;
  process: ChildProcess;
  stop: () => Promise<void>;
};

/** server-everything over Streamable HTTP (`/mcp`) or legacy SSE (`/sse`), on a free port. */
export async function startEverythingHttp(
  mode: "streamableHttp" | "sse" = "streamableHttp",
): Promise<RunningHttpServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [EVERYTHING_SERVER, mode], {
    env: { PATH: process.env.PATH, PORT: String(port), NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server-everything did not start: ${output}`)), 20_000);
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (/listening|running/i.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server-everything exited (${code}): ${output}`));
    });
  });
  return {
    port,
    url: `http://127.0.0.1:${port}/${mode === "sse" ? "sse" : "mcp"}`,
    process: child,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
    },
  };
}

/** Waits until none of `pids` runs any more (zombies count as gone); false after `timeoutMs`. */
export async function waitUntilGone(pids: readonly number[], timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const running = await Promise.all(pids.map((pid) => isProcessRunning(pid)));
    if (!running.some(Boolean)) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The first text content of a tool result. */
export function firstText(result: unknown): string {
  const content = (result as { content?: Array<{ type: string; text?: string }> }).content ?? [];
  return content.find((item) => item.type === "text")?.text ?? "";
}
