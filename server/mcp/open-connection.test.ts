import type { ServerResponse } from "node:http";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { McpConnectionError, type McpConnection, type OpenMcpConnection } from "@/server/mcp/connection";
import type { McpConfig } from "@/server/mcp/mcp-config";
import { createOpenMcpConnection } from "@/server/mcp/open-connection";
import { isProcessRunning } from "@/server/mcp/process-group";
import {
  everythingStdioEntry,
  FILESYSTEM_SERVER,
  firstText,
  fixtureEntry,
  httpEntry,
  startEverythingHttp,
  startPlainHttpServer,
  stdioEntry,
  testMcpConfig,
  waitUntilGone,
  type RunningHttpServer,
} from "@/server/mcp/testing/test-servers";
import { refusal } from "@/server/mcp/testing/connection-refusal";

let config: McpConfig;
let cleanupConfig: () => Promise<void>;
let open: OpenMcpConnection;
const openConnections: McpConnection[] = [];
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  ({ config, cleanup: cleanupConfig } = await testMcpConfig());
  open = createOpenMcpConnection(config, { killGraceMs: 1000 });
});
afterEach(async () => {
  for (const connection of openConnections.splice(0)) await connection.close();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});
afterAll(async () => {
  await cleanupConfig();
});

const noSignal = () => new AbortController().signal;

async function connect(
  entry: Parameters<OpenMcpConnection>[0],
  options: Partial<Parameters<OpenMcpConnection>[1]> = {},
  connector: OpenMcpConnection = open,
): Promise<McpConnection> {
  const connection = await connector(entry, { signal: noSignal(), ...options });
  openConnections.push(connection);
  return connection;
}

/** A plain HTTP server (not MCP) answering every request the same way. */
async function plainHttpServer(
  answer: (response: ServerResponse) => void,
): Promise<{ port: number; requests: () => number }> {
  let requests = 0;
  const server = await startPlainHttpServer((_request, response) => {
    requests += 1;
    answer(response);
  });
  cleanups.push(server.close);
  return { port: server.port, requests: () => requests };
}

/** Calls the fixture's `slow` tool and resolves with its pid and grandchild pid from the first progress. */
function startSlowCall(connection: McpConnection, ms: number, signal?: AbortSignal) {
  let resolvePids: (pids: { pid: number; grandchildPid: number }) => void = () => undefined;
  const pids = new Promise<{ pid: number; grandchildPid: number }>((resolve) => (resolvePids = resolve));
  const call = connection.client.callTool({ name: "slow", arguments: { ms, steps: 100 } }, undefined, {
    signal,
    timeout: 120_000,
    onprogress: (progress) => {
      if (progress.progress === 0 && progress.message) {
        resolvePids(JSON.parse(progress.message) as { pid: number; grandchildPid: number });
      }
    },
  });
  // The call is expected to fail in these tests; keep the rejection observed.
  const outcome = call.then(
    () => undefined,
    (error: unknown) => error,
  );
  return { pids, outcome };
}

describe("stdio", () => {
  it("connects to server-everything, lists its tools and calls echo", async () => {
    const connection = await connect(everythingStdioEntry());
    const { tools } = await connection.client.listTools();
    expect(tools.map((tool) => tool.name)).toContain("echo");
    const result = await connection.client.callTool({ name: "echo", arguments: { message: "hi" } });
    expect(firstText(result)).toBe("Echo: hi");
  });

  it("connects to server-filesystem and lists its tools", async () => {
    const folder = await mkdtemp(path.join(tmpdir(), "trellis-fs-"));
    cleanups.push(() => rm(folder, { recursive: true, force: true }));
    const connection = await connect(stdioEntry("files", [FILESYSTEM_SERVER, folder]));
    const { tools } = await connection.client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(
      expect.arrayContaining(["read_text_file", "list_directory"]),
    );
  });

  it("refuses an unlisted command before anything is spawned", async () => {
    const marker = path.join(config.workRoot, "spawned-marker");
    const strict = createOpenMcpConnection({ ...config, stdioAllow: ["node"] });
    const error = await refusal(
      strict(stdioEntry("sneaky", ["-e", `require("fs").writeFileSync(${JSON.stringify(marker)}, "x")`]), {
        signal: noSignal(),
      }),
    );
    expect(error.kind).toBe("not_allowed");
    expect(error.message).toBe(
      `The command "${process.execPath}" is not on this server's allowlist (TRELLIS_MCP_STDIO_ALLOW).`,
    );
    await expect(stat(marker)).rejects.toThrow();
  });

  it("refuses a working folder outside the MCP folder", async () => {
    for (const cwd of ["../outside", "/tmp"]) {
      const error = await refusal(open(fixtureEntry({ cwd }), { signal: noSignal() }));
      expect(error.kind).toBe("not_allowed");
    }
  });

  it("gives the server no Trellis secrets, only basics and its own variables", async () => {
    expect(process.env.TRELLIS_SECRET).toBeTruthy();
    expect(process.env.DATABASE_URL).toBeTruthy();
    const fixture = await connect(fixtureEntry({ env: { FIXTURE_TOKEN: "abc" }, cwd: "fixture-home" }));
    const names = JSON.parse(
      firstText(await fixture.client.callTool({ name: "env", arguments: {} })),
    ) as string[];
    expect(names).toEqual(expect.arrayContaining(["PATH", "HOME", "FIXTURE_TOKEN"]));
    expect(names).not.toContain("TRELLIS_SECRET");
    expect(names).not.toContain("DATABASE_URL");

    const everything = await connect(everythingStdioEntry());
    const environment = firstText(await everything.client.callTool({ name: "get-env", arguments: {} }));
    expect(environment).toContain("PATH");
    expect(environment).not.toContain("TRELLIS_SECRET");
    expect(environment).not.toContain("DATABASE_URL");
    expect(environment).not.toContain(process.env.TRELLIS_SECRET ?? "<unset>");
    expect(environment).toContain(path.join(config.workRoot));
  });

  it("fails a call with `closed` when the server crashes mid-call; Trellis and other connections go on", async () => {
    const bystander = await connect(fixtureEntry());
    const fixture = await connect(fixtureEntry());
    const { pid } = JSON.parse(firstText(await fixture.client.callTool({ name: "pids", arguments: {} }))) as {
      pid: number;
    };
    const error = await refusal(fixture.client.callTool({ name: "crash", arguments: {} }));
    expect(error.kind).toBe("closed");
    expect(error.message).toContain('The MCP server "fixture" exited with code 1');
    expect(error.message).toContain("crashing on purpose");
    expect(await waitUntilGone([pid])).toBe(true);
    // Later calls on the dead connection say the same.
    expect((await refusal(fixture.client.listTools())).kind).toBe("closed");
    expect(
      firstText(await bystander.client.callTool({ name: "echo", arguments: { message: "still here" } })),
    ).toBe("Echo: still here");
  });

  it("closes with `protocol` on an oversize line, without buffering it", async () => {
    const small = createOpenMcpConnection({ ...config, maxMessageBytes: 256 * 1024 });
    const fixture = await connect(fixtureEntry(), {}, small);
    const before = process.memoryUsage().arrayBuffers;
    const error = await refusal(
      fixture.client.callTool({ name: "huge", arguments: { bytes: 64 * 1024 * 1024 } }),
    );
    expect(error.kind).toBe("protocol");
    expect(error.message).toContain("larger than 262144 bytes");
    // 64 MiB were written; far less than that was ever held.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(32 * 1024 * 1024);
  });

  it.each([
    ["text", "is not JSON"],
    ["json", "is not a JSON-RPC message"],
  ])("closes with `protocol` on a %s line that is not JSON-RPC", async (kind, message) => {
    const fixture = await connect(fixtureEntry());
    const error = await refusal(fixture.client.callTool({ name: "garbage", arguments: { kind } }));
    expect(error.kind).toBe("protocol");
    expect(error.message).toContain(message);
  });

  it("close() ends the server and everything it started", async () => {
    const fixture = await connect(fixtureEntry());
    const { pids, outcome } = startSlowCall(fixture, 60_000);
    const { pid, grandchildPid } = await pids;
    expect(await isProcessRunning(grandchildPid)).toBe(true);
    await fixture.close();
    expect(await isProcessRunning(pid)).toBe(false);
    expect(await isProcessRunning(grandchildPid)).toBe(false);
    const error = await outcome;
    expect(error).toBeInstanceOf(McpConnectionError);
    expect((error as McpConnectionError).kind).toBe("closed");
  });

  it("aborting the signal during a slow call closes the connection and its processes", async () => {
    const controller = new AbortController();
    const fixture = await connect(fixtureEntry(), { signal: controller.signal });
    const { pids, outcome } = startSlowCall(fixture, 60_000);
    const { pid, grandchildPid } = await pids;
    controller.abort();
    const error = await outcome;
    expect(error).toBeInstanceOf(McpConnectionError);
    expect((error as McpConnectionError).kind).toBe("closed");
    expect(await waitUntilGone([pid, grandchildPid])).toBe(true);
  });

  it("aborting while connecting stops the start", async () => {
    const controller = new AbortController();
    // A "server" that never answers initialize.
    const pending = open(stdioEntry("mute", ["-e", "setInterval(() => {}, 1000)"]), {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 200);
    const error = await refusal(pending);
    expect(error.kind).toBe("closed");
    expect(error.message).toContain("was cancelled");
  });

  it("times out a server that never answers", async () => {
    const impatient = createOpenMcpConnection({ ...config, connectTimeoutMs: 500 });
    const error = await refusal(
      impatient(stdioEntry("mute", ["-e", "setInterval(() => {}, 1000)"]), { signal: noSignal() }),
    );
    expect(error.kind).toBe("timeout");
    expect(error.message).toBe('"mute" did not answer within 0.5 s (TRELLIS_MCP_CONNECT_TIMEOUT_SECONDS).');
  });

  it("says why a server could not start, with the end of its stderr", async () => {
    const error = await refusal(
      open(fixtureEntry({ env: { FIXTURE_FAIL_START: "missing API key" } }), { signal: noSignal() }),
    );
    expect(error.kind).toBe("cannot_start");
    expect(error.message).toBe('Could not start "fixture": missing API key');
  });

  it("declares and serves elicitation and sampling only when handlers are given", async () => {
    const questions: string[] = [];
    const fixture = await connect(fixtureEntry(), {
      handlers: {
        elicit: (params) => {
          questions.push(params.message);
          return Promise.resolve({ action: "accept", content: { answer: "blue" } });
        },
        sample: () =>
          Promise.resolve({
            role: "assistant",
            content: { type: "text", text: "sampled answer" },
            model: "test",
          }),
      },
    });
    const asked = firstText(
      await fixture.client.callTool({ name: "ask", arguments: { message: "Favourite colour?" } }),
    );
    expect(JSON.parse(asked)).toEqual({ action: "accept", content: { answer: "blue" } });
    expect(questions).toEqual(["Favourite colour?"]);
    expect(firstText(await fixture.client.callTool({ name: "sample", arguments: { prompt: "hi" } }))).toBe(
      "sampled answer",
    );

    const plain = await connect(fixtureEntry());
    const refused = await plain.client.callTool({ name: "ask", arguments: { message: "?" } });
    expect(refused.isError).toBe(true);
    expect(firstText(refused)).toMatch(/does not support .*elicitation/);
  });
});

describe("http and sse", () => {
  let everything: RunningHttpServer;
  let everythingSse: RunningHttpServer;
  beforeAll(async () => {
    [everything, everythingSse] = await Promise.all([startEverythingHttp(), startEverythingHttp("sse")]);
  });
  afterAll(async () => {
    await everything?.stop();
    await everythingSse?.stop();
  });

  const allowing = (...hosts: string[]) => createOpenMcpConnection({ ...config, allowHosts: hosts });

  it("connects to server-everything over Streamable HTTP when the host is allowed", async () => {
    const connection = await connect(
      httpEntry("remote", everything.url),
      {},
      allowing(`127.0.0.1:${everything.port}`),
    );
    const { tools } = await connection.client.listTools();
    expect(tools.map((tool) => tool.name)).toContain("echo");
    const result = await connection.client.callTool({ name: "echo", arguments: { message: "over http" } });
    expect(firstText(result)).toBe("Echo: over http");
  });

  it("connects to server-everything over legacy SSE when the host is allowed", async () => {
    const connection = await connect(
      httpEntry("legacy", everythingSse.url, "sse"),
      {},
      allowing("127.0.0.1"),
    );
    const result = await connection.client.callTool({ name: "echo", arguments: { message: "over sse" } });
    expect(firstText(result)).toBe("Echo: over sse");
  });

  it("refuses loopback, localhost, IPv4-mapped and metadata addresses without an allow", async () => {
    const local = await plainHttpServer((response) => response.end("{}"));
    const urls = [
      everything.url,
      `http://127.0.0.1:${local.port}/mcp`,
      `http://localhost:${local.port}/mcp`,
      `http://[::ffff:127.0.0.1]:${local.port}/`,
      "http://169.254.169.254/",
    ];
    for (const url of urls) {
      const error = await refusal(open(httpEntry("blocked", url), { signal: noSignal() }));
      expect(error.kind, url).toBe("blocked_address");
      expect(error.message).toContain(
        "ask the administrator to allow this host with TRELLIS_MCP_ALLOW_HOSTS",
      );
    }
    expect(local.requests()).toBe(0);
  });

  it("refuses a hostname that resolves to a private address", async () => {
    const connector = createOpenMcpConnection(config, {
      resolveHost: () => Promise.resolve([{ address: "10.0.0.1", family: 4 }]),
    });
    const error = await refusal(
      connector(httpEntry("intranet", "https://mcp.example.test/mcp"), { signal: noSignal() }),
    );
    expect(error.kind).toBe("blocked_address");
    expect(error.message).toBe(
      "The server at https://mcp.example.test resolves to a private address (10.0.0.1); ask the administrator to allow this host with TRELLIS_MCP_ALLOW_HOSTS.",
    );
  });

  it("reports 401 as auth_required", async () => {
    const server = await plainHttpServer((response) =>
      response.writeHead(401, { "www-authenticate": 'Bearer realm="mcp"' }).end("unauthorized"),
    );
    for (const transport of ["http", "sse"] as const) {
      const url = `http://127.0.0.1:${server.port}/mcp`;
      const error = await refusal(
        allowing("127.0.0.1")(httpEntry("locked", url, transport), { signal: noSignal() }),
      );
      expect(error.kind, transport).toBe("auth_required");
      expect(error.message).toContain(`The server at ${url} asks for authentication (HTTP 401).`);
    }
  });

  it("reports an endpoint that is not MCP as protocol", async () => {
    const html = await plainHttpServer((response) =>
      response.writeHead(200, { "content-type": "text/html" }).end("<html>hello</html>"),
    );
    const missing = await plainHttpServer((response) => response.writeHead(404).end("not found"));
    const notRpc = await plainHttpServer((response) =>
      response.writeHead(200, { "content-type": "application/json" }).end('{"hello":"world"}'),
    );
    for (const port of [html.port, missing.port, notRpc.port]) {
      const error = await refusal(
        allowing("127.0.0.1")(httpEntry("web", `http://127.0.0.1:${port}/mcp`), { signal: noSignal() }),
      );
      expect(error.kind, String(port)).toBe("protocol");
      expect(error.message).toContain("did not answer as an MCP server");
    }
  });

  it("reports a refused connection as cannot_start", async () => {
    const closed = await plainHttpServer((response) => response.end());
    await cleanups.pop()?.();
    for (const transport of ["http", "sse"] as const) {
      const url = `http://127.0.0.1:${closed.port}/mcp`;
      const error = await refusal(
        allowing("127.0.0.1")(httpEntry("gone", url, transport), { signal: noSignal() }),
      );
      expect(error.kind, transport).toBe("cannot_start");
      expect(error.message).toBe(`Could not connect to the server at ${url}: the connection was refused.`);
    }
  });

  it("fails a call with `closed` when the HTTP server dies mid-call", async () => {
    const doomed = await startEverythingHttp();
    cleanups.push(() => doomed.stop());
    const connection = await connect(httpEntry("doomed", doomed.url), {}, allowing("127.0.0.1"));
    let started: () => void = () => undefined;
    const progressed = new Promise<void>((resolve) => (started = resolve));
    const call = connection.client
      .callTool(
        { name: "trigger-long-running-operation", arguments: { duration: 60, steps: 60 } },
        undefined,
        {
          timeout: 120_000,
          onprogress: () => started(),
        },
      )
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    await progressed;
    await doomed.stop();
    const error = await call;
    expect(error).toBeInstanceOf(McpConnectionError);
    expect((error as McpConnectionError).kind).toBe("closed");
    expect((error as McpConnectionError).message).toContain("stopped answering in the middle of a request");
  });

  it("closes with protocol when a response is larger than the limit", async () => {
    const connector = createOpenMcpConnection({
      ...config,
      allowHosts: ["127.0.0.1"],
      maxMessageBytes: 16_384,
    });
    const connection = await connect(httpEntry("remote", everything.url), {}, connector);
    const error = await refusal(
      connection.client.callTool({ name: "echo", arguments: { message: "z".repeat(50_000) } }),
    );
    expect(error.kind).toBe("protocol");
    expect(error.message).toContain("larger than 16384 bytes");
    // The connection is closed: the next request says why.
    expect((await refusal(connection.client.listTools())).kind).toBe("protocol");
  });
});
