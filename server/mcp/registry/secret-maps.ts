import "server-only";
import { z } from "zod";
import { DecryptionError, decryptSecret, encryptSecret } from "@/server/crypto/encryption";
import { DomainError } from "@/server/errors";

/**
 * Env values (stdio) and header values (http, sse) of a registry entry are secrets: stored as one
 * encrypted JSON object per kind, with only the names kept in clear for the API to show.
 */

export type SecretKind = "env" | "headers";

/** A stored secret that no longer decrypts (the server secret changed, or the row was tampered with). */
export class McpSecretsUnreadableError extends DomainError {
  override readonly name = "McpSecretsUnreadableError";
  constructor(serverName: string) {
    super(
      `The stored secrets of the MCP server "${serverName}" cannot be read (was the server secret changed?). An owner can enter them again in Settings.`,
      "mcp_secrets_unreadable",
    );
  }
}

const storedMapSchema = z.record(z.string(), z.string());

function serverSecret(): string {
  const secret = process.env.TRELLIS_SECRET;
  if (!secret)
    throw new Error("TRELLIS_SECRET is not set: start Trellis with `npm start`, which provides it.");
  return secret;
}

/**
 * Binds a ciphertext to its row (by id, which a rename does not change) and to its column, so a
 * value copied to another row, workspace or column does not decrypt there.
 */
function encryptionContext(workspaceId: string, serverId: string, kind: SecretKind): string {
  return `${workspaceId}:mcp:${serverId}:${kind}`;
}

/** The stored form of a map: the ciphertext (null when empty) and the sorted names. */
export function sealSecretMap(
  map: Record<string, string>,
  where: { workspaceId: string; serverId: string; kind: SecretKind },
): { encrypted: string | null; names: string[] } {
  const names = Object.keys(map).sort();
  if (names.length === 0) return { encrypted: null, names };
  const encrypted = encryptSecret(
    JSON.stringify(map),
    serverSecret(),
    encryptionContext(where.workspaceId, where.serverId, where.kind),
  );
  return { encrypted, names };
}

/** The map back from its stored form; McpSecretsUnreadableError when it does not decrypt here. */
export function openSecretMap(
  encrypted: string | null,
  where: { workspaceId: string; serverId: string; serverName: string; kind: SecretKind },
): Record<string, string> {
  if (encrypted === null) return {};
  try {
    const plaintext = decryptSecret(
      encrypted,
      serverSecret(),
      encryptionContext(where.workspaceId, where.serverId, where.kind),
    );
    return storedMapSchema.parse(JSON.parse(plaintext));
  } catch (error) {
    if (error instanceof DecryptionError || error instanceof SyntaxError || error instanceof z.ZodError) {
      throw new McpSecretsUnreadableError(where.serverName);
    }
    throw error;
  }
}
