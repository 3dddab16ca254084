import { randomUUID } from "node:crypto";
import { test as base, expect, type Page } from "./support/test";
import { createUser, provideSignedInPage, type TestUser } from "./support/users";

/**
 * Chats with a design (/designs/<id>/chat). The entry agent uses the offline `playback` model
 * with useHistory: its first call in a run answers `HISTORY LOADED (<n>) messages`, n being the
 * messages it was given. A run starts a fresh model, so the second turn can only answer "(3)"
 * (turn 1's question and answer, then the new question) if the chat kept turn 1's history.
 */
const workspace = `chat-e2e-${randomUUID()}`;
let editor: TestUser;
let viewer: TestUser;

const RUN_URL = /^\/runs\/[0-9a-f-]{36}$/;

function agentGraph(model: string) {
  return {
    version: 1,
    entry: "memory",
    nodes: [
      {
        id: "a1",
        type: "agent",
        position: { x: 0, y: 0 },
        data: { name: "memory", instruction: "Answer the person.", model, useHistory: true },
      },
    ],
    edges: [],
  };
}

const test = base.extend<{ editorPage: Page; viewerPage: Page }>({
  editorPage: async ({ browser }, provide) => provideSignedInPage(browser, editor, provide),
  viewerPage: async ({ browser }, provide) => provideSignedInPage(browser, viewer, provide),
});

test.beforeAll(async () => {
  editor = await createUser("editor", { label: "chat-editor", workspace });
  viewer = await createUser("viewer", { label: "chat-viewer", workspace });
});

/** Through the REST API with the page's session, as the editor would save it in the editor. */
async function createDesign(page: Page, name: string, model = "playback"): Promise<string> {
  const response = await page.request.post("/api/v1/designs", { data: { name, graph: agentGraph(model) } });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function send(page: Page, text: string) {
  await page.getByLabel("Message").fill(text);
  await page.getByRole("button", { name: "Send" }).click();
}

/** The message box's own alerts (Next.js keeps a route announcer with role alert on every page). */
function composerAlert(page: Page) {
  return page
    .locator("form")
    .filter({ has: page.getByLabel("Message") })
    .getByRole("alert");
}

function conversation(page: Page) {
  return page.getByRole("list", { name: "Conversation" });
}

test("remembers earlier turns, links every turn to its run, and a new chat starts afresh", async ({
  editorPage: page,
}) => {
  const name = `Memory ${randomUUID().slice(0, 8)}`;
  const designId = await createDesign(page, name);

  await page.goto(`/designs/${designId}/chat`);
  await expect(page).toHaveTitle(`Chat · ${name} · Trellis`);
  await expect(page.getByRole("heading", { name: `Chat with ${name}` })).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to the design" })).toHaveAttribute(
    "href",
    `/designs/${designId}`,
  );
  await expect(page.getByRole("heading", { name: "No chats yet — start one" })).toBeVisible();

  await page.getByRole("button", { name: "New chat" }).click();
  await expect(page).toHaveURL(/\?chat=[0-9a-f-]{36}$/);
  const firstChatUrl = page.url();
  await expect(page.getByLabel("Message")).toBeFocused();

  // Enter alone is a new line, not a send.
  await page.getByLabel("Message").pressSequentially("The secret word");
  await page.keyboard.press("Enter");
  await page.keyboard.type("is banana.");
  await expect(page.getByLabel("Message")).toHaveValue("The secret word\nis banana.");
  await expect(conversation(page).getByRole("listitem")).toHaveCount(0);

  // Ctrl+Enter sends.
  await page.keyboard.press("Control+Enter");
  await expect(conversation(page).getByText("HISTORY LOADED (1) messages")).toBeVisible();
  await expect(page.getByLabel("Message")).toHaveValue("");
  await expect(page.getByRole("button", { name: "Send" })).toBeEnabled();

  await send(page, "What was the secret word?");
  await expect(conversation(page).getByText("HISTORY LOADED (3) messages")).toBeVisible();

  const messages = conversation(page).getByRole("listitem");
  await expect(messages).toHaveCount(4);
  await expect(messages.nth(0)).toContainText("The secret word\nis banana.");
  await expect(messages.nth(1)).toContainText("HISTORY LOADED (1) messages");
  await expect(messages.nth(2)).toContainText("What was the secret word?");
  await expect(messages.nth(3)).toContainText("HISTORY LOADED (3) messages");

  // Each turn links to its own run, which holds that turn's question and answer.
  const runLinks = conversation(page).getByRole("link", { name: "View run" });
  await expect(runLinks).toHaveCount(2);
  const turns = [
    { question: "The secret word\nis banana.", answer: "HISTORY LOADED (1) messages" },
    { question: "What was the secret word?", answer: "HISTORY LOADED (3) messages" },
  ];
  const runIds = new Set<string>();
  for (const [index, turn] of turns.entries()) {
    const href = await runLinks.nth(index).getAttribute("href");
    expect(href).toMatch(RUN_URL);
    const response = await page.request.get(`/api/v1${href ?? ""}`);
    expect(response.status()).toBe(200);
    const run = (await response.json()) as {
      designId: string;
      status: string;
      output: string;
      input: { role: string; content: unknown }[];
    };
    expect(run).toMatchObject({ designId, status: "succeeded", output: turn.answer });
    expect(JSON.stringify(run.input)).toContain(JSON.stringify(turn.question).slice(1, -1));
    runIds.add(href ?? "");
  }
  expect(runIds.size).toBe(2);

  // The chat is in the address: a reload shows it again.
  await page.reload();
  await expect(page.getByRole("link", { name: /^The secret word is banana\./ })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expect(conversation(page).getByRole("listitem")).toHaveCount(4);
  await expect(page.getByRole("navigation", { name: "Chats" })).toContainText("4 messages");

  // A second chat of the same design knows nothing of the first.
  await page.getByRole("button", { name: "New chat" }).click();
  await expect(page).not.toHaveURL(firstChatUrl);
  await expect(page.getByText("A new chat starts without history.")).toBeVisible();
  await send(page, "What was the secret word?");
  await expect(conversation(page).getByText("HISTORY LOADED (1) messages")).toBeVisible();
  await expect(conversation(page).getByText("HISTORY LOADED (3) messages")).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Chats" }).getByRole("listitem")).toHaveCount(2);

  // Back in the first chat, its history is intact.
  await page.getByRole("link", { name: /^The secret word is banana\./ }).click();
  await expect(page).toHaveURL(firstChatUrl);
  await expect(conversation(page).getByText("HISTORY LOADED (3) messages")).toBeVisible();
});

test("streams the answer in place and blocks sending until the turn has ended", async ({
  editorPage: page,
}) => {
  const designId = await createDesign(page, `Slow ${randomUUID().slice(0, 8)}`, "slow?delayMs=2500");
  await page.goto(`/designs/${designId}/chat`);
  await page.getByRole("button", { name: "Start a chat" }).click();

  await send(page, "echo me slowly");
  const live = conversation(page).getByRole("listitem").last();
  await expect(live.getByRole("status")).toContainText("Running");
  await expect(live.getByRole("link", { name: "View run" })).toHaveAttribute("href", RUN_URL);
  await expect(page.getByRole("button", { name: "Send" })).toBeDisabled();
  // The next message can be written meanwhile; it is not lost.
  await page.getByLabel("Message").fill("next question");

  await expect(conversation(page).getByText("echo me slowly")).toHaveCount(2);
  await expect(page.getByRole("button", { name: "Send" })).toBeEnabled();
  await expect(page.getByLabel("Message")).toHaveValue("next question");
});

test("shows refusals under the box and keeps what was typed", async ({ editorPage: page }) => {
  const designId = await createDesign(page, `Refusals ${randomUUID().slice(0, 8)}`);
  await page.goto(`/designs/${designId}/chat`);
  await page.getByRole("button", { name: "New chat" }).click();

  await page.getByLabel("Message").fill("   ");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(composerAlert(page)).toHaveText("Write a message first.");

  const huge = "x".repeat(70 * 1024);
  await page.getByLabel("Message").fill(huge);
  await expect(composerAlert(page)).toHaveCount(0);
  await page.getByRole("button", { name: "Send" }).click();
  await expect(composerAlert(page)).toHaveText("A chat message is at most 64 KiB.");
  await expect(page.getByLabel("Message")).toHaveValue(huge);
  await expect(conversation(page).getByRole("listitem")).toHaveCount(0);

  // Editing clears the stale error; a fitting message then goes through.
  await page.getByLabel("Message").fill("short enough");
  await expect(composerAlert(page)).toHaveCount(0);
  await page.getByRole("button", { name: "Send" }).click();
  await expect(conversation(page).getByText("HISTORY LOADED (1) messages")).toBeVisible();
});

test("viewers read chats but cannot start or send", async ({ editorPage, viewerPage: page }) => {
  const designId = await createDesign(editorPage, `Read only ${randomUUID().slice(0, 8)}`);
  const chat = await editorPage.request.post("/api/v1/chats", { data: { designId } });
  expect(chat.status()).toBe(201);
  const chatId = ((await chat.json()) as { id: string }).id;
  const turn = await editorPage.request.post(`/api/v1/chats/${chatId}/messages`, {
    data: { input: "hello from the editor", wait: true },
  });
  expect(turn.status(), await turn.text()).toBe(201);

  await page.goto(`/designs/${designId}/chat`);
  await expect(page.getByRole("link", { name: /^hello from the editor/ })).toBeVisible();
  await expect(page.getByRole("button", { name: "New chat" })).toHaveCount(0);
  await expect(page.getByText("Viewers can read chats but not send messages.")).toBeVisible();

  await page.getByRole("link", { name: /^hello from the editor/ }).click();
  await expect(conversation(page).getByText("HISTORY LOADED (1) messages")).toBeVisible();
  await expect(conversation(page).getByRole("link", { name: "View run" })).toHaveAttribute("href", RUN_URL);
  await expect(page.getByLabel("Message")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Send" })).toHaveCount(0);
  await expect(page.getByText("Viewers can read chats but not send messages.")).toBeVisible();
});

test("answers 404 for a design outside the workspace", async ({ editorPage: page }) => {
  const response = await page.goto(`/designs/${randomUUID()}/chat`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});
