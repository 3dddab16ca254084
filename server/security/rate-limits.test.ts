// Limits small enough to reach in a test; set before anything reads the environment (each test
// file runs in its own process). The rate_limit table is shared with other files running at the
// same time, so every test here counts against client addresses and accounts of its own.
process.env.TRELLIS_SIGN_IN_ATTEMPTS_PER_MINUTE = "3";
process.env.TRELLIS_SIGN_UPS_PER_HOUR = "2";
process.env.TRELLIS_TOKEN_REQUESTS_PER_MINUTE = "5";
process.env.TRELLIS_RUN_STARTS_PER_MINUTE = "3";
process.env.TRELLIS_SHARE_VIEWS_PER_MINUTE = "4";
process.env.TRELLIS_WORKSPACE_MAX_ACTIVE_RUNS = "2";
process.env.TRELLIS_WORKSPACE_MAX_STORED_EVENTS = "1000";

import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import * as designsRoute from "@/app/api/v1/designs/route";
import * as runsRoute from "@/app/api/v1/runs/route";
import * as sharedRunRoute from "@/app/api/v1/shared/runs/[token]/route";
import { createApiToken } from "@/server/auth/api-tokens";
import { handleAuthPost } from "@/server/auth/auth-route";
import { createPasswordUser } from "@/server/auth/users";
import { db } from "@/server/db/client";
import { cancelRun } from "@/server/runs/service";
import { CLIENT_ADDRESS_HEADER } from "@/server/security/client-address";
import { createTestWorkspace } from "@/server/testing/fixtures";

let addressCounter = 0;
/** A documentation-range address no other test uses. */
const freshAddress = () => `198.51.100.${(addressCounter += 1)}-${randomUUID().slice(0, 8)}`;

function signIn(email: string, password: string, address: string) {
  return handleAuthPost(
    new Request("http://localhost:3000/api/auth/sign-in/email", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: "http://localhost:3000",
        [CLIENT_ADDRESS_HEADER]: address,
      },
      body: JSON.stringify({ email, password }),
    }),
  );
}

function call(
  handler: (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>,
  options: {
    method?: string;
    token?: string;
    address: string;
    body?: unknown;
    params?: Record<string, string>;
  },
) {
  const headers = new Headers({
    "content-type": "application/json",
    [CLIENT_ADDRESS_HEADER]: options.address,
  });
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  return handler(
    new Request("http://localhost/api/v1/x", {
      method: options.method ?? "GET",
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    }),
    { params: Promise.resolve(options.params ?? {}) },
  );
}

const passthroughGraph = {
  version: 1,
  nodes: [{ id: "a", type: "agent", position: { x: 0, y: 0 }, data: { name: "echo", model: "passthrough" } }],
  edges: [],
};

describe("sign-in", () => {
  it("answers 429 with Retry-After once one address has used up its attempts, and records the failures", async () => {
    const email = `brute-${randomUUID()}@example.test`;
    const user = await createPasswordUser({ email, password: "the right password" });
    const address = freshAddress();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect((await signIn(email, `wrong ${attempt}`, address)).status).toBe(401);
    }
    const refused = await signIn(email, "the right password", address);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
    expect(await db().auditEvent.count({ where: { actorId: user.id, action: "sign-in-failed" } })).toBe(3);
  });

  it("limits attempts per account too, whatever address they come from", async () => {
    const email = `spread-${randomUUID()}@example.test`;
    await createPasswordUser({ email, password: "the right password" });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect((await signIn(email, "wrong", freshAddress())).status).toBe(401);
    }
    expect((await signIn(email, "the right password", freshAddress())).status).toBe(429);
  });

  it("lets a correct sign-in through within the limit and records it", async () => {
    const email = `fine-${randomUUID()}@example.test`;
    const user = await createPasswordUser({ email, password: "the right password" });
    const response = await signIn(email, "the right password", freshAddress());
    expect(response.status).toBe(200);
    expect(await db().auditEvent.count({ where: { actorId: user.id, action: "sign-in" } })).toBe(1);
  });
});

describe("sign-up", () => {
  it("answers 429 after the address's sign-ups for the hour", async () => {
    const address = freshAddress();
    const attempt = () =>
      handleAuthPost(
        new Request("http://localhost:3000/api/auth/sign-up/email", {
          method: "POST",
          headers: {
            "content-type": "application/json",
            origin: "http://localhost:3000",
            [CLIENT_ADDRESS_HEADER]: address,
          },
          body: JSON.stringify({
            email: `${randomUUID()}@example.test`,
            password: "long enough pw",
            name: "x",
          }),
        }),
      );
    // Without an invitation each is refused (403), and each still counts.
    expect((await attempt()).status).toBe(403);
    expect((await attempt()).status).toBe(403);
    const refused = await attempt();
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
  });
});

describe("API tokens", () => {
  it("limit requests per token and per address", async () => {
    const team = await createTestWorkspace();
    const address = freshAddress();
    for (let request = 0; request < 5; request += 1) {
      expect((await call(designsRoute.GET, { token: team.viewer.token, address })).status).toBe(200);
    }
    const refused = await call(designsRoute.GET, { token: team.viewer.token, address: freshAddress() });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);

    // Guessing tokens from one address is limited as well, valid or not.
    const guesser = freshAddress();
    for (let guess = 0; guess < 5; guess += 1) {
      expect((await call(designsRoute.GET, { token: `trl_guess${guess}`, address: guesser })).status).toBe(
        401,
      );
    }
    expect((await call(designsRoute.GET, { token: team.owner.token, address: guesser })).status).toBe(429);
  });
});

describe("run starts", () => {
  it("answer 429 past the person's starts per minute, and start nothing", async () => {
    const team = await createTestWorkspace();
    const start = (address: string) =>
      call(runsRoute.POST, {
        method: "POST",
        token: team.editor.token,
        address,
        body: { graph: passthroughGraph, input: "hi", wait: true },
      });
    for (let run = 0; run < 3; run += 1) expect((await start(freshAddress())).status).toBe(201);
    const refused = await start(freshAddress());
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await db().run.count({ where: { workspaceId: team.workspaceId } })).toBe(3);
  });
});

describe("quotas", () => {
  it("refuse a run while the workspace has as many in progress as it may", async () => {
    const team = await createTestWorkspace();
    const slow = {
      ...passthroughGraph,
      nodes: [
        {
          id: "a",
          type: "agent",
          position: { x: 0, y: 0 },
          data: { name: "echo", model: "slow?delayMs=30000" },
        },
      ],
    };
    // Two people, so the per-person start limit is not what stops the third run.
    const first = await call(runsRoute.POST, {
      method: "POST",
      token: team.editor.token,
      address: freshAddress(),
      body: { graph: slow, input: "1" },
    });
    const second = await call(runsRoute.POST, {
      method: "POST",
      token: team.owner.token,
      address: freshAddress(),
      body: { graph: slow, input: "2" },
    });
    expect([first.status, second.status]).toEqual([201, 201]);
    const refused = await call(runsRoute.POST, {
      method: "POST",
      token: team.owner.token,
      address: freshAddress(),
      body: { graph: slow, input: "3" },
    });
    expect(refused.status).toBe(429);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("quota_exceeded");
    expect(body.error.message).toMatch(/2 runs in progress/);
    for (const started of [first, second]) {
      const { id } = (await started.json()) as { id: string };
      await cancelRun(team.owner, id);
    }
  });

  it("refuse a run once the workspace stores as many events as it may", async () => {
    const team = await createTestWorkspace();
    const design = await call(designsRoute.POST, {
      method: "POST",
      token: team.editor.token,
      address: freshAddress(),
      body: { name: "full", graph: passthroughGraph },
    });
    const { id: designId } = (await design.json()) as { id: string };
    const run = await db().run.create({
      data: {
        workspaceId: team.workspaceId,
        designId,
        graph: passthroughGraph,
        agent: "echo",
        input: [],
        status: "succeeded",
        lastSeq: 1000,
      },
    });
    const refused = await call(runsRoute.POST, {
      method: "POST",
      token: team.editor.token,
      address: freshAddress(),
      body: { designId, input: "x" },
    });
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
      /delete old runs/,
    );
    await db().run.delete({ where: { id: run.id } });
    expect(
      (
        await call(runsRoute.POST, {
          method: "POST",
          token: team.editor.token,
          address: freshAddress(),
          body: { designId, input: "x", wait: true },
        })
      ).status,
    ).toBe(201);
  });
});

describe("share links", () => {
  it("answer 429 past an address's views per minute, valid token or not", async () => {
    const team = await createTestWorkspace();
    const { token } = await createApiToken({
      workspaceId: team.workspaceId,
      userId: team.owner.userId,
      name: "x",
    });
    expect(token).toBeTruthy();
    const address = freshAddress();
    for (let view = 0; view < 4; view += 1) {
      expect(
        (await call(sharedRunRoute.GET, { address, params: { token: `trs_guess${view}` } })).status,
      ).toBe(404);
    }
    const refused = await call(sharedRunRoute.GET, { address, params: { token: "trs_guess" } });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
  });
});
