import "server-only";
import { z } from "zod";
import { auditCaller } from "@/server/audit/audit-log";
import type { Caller } from "@/server/auth/caller";
import { atLeast } from "@/server/auth/roles";
import { DecryptionError, decryptSecret, encryptSecret } from "@/server/crypto/encryption";
import { scopedDb } from "@/server/db/scoped";
import { ForbiddenError, InvalidInputError, type IssueLike } from "@/server/errors";
import { PROVIDERS, type Provider } from "@/server/models/model-string";
import { PROVIDER_ENVIRONMENT, environmentValue } from "@/server/models/provider-environment";
import { type MissingKeyReason, MissingProviderKeyError } from "@/server/models/provider-errors";

/** What a browser may see of a workspace's provider settings: never the key itself. */
export type ProviderCredentialView = {
  provider: Provider;
  hasKey: boolean;
  baseUrl: string | null;
  /** The key's last four characters, so an owner can tell which key is set. */
  keyHint: string | null;
};

/** The settings a provider model is created with (server side only: it holds the key). */
export type ProviderSettings = {
  apiKey?: string;
  baseUrl?: string;
  /**
   * The base URL is the workspace's own, chosen by an owner: requests to it pass the SSRF guard
   * (provider-fetch.ts). The environment's base URLs are the operator's and trusted.
   */
  baseUrlFromWorkspace?: boolean;
  /** Why there is no key, when the reason is not simply "none configured". */
  missingKeyReason?: MissingKeyReason;
};

export type ProviderCredentialInput = {
  /** A string sets the key, `null` removes it, omitted keeps it. */
  apiKey?: string | null;
  /** A URL sets it, `null` or `""` removes it, omitted keeps it. */
  baseUrl?: string | null;
};

// Short keys would be half revealed by a four-character hint.
const MIN_KEY_LENGTH_FOR_HINT = 12;
const HINT_LENGTH = 4;

const apiKeySchema = z
  .string()
  .trim()
  // A key is never sent to the browser, so a settings form cannot round-trip it: an empty field
  // must not silently erase the stored key.
  .min(1, "apiKey is empty: omit it to keep the current key, or send null to remove it.")
  .max(4096, "apiKey is longer than 4096 characters.")
  // Keys travel in HTTP headers, which carry visible ASCII only.
  .regex(/^[\x21-\x7e]+$/, "apiKey must be printable ASCII without spaces.");

const baseUrlSchema = z
  .string()
  .trim()
  .max(2048, "baseUrl is longer than 2048 characters.")
  .pipe(z.url({ protocol: /^https?$/, message: "baseUrl must be an http:// or https:// URL." }))
  // Base URLs are shown to every member; credentials belong in apiKey, which is encrypted.
  .refine((value) => {
    // Refinements run even after the URL check failed; that failure is already reported.
    if (!URL.canParse(value)) return true;
    const url = new URL(value);
    return url.username === "" && url.password === "";
  }, "baseUrl must not contain a user name or password; put the key in apiKey.")
  .transform((value) => value.replace(/\/+$/, ""));

/** The body of "set provider settings" at every edge (REST, tRPC, the settings form). */
export const providerCredentialInputSchema = z.object({
  apiKey: apiKeySchema.nullable().optional(),
  baseUrl: z
    .union([z.literal("").transform(() => null), baseUrlSchema])
    .nullable()
    .optional(),
});

function serverSecret(): string {
  const secret = process.env.TRELLIS_SECRET;
  if (!secret)
    throw new Error("TRELLIS_SECRET is not set: start Trellis with `npm start`, which provides it.");
  return secret;
}

/** Binds each ciphertext to its row, so a copied value does not decrypt in another workspace. */
function encryptionContext(workspaceId: string, provider: Provider): string {
  return `${workspaceId}:${provider}`;
}

export function parseProvider(provider: string): Provider {
  const match = PROVIDERS.find((known) => known === provider);
  if (match === undefined) {
    throw new InvalidInputError(`Unknown provider "${provider}"; known providers: ${PROVIDERS.join(", ")}.`, [
      { code: "unknown_model_provider", message: `Unknown provider "${provider}".`, path: ["provider"] },
    ]);
  }
  return match;
}

function keyHint(apiKey: string): string | null {
  return apiKey.length >= MIN_KEY_LENGTH_FOR_HINT ? apiKey.slice(-HINT_LENGTH) : null;
}

type StoredCredential = {
  provider: string;
  apiKeyEncrypted: string | null;
  apiKeyHint: string | null;
  baseUrl: string | null;
};

function toView(provider: Provider, row: StoredCredential | null | undefined): ProviderCredentialView {
  return {
    provider,
    hasKey: row?.apiKeyEncrypted != null,
    baseUrl: row?.baseUrl ?? null,
    keyHint: row?.apiKeyEncrypted != null ? (row.apiKeyHint ?? null) : null,
  };
}

/** Sets or removes a workspace's key and/or base URL for one provider. Owners only. */
export async function setProviderCredential(
  caller: Caller,
  provider: string,
  input: ProviderCredentialInput,
): Promise<ProviderCredentialView> {
  if (!atLeast(caller.role, "owner")) {
    throw new ForbiddenError("Only workspace owners can change provider keys and base URLs.");
  }
  const knownProvider = parseProvider(provider);
  const parsed = providerCredentialInputSchema.safeParse(input);
  if (!parsed.success) {
    const issues: IssueLike[] = parsed.error.issues.map((issue) => ({
      code: "invalid_provider_setting",
      message: issue.message,
      path: issue.path.filter((segment) => typeof segment !== "symbol"),
    }));
    throw new InvalidInputError(issues.map((issue) => issue.message).join(" "), issues);
  }
  const { apiKey, baseUrl } = parsed.data;
  const scoped = scopedDb(caller);

  // Only the fields the caller named are written, so two owners changing different fields at
  // the same time do not undo each other.
  const changes: { apiKeyEncrypted?: string | null; apiKeyHint?: string | null; baseUrl?: string | null } =
    {};
  if (apiKey !== undefined) {
    changes.apiKeyEncrypted =
      apiKey === null
        ? null
        : encryptSecret(apiKey, serverSecret(), encryptionContext(caller.workspaceId, knownProvider));
    changes.apiKeyHint = apiKey === null ? null : keyHint(apiKey);
  }
  if (baseUrl !== undefined) changes.baseUrl = baseUrl;

  const previous = await scoped.providerCredential.findFirst({ where: { provider: knownProvider } });
  if (Object.keys(changes).length === 0) return toView(knownProvider, previous);

  const row = await scoped.providerCredential.upsert({
    where: { workspaceId_provider: { workspaceId: caller.workspaceId, provider: knownProvider } },
    create: { workspaceId: caller.workspaceId, provider: knownProvider, ...changes },
    update: changes,
  });
  if (row.apiKeyEncrypted === null && row.baseUrl === null) {
    // Nothing left to store; the conditions keep a concurrent write that set a field.
    await scoped.providerCredential.deleteMany({
      where: { provider: knownProvider, apiKeyEncrypted: null, baseUrl: null },
    });
  }
  await auditChanges(caller, knownProvider, previous, row, { apiKey, baseUrl });
  return toView(knownProvider, row);
}

/** One audit entry per kind of change; details name the provider and the key's hint, never the key. */
async function auditChanges(
  caller: Caller,
  provider: Provider,
  previous: StoredCredential | null,
  current: StoredCredential,
  requested: { apiKey: string | null | undefined; baseUrl: string | null | undefined },
): Promise<void> {
  const target = { type: "provider", id: provider };
  if (typeof requested.apiKey === "string") {
    await auditCaller(caller, "provider.key-set", {
      target,
      ipAddress: caller.address ?? null,
      details: { provider, hint: current.apiKeyHint },
    });
  } else if (requested.apiKey === null && previous?.apiKeyEncrypted != null) {
    await auditCaller(caller, "provider.key-removed", {
      target,
      ipAddress: caller.address ?? null,
      details: { provider, hint: previous.apiKeyHint },
    });
  }
  if (requested.baseUrl !== undefined && (previous?.baseUrl ?? null) !== current.baseUrl) {
    await auditCaller(caller, "provider.base-url-changed", {
      target,
      ipAddress: caller.address ?? null,
      details: { provider, from: previous?.baseUrl ?? null, to: current.baseUrl },
    });
  }
}

/** Every provider with what the workspace has set for it (nothing set: no key, no base URL). */
export async function listProviderCredentials(caller: Caller): Promise<ProviderCredentialView[]> {
  const rows = await scopedDb(caller).providerCredential.findMany();
  return PROVIDERS.map((provider) =>
    toView(
      provider,
      rows.find((row) => row.provider === provider),
    ),
  );
}

/**
 * The key and base URL a run uses for a provider: the workspace's settings first, else the
 * server's environment (semantics.md, "Model strings").
 *
 * The server's key is only ever sent to the server's own base URL: when a workspace points a
 * provider at a URL of its own, it must bring its own key too, or any owner could collect the
 * operator's key by pointing the base URL at a server they control.
 */
export async function resolveProviderSettings(
  workspaceId: string,
  provider: Provider,
): Promise<ProviderSettings> {
  const row = await scopedDb({ workspaceId }).providerCredential.findFirst({ where: { provider } });
  let workspaceKey: string | undefined;
  if (row?.apiKeyEncrypted != null) {
    try {
      workspaceKey = decryptSecret(
        row.apiKeyEncrypted,
        serverSecret(),
        encryptionContext(workspaceId, provider),
      );
    } catch (error) {
      // Falling back to the server's key would quietly bill the operator instead of the workspace.
      if (error instanceof DecryptionError) throw new MissingProviderKeyError(provider, "unreadable");
      throw error;
    }
  }

  const names = PROVIDER_ENVIRONMENT[provider];
  if (row?.baseUrl != null) {
    return workspaceKey === undefined
      ? { baseUrl: row.baseUrl, baseUrlFromWorkspace: true, missingKeyReason: "workspace-base-url" }
      : { apiKey: workspaceKey, baseUrl: row.baseUrl, baseUrlFromWorkspace: true };
  }
  const apiKey = workspaceKey ?? environmentValue(names.apiKey);
  const baseUrl = environmentValue(names.baseUrl) ?? names.defaultBaseUrl;
  return {
    ...(apiKey !== undefined && { apiKey }),
    ...(baseUrl !== undefined && { baseUrl }),
  };
}
