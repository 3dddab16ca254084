import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { auth, INVITE_HEADER } from "@/server/auth/auth";
import { authenticate } from "@/server/auth/authenticate";
import { createInvite } from "@/server/auth/invites";
import { db } from "@/server/db/client";

const ORIGIN = "http://localhost:3000";
let addressCounter = 0;
const nextAddress = () => `203.0.113.${(addressCounter += 1)}`;

/** A sign-up as the page sends it, through better-auth's real HTTP handler. */
function signUp(email: string, invite?: string, password = "a long enough password") {
  // A distinct client address per attempt: the sign-up rate limit (per IP) is not under test here.
  const headers = new Headers({
    "content-type": "application/json",
    origin: ORIGIN,
    "x-forwarded-for": nextAddress(),
  });
  if (invite) headers.set(INVITE_HEADER, invite);
  return auth().handler(
    new Request(`${ORIGIN}/api/auth/sign-up/email`, {
      method: "POST",
      headers,
      body: JSON.stringify({ email, password, name: "Someone" }),
    }),
  );
}

let workspaceId: string;

beforeAll(async () => {
  workspaceId = (await db().workspace.create({ data: { name: `signup-${randomUUID()}` } })).id;
});

describe("sign-up through a one-time link", () => {
  it("refuses a sign-up without an invitation", async () => {
    const email = `${randomUUID()}@example.test`;
    const response = await signUp(email);
    expect(response.status).toBe(403);
    expect(await db().user.count({ where: { email } })).toBe(0);
  });

  it("refuses a guessed invitation", async () => {
    const email = `${randomUUID()}@example.test`;
    expect((await signUp(email, "inv_guessed")).status).toBe(403);
    expect(await db().user.count({ where: { email } })).toBe(0);
  });

  it("creates the account with the invited role, signs in with a secure cookie, and uses the link up", async () => {
    const invite = await createInvite({ workspaceId, role: "owner" });
    const email = `${randomUUID()}@example.test`;
    const response = await signUp(email, invite);
    expect(response.status).toBe(200);
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/trellis\.session_token=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    const user = await db().user.findUniqueOrThrow({ where: { email } });
    const caller = await authenticate(new Headers({ cookie: cookie.split(";")[0]! }));
    expect(caller).toMatchObject({ userId: user.id, workspaceId, role: "owner", via: "session" });

    const second = await signUp(`${randomUUID()}@example.test`, invite);
    expect(second.status).toBe(403);
  });

  it("keeps the link usable when the sign-up itself is refused (short password)", async () => {
    const invite = await createInvite({ workspaceId, role: "editor" });
    expect((await signUp(`${randomUUID()}@example.test`, invite, "short")).status).toBe(400);
    expect((await signUp(`${randomUUID()}@example.test`, invite)).status).toBe(200);
  });

  it("lets exactly one of two racing sign-ups use a link", async () => {
    const invite = await createInvite({ workspaceId, role: "viewer" });
    const emails = [`${randomUUID()}@example.test`, `${randomUUID()}@example.test`];
    const statuses = await Promise.all(
      emails.map((email) => signUp(email, invite).then((response) => response.status)),
    );
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(await db().user.count({ where: { email: { in: emails } } })).toBe(1);
  });

  it("refuses an expired link", async () => {
    const invite = await createInvite({
      workspaceId,
      role: "editor",
      expiresAt: new Date(Date.now() - 1000),
    });
    expect((await signUp(`${randomUUID()}@example.test`, invite)).status).toBe(403);
  });
});
