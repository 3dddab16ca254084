import { beforeAll, describe, expect, it } from "vitest";
import * as chatById from "@/app/api/v1/chats/[id]/route";
import * as chatMessages from "@/app/api/v1/chats/[id]/messages/route";
import * as chats from "@/app/api/v1/chats/route";
import * as designs from "@/app/api/v1/designs/route";
import { db } from "@/server/db/client";
import type { Graph } from "@/server/designs/graph-schema";
import { waitForRun } from "@/server/runs/service";
import { callRoute } from "@/server/testing/call-route";
import { createTestWorkspace } from "@/server/testing/fixtures";

const call = callRoute;

/**
 * `playback` answers its first call with `HISTORY LOADED (<n>) messages`, n being the messages it
 * was given; each turn is a new run (a new model), so n tells how much of the chat the agent saw.
 */
const playbackGraph = (useHistory: boolean): Graph => ({
  version: 1,
  nodes: [
    {
      id: "a",
      type: "agent",
      position: { x: 0, y: 0 },
      data: { name: "listener", model: "playback", useHistory },
    },
  ],
  edges: [],
});

let team: Awaited<ReturnType<typeof createTestWorkspace>>;

beforeAll(async () => {
  team = await createTestWorkspace();
});

async function designWith(graph: Graph): Promise<string> {
  const design = await call(designs.POST, {
    method: "POST",
    token: team.editor.token,
    body: { name: "Chatty", graph },
  });
  return design.body.id as string;
}

async function newChat(designId: string): Promise<string> {
  const chat = await call(chats.POST, { method: "POST", token: team.editor.token, body: { designId } });
  expect(chat.status).toBe(201);
  expect(chat.body).toMatchObject({ designId, messages: [], activeRunId: null });
  return chat.body.id as string;
}

async function say(chatId: string, input: string) {
  const turn = await call(chatMessages.POST, {
    method: "POST",
    token: team.editor.token,
    params: { id: chatId },
    body: { input, wait: true },
  });
  expect(turn.status).toBe(201);
  return turn.body as {
    chatId: string;
    run: { id: string; status: string; output: string };
    message: { content: string };
  };
}

describe("chats", () => {
  it("lets agents with useHistory see the session's earlier turns, stored in the database", async () => {
    const chatId = await newChat(await designWith(playbackGraph(true)));
    const first = await say(chatId, "My name is Ada.");
    expect(first.run.status).toBe("succeeded");
    expect(first.message.content).toBe("HISTORY LOADED (1) messages");
    // The second turn's agent was given turn one's question and answer before the new message.
    const second = await say(chatId, "What is my name?");
    expect(second.message.content).toBe("HISTORY LOADED (3) messages");

    const stored = await db().chatSession.findUniqueOrThrow({ where: { id: chatId } });
    expect(Object.keys(stored.memory as object)).toEqual(["listener"]);

    const chat = await call(chatById.GET, { token: team.viewer.token, params: { id: chatId } });
    expect(chat.status).toBe(200);
    expect(chat.body.title).toBe("My name is Ada.");
    const messages = chat.body.messages as {
      role: string;
      content: string;
      runId: string;
      position: number;
    }[];
    expect(messages.map((message) => [message.position, message.role, message.content])).toEqual([
      [1, "user", "My name is Ada."],
      [2, "assistant", "HISTORY LOADED (1) messages"],
      [3, "user", "What is my name?"],
      [4, "assistant", "HISTORY LOADED (3) messages"],
    ]);
    expect(messages[0]!.runId).toBe(first.run.id);
    expect(messages[3]!.runId).toBe(second.run.id);
    const turnRun = await db().run.findUniqueOrThrow({ where: { id: second.run.id } });
    expect(turnRun.chatId).toBe(chatId);
  });

  it("keeps agents without useHistory to the new message, and a new chat starts afresh", async () => {
    const forgetful = await newChat(await designWith(playbackGraph(false)));
    await say(forgetful, "one");
    expect((await say(forgetful, "two")).message.content).toBe("HISTORY LOADED (1) messages");

    const designId = await designWith(playbackGraph(true));
    const old = await newChat(designId);
    await say(old, "one");
    await say(old, "two");
    const fresh = await newChat(designId);
    expect((await say(fresh, "three")).message.content).toBe("HISTORY LOADED (1) messages");

    const list = await call(chats.GET, { token: team.viewer.token, query: `?designId=${designId}` });
    expect(
      (list.body.chats as { id: string; messageCount: number }[]).map((chat) => [chat.id, chat.messageCount]),
    ).toEqual([
      [fresh, 2],
      [old, 4],
    ]);
  });

  it("refuses a message while the previous turn runs, oversize messages, viewers and strangers", async () => {
    const designId = await designWith({
      version: 1,
      nodes: [
        {
          id: "a",
          type: "agent",
          position: { x: 0, y: 0 },
          data: { name: "sloth", model: "slow?delayMs=1500" },
        },
      ],
      edges: [],
    });
    const chatId = await newChat(designId);
    const running = await call(chatMessages.POST, {
      method: "POST",
      token: team.editor.token,
      params: { id: chatId },
      body: { input: "first" },
    });
    expect(running.status).toBe(201);
    const busy = await call(chatMessages.POST, {
      method: "POST",
      token: team.editor.token,
      params: { id: chatId },
      body: { input: "second" },
    });
    expect(busy.status).toBe(409);
    const during = await call(chatById.GET, { token: team.editor.token, params: { id: chatId } });
    expect(during.body.activeRunId).toBe((running.body.run as { id: string }).id);

    const oversize = await call(chatMessages.POST, {
      method: "POST",
      token: team.editor.token,
      params: { id: chatId },
      body: { input: "x".repeat(65 * 1024) },
    });
    expect(oversize.status).toBe(413);
    const viewer = await call(chatMessages.POST, {
      method: "POST",
      token: team.viewer.token,
      params: { id: chatId },
      body: { input: "hi" },
    });
    expect(viewer.status).toBe(403);
    const other = await createTestWorkspace();
    expect((await call(chatById.GET, { token: other.owner.token, params: { id: chatId } })).status).toBe(404);
    expect(
      (await call(chats.POST, { method: "POST", token: other.owner.token, body: { designId } })).status,
    ).toBe(404);
    expect((await call(chatById.GET, { token: team.editor.token, params: { id: "nope" } })).status).toBe(404);
    const empty = await call(chatMessages.POST, {
      method: "POST",
      token: team.editor.token,
      params: { id: chatId },
      body: { input: "   " },
    });
    expect(empty.status).toBe(400);
    // Only the one turn was stored.
    expect(await db().chatMessage.count({ where: { chatId, role: "user" } })).toBe(1);
    await waitForRun(team.editor, (running.body.run as { id: string }).id);
    expect(await db().chatMessage.count({ where: { chatId, role: "assistant" } })).toBe(1);
  });
});
