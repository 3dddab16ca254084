import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "@/server/api/root";
import type { Caller } from "@/server/auth/caller";
import type { Role } from "@/server/auth/roles";
import {
  createPopulatedWorkspace,
  workspaceFingerprint,
  type PopulatedWorkspace,
} from "@/server/security/testing/populated-workspace";

/**
 * Every tRPC procedure the page uses, held to the least role it needs, through the same gate as
 * the REST routes. The table is compared with the router, so a new procedure without a row fails.
 */
/** "session": needs a signed-in person, member of a workspace or not (accepting an invitation). */
const LEAST_ROLE: Record<string, Role | "session"> = {
  "designs.list": "viewer",
  "designs.get": "viewer",
  "designs.create": "editor",
  "designs.update": "editor",
  "designs.delete": "editor",
  "designs.duplicate": "editor",
  "designs.validate": "viewer",
  "designs.validateGraph": "viewer",
  "designs.versions": "viewer",
  "designs.version": "viewer",
  "designs.restoreVersion": "editor",
  "designs.publishing": "viewer",
  "designs.setPublishing": "editor",
  "runs.start": "editor",
  "runs.get": "viewer",
  "runs.detail": "viewer",
  "runs.list": "viewer",
  "runs.rerun": "editor",
  "runs.delete": "editor",
  "runs.cancel": "editor",
  "runs.answerInput": "editor",
  "runs.events": "viewer",
  "shares.status": "viewer",
  "shares.create": "editor",
  "shares.revoke": "editor",
  "chats.list": "viewer",
  "chats.get": "viewer",
  "chats.create": "editor",
  "chats.delete": "editor",
  "chats.send": "editor",
  "mcpServers.list": "viewer",
  "mcpServers.get": "viewer",
  "mcpServers.create": "owner",
  "mcpServers.update": "owner",
  "mcpServers.delete": "owner",
  "mcpServers.test": "editor",
  "mcpServers.tools": "editor",
  "mcpServers.resources": "editor",
  "mcpServers.prompts": "editor",
  "mcpServers.getPrompt": "editor",
  "mcpServers.readResource": "editor",
  "workspaces.list": "viewer",
  "workspaces.current": "viewer",
  "workspaces.create": "viewer",
  "workspaces.rename": "owner",
  "workspaces.switch": "viewer",
  "members.list": "viewer",
  "members.changeRole": "owner",
  "members.remove": "owner",
  "members.leave": "viewer",
  "invites.list": "owner",
  "invites.create": "owner",
  "invites.revoke": "owner",
  "invites.accept": "session",
  "providers.list": "viewer",
  "providers.set": "owner",
  "providers.test": "owner",
  "apiTokens.list": "viewer",
  "apiTokens.create": "viewer",
  "apiTokens.revoke": "viewer",
  "audit.list": "owner",
};

type Procedure = (input: unknown) => Promise<unknown>;

function procedureOf(caller: Caller | null, path: string): Procedure {
  const client = appRouter.createCaller({ caller, headers: new Headers(), resHeaders: new Headers() });
  let target: unknown = client;
  for (const part of path.split(".")) target = (target as Record<string, unknown>)[part];
  return target as Procedure;
}

async function codeOf(caller: Caller | null, path: string): Promise<string> {
  try {
    // Inputs hardly matter: the role gate runs before input validation, and nothing passes it here.
    // The session-only procedure validates first, so it gets an input of the right shape.
    const input =
      LEAST_ROLE[path] === "session"
        ? { token: "inv_unknown" }
        : { id: "00000000-0000-4000-8000-000000000000" };
    const result = await procedureOf(caller, path)(input);
    // A subscription hands back its stream; the gate already ran to produce it.
    if (result && typeof result === "object" && Symbol.asyncIterator in result) {
      for await (const _event of result as AsyncIterable<unknown>) break;
    }
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : `unexpected ${String(error)}`;
  }
}

let victim: PopulatedWorkspace;
beforeAll(async () => {
  victim = await createPopulatedWorkspace("procedures");
}, 120_000);

describe("tRPC procedures", () => {
  it("has exactly one row per procedure of the router", () => {
    expect(Object.keys(appRouter._def.procedures).sort()).toEqual(Object.keys(LEAST_ROLE).sort());
  });

  it("answer UNAUTHORIZED without a caller", async () => {
    for (const path of Object.keys(LEAST_ROLE)) {
      expect(`${path} → ${await codeOf(null, path)}`).toBe(`${path} → UNAUTHORIZED`);
    }
  });

  it("answer FORBIDDEN to every role below theirs, and change nothing", async () => {
    const before = await workspaceFingerprint(victim.workspaceId);
    const below: Record<Role | "session", ("viewer" | "editor")[]> = {
      session: [],
      viewer: [],
      editor: ["viewer"],
      owner: ["viewer", "editor"],
    };
    for (const [path, role] of Object.entries(LEAST_ROLE)) {
      for (const lower of below[role]) {
        expect(`${path} as ${lower} → ${await codeOf(victim[lower], path)}`).toBe(
          `${path} as ${lower} → FORBIDDEN`,
        );
      }
    }
    expect(await workspaceFingerprint(victim.workspaceId)).toBe(before);
  });
});
