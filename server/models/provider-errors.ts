import { DomainError } from "@/server/errors";
import type { Provider } from "@/server/models/model-string";
import { PROVIDER_ENVIRONMENT } from "@/server/models/provider-environment";

export type MissingKeyReason =
  /** Neither the workspace nor the environment has a key. */
  | "missing"
  /** The workspace points the provider at its own base URL without a key of its own. */
  | "workspace-base-url"
  /** The workspace's stored key no longer decrypts (TRELLIS_SECRET changed). */
  | "unreadable";

function missingKeyMessage(provider: Provider, reason: MissingKeyReason): string {
  const variable = PROVIDER_ENVIRONMENT[provider].apiKey;
  switch (reason) {
    case "missing":
      return `No API key for ${provider}: add one under Settings → Providers, or set ${variable} on the server.`;
    case "workspace-base-url":
      return (
        `No API key for ${provider}: this workspace sets its own ${provider} base URL, and the server's ` +
        `${variable} is only sent to the server's own base URL. Add a key under Settings → Providers.`
      );
    case "unreadable":
      return (
        `The workspace's ${provider} API key can no longer be decrypted (was TRELLIS_SECRET changed?). ` +
        `Enter it again under Settings → Providers.`
      );
  }
}

/**
 * A provider model needs a key and none is usable. Its message names the provider and where to
 * set a key; it never contains a key.
 */
export class MissingProviderKeyError extends DomainError {
  override readonly name = "MissingProviderKeyError";
  constructor(
    readonly provider: Provider,
    readonly reason: MissingKeyReason = "missing",
  ) {
    super(missingKeyMessage(provider, reason), "missing_provider_key");
  }
}
