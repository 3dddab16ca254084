import type { IncomingMessage, ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { McpConnectionError } from "@/server/mcp/connection";
import { createAddressGuard, type ResolveHost } from "@/server/mcp/safety/address-guard";
import { createGuardedFetch, type GuardedFetch } from "@/server/mcp/safety/pinned-fetch";
import { startPlainHttpServer } from "@/server/mcp/testing/test-servers";

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function serve(handler: Handler): Promise<{ port: number; hosts: string[] }> {
  const hosts: string[] = [];
  const server = await startPlainHttpServer((request, response) => {
    hosts.push(request.headers.host ?? "");
    handler(request, response);
  });
  cleanups.push(server.close);
  return { port: server.port, hosts };
}

function guardedFetch(options: {
  allowHosts: string[];
  resolveHost: ResolveHost;
  maxMessageBytes?: number;
  onViolation?: (error: McpConnectionError) => void;
}): GuardedFetch {
  const guarded = createGuardedFetch({
    guard: createAddressGuard({ allowHosts: options.allowHosts, resolveHost: options.resolveHost }),
    maxMessageBytes: options.maxMessageBytes ?? 1024 * 1024,
    describe: "The server at test",
    onViolation: options.onViolation,
  });
  cleanups.push(() => guarded.close());
  return guarded;
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe("createGuardedFetch", () => {
  it("connects to the checked address even when a second lookup would answer differently", async () => {
    const server = await serve((_request, response) => response.end("hello"));
    let lookups = 0;
    // First answer: the test server. Any later answer would point elsewhere (a rebinding DNS).
    const resolveHost: ResolveHost = () => {
      lookups += 1;
      return Promise.resolve([{ address: lookups === 1 ? "127.0.0.1" : "10.9.9.9", family: 4 }]);
    };
    const { fetch } = guardedFetch({ allowHosts: ["rebind.example.test"], resolveHost });
    const url = `http://rebind.example.test:${server.port}/mcp`;
    expect(await (await fetch(url)).text()).toBe("hello");
    expect(await (await fetch(url, { method: "POST", body: "{}" })).text()).toBe("hello");
    expect(lookups).toBe(1);
    // The URL's host names the request, though the socket went to the pinned address.
    expect(server.hosts).toEqual([
      `rebind.example.test:${server.port}`,
      `rebind.example.test:${server.port}`,
    ]);
  });

  it("refuses before connecting when the host resolves to a private address", async () => {
    const server = await serve((_request, response) => response.end("should not be reached"));
    const { fetch } = guardedFetch({
      allowHosts: [],
      resolveHost: () => Promise.resolve([{ address: "127.0.0.1", family: 4 }]),
    });
    const error = await failureOf(fetch(`http://sneaky.example.test:${server.port}/`));
    expect(error).toBeInstanceOf(McpConnectionError);
    expect((error as McpConnectionError).kind).toBe("blocked_address");
    expect(server.hosts).toEqual([]);
  });

  it("hands redirects back in manual mode, follows same-origin ones and refuses cross-site ones", async () => {
    const server = await serve((request, response) => {
      if (request.url === "/to-metadata") {
        response.writeHead(307, { location: "http://169.254.169.254/latest/meta-data/" }).end();
      } else if (request.url === "/to-same-origin") {
        response.writeHead(307, { location: "/final" }).end();
      } else {
        response.end(`at ${request.url}`);
      }
    });
    const { fetch } = guardedFetch({
      allowHosts: [`127.0.0.1:${server.port}`],
      resolveHost: () => Promise.resolve([]),
    });
    const base = `http://127.0.0.1:${server.port}`;

    const manual = await fetch(`${base}/to-metadata`, { redirect: "manual" });
    expect(manual.status).toBe(307);
    expect(manual.headers.get("location")).toBe("http://169.254.169.254/latest/meta-data/");

    const followed = await fetch(`${base}/to-same-origin`);
    expect(await followed.text()).toBe("at /final");

    const error = await failureOf(fetch(`${base}/to-metadata`));
    expect(error).toBeInstanceOf(McpConnectionError);
    expect((error as McpConnectionError).kind).toBe("blocked_address");
    expect(server.hosts.length).toBe(4);
  });

  it("bounds a JSON body as a whole", async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ data: "x".repeat(300_000) }));
    });
    const violations: McpConnectionError[] = [];
    const { fetch } = guardedFetch({
      allowHosts: ["127.0.0.1"],
      resolveHost: () => Promise.resolve([]),
      maxMessageBytes: 100_000,
      onViolation: (violation) => violations.push(violation),
    });
    const response = await fetch(`http://127.0.0.1:${server.port}/`);
    const error = await failureOf(response.text());
    expect(error).toBeInstanceOf(McpConnectionError);
    expect((error as McpConnectionError).kind).toBe("protocol");
    expect((error as McpConnectionError).message).toContain("larger than 100000 bytes");
    expect(violations).toHaveLength(1);
  });

  it("bounds an SSE stream per event, not in total", async () => {
    const event = (size: number) => `event: message\ndata: ${"y".repeat(size)}\n\n`;
    const server = await serve((request, response) => {
      response.writeHead(200, { "content-type": "text/event-stream" });
      // Many events under the limit add up to far more than it; only one oversize event breaks it.
      const events = Array.from({ length: 40 }, () => event(5_000)).join("");
      response.end(request.url === "/oversize" ? events + event(20_000) : events);
    });
    const violations: McpConnectionError[] = [];
    const { fetch } = guardedFetch({
      allowHosts: ["127.0.0.1"],
      resolveHost: () => Promise.resolve([]),
      maxMessageBytes: 10_000,
      onViolation: (violation) => violations.push(violation),
    });
    const fine = await (await fetch(`http://127.0.0.1:${server.port}/fine`)).text();
    expect(fine.length).toBeGreaterThan(200_000);
    expect(violations).toHaveLength(0);

    const error = await failureOf((await fetch(`http://127.0.0.1:${server.port}/oversize`)).text());
    expect((error as McpConnectionError).kind).toBe("protocol");
    expect(violations).toHaveLength(1);
  });
});
