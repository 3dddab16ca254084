/**
 * Test support for MCP tools in runs: registry entries for the real test servers and the real
 * connector with test limits. Nothing in production imports it.
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { OpenMcpConnection } from "@/server/mcp/connection";
import type { McpConfig } from "@/server/mcp/mcp-config";
import { createOpenMcpConnection } from "@/server/mcp/open-connection";
import type { McpServerEntry } from "@/server/mcp/server-entry";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export const EVERYTHING_SERVER = `${ROOT}node_modules/@modelcontextprotocol/server-everything/dist/index.js`;
export const FIXTURE_SERVER = `${ROOT}server/mcp/testing/fixture-server.mjs`;

type StdioEntry = Extract<McpServerEntry, { transport: "stdio" }>;

export function stdioEntry(name: string, script: string, args: string[] = []): StdioEntry {
  return {
    name,
    description: "",
    transport: "stdio",
    command: process.execPath,
    args: [script, ...args],
    env: {},
  };
}

export const everythingEntry = (name = "everything") => stdioEntry(name, EVERYTHING_SERVER, ["stdio"]);
export const fixtureEntry = (name = "fixture") => stdioEntry(name, FIXTURE_SERVER);

/** An absolute import specifier for a module of the MCP SDK (inline servers run outside the repo). */
export function sdkModule(subpath: string): string {
  return pathToFileURL(`${ROOT}node_modules/@modelcontextprotocol/sdk/dist/esm/${subpath}`).href;
}

/** A stdio entry running an ES module given as text (`node --input-type=module -e`). */
export function inlineServerEntry(name: string, source: string): StdioEntry {
  return {
    name,
    description: "",
    transport: "stdio",
    command: process.execPath,
    args: ["--input-type=module", "-e", source],
    env: {},
  };
}

export function entriesOf(...entries: McpServerEntry[]): () => Promise<Map<string, McpServerEntry>> {
  return () => Promise.resolve(new Map(entries.map((entry) => [entry.name, entry])));
}

/** A connection a test opened: which server, its process, and whether it was closed. */
export type OpenedConnection = { name: string; pid: number | null; closed: boolean };

/** Limits for tests: `node` may run (the test servers are scripts), nothing may be reached over HTTP. */
export function testMcpConfig(): McpConfig {
  return {
    stdioAllow: [process.execPath],
    allowHosts: [],
    connectTimeoutMs: 20_000,
    maxMessageBytes: 4 * 1024 * 1024,
    workRoot: path.join(os.tmpdir(), "trellis-run-tools-tests"),
  };
}

/**
 * The real connector (allowlist, process groups, bounded messages) with test limits, recording
 * each connection it opens so a test can check which servers started and that they were closed.
 */
export function createTestConnector(): { open: OpenMcpConnection; opened: OpenedConnection[] } {
  const opened: OpenedConnection[] = [];
  const connect = createOpenMcpConnection(testMcpConfig(), { killGraceMs: 1000 });
  const open: OpenMcpConnection = async (entry, options) => {
    const connection = await connect(entry, options);
    const transport = connection.client.transport;
    const pid = transport !== undefined && "pid" in transport ? Number(transport.pid) : null;
    const record: OpenedConnection = { name: entry.name, pid, closed: false };
    opened.push(record);
    return {
      name: connection.name,
      client: connection.client,
      close: () =>
        connection.close().finally(() => {
          record.closed = true;
        }),
    };
  };
  return { open, opened };
}

/**
 * Whether a process still runs. A zombie does not count: an orphaned grandchild is reaped by init
 * (or, in a container, maybe never), and signalling a zombie still "succeeds".
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  if (process.platform !== "linux") return true;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0] !== "Z";
  } catch {
    return false;
  }
}
