import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { generateText } from "ai";
import { afterEach, beforeAll, afterAll, describe, expect, it, vi } from "vitest";
import * as providerTest from "@/app/api/v1/providers/[provider]/test/route";
import * as providerByName from "@/app/api/v1/providers/[provider]/route";
import * as providers from "@/app/api/v1/providers/route";
import { appRouter } from "@/server/api/root";
import { db } from "@/server/db/client";
import { testProviderConnection } from "@/server/models/provider-connection-test";
import { BlockedProviderAddressError } from "@/server/models/provider-fetch";
import { createModelFactory } from "@/server/models/registry";
import { callRoute } from "@/server/testing/call-route";
import {
  FAKE_MODELS,
  type FakeOpenAIServer,
  startFakeOpenAIServer,
} from "@/server/testing/fake-openai-server";
import { createTestWorkspace } from "@/server/testing/fixtures";

/**
 * Provider settings over REST and tRPC: who may change and test them, that no answer ever holds a
 * key (or its ciphertext), the "Test" call against a real HTTP fake, and the SSRF guard in front of
 * base URLs a workspace chose.
 */

const PLANTED_KEY = "sk-planted-key-0123456789-abcdefWXYZ";

let fake: FakeOpenAIServer;

beforeAll(async () => {
  fake = await startFakeOpenAIServer();
});

afterAll(async () => {
  await fake.close();
});

afterEach(() => {
  vi.unstubAllEnvs();
});

const put = (token: string, provider: string, body: unknown) =>
  callRoute(providerByName.PUT, { method: "PUT", token, params: { provider }, body });
const test = (token: string, provider: string) =>
  callRoute(providerTest.POST, { method: "POST", token, params: { provider } });

describe("provider settings over REST", () => {
  it("lets only owners change them, and names the known providers for an unknown one", async () => {
    const team = await createTestWorkspace();
    for (const member of [team.viewer, team.editor]) {
      const refused = await put(member.token, "openai", { apiKey: PLANTED_KEY });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ error: { code: "forbidden" } });
    }
    expect((await test(team.editor.token, "openai")).status).toBe(403);

    const unknown = await put(team.owner.token, "mistral", { apiKey: PLANTED_KEY });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({
      error: {
        code: "invalid_input",
        message: 'Unknown provider "mistral"; known providers: openai, anthropic, google, generic.',
      },
    });
    expect((await test(team.owner.token, "mistral")).status).toBe(400);

    const stored = await db().providerCredential.count({ where: { workspaceId: team.workspaceId } });
    expect(stored).toBe(0);
  });

  it("answers as api.md says, and no answer ever holds the key or its ciphertext", async () => {
    const team = await createTestWorkspace();
    const set = await put(team.owner.token, "openai", {
      apiKey: PLANTED_KEY,
      baseUrl: "https://proxy.example.test/v1/",
    });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({
      provider: "openai",
      hasKey: true,
      baseUrl: "https://proxy.example.test/v1",
      keyHint: "WXYZ",
    });
    const row = await db().providerCredential.findFirstOrThrow({ where: { workspaceId: team.workspaceId } });
    const ciphertext = row.apiKeyEncrypted ?? "";
    expect(ciphertext).not.toBe("");

    const texts: string[] = [JSON.stringify(set.body)];
    for (const member of [team.owner, team.editor, team.viewer]) {
      const listed = await callRoute(providers.GET, { token: member.token });
      expect(listed.status).toBe(200);
      expect(listed.body).toEqual([
        { provider: "openai", hasKey: true, baseUrl: "https://proxy.example.test/v1", keyHint: "WXYZ" },
        { provider: "anthropic", hasKey: false, baseUrl: null, keyHint: null },
        { provider: "google", hasKey: false, baseUrl: null, keyHint: null },
        { provider: "generic", hasKey: false, baseUrl: null, keyHint: null },
      ]);
      texts.push(JSON.stringify(listed.body));
      texts.push(
        JSON.stringify(
          await appRouter.createCaller({ caller: member, headers: new Headers() }).providers.list(),
        ),
      );
    }
    // Keeping the key (a base URL change alone) and a failed test answer must not reveal it either.
    texts.push(JSON.stringify((await put(team.owner.token, "openai", { baseUrl: "" })).body));
    texts.push(JSON.stringify((await test(team.owner.token, "openai")).body));
    const audit = await db().auditEvent.findMany({ where: { workspaceId: team.workspaceId } });
    texts.push(JSON.stringify(audit));

    for (const text of texts) {
      expect(text).not.toContain(PLANTED_KEY);
      expect(text).not.toContain(ciphertext);
    }
  });

  it("keeps the key when a body omits it and removes it with null", async () => {
    const team = await createTestWorkspace();
    await put(team.owner.token, "anthropic", { apiKey: PLANTED_KEY });
    expect(
      (await put(team.owner.token, "anthropic", { baseUrl: "https://a.example.test" })).body,
    ).toMatchObject({
      hasKey: true,
      baseUrl: "https://a.example.test",
    });
    const emptyKey = await put(team.owner.token, "anthropic", { apiKey: "" });
    expect(emptyKey.status).toBe(400);
    expect((await put(team.owner.token, "anthropic", { apiKey: null, baseUrl: null })).body).toEqual({
      provider: "anthropic",
      hasKey: false,
      baseUrl: null,
      keyHint: null,
    });
  });

  it("records key and base URL changes in the audit log, with the hint and never the key", async () => {
    const team = await createTestWorkspace();
    await put(team.owner.token, "google", { apiKey: PLANTED_KEY });
    await put(team.owner.token, "google", { baseUrl: "https://g.example.test/v1beta" });
    await put(team.owner.token, "google", { baseUrl: "https://g.example.test/v1beta" });
    await put(team.owner.token, "google", { apiKey: null });
    const entries = await db().auditEvent.findMany({
      where: { workspaceId: team.workspaceId },
      orderBy: { createdAt: "asc" },
    });
    expect(entries.map((entry) => [entry.action, entry.actorId, entry.details])).toEqual([
      ["provider.key-set", team.owner.userId, { provider: "google", hint: "WXYZ" }],
      [
        "provider.base-url-changed",
        team.owner.userId,
        { provider: "google", from: null, to: "https://g.example.test/v1beta" },
      ],
      ["provider.key-removed", team.owner.userId, { provider: "google", hint: "WXYZ" }],
    ]);
  });
});

describe("testing a provider (one call listing models)", () => {
  it("says how many models a reachable server lists, with the workspace's key", async () => {
    vi.stubEnv("TRELLIS_PROVIDER_ALLOW_HOSTS", "127.0.0.1");
    const team = await createTestWorkspace();
    await put(team.owner.token, "generic", { apiKey: PLANTED_KEY, baseUrl: fake.baseUrl });
    const before = fake.requests.length;

    const answer = await test(team.owner.token, "generic");
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      ok: true,
      detail: `Connected to ${fake.baseUrl}: ${FAKE_MODELS.length} models available.`,
    });
    const sent = fake.requests.slice(before);
    expect(sent.map((request) => `${request.method} ${request.path}`)).toEqual(["GET /v1/models"]);
    expect(sent[0]?.headers.authorization).toBe(`Bearer ${PLANTED_KEY}`);
  });

  it("says the key was rejected, without the key the provider quoted back", async () => {
    vi.stubEnv("TRELLIS_PROVIDER_ALLOW_HOSTS", "127.0.0.1");
    const team = await createTestWorkspace();
    await put(team.owner.token, "openai", { apiKey: PLANTED_KEY, baseUrl: fake.baseUrl });
    fake.fail({ status: 401, message: (request) => `Incorrect API key: ${request.headers.authorization}` });

    const answer = await test(team.owner.token, "openai");
    expect(answer.body).toEqual({
      ok: false,
      error: {
        kind: "rejected-key",
        message:
          "OpenAI rejected the key (HTTP 401): Incorrect API key: Bearer [redacted] Check the key and enter it again.",
      },
    });
  });

  it("redacts a key echoed back in any other error body", async () => {
    vi.stubEnv("TRELLIS_PROVIDER_ALLOW_HOSTS", "127.0.0.1");
    const team = await createTestWorkspace();
    await put(team.owner.token, "generic", { apiKey: PLANTED_KEY, baseUrl: fake.baseUrl });
    // Past the quoting limit too: the key must not survive half cut.
    fake.fail({ status: 418, message: (request) => `${"x".repeat(190)} ${request.headers.authorization}` });

    const answer = await test(team.owner.token, "generic");
    expect(answer.body).toMatchObject({ ok: false, error: { kind: "unexpected-answer" } });
    const text = JSON.stringify(answer.body);
    expect(text).toContain("HTTP 418");
    expect(text).not.toContain(PLANTED_KEY.slice(0, 8));
  });

  it("says an address cannot be reached, and when it does not answer in time", async () => {
    vi.stubEnv("TRELLIS_PROVIDER_ALLOW_HOSTS", "127.0.0.1");
    const team = await createTestWorkspace();
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await put(team.owner.token, "generic", { baseUrl: `http://127.0.0.1:${closedPort}/v1` });

    const unreachable = await test(team.owner.token, "generic");
    expect(unreachable.body).toEqual({
      ok: false,
      error: {
        kind: "unreachable",
        message: `Could not reach http://127.0.0.1:${closedPort}/v1: the connection was refused. Check the base URL and that the server is running.`,
      },
    });

    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const port = (silent.address() as AddressInfo).port;
      await put(team.owner.token, "generic", { baseUrl: `http://127.0.0.1:${port}/v1` });
      const result = await testProviderConnection(team.owner, "generic", { timeoutMs: 300 });
      expect(result).toEqual({
        ok: false,
        error: {
          kind: "timeout",
          message: `The OpenAI-compatible server did not answer within 300 ms (http://127.0.0.1:${port}/v1).`,
        },
      });
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it("says which key is missing instead of calling", async () => {
    vi.stubEnv("ANTHROPIC_API_KEY", "");
    const team = await createTestWorkspace();
    const answer = await test(team.owner.token, "anthropic");
    expect(answer.body).toMatchObject({ ok: false, error: { kind: "missing-key" } });
  });
});

describe("the SSRF guard in front of a workspace's base URL", () => {
  it("refuses loopback and metadata addresses unless TRELLIS_PROVIDER_ALLOW_HOSTS names the host", async () => {
    vi.stubEnv("TRELLIS_PROVIDER_ALLOW_HOSTS", "");
    const team = await createTestWorkspace();
    await put(team.owner.token, "generic", { apiKey: PLANTED_KEY, baseUrl: fake.baseUrl });
    const before = fake.requests.length;

    const loopback = await test(team.owner.token, "generic");
    expect(loopback.body).toEqual({
      ok: false,
      error: {
        kind: "blocked-address",
        message: `The generic base URL at ${new URL(fake.baseUrl).origin} is on a loopback address (127.0.0.1); ask the administrator to allow this host with TRELLIS_PROVIDER_ALLOW_HOSTS.`,
      },
    });

    vi.stubEnv("TRELLIS_PROVIDER_ALLOW_HOSTS", "127.0.0.1");
    await put(team.owner.token, "openai", { apiKey: PLANTED_KEY, baseUrl: "http://169.254.169.254/v1" });
    const metadata = await test(team.owner.token, "openai");
    expect(metadata.body).toMatchObject({
      ok: false,
      error: {
        kind: "blocked-address",
        message: expect.stringContaining("a cloud metadata address") as string,
      },
    });
    expect(fake.requests.length).toBe(before);

    expect((await test(team.owner.token, "generic")).body).toMatchObject({ ok: true });
  });

  it("guards run-time model calls to a workspace's base URL, not the environment's", async () => {
    vi.stubEnv("TRELLIS_PROVIDER_ALLOW_HOSTS", "");
    vi.stubEnv("OPENAI_API_KEY", PLANTED_KEY);
    vi.stubEnv("OPENAI_BASE_URL", fake.baseUrl);
    const team = await createTestWorkspace();
    await put(team.owner.token, "generic", { apiKey: PLANTED_KEY, baseUrl: fake.baseUrl });
    const models = createModelFactory({
      workspaceId: team.workspaceId,
      offline: () => {
        throw new Error("No offline models in this test.");
      },
    });
    const agent = { name: "writer", nodeId: "node-1" };
    const before = fake.requests.length;

    await expect(
      generateText({ model: models("generic.llama3.2", agent), prompt: "Hi", maxRetries: 0 }),
    ).rejects.toThrow(BlockedProviderAddressError);
    expect(fake.requests.length).toBe(before);

    fake.reply({ text: "from the operator's own base URL" });
    const trusted = await generateText({ model: models("openai.gpt-4.1", agent), prompt: "Hi" });
    expect(trusted.text).toBe("from the operator's own base URL");
  });
});
