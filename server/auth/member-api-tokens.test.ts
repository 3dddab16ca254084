import { describe, expect, it } from "vitest";
import * as tokenById from "@/app/api/v1/tokens/[id]/route";
import * as tokens from "@/app/api/v1/tokens/route";
import { appRouter } from "@/server/api/root";
import { hashToken } from "@/server/crypto/tokens";
import { db } from "@/server/db/client";
import { callRoute } from "@/server/testing/call-route";
import { createTestWorkspace } from "@/server/testing/fixtures";

/** API tokens over REST and tRPC: shown once, capped at their creator's role, revoked by whom. */

const list = (token: string) => callRoute(tokens.GET, { token });
const create = (token: string, body: unknown) => callRoute(tokens.POST, { method: "POST", token, body });
const revoke = (token: string, id: string) =>
  callRoute(tokenById.DELETE, { method: "DELETE", token, params: { id } });

type TokenBody = { token: string; id: string; prefix: string; role: string | null; userEmail: string };

describe("API tokens", () => {
  it("shows a new token once; lists never hold it or its hash", async () => {
    const team = await createTestWorkspace();
    const created = await create(team.editor.token, { name: "ci" });
    expect(created.status).toBe(201);
    const body = created.body as unknown as TokenBody;
    // Created through a token, it keeps that token's role rather than following the membership.
    expect(body).toMatchObject({ name: "ci", role: "editor", revokedAt: null, lastUsedAt: null });
    expect(body.token).toMatch(/^trl_/);
    expect(body.prefix).toBe(body.token.slice(0, 8));
    expect(body.userEmail).toMatch(/^editor-/);
    expect(JSON.stringify(body)).not.toContain(hashToken(body.token));

    const texts = [
      JSON.stringify((await list(team.editor.token)).body),
      JSON.stringify((await list(team.owner.token)).body),
      JSON.stringify(
        await appRouter.createCaller({ caller: team.owner, headers: new Headers() }).apiTokens.list(),
      ),
    ];
    for (const text of texts) {
      expect(text).toContain(body.id);
      expect(text).not.toContain(body.token);
      expect(text).not.toContain(hashToken(body.token));
    }
    // The new token works.
    expect((await list(body.token)).status).toBe(200);
  });

  it("caps a token at its creator's role: a viewer cannot mint an editor token", async () => {
    const team = await createTestWorkspace();
    const refused = await create(team.viewer.token, { name: "more", role: "editor" });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      error: {
        code: "forbidden",
        message:
          "A token cannot have more rights than you: your role is viewer, so its role cap can be viewer.",
      },
    });
    expect(await db().apiToken.count({ where: { workspaceId: team.workspaceId, name: "more" } })).toBe(0);

    const capped = (await create(team.owner.token, { name: "read only", role: "viewer" }))
      .body as unknown as TokenBody;
    expect(capped.role).toBe("viewer");
    // Through a capped token, a new token keeps the cap, and cannot ask for more.
    expect((await create(capped.token, { name: "escalate", role: "owner" })).status).toBe(403);
    const minted = (await create(capped.token, { name: "minted" })).body as unknown as TokenBody;
    expect(minted.role).toBe("viewer");
    expect(
      (
        await callRoute(tokens.POST, {
          method: "POST",
          token: minted.token,
          body: { name: "x", role: "editor" },
        })
      ).status,
    ).toBe(403);

    const invalid = await create(team.owner.token, { name: "  " });
    expect(invalid.status).toBe(400);
  });

  it("lets members see and revoke only their own tokens, and owners everyone's", async () => {
    const team = await createTestWorkspace();
    const other = await createTestWorkspace();
    const editors = (await create(team.editor.token, { name: "editor's" })).body as unknown as TokenBody;
    const viewers = (await create(team.viewer.token, { name: "viewer's" })).body as unknown as TokenBody;

    const bySession = await appRouter
      .createCaller({ caller: { ...team.editor, via: "session" }, headers: new Headers() })
      .apiTokens.create({ name: "from the page" });
    expect(bySession.role).toBeNull();

    const seenByEditor = (await list(team.editor.token)).body as { tokens: { id: string; userId: string }[] };
    expect(seenByEditor.tokens.every((token) => token.userId === team.editor.userId)).toBe(true);
    const seenByOwner = (await list(team.owner.token)).body as {
      tokens: { id: string; userEmail: string }[];
    };
    expect(seenByOwner.tokens.map((token) => token.id)).toEqual(
      expect.arrayContaining([editors.id, viewers.id]),
    );

    expect((await revoke(team.editor.token, viewers.id)).status).toBe(404);
    expect((await revoke(other.owner.token, viewers.id)).status).toBe(404);
    expect((await revoke(team.editor.token, "not-a-uuid")).status).toBe(404);
    expect((await list(viewers.token)).status).toBe(200);

    expect((await revoke(team.owner.token, viewers.id)).status).toBe(204);
    expect((await list(viewers.token)).status).toBe(401);
    expect((await revoke(team.owner.token, viewers.id)).status).toBe(404);

    expect((await revoke(team.editor.token, editors.id)).status).toBe(204);
    expect((await list(editors.token)).status).toBe(401);
    const afterwards = (await list(team.editor.token)).body as {
      tokens: { id: string; revokedAt: string | null }[];
    };
    expect(afterwards.tokens.find((token) => token.id === editors.id)?.revokedAt).toEqual(expect.any(String));
  });

  it("records creation and revocation in the audit log, without the token", async () => {
    const team = await createTestWorkspace();
    const created = (await create(team.editor.token, { name: "deploy", role: "viewer" }))
      .body as unknown as TokenBody;
    await revoke(team.owner.token, created.id);
    const entries = await db().auditEvent.findMany({
      where: { workspaceId: team.workspaceId },
      orderBy: { createdAt: "asc" },
    });
    const details = { name: "deploy", prefix: created.prefix, role: "viewer" };
    expect(entries.map((entry) => [entry.action, entry.actorId, entry.targetId, entry.details])).toEqual([
      ["api-token.created", team.editor.userId, created.id, details],
      ["api-token.revoked", team.owner.userId, created.id, details],
    ]);
    expect(JSON.stringify(entries)).not.toContain(created.token);

    // The HTTP edge puts the client address on the caller; the entries keep it.
    const fromAddress = appRouter.createCaller({
      caller: { ...team.viewer, via: "session", address: "203.0.113.7" },
      headers: new Headers(),
    });
    const mine = await fromAddress.apiTokens.create({ name: "from an address" });
    await fromAddress.apiTokens.revoke({ id: mine.id });
    const addressed = await db().auditEvent.findMany({ where: { targetId: mine.id } });
    expect(addressed.map((entry) => entry.ipAddress)).toEqual(["203.0.113.7", "203.0.113.7"]);
  });
});
