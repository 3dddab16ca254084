import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import * as inviteById from "@/app/api/v1/invites/[id]/route";
import * as invites from "@/app/api/v1/invites/route";
import * as memberById from "@/app/api/v1/members/[userId]/route";
import * as members from "@/app/api/v1/members/route";
import * as designs from "@/app/api/v1/designs/route";
import { appRouter } from "@/server/api/root";
import { auth, INVITE_HEADER } from "@/server/auth/auth";
import { createApiToken } from "@/server/auth/api-tokens";
import { callerForUser } from "@/server/auth/authenticate";
import type { Caller } from "@/server/auth/caller";
import { db } from "@/server/db/client";
import { callRoute as call } from "@/server/testing/call-route";
import { createTestWorkspace } from "@/server/testing/fixtures";
import { chosenWorkspaceId, WORKSPACE_COOKIE } from "@/server/workspaces/current-workspace-cookie";

type Team = Awaited<ReturnType<typeof createTestWorkspace>>;
let team: Team;
let otherTeam: Team;

beforeAll(async () => {
  team = await createTestWorkspace();
  otherTeam = await createTestWorkspace();
});

/** As the browser is: a session caller, with room for the cookies a procedure sets. */
function asSession(caller: Caller | null, resHeaders = new Headers()) {
  const session = caller ? { ...caller, via: "session" as const } : null;
  return appRouter.createCaller({ caller: session, headers: new Headers(), resHeaders });
}

async function newUser(): Promise<string> {
  const id = randomUUID();
  await db().user.create({ data: { id, email: `person-${id}@example.test`, name: "Person" } });
  return id;
}

/** A user with a membership and an API token of their own in `workspaceId`. */
async function newMember(workspaceId: string, role: "owner" | "editor" | "viewer") {
  const userId = await newUser();
  await db().membership.create({ data: { workspaceId, userId, role } });
  const { token } = await createApiToken({ workspaceId, userId, name: "script" });
  const caller: Caller = { userId, workspaceId, role, via: "token" };
  return { ...caller, caller, token };
}

async function roleOf(workspaceId: string, userId: string) {
  const membership = await db().membership.findUnique({
    where: { workspaceId_userId: { workspaceId, userId } },
  });
  return membership?.role ?? null;
}

async function auditActions(workspaceId: string): Promise<string[]> {
  const events = await db().auditEvent.findMany({ where: { workspaceId }, orderBy: { createdAt: "asc" } });
  return events.map((event) => event.action);
}

async function trpcCode(attempt: Promise<unknown>): Promise<string> {
  const error: unknown = await attempt.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(TRPCError);
  return (error as TRPCError).code;
}

function tokenOf(url: string): string {
  return new URL(url).searchParams.get("token") ?? "";
}

describe("GET /api/v1/members", () => {
  it("lists the workspace's members to every role, and nobody else's", async () => {
    const response = await call(members.GET, { token: team.viewer.token });
    expect(response.status).toBe(200);
    const list = response.body.members as { userId: string; email: string; role: string; joinedAt: string }[];
    expect(list.map((member) => [member.userId, member.role])).toEqual([
      [team.owner.userId, "owner"],
      [team.editor.userId, "editor"],
      [team.viewer.userId, "viewer"],
    ]);
    expect(Object.keys(list[0]!).sort()).toEqual(["email", "joinedAt", "name", "role", "userId"]);
    expect(list.map((member) => member.userId)).not.toContain(otherTeam.owner.userId);
  });
});

describe("PUT /api/v1/members/:userId", () => {
  it("changes a role and records from and to", async () => {
    const fresh = await createTestWorkspace();
    const response = await call(memberById.PUT, {
      method: "PUT",
      token: fresh.owner.token,
      params: { userId: fresh.editor.userId },
      body: { role: "viewer" },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ userId: fresh.editor.userId, role: "viewer" });
    expect(await roleOf(fresh.workspaceId, fresh.editor.userId)).toBe("viewer");
    const event = await db().auditEvent.findFirstOrThrow({
      where: { workspaceId: fresh.workspaceId, action: "member.role-changed" },
    });
    expect(event).toMatchObject({ actorId: fresh.owner.userId, targetId: fresh.editor.userId });
    expect(event.details).toEqual({ from: "editor", to: "viewer" });
  });

  it("refuses to demote the last owner (409) and lets a second owner be demoted", async () => {
    const fresh = await createTestWorkspace();
    const last = await call(memberById.PUT, {
      method: "PUT",
      token: fresh.owner.token,
      params: { userId: fresh.owner.userId },
      body: { role: "editor" },
    });
    expect(last.status).toBe(409);
    expect((last.body.error as { message: string }).message).toMatch(/last owner/);
    expect(await roleOf(fresh.workspaceId, fresh.owner.userId)).toBe("owner");

    const second = await newMember(fresh.workspaceId, "owner");
    const demoted = await call(memberById.PUT, {
      method: "PUT",
      token: second.token,
      params: { userId: fresh.owner.userId },
      body: { role: "editor" },
    });
    expect(demoted.status).toBe(200);
  });

  it("leaves exactly one owner when two owners demote each other at once", async () => {
    const fresh = await createTestWorkspace();
    const second = await newMember(fresh.workspaceId, "owner");
    const results = await Promise.all([
      call(memberById.PUT, {
        method: "PUT",
        token: fresh.owner.token,
        params: { userId: second.userId },
        body: { role: "viewer" },
      }),
      call(memberById.PUT, {
        method: "PUT",
        token: second.token,
        params: { userId: fresh.owner.userId },
        body: { role: "viewer" },
      }),
    ]);
    // The later one either finds itself demoted (403) or finds the other the last owner (409).
    expect(results.filter((result) => result.status === 200)).toHaveLength(1);
    expect(await db().membership.count({ where: { workspaceId: fresh.workspaceId, role: "owner" } })).toBe(1);
  });

  it.each([
    ["an editor", "editor"],
    ["a viewer", "viewer"],
  ] as const)("answers 403 to %s and changes nothing", async (_label, role) => {
    const response = await call(memberById.PUT, {
      method: "PUT",
      token: team[role].token,
      params: { userId: team.viewer.userId },
      body: { role: "owner" },
    });
    expect(response.status).toBe(403);
    expect(await roleOf(team.workspaceId, team.viewer.userId)).toBe("viewer");
  });

  it("answers 404 for another workspace's member, an unknown and a malformed id, and changes nothing", async () => {
    for (const userId of [otherTeam.editor.userId, randomUUID(), "../x", "1 OR 1=1"]) {
      const response = await call(memberById.PUT, {
        method: "PUT",
        token: team.owner.token,
        params: { userId },
        body: { role: "owner" },
      });
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ error: { code: "not_found" } });
    }
    expect(await roleOf(otherTeam.workspaceId, otherTeam.editor.userId)).toBe("editor");
  });

  it("answers 400 for an unknown role or extra fields", async () => {
    for (const body of [{ role: "admin" }, { role: "viewer", force: true }, {}]) {
      const response = await call(memberById.PUT, {
        method: "PUT",
        token: team.owner.token,
        params: { userId: team.viewer.userId },
        body,
      });
      expect(response.status).toBe(400);
    }
  });
});

describe("DELETE /api/v1/members/:userId", () => {
  it("removes a member, revokes their tokens there, and re-adding them does not revive the token", async () => {
    const fresh = await createTestWorkspace();
    const elsewhere = await createApiToken({
      workspaceId: otherTeam.workspaceId,
      userId: fresh.editor.userId,
      name: "other workspace",
    });
    await db().membership.create({
      data: { workspaceId: otherTeam.workspaceId, userId: fresh.editor.userId, role: "viewer" },
    });
    expect((await call(designs.GET, { token: fresh.editor.token })).status).toBe(200);

    const response = await call(memberById.DELETE, {
      method: "DELETE",
      token: fresh.owner.token,
      params: { userId: fresh.editor.userId },
    });
    expect(response.status).toBe(204);
    expect(await roleOf(fresh.workspaceId, fresh.editor.userId)).toBeNull();
    expect((await call(designs.GET, { token: fresh.editor.token })).status).toBe(401);

    await db().membership.create({
      data: { workspaceId: fresh.workspaceId, userId: fresh.editor.userId, role: "editor" },
    });
    expect((await call(designs.GET, { token: fresh.editor.token })).status).toBe(401);
    // Their token in another workspace is theirs to keep.
    expect((await call(designs.GET, { token: elsewhere.token })).status).toBe(200);
    expect(await auditActions(fresh.workspaceId)).toContain("member.removed");
  });

  it("refuses to remove the last owner", async () => {
    const fresh = await createTestWorkspace();
    const response = await call(memberById.DELETE, {
      method: "DELETE",
      token: fresh.owner.token,
      params: { userId: fresh.owner.userId },
    });
    expect(response.status).toBe(409);
    expect(await roleOf(fresh.workspaceId, fresh.owner.userId)).toBe("owner");
  });

  it("answers 403 to editors and viewers and 404 across workspaces, removing nobody", async () => {
    for (const token of [team.editor.token, team.viewer.token]) {
      const response = await call(memberById.DELETE, {
        method: "DELETE",
        token,
        params: { userId: team.viewer.userId },
      });
      expect(response.status).toBe(403);
    }
    const foreign = await call(memberById.DELETE, {
      method: "DELETE",
      token: team.owner.token,
      params: { userId: otherTeam.viewer.userId },
    });
    expect(foreign.status).toBe(404);
    expect(await roleOf(team.workspaceId, team.viewer.userId)).toBe("viewer");
    expect(await roleOf(otherTeam.workspaceId, otherTeam.viewer.userId)).toBe("viewer");
  });
});

describe("leaving", () => {
  it("lets a member leave, revoking their tokens there", async () => {
    const fresh = await createTestWorkspace();
    await asSession(fresh.viewer).members.leave();
    expect(await roleOf(fresh.workspaceId, fresh.viewer.userId)).toBeNull();
    expect((await call(designs.GET, { token: fresh.viewer.token })).status).toBe(401);
    expect(await auditActions(fresh.workspaceId)).toContain("member.left");
  });

  it("refuses the last owner while others are members, and says so", async () => {
    const fresh = await createTestWorkspace();
    const error: unknown = await asSession(fresh.owner)
      .members.leave()
      .catch((caught: unknown) => caught);
    expect((error as TRPCError).code).toBe("CONFLICT");
    expect((error as TRPCError).message).toMatch(/last owner .* before you leave/);
    expect(await roleOf(fresh.workspaceId, fresh.owner.userId)).toBe("owner");
  });

  it("refuses the only member, who would leave the workspace with nobody", async () => {
    const userId = await newUser();
    const created = await asSession({
      userId,
      workspaceId: team.workspaceId,
      role: "viewer",
      via: "session",
    }).workspaces.create({ name: `Solo ${randomUUID()}` });
    const code = await trpcCode(
      asSession({ userId, workspaceId: created.id, role: "owner", via: "session" }).members.leave(),
    );
    expect(code).toBe("CONFLICT");
  });
});

describe("invitations", () => {
  it("creates a link shown once (only its hash stored), lists it without the token, and audits", async () => {
    const fresh = await createTestWorkspace();
    const response = await call(invites.POST, {
      method: "POST",
      token: fresh.owner.token,
      body: { role: "editor", expiresInHours: 2 },
    });
    expect(response.status).toBe(201);
    const url = response.body.url as string;
    expect(url).toMatch(/^https?:\/\/[^/]+\/sign-up\?token=inv_/);
    const expiresAt = Date.parse(response.body.expiresAt as string);
    expect(Math.abs(expiresAt - (Date.now() + 2 * 3600_000))).toBeLessThan(60_000);

    const stored = await db().invite.findUniqueOrThrow({ where: { id: response.body.id as string } });
    expect(stored).toMatchObject({ role: "editor", createdById: fresh.owner.userId, usedAt: null });
    expect(stored.tokenHash).not.toContain(tokenOf(url));

    const list = await call(invites.GET, { token: fresh.owner.token });
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(tokenOf(url));
    expect(list.body.invites).toEqual([
      {
        id: stored.id,
        role: "editor",
        createdAt: expect.any(String) as string,
        expiresAt: expect.any(String) as string,
        createdBy: { name: "owner", email: expect.stringMatching(/^owner-/) as string },
      },
    ]);
    const event = await db().auditEvent.findFirstOrThrow({
      where: { workspaceId: fresh.workspaceId, action: "invite.created" },
    });
    expect(JSON.stringify(event.details)).not.toContain(tokenOf(url));
  });

  it("defaults to 168 hours and refuses 0, 721 and fractional hours", async () => {
    const created = await call(invites.POST, {
      method: "POST",
      token: team.owner.token,
      body: { role: "viewer" },
    });
    expect(created.status).toBe(201);
    const hours = (Date.parse(created.body.expiresAt as string) - Date.now()) / 3600_000;
    expect(Math.round(hours)).toBe(168);
    for (const expiresInHours of [0, 721, 1.5, "24"]) {
      const response = await call(invites.POST, {
        method: "POST",
        token: team.owner.token,
        body: { role: "viewer", expiresInHours },
      });
      expect(response.status).toBe(400);
    }
  });

  it("is owner-only: editors and viewers get 403 for listing, creating and revoking", async () => {
    const created = await call(invites.POST, {
      method: "POST",
      token: team.owner.token,
      body: { role: "viewer" },
    });
    for (const token of [team.editor.token, team.viewer.token]) {
      expect((await call(invites.GET, { token })).status).toBe(403);
      expect((await call(invites.POST, { method: "POST", token, body: { role: "owner" } })).status).toBe(403);
      expect(
        (
          await call(inviteById.DELETE, {
            method: "DELETE",
            token,
            params: { id: created.body.id as string },
          })
        ).status,
      ).toBe(403);
    }
    const still = await db().invite.findUnique({ where: { id: created.body.id as string } });
    expect(still).not.toBeNull();
  });

  it("revokes a pending link (204), after which it cannot be used; 404 across workspaces", async () => {
    const created = await call(invites.POST, {
      method: "POST",
      token: team.owner.token,
      body: { role: "viewer" },
    });
    const id = created.body.id as string;
    const foreign = await call(inviteById.DELETE, {
      method: "DELETE",
      token: otherTeam.owner.token,
      params: { id },
    });
    expect(foreign.status).toBe(404);
    for (const badId of ["nope", randomUUID()]) {
      const response = await call(inviteById.DELETE, {
        method: "DELETE",
        token: team.owner.token,
        params: { id: badId },
      });
      expect(response.status).toBe(404);
    }
    const revoked = await call(inviteById.DELETE, {
      method: "DELETE",
      token: team.owner.token,
      params: { id },
    });
    expect(revoked.status).toBe(204);
    const userId = await newUser();
    expect(
      await trpcCode(asSession(null).invites.accept({ token: tokenOf(created.body.url as string) })),
    ).toBe("UNAUTHORIZED");
    const viaSession = appRouter.createCaller({
      caller: { userId, workspaceId: otherTeam.workspaceId, role: "viewer", via: "session" },
      headers: new Headers(),
    });
    expect(await trpcCode(viaSession.invites.accept({ token: tokenOf(created.body.url as string) }))).toBe(
      "NOT_FOUND",
    );
    expect(await auditActions(team.workspaceId)).toContain("invite.revoked");
  });

  it("is single-use: the first accept joins with the role, a second answers like an unknown link", async () => {
    const fresh = await createTestWorkspace();
    const { url } = await asSession(fresh.owner).invites.create({ role: "editor", expiresInHours: 24 });
    const first = await newMember(otherTeam.workspaceId, "viewer");
    const joined = await asSession(first.caller).invites.accept({ token: tokenOf(url) });
    expect(joined).toMatchObject({ workspaceId: fresh.workspaceId, role: "editor" });
    expect(await roleOf(fresh.workspaceId, first.userId)).toBe("editor");
    const joinedEvent = await db().auditEvent.findFirstOrThrow({
      where: { workspaceId: fresh.workspaceId, action: "member.joined" },
    });
    expect(joinedEvent).toMatchObject({ actorId: first.userId, targetId: first.userId });

    const second = await newMember(otherTeam.workspaceId, "viewer");
    const used: unknown = await asSession(second.caller)
      .invites.accept({ token: tokenOf(url) })
      .catch((caught: unknown) => caught);
    const unknown: unknown = await asSession(second.caller)
      .invites.accept({ token: "inv_not-a-real-one" })
      .catch((caught: unknown) => caught);
    expect((used as TRPCError).code).toBe("NOT_FOUND");
    expect((used as TRPCError).message).toBe((unknown as TRPCError).message);
    expect(await roleOf(fresh.workspaceId, second.userId)).toBeNull();
    expect(await listPending(fresh)).toEqual([]);
  });

  it("lets a new person sign up through the link, joining with its role (audited as member.joined)", async () => {
    const fresh = await createTestWorkspace();
    const { url } = await asSession(fresh.owner).invites.create({ role: "editor", expiresInHours: 1 });
    const email = `joiner-${randomUUID()}@example.test`;
    const origin = "http://localhost:3000";
    const response = await auth().handler(
      new Request(`${origin}/api/auth/sign-up/email`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          origin,
          "x-forwarded-for": "203.0.113.200",
          [INVITE_HEADER]: tokenOf(url),
        },
        body: JSON.stringify({ email, password: "a long enough password", name: "Joiner" }),
      }),
    );
    expect(response.status).toBe(200);
    const user = await db().user.findUniqueOrThrow({ where: { email } });
    expect(await roleOf(fresh.workspaceId, user.id)).toBe("editor");
    const joined = await db().auditEvent.findFirstOrThrow({
      where: { workspaceId: fresh.workspaceId, action: "member.joined" },
    });
    expect(joined).toMatchObject({ actorId: user.id, actorEmail: email, details: { role: "editor" } });
  });

  it("refuses an expired link like an unknown one", async () => {
    const fresh = await createTestWorkspace();
    const { id, url } = await asSession(fresh.owner).invites.create({ role: "viewer", expiresInHours: 1 });
    await db().invite.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const person = await newMember(otherTeam.workspaceId, "viewer");
    const error: unknown = await asSession(person.caller)
      .invites.accept({ token: tokenOf(url) })
      .catch((caught: unknown) => caught);
    expect((error as TRPCError).code).toBe("NOT_FOUND");
    expect((error as TRPCError).message).toMatch(/not valid any more/);
    expect(await roleOf(fresh.workspaceId, person.userId)).toBeNull();
    expect(await listPending(fresh)).toEqual([]);
  });

  it("answers 409 to an existing member and leaves their role and the link as they were", async () => {
    const fresh = await createTestWorkspace();
    const { url } = await asSession(fresh.owner).invites.create({ role: "owner", expiresInHours: 1 });
    const error: unknown = await asSession(fresh.viewer)
      .invites.accept({ token: tokenOf(url) })
      .catch((caught: unknown) => caught);
    expect((error as TRPCError).code).toBe("CONFLICT");
    expect((error as TRPCError).message).toMatch(/^You are already a member of test-/);
    expect(await roleOf(fresh.workspaceId, fresh.viewer.userId)).toBe("viewer");
    expect(await listPending(fresh)).toHaveLength(1);
  });
});

async function listPending(workspace: Team) {
  return asSession(workspace.owner).invites.list();
}

describe("workspaces", () => {
  it("creates a workspace owned by its creator, lists it, and refuses a taken name with 409", async () => {
    const userId = await newUser();
    const me: Caller = { userId, workspaceId: team.workspaceId, role: "viewer", via: "session" };
    const name = `  Research ${randomUUID()}  `;
    const created = await asSession(me).workspaces.create({ name });
    expect(created).toMatchObject({ name: name.trim(), role: "owner" });
    expect(await roleOf(created.id, userId)).toBe("owner");
    expect(await auditActions(created.id)).toEqual(["workspace.created"]);
    const list = await asSession(me).workspaces.list();
    expect(list.workspaces).toEqual([{ id: created.id, name: name.trim(), role: "owner" }]);

    const error: unknown = await asSession(me)
      .workspaces.create({ name: name.trim() })
      .catch((caught: unknown) => caught);
    expect((error as TRPCError).code).toBe("CONFLICT");
    expect((error as TRPCError).message).toMatch(/already exists/);
    expect(await trpcCode(asSession(me).workspaces.create({ name: "   " }))).toBe("BAD_REQUEST");
    expect(await trpcCode(asSession(me).workspaces.create({ name: "x".repeat(81) }))).toBe("BAD_REQUEST");
  });

  it("renames for owners only", async () => {
    const fresh = await createTestWorkspace();
    expect(await trpcCode(asSession(fresh.editor).workspaces.rename({ name: "Nope" }))).toBe("FORBIDDEN");
    const name = `Renamed ${randomUUID()}`;
    expect(await asSession(fresh.owner).workspaces.rename({ name })).toMatchObject({ name });
    const taken = await db().workspace.findUniqueOrThrow({ where: { id: otherTeam.workspaceId } });
    expect(await trpcCode(asSession(fresh.owner).workspaces.rename({ name: taken.name }))).toBe("CONFLICT");
  });

  it("switches by cookie to a workspace the person belongs to; the caller then follows it", async () => {
    const person = await newMember(team.workspaceId, "viewer");
    await db().membership.create({
      data: { workspaceId: otherTeam.workspaceId, userId: person.userId, role: "editor" },
    });
    expect((await callerForUser(person.userId))?.workspaceId).toBe(team.workspaceId);

    const resHeaders = new Headers();
    const switched = await asSession(person.caller, resHeaders).workspaces.switch({
      id: otherTeam.workspaceId,
    });
    expect(switched).toMatchObject({ id: otherTeam.workspaceId, role: "editor" });
    const setCookie = resHeaders.get("set-cookie") ?? "";
    expect(setCookie).toMatch(
      new RegExp(`^${WORKSPACE_COOKIE.replace(".", "\\.")}=${otherTeam.workspaceId};`),
    );
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Path=\//);

    const cookie = new Headers({ cookie: `other=1; ${setCookie.split(";")[0]!}` });
    expect(await callerForUser(person.userId, chosenWorkspaceId(cookie))).toMatchObject({
      workspaceId: otherTeam.workspaceId,
      role: "editor",
    });
  });

  it("refuses to switch to a workspace one is not a member of, like an unknown one, and sets no cookie", async () => {
    for (const id of [otherTeam.workspaceId, randomUUID(), "not-an-id"]) {
      const resHeaders = new Headers();
      expect(await trpcCode(asSession(team.viewer, resHeaders).workspaces.switch({ id }))).toBe("NOT_FOUND");
      expect(resHeaders.get("set-cookie")).toBeNull();
    }
  });

  it("ignores a cookie naming a workspace the person is not (or no longer) a member of", async () => {
    const forged = new Headers({ cookie: `${WORKSPACE_COOKIE}=${otherTeam.workspaceId}` });
    expect(await callerForUser(team.viewer.userId, chosenWorkspaceId(forged))).toMatchObject({
      workspaceId: team.workspaceId,
      role: "viewer",
    });
    expect(chosenWorkspaceId(new Headers({ cookie: `${WORKSPACE_COOKIE}=' OR 1=1` }))).toBeNull();
  });
});
