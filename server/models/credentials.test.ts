import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db/client";
import { ForbiddenError, InvalidInputError } from "@/server/errors";
import {
  listProviderCredentials,
  resolveProviderSettings,
  setProviderCredential,
} from "@/server/models/credentials";
import { MissingProviderKeyError } from "@/server/models/provider-errors";
import { createTestWorkspace } from "@/server/testing/fixtures";

const ENVIRONMENT_NAMES = [
  "OPENAI_API_KEY",
  "OPENAI_BASE_URL",
  "ANTHROPIC_API_KEY",
  "ANTHROPIC_BASE_URL",
  "GOOGLE_GENERATIVE_AI_API_KEY",
  "GENERIC_API_KEY",
  "GENERIC_BASE_URL",
];

beforeEach(() => {
  // The machine running the tests may have real keys set; none may leak into these tests.
  for (const name of ENVIRONMENT_NAMES) vi.stubEnv(name, undefined);
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("setProviderCredential / listProviderCredentials", () => {
  it("stores the key encrypted and never returns it", async () => {
    const { owner, viewer, workspaceId } = await createTestWorkspace();
    const view = await setProviderCredential(owner, "openai", {
      apiKey: "  sk-workspace-secret-1234  ",
      baseUrl: "https://proxy.example.test/v1/",
    });
    expect(view).toEqual({
      provider: "openai",
      hasKey: true,
      baseUrl: "https://proxy.example.test/v1",
      keyHint: "1234",
    });

    const stored = await db().providerCredential.findFirstOrThrow({
      where: { workspaceId, provider: "openai" },
    });
    expect(stored.apiKeyEncrypted).toMatch(/^v1\./);
    expect(JSON.stringify(stored)).not.toContain("sk-workspace-secret");

    // Any member may see what is set (not the key).
    const listed = await listProviderCredentials(viewer);
    expect(listed.map((entry) => entry.provider)).toEqual(["openai", "anthropic", "google", "generic"]);
    expect(listed[0]).toEqual(view);
    expect(listed[1]).toEqual({ provider: "anthropic", hasKey: false, baseUrl: null, keyHint: null });
    expect(JSON.stringify(listed)).not.toContain("sk-workspace-secret");
  });

  it("lets only owners change settings", async () => {
    const { editor, viewer } = await createTestWorkspace();
    for (const caller of [editor, viewer]) {
      await expect(
        setProviderCredential(caller, "openai", { apiKey: "sk-not-allowed-1234" }),
      ).rejects.toThrow(ForbiddenError);
    }
    expect((await listProviderCredentials(viewer)).every((entry) => !entry.hasKey)).toBe(true);
  });

  it("rejects unknown providers and invalid values", async () => {
    const { owner } = await createTestWorkspace();
    await expect(setProviderCredential(owner, "OpenAI", { apiKey: "sk-1234567890" })).rejects.toThrow(
      InvalidInputError,
    );
    for (const input of [
      { baseUrl: "ftp://example.test" },
      { baseUrl: "not a url" },
      { baseUrl: "https://user:password@example.test/v1" },
      { apiKey: "" },
      { apiKey: "sk with spaces" },
    ]) {
      await expect(setProviderCredential(owner, "openai", input)).rejects.toThrow(InvalidInputError);
    }
  });

  it("keeps omitted fields, removes null ones, and forgets a provider with nothing left", async () => {
    const { owner, workspaceId } = await createTestWorkspace();
    await setProviderCredential(owner, "generic", {
      apiKey: "generic-key-abcdef",
      baseUrl: "http://gpu.local:8000/v1",
    });

    const withoutUrl = await setProviderCredential(owner, "generic", { baseUrl: "" });
    expect(withoutUrl).toMatchObject({ hasKey: true, baseUrl: null, keyHint: "cdef" });

    const unchanged = await setProviderCredential(owner, "generic", {});
    expect(unchanged).toEqual(withoutUrl);

    const cleared = await setProviderCredential(owner, "generic", { apiKey: null });
    expect(cleared).toEqual({ provider: "generic", hasKey: false, baseUrl: null, keyHint: null });
    expect(await db().providerCredential.count({ where: { workspaceId } })).toBe(0);
  });

  it("gives no hint for keys short enough that four characters would reveal much of them", async () => {
    const { owner } = await createTestWorkspace();
    expect((await setProviderCredential(owner, "generic", { apiKey: "ollama" })).keyHint).toBeNull();
  });
});

describe("resolveProviderSettings", () => {
  it("prefers the workspace key and falls back to the environment", async () => {
    vi.stubEnv("OPENAI_API_KEY", "sk-server-environment-key");
    vi.stubEnv("OPENAI_BASE_URL", "https://server-proxy.example.test/v1");
    const withKey = await createTestWorkspace();
    const withoutKey = await createTestWorkspace();
    await setProviderCredential(withKey.owner, "openai", { apiKey: "sk-workspace-key-5678" });

    expect(await resolveProviderSettings(withKey.workspaceId, "openai")).toEqual({
      apiKey: "sk-workspace-key-5678",
      baseUrl: "https://server-proxy.example.test/v1",
    });
    expect(await resolveProviderSettings(withoutKey.workspaceId, "openai")).toEqual({
      apiKey: "sk-server-environment-key",
      baseUrl: "https://server-proxy.example.test/v1",
    });
  });

  it("never sends the server's key to a base URL the workspace chose", async () => {
    vi.stubEnv("ANTHROPIC_API_KEY", "sk-ant-server-key");
    const { owner, workspaceId } = await createTestWorkspace();
    await setProviderCredential(owner, "anthropic", { baseUrl: "https://collector.example.test" });
    expect(await resolveProviderSettings(workspaceId, "anthropic")).toEqual({
      baseUrl: "https://collector.example.test",
      baseUrlFromWorkspace: true,
      missingKeyReason: "workspace-base-url",
    });
  });

  it("uses the generic defaults and treats empty variables as unset", async () => {
    vi.stubEnv("GENERIC_BASE_URL", "");
    vi.stubEnv("GENERIC_API_KEY", "");
    const { workspaceId } = await createTestWorkspace();
    expect(await resolveProviderSettings(workspaceId, "generic")).toEqual({
      baseUrl: "http://localhost:11434/v1",
    });

    vi.stubEnv("GENERIC_BASE_URL", "http://vllm.internal:8000/v1");
    vi.stubEnv("GENERIC_API_KEY", "vllm-token");
    expect(await resolveProviderSettings(workspaceId, "generic")).toEqual({
      apiKey: "vllm-token",
      baseUrl: "http://vllm.internal:8000/v1",
    });
    expect(await resolveProviderSettings(workspaceId, "google")).toEqual({});
  });

  it("keeps workspaces apart, and a key copied into another workspace does not decrypt", async () => {
    const a = await createTestWorkspace();
    const b = await createTestWorkspace();
    await setProviderCredential(a.owner, "google", { apiKey: "google-key-of-workspace-a" });
    expect(await resolveProviderSettings(b.workspaceId, "google")).toEqual({});

    const stored = await db().providerCredential.findFirstOrThrow({ where: { workspaceId: a.workspaceId } });
    await db().providerCredential.create({
      data: { workspaceId: b.workspaceId, provider: "google", apiKeyEncrypted: stored.apiKeyEncrypted },
    });
    const failure = resolveProviderSettings(b.workspaceId, "google");
    await expect(failure).rejects.toThrow(MissingProviderKeyError);
    await expect(failure).rejects.toThrow(/can no longer be decrypted/);
  });
});
