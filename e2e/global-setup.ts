import { leakedSecrets, makePlantedSecrets } from "./support/planted-secrets";
import { freshDataDir, startServer } from "./support/server";

export const E2E_PORT = Number(process.env.TRELLIS_E2E_PORT ?? 3100);

/**
 * One server for the browser tests, on a fresh installation, so the one-time link is printed. It
 * holds a planted provider key of its own, and the suite plants another as a workspace key; when
 * the suite ends, the server's whole log must contain neither (issue 7).
 */
export default async function globalSetup() {
  const secrets = makePlantedSecrets();
  process.env.TRELLIS_E2E_PLANTED_SERVER_KEY = secrets.serverKey;
  process.env.TRELLIS_E2E_PLANTED_WORKSPACE_KEY = secrets.workspaceKey;
  const dataDir = freshDataDir("main");
  const server = await startServer({ port: E2E_PORT, dataDir, env: { OPENAI_API_KEY: secrets.serverKey } });
  if (!server.signupUrl) {
    await server.stop();
    throw new Error(`A fresh installation printed no sign-up link:\n${server.output()}`);
  }
  process.env.TRELLIS_E2E_BASE_URL = server.baseUrl;
  process.env.TRELLIS_E2E_SIGNUP_URL = server.signupUrl;
  process.env.TRELLIS_E2E_DATA_DIR = dataDir;
  return async () => {
    await server.stop();
    const leaked = leakedSecrets(server.output(), secrets);
    if (leaked.length > 0)
      throw new Error(`The server's log contains a planted provider key (${leaked.length}).`);
  };
}
