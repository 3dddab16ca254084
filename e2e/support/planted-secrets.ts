import { randomUUID } from "node:crypto";

/**
 * Provider keys planted for the whole browser suite: the server's own (its environment) and one
 * that a test sets as a workspace key through the settings page. The global setup makes them and
 * hands them to the workers through the environment; every response any test receives, and the
 * server's whole log, is searched for them (support/test.ts, global-setup.ts).
 */
export type PlantedSecrets = { serverKey: string; workspaceKey: string };

export function makePlantedSecrets(): PlantedSecrets {
  const random = () => randomUUID().replaceAll("-", "");
  // The workspace key ends in WXYZ: the settings test expects to see exactly that hint.
  return { serverKey: `sk-e2e-server-${random()}`, workspaceKey: `sk-e2e-workspace-${random()}WXYZ` };
}

export function plantedSecrets(): PlantedSecrets {
  const serverKey = process.env.TRELLIS_E2E_PLANTED_SERVER_KEY;
  const workspaceKey = process.env.TRELLIS_E2E_PLANTED_WORKSPACE_KEY;
  if (!serverKey || !workspaceKey) throw new Error("The global setup did not plant the provider keys.");
  return { serverKey, workspaceKey };
}

/** The planted keys `text` contains (a long prefix counts: a key cut short still leaks). */
export function leakedSecrets(text: string, secrets: PlantedSecrets = plantedSecrets()): string[] {
  return Object.values(secrets).filter((secret) => text.includes(secret.slice(0, 24)));
}
