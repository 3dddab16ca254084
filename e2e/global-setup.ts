import { freshDataDir, startServer } from "./support/server";

export const E2E_PORT = Number(process.env.TRELLIS_E2E_PORT ?? 3100);

/** One server for the browser tests, on a fresh installation, so the one-time link is printed. */
export default async function globalSetup() {
  const dataDir = freshDataDir("main");
  const server = await startServer({ port: E2E_PORT, dataDir });
  if (!server.signupUrl) {
    await server.stop();
    throw new Error(`A fresh installation printed no sign-up link:\n${server.output()}`);
  }
  process.env.TRELLIS_E2E_BASE_URL = server.baseUrl;
  process.env.TRELLIS_E2E_SIGNUP_URL = server.signupUrl;
  process.env.TRELLIS_E2E_DATA_DIR = dataDir;
  return async () => {
    await server.stop();
  };
}
