import { hkdfSync, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * The server secret (TRELLIS_SECRET). In embedded mode it is generated once into
 * <data dir>/secret with 0600 permissions; with a shared database every instance must be given
 * the same value, so it is then required.
 */
export async function readOrCreateSecret(dataDir: string): Promise<string> {
  const file = path.resolve(dataDir, "secret");
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  await mkdir(path.resolve(dataDir), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return secret;
}

/** A key for one purpose, so no two uses of the secret share key material. */
export function deriveKey(secret: string, purpose: string, length = 32): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "trellis", purpose, length));
}
