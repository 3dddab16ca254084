import { execFileSync } from "node:child_process";
import { expect, test } from "./support/test";
import { freshDataDir, runCli, startServer } from "./support/server";

const PORT = Number(process.env.TRELLIS_E2E_RESTART_PORT ?? 3101);

test("a kill -9 of the server followed by a new start keeps the data", async ({ request }) => {
  test.setTimeout(300_000);
  const dataDir = freshDataDir("restart");
  const first = await startServer({ port: PORT, dataDir });
  let second: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    const token = await runCli(dataDir, ["token", "create", "--name", "restart-test"]);
    expect(token.code, token.stderr).toBe(0);
    const bearer = { authorization: `Bearer ${token.stdout.trim()}` };

    const created = await request.post(`${first.baseUrl}/api/v1/designs`, {
      headers: bearer,
      data: { name: "Survives a crash", graph: { version: 1, nodes: [], edges: [] } },
    });
    expect(created.status()).toBe(201);
    const design = (await created.json()) as { id: string };

    // A chat turn before the crash; the next turn, after it, must still see this one.
    const listenerGraph = {
      version: 1,
      nodes: [
        { id: "a", type: "agent", position: { x: 0, y: 0 }, data: { name: "listener", model: "playback" } },
      ],
      edges: [],
    };
    const chatDesign = (await (
      await request.post(`${first.baseUrl}/api/v1/designs`, {
        headers: bearer,
        data: { name: "Remembers", graph: listenerGraph },
      })
    ).json()) as { id: string };
    const chat = (await (
      await request.post(`${first.baseUrl}/api/v1/chats`, {
        headers: bearer,
        data: { designId: chatDesign.id },
      })
    ).json()) as { id: string };
    const turn = async (baseUrl: string, input: string) => {
      const response = await request.post(`${baseUrl}/api/v1/chats/${chat.id}/messages`, {
        headers: bearer,
        data: { input, wait: true },
      });
      expect(response.status()).toBe(201);
      return ((await response.json()) as { message: { content: string } }).message.content;
    };
    expect(await turn(first.baseUrl, "remember me")).toBe("HISTORY LOADED (1) messages");
    const slowGraph = {
      version: 1,
      nodes: [
        {
          id: "a",
          type: "agent",
          position: { x: 0, y: 0 },
          data: { name: "sleeper", model: "slow?delayMs=600000" },
        },
      ],
      edges: [],
    };
    const started = await request.post(`${first.baseUrl}/api/v1/runs`, {
      headers: bearer,
      data: { graph: slowGraph, input: "zzz" },
    });
    expect(started.status()).toBe(201);
    const run = (await started.json()) as { id: string };
    await expect
      .poll(
        async () =>
          (
            (await (
              await request.get(`${first.baseUrl}/api/v1/runs/${run.id}`, { headers: bearer })
            ).json()) as { status: string }
          ).status,
      )
      .toBe("running");

    // The hard way: no signal handler runs, PostgreSQL is left behind holding the data directory.
    execFileSync("kill", ["-9", String(first.serverPid())]);
    await expect
      .poll(async () => (await fetch(`${first.baseUrl}/api/health`).catch(() => null))?.status ?? 0)
      .toBe(0);

    second = await startServer({ port: PORT, dataDir });
    expect(second.signupUrl).not.toBeNull(); // still nobody signed up: a fresh one-time link
    const fetched = await request.get(`${second.baseUrl}/api/v1/designs/${design.id}`, { headers: bearer });
    expect(fetched.status()).toBe(200);
    expect(await fetched.json()).toMatchObject({ id: design.id, name: "Survives a crash", version: 1 });
    const list = (await (
      await request.get(`${second.baseUrl}/api/v1/designs`, { headers: bearer })
    ).json()) as {
      designs: { name: string }[];
    };
    // The run the crash cut short says so, instead of running forever.
    const interrupted = await request.get(`${second.baseUrl}/api/v1/runs/${run.id}`, { headers: bearer });
    expect(await interrupted.json()).toMatchObject({
      status: "interrupted",
      error: "The server stopped while this run was executing.",
    });
    // The chat's history came back from the database: the agent saw turn one's two messages.
    expect(await turn(second.baseUrl, "do you?")).toBe("HISTORY LOADED (3) messages");
    // Examples were seeded once, not again on the second start.
    expect(list.designs.filter((item) => item.name === "Research desk")).toHaveLength(1);
  } finally {
    await second?.stop();
    await first.stop();
  }
});
