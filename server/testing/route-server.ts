import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

type RouteHandler = (
  request: Request,
  context: { params: Promise<Record<string, string>> },
) => Response | Promise<Response>;
type Route = { method: string; pattern: RegExp; handler: RouteHandler; paramNames: string[] };

/**
 * Serves Next.js route handlers over real HTTP on 127.0.0.1, so tests can use a real HTTP client
 * (disconnects, streaming) against the same handlers the app serves, without building the app.
 */
export async function serveRoutes(routes: { method: string; path: string; handler: RouteHandler }[]) {
  const compiled: Route[] = routes.map((route) => {
    const paramNames: string[] = [];
    const source = route.path.replace(/\[([a-z]+)\]/gi, (_match, name: string) => {
      paramNames.push(name);
      return "([^/]+)";
    });
    return { method: route.method, pattern: new RegExp(`^${source}$`), handler: route.handler, paramNames };
  });

  const server: Server = createServer((incoming, outgoing) => {
    void (async () => {
      const url = new URL(incoming.url ?? "/", "http://127.0.0.1");
      const route = compiled.find(
        (candidate) => candidate.method === incoming.method && candidate.pattern.test(url.pathname),
      );
      if (!route) {
        outgoing.writeHead(404).end();
        return;
      }
      const match = route.pattern.exec(url.pathname);
      const params = Object.fromEntries(
        route.paramNames.map((name, index) => [name, decodeURIComponent(match?.[index + 1] ?? "")]),
      );
      const abort = new AbortController();
      outgoing.on("close", () => abort.abort());
      const chunks: Buffer[] = [];
      for await (const chunk of incoming) chunks.push(chunk as Buffer);
      const headers = new Headers();
      for (const [name, value] of Object.entries(incoming.headers)) {
        if (typeof value === "string") headers.set(name, value);
      }
      const request = new Request(url, {
        method: incoming.method,
        headers,
        body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
        signal: abort.signal,
      });
      const response = await route.handler(request, { params: Promise.resolve(params) });
      outgoing.writeHead(response.status, Object.fromEntries(response.headers.entries()));
      if (!response.body) {
        outgoing.end();
        return;
      }
      const reader = response.body.getReader();
      abort.signal.addEventListener("abort", () => void reader.cancel().catch(() => undefined), {
        once: true,
      });
      for (;;) {
        const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
        if (done || !value) break;
        outgoing.write(value);
      }
      outgoing.end();
    })().catch(() => outgoing.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    /**
     * Sends a request the way API clients do (JSON, an optional Bearer API token) and reads the
     * answer: `text` as sent, for failure messages and byte-for-byte comparisons, and `body` parsed
     * (undefined when empty). A string body is sent as is, so tests can send broken JSON.
     */
    api: async (
      method: string,
      path: string,
      token?: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ) => {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          "content-type": "application/json",
          ...headers,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      });
      const text = await response.text();
      return {
        status: response.status,
        headers: response.headers,
        text,
        body: (text ? JSON.parse(text) : undefined) as Record<string, unknown>,
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
