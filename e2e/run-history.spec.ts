import { randomUUID } from "node:crypto";
import { test as base, expect, type Locator, type Page } from "./support/test";
import { createUser, provideSignedInPage, type TestUser } from "./support/users";

/**
 * The run history (/runs). Its users have a workspace of their own, so the runs other specs
 * start never show up here; each test also works on a design of its own.
 */
const workspace = `history-e2e-${randomUUID()}`;
let editor: TestUser;
let viewer: TestUser;
let loner: TestUser;

type Run = { id: string; status: string; designId: string | null; input: unknown };

const RUN_URL = /\/runs\/([0-9a-f-]{36})$/;

const test = base.extend<{ editorPage: Page; viewerPage: Page; lonerPage: Page }>({
  editorPage: async ({ browser }, provide) => provideSignedInPage(browser, editor, provide),
  viewerPage: async ({ browser }, provide) => provideSignedInPage(browser, viewer, provide),
  lonerPage: async ({ browser }, provide) => provideSignedInPage(browser, loner, provide),
});

test.beforeAll(async () => {
  editor = await createUser("editor", { label: "history-editor", workspace });
  viewer = await createUser("viewer", { label: "history-viewer", workspace });
  loner = await createUser("editor", { label: "history-loner", workspace: `${workspace}-empty` });
});

async function createDesign(page: Page, name: string, model = "passthrough"): Promise<string> {
  const graph = {
    version: 1,
    entry: "worker",
    nodes: [{ id: "a1", type: "agent", position: { x: 0, y: 0 }, data: { name: "worker", model } }],
    edges: [],
  };
  const response = await page.request.post("/api/v1/designs", { data: { name, graph } });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function startRun(page: Page, designId: string, input: string, wait = true): Promise<Run> {
  const response = await page.request.post("/api/v1/runs", { data: { designId, input, wait } });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as Run;
}

async function getRun(page: Page, id: string): Promise<{ status: number; run: Run | null }> {
  const response = await page.request.get(`/api/v1/runs/${id}`);
  return { status: response.status(), run: response.ok() ? ((await response.json()) as Run) : null };
}

function historyRows(page: Page): Locator {
  return page
    .getByRole("table")
    .getByRole("row")
    .filter({ has: page.getByRole("cell") });
}

function rowOf(page: Page, input: string): Locator {
  return historyRows(page).filter({ has: page.getByRole("link", { name: input, exact: true }) });
}

function statusBox(page: Page, status: string): Locator {
  return page.getByRole("group", { name: "Status" }).getByRole("checkbox", { name: status, exact: true });
}

test("lists the workspace's runs newest first, each linking to its run", async ({ editorPage: page }) => {
  const name = `Listed ${randomUUID().slice(0, 8)}`;
  const designId = await createDesign(page, name);
  const runs: Run[] = [];
  for (const input of ["first listed run", "second listed run", "third listed run"]) {
    runs.push(await startRun(page, designId, input));
  }

  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Runs" }).click();
  await expect(page).toHaveURL(/\/runs$/);
  await expect(page).toHaveTitle("Runs · Trellis");
  await expect(page.getByRole("heading", { name: "Runs", level: 1 })).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Runs" }),
  ).toHaveAttribute("aria-current", "page");

  const listed = historyRows(page).filter({ hasText: "listed run" });
  await expect(listed).toHaveCount(3);
  await expect(listed.nth(0)).toContainText("third listed run");
  await expect(listed.nth(1)).toContainText("second listed run");
  await expect(listed.nth(2)).toContainText("first listed run");

  const first = rowOf(page, "first listed run");
  await expect(first).toContainText("Succeeded");
  await expect(first).toContainText("worker");
  await expect(first).toContainText("just now");
  await expect(first.getByRole("link", { name: "first listed run" })).toHaveAttribute(
    "href",
    `/runs/${runs[0]?.id ?? ""}`,
  );
  await expect(first.getByRole("link", { name })).toHaveAttribute("href", `/designs/${designId}`);
});

test("filters by status and design through the address and the controls", async ({ editorPage: page }) => {
  const name = `Mixed ${randomUUID().slice(0, 8)}`;
  const designId = await createDesign(page, name, "slow?delayMs=1000");
  await startRun(page, designId, "this one succeeds");
  // Invalid JSON arguments in a passthrough tool command fail the run (semantics.md).
  const failed = await startRun(page, designId, "***CALL_TOOL lookup {not json");
  expect(failed.status).toBe("failed");
  const going = await startRun(page, designId, "this one is cancelled", false);
  const cancel = await page.request.post(`/api/v1/runs/${going.id}/cancel`);
  expect(cancel.status()).toBe(200);
  await expect.poll(async () => (await getRun(page, going.id)).run?.status).toBe("cancelled");

  await page.goto(`/runs?designId=${designId}&status=failed,cancelled`);
  await expect(page.getByText("Design:")).toBeVisible();
  await expect(page.getByRole("link", { name, exact: true }).first()).toHaveAttribute(
    "href",
    `/designs/${designId}`,
  );
  await expect(statusBox(page, "Failed")).toBeChecked();
  await expect(statusBox(page, "Cancelled")).toBeChecked();
  await expect(statusBox(page, "Succeeded")).not.toBeChecked();
  await expect(historyRows(page)).toHaveCount(2);
  await expect(rowOf(page, "this one is cancelled")).toContainText("Cancelled");
  await expect(rowOf(page, "***CALL_TOOL lookup {not json")).toContainText("Failed");

  // The boxes follow the address, which updates a moment after the click: click, then wait for it.
  await statusBox(page, "Failed").click();
  await expect(page).toHaveURL(/[?&]status=cancelled(&|$)/);
  await expect(historyRows(page)).toHaveCount(1);
  await expect(rowOf(page, "this one is cancelled")).toBeVisible();

  await statusBox(page, "Succeeded").click();
  await expect(page).toHaveURL(/[?&]status=succeeded,cancelled(&|$)/);
  await expect(historyRows(page)).toHaveCount(2);
  await expect(rowOf(page, "this one succeeds")).toContainText("Succeeded");

  // The address alone reproduces the view (a shared link or a reload).
  await page.reload();
  await expect(statusBox(page, "Succeeded")).toBeChecked();
  await expect(statusBox(page, "Cancelled")).toBeChecked();
  await expect(historyRows(page)).toHaveCount(2);

  await page.getByRole("button", { name: "Show all statuses" }).click();
  await expect(page).not.toHaveURL(/status=/);
  await expect(historyRows(page)).toHaveCount(3);

  await page.getByRole("link", { name: "Clear the design filter" }).click();
  await expect(page).toHaveURL(/\/runs$/);
  await expect(page.getByText("Design:")).toHaveCount(0);

  // A design without runs: the filtered empty state offers the way back.
  const idle = await createDesign(page, `Idle ${randomUUID().slice(0, 8)}`);
  await page.goto(`/runs?designId=${idle}`);
  await expect(page.getByRole("heading", { name: "No runs match these filters" })).toBeVisible();
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/runs$/);
  await expect(rowOf(page, "this one succeeds")).toBeVisible();
});

test("Run again starts a new run of the same design on the same input", async ({ editorPage: page }) => {
  const designId = await createDesign(page, `Again ${randomUUID().slice(0, 8)}`);
  const original = await startRun(page, designId, "please run me again");

  await page.goto(`/runs?designId=${designId}`);
  await rowOf(page, "please run me again").getByRole("button", { name: "Run again" }).click();
  await expect(page).toHaveURL(RUN_URL);
  const newId = RUN_URL.exec(new URL(page.url()).pathname)?.[1] ?? "";
  expect(newId).not.toBe(original.id);

  const { status, run } = await getRun(page, newId);
  expect(status).toBe(200);
  expect(run?.designId).toBe(designId);
  expect(run?.input).toEqual(original.input);

  await page.goto(`/runs?designId=${designId}`);
  await expect(historyRows(page)).toHaveCount(2);
  await expect(historyRows(page).first().getByRole("link", { name: "please run me again" })).toHaveAttribute(
    "href",
    `/runs/${newId}`,
  );
});

test("deletes an ended run after confirmation; a running one offers no delete", async ({
  editorPage: page,
}) => {
  const designId = await createDesign(page, `Delete ${randomUUID().slice(0, 8)}`);
  const doomed = await startRun(page, designId, "delete me please");
  await startRun(page, designId, "keep me around");

  await page.goto(`/runs?designId=${designId}`);
  const doomedRow = rowOf(page, "delete me please");
  const dialog = page.getByRole("dialog", { name: "Delete run?" });

  await doomedRow.getByRole("button", { name: "Delete run" }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();

  await doomedRow.getByRole("button", { name: "Delete run" }).click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(historyRows(page)).toHaveCount(2);

  await doomedRow.getByRole("button", { name: "Delete run" }).click();
  await dialog.getByRole("button", { name: "Delete run" }).click();
  await expect(dialog).toBeHidden();
  await expect(doomedRow).toHaveCount(0);
  await expect(historyRows(page)).toHaveCount(1);
  expect((await getRun(page, doomed.id)).status).toBe(404);

  const slowDesign = await createDesign(page, `Busy ${randomUUID().slice(0, 8)}`, "slow?delayMs=30000");
  const busy = await startRun(page, slowDesign, "still going", false);
  await page.goto(`/runs?designId=${slowDesign}`);
  const busyRow = rowOf(page, "still going");
  await expect(busyRow).toContainText(/Queued|Running/);
  await expect(busyRow.getByRole("button", { name: "Run again" })).toBeVisible();
  await expect(busyRow.getByRole("button", { name: "Delete run" })).toHaveCount(0);
  // The server refuses it as well: a page that still showed the button would get a 409.
  const refused = await page.request.delete(`/api/v1/runs/${busy.id}`);
  expect(refused.status()).toBe(409);
  expect((await page.request.post(`/api/v1/runs/${busy.id}/cancel`)).status()).toBe(200);
  // Once it has ended (the list refreshes running rows by itself), it can be deleted.
  await expect(busyRow).toContainText("Cancelled", { timeout: 15_000 });
  await expect(busyRow.getByRole("button", { name: "Delete run" })).toBeVisible();
});

test("pages with Load more", async ({ editorPage: page }) => {
  const designId = await createDesign(page, `Paged ${randomUUID().slice(0, 8)}`);
  for (let index = 1; index <= 27; index += 1) await startRun(page, designId, `paged run ${index}`);

  await page.goto(`/runs?designId=${designId}`);
  await expect(historyRows(page)).toHaveCount(25);
  await expect(historyRows(page).first()).toContainText("paged run 27");
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(historyRows(page)).toHaveCount(27);
  await expect(historyRows(page).last()).toContainText("paged run 1");
  await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);
});

test("viewers see the runs without rerun or delete", async ({ editorPage, viewerPage }) => {
  const designId = await createDesign(editorPage, `Viewed ${randomUUID().slice(0, 8)}`);
  await startRun(editorPage, designId, "look but do not touch");

  await viewerPage.goto(`/runs?designId=${designId}`);
  const row = rowOf(viewerPage, "look but do not touch");
  await expect(row).toContainText("Succeeded");
  await expect(viewerPage.getByRole("button", { name: "Run again" })).toHaveCount(0);
  await expect(viewerPage.getByRole("button", { name: "Delete run" })).toHaveCount(0);
});

test("an empty workspace says what to do next", async ({ lonerPage: page }) => {
  await page.goto("/runs");
  await expect(page.getByRole("heading", { name: "No runs yet" })).toBeVisible();
  await page.getByRole("link", { name: "Open a design" }).click();
  await expect(page).toHaveURL(/\/$/);
});
