import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as audit from "@/app/api/v1/audit/route";
import * as designs from "@/app/api/v1/designs/route";
import * as providerTest from "@/app/api/v1/providers/[provider]/test/route";
import * as provider from "@/app/api/v1/providers/[provider]/route";
import * as providers from "@/app/api/v1/providers/route";
import * as runEvents from "@/app/api/v1/runs/[id]/events/route";
import * as runById from "@/app/api/v1/runs/[id]/route";
import * as share from "@/app/api/v1/runs/[id]/share/route";
import * as runs from "@/app/api/v1/runs/route";
import * as sharedEvents from "@/app/api/v1/shared/runs/[token]/events/route";
import * as sharedRun from "@/app/api/v1/shared/runs/[token]/route";
import { appRouter } from "@/server/api/root";
import { db } from "@/server/db/client";
import { log } from "@/server/log";
import { startFakeOpenAIServer, type FakeOpenAIServer } from "@/server/testing/fake-openai-server";
import { createTestWorkspace } from "@/server/testing/fixtures";

/**
 * Issue 7: a provider key never appears in any response, event, log line or error message. Two
 * keys are planted — a workspace's (set through the API) and the server's own (environment) — and
 * the provider is a real HTTP server that quotes the key it was sent back in its error, as real
 * providers do. Every answer and every line written to the console is searched for both.
 */
const WORKSPACE_KEY = `sk-planted-workspace-${randomUUID()}`;
const SERVER_KEY = `sk-planted-server-${randomUUID()}`;
const output: string[] = [];
const answers: string[] = [];

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
async function call(
  handler: Handler,
  options: { method?: string; token?: string; body?: unknown; params?: Record<string, string> } = {},
) {
  const headers = new Headers({ "content-type": "application/json" });
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  const response = await handler(
    new Request("http://localhost/api/v1/x", {
      method: options.method ?? "GET",
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    }),
    { params: Promise.resolve(options.params ?? {}) },
  );
  const text = await response.text();
  answers.push(`${[...response.headers.entries()].join("\n")}\n${text}`);
  return { status: response.status, text, json: () => JSON.parse(text) as Record<string, unknown> };
}

let fake: FakeOpenAIServer;
let team: Awaited<ReturnType<typeof createTestWorkspace>>;

beforeAll(async () => {
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    const original = console[method].bind(console);
    vi.spyOn(console, method).mockImplementation((...parts: unknown[]) => {
      output.push(
        parts
          .map((part) => (part instanceof Error ? `${part.message}\n${part.stack}` : String(part)))
          .join(" "),
      );
      original(...parts);
    });
  }
  vi.stubEnv("OPENAI_API_KEY", SERVER_KEY);
  vi.stubEnv("TRELLIS_PROVIDER_ALLOW_HOSTS", "127.0.0.1");
  fake = await startFakeOpenAIServer();
  // Whatever it is sent, the provider refuses it and quotes the Authorization header back.
  fake.fail(
    { status: 401, message: (request) => `Incorrect API key provided: ${request.headers.authorization}` },
    100,
  );
  team = await createTestWorkspace();
});

afterAll(async () => {
  await fake.close();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("planted provider keys", () => {
  it("never come back from the providers API, its test action or the audit log", async () => {
    const set = await call(provider.PUT, {
      method: "PUT",
      token: team.owner.token,
      params: { provider: "openai" },
      body: { apiKey: WORKSPACE_KEY, baseUrl: fake.baseUrl },
    });
    expect(set.status).toBe(200);
    expect(set.json()).toMatchObject({ provider: "openai", hasKey: true });
    await call(providers.GET, { token: team.viewer.token });
    const tested = await call(providerTest.POST, {
      method: "POST",
      token: team.owner.token,
      params: { provider: "openai" },
    });
    expect(tested.json()).toMatchObject({ ok: false });
    expect(fake.requests.some((request) => request.headers.authorization?.includes(WORKSPACE_KEY))).toBe(
      true,
    );
    await call(audit.GET, { token: team.owner.token });
    const viaTrpc = await appRouter
      .createCaller({ caller: team.owner, headers: new Headers(), resHeaders: new Headers() })
      .providers.list();
    answers.push(JSON.stringify(viaTrpc));
    const stored = await db().providerCredential.findFirstOrThrow({
      where: { workspaceId: team.workspaceId },
    });
    expect(stored.apiKeyEncrypted).not.toContain(WORKSPACE_KEY);
    expect(stored.apiKeyHint).toBe(WORKSPACE_KEY.slice(-4));
  });

  it("never reach a run's answer, error, events or shared view when the provider quotes them back", async () => {
    const graph = {
      version: 1,
      nodes: [
        {
          id: "a",
          type: "agent",
          position: { x: 0, y: 0 },
          data: { name: "leaky", model: "openai.fake-chat" },
        },
      ],
      edges: [],
    };
    const design = await call(designs.POST, {
      method: "POST",
      token: team.editor.token,
      body: { name: "leak", graph },
    });
    const run = await call(runs.POST, {
      method: "POST",
      token: team.editor.token,
      body: { designId: design.json().id, input: "hello", wait: true },
    });
    expect(run.json()).toMatchObject({ status: "failed" });
    const id = String(run.json().id);
    expect(fake.requests.some((request) => request.headers.authorization?.includes(WORKSPACE_KEY))).toBe(
      true,
    );
    await call(runById.GET, { token: team.viewer.token, params: { id } });
    const events = await call(runEvents.GET, { token: team.viewer.token, params: { id } });
    expect(events.text).toContain("run-end");
    const link = await call(share.POST, {
      method: "POST",
      token: team.editor.token,
      params: { id },
      body: {},
    });
    const token = String(link.json().token);
    await call(sharedRun.GET, { params: { token } });
    await call(sharedEvents.GET, { params: { token } });
    const stored = await db().runEvent.findMany({ where: { runId: id } });
    answers.push(JSON.stringify(stored.map((event) => event.payload)));
    answers.push(JSON.stringify(await db().run.findUniqueOrThrow({ where: { id } })));
  });

  it("are in no answer, stored event or console line written by this file", () => {
    expect(answers.length).toBeGreaterThan(10);
    // The capture itself works (the server's log goes through console).
    log.info("secret-leak capture check");
    expect(output.some((line) => line.includes("secret-leak capture check"))).toBe(true);
    for (const key of [WORKSPACE_KEY, SERVER_KEY]) {
      for (const text of [...answers, ...output]) expect(text).not.toContain(key);
      // Nor a long piece of it (a key cut short by a length limit still leaks most of itself).
      for (const text of [...answers, ...output]) expect(text).not.toContain(key.slice(0, 24));
    }
  });
});
