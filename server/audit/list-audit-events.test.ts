import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import * as audit from "@/app/api/v1/audit/route";
import { appRouter } from "@/server/api/root";
import { recordAudit } from "@/server/audit/audit-log";
import { db } from "@/server/db/client";
import { callRoute } from "@/server/testing/call-route";
import { createTestWorkspace } from "@/server/testing/fixtures";

type Page = {
  events: { id: string; action: string; actorEmail: string | null }[];
  nextCursor: string | null;
};

describe("the audit log listing", () => {
  it("is for owners only", async () => {
    const team = await createTestWorkspace();
    for (const member of [team.viewer, team.editor]) {
      expect((await callRoute(audit.GET, { token: member.token })).status).toBe(403);
      await expect(
        appRouter.createCaller({ caller: member, headers: new Headers() }).audit.list({}),
      ).rejects.toThrow(TRPCError);
    }
    expect((await callRoute(audit.GET, { token: team.owner.token })).status).toBe(200);
  });

  it("holds the workspace's entries and its members' sign-ins, newest first, page by page", async () => {
    const team = await createTestWorkspace();
    const other = await createTestWorkspace();
    const outsider = await db().user.create({
      data: { id: randomUUID(), email: `outsider-${randomUUID()}@example.test`, name: "outsider" },
    });
    const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds));
    const entries = [
      {
        workspaceId: team.workspaceId,
        actorId: team.owner.userId,
        action: "provider.key-set",
        createdAt: at(1),
      },
      { workspaceId: null, actorId: team.editor.userId, action: "sign-in", createdAt: at(2) },
      { workspaceId: null, actorId: outsider.id, action: "sign-in", createdAt: at(3) },
      {
        workspaceId: other.workspaceId,
        actorId: other.owner.userId,
        action: "api-token.created",
        createdAt: at(4),
      },
      {
        workspaceId: team.workspaceId,
        actorId: team.editor.userId,
        action: "api-token.created",
        createdAt: at(5),
      },
      {
        workspaceId: team.workspaceId,
        actorId: team.owner.userId,
        action: "share-link.created",
        createdAt: at(6),
      },
    ];
    for (const entry of entries) await db().auditEvent.create({ data: entry });
    // Through the append API too: the entry looks up the actor's address.
    await recordAudit({
      workspaceId: team.workspaceId,
      actorId: team.owner.userId,
      action: "member.role-changed",
    });

    const first = (await callRoute(audit.GET, { token: team.owner.token, query: "?limit=2" })).body as Page;
    expect(first.events.map((event) => event.action)).toEqual(["member.role-changed", "share-link.created"]);
    expect(first.events[0]?.actorEmail).toMatch(/^owner-/);
    expect(first.nextCursor).toBe(first.events[1]?.id);

    const second = (
      await callRoute(audit.GET, {
        token: team.owner.token,
        query: `?limit=2&cursor=${first.nextCursor}`,
      })
    ).body as Page;
    expect(second.events.map((event) => event.action)).toEqual(["api-token.created", "sign-in"]);
    expect(second.events[1]?.actorEmail ?? "").toBe("");

    const caller = appRouter.createCaller({ caller: team.owner, headers: new Headers() });
    const last = await caller.audit.list({ limit: 2, cursor: second.nextCursor ?? undefined });
    expect(last.events.map((event) => event.action)).toEqual(["provider.key-set"]);
    expect(last.nextCursor).toBeNull();

    const bad = await callRoute(audit.GET, { token: team.owner.token, query: "?cursor=nope" });
    expect(bad.status).toBe(400);
  });
});
