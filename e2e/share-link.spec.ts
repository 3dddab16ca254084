import { expect, test, type Browser, type Page } from "./support/test";
import { startTcpProxy } from "./support/tcp-proxy";
import { createUser, signIn, startExampleRun, type TestUser } from "./support/users";

/**
 * The run page and share links: a teammate without an account watches a run live through a link,
 * survives dropped connections without a gap or a repeat, and is cut off when the link is revoked.
 */
const baseUrl = process.env.TRELLIS_E2E_BASE_URL ?? "http://localhost:3100";
const EXAMPLE = "Live review panel";
const REVIEWERS = ["style_reviewer", "fact_checker", "tone_reviewer"];
let editor: TestUser;

test.beforeAll(async () => {
  editor = await createUser("editor", { label: "sharer" });
});

async function ownerPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl });
  const page = await context.newPage();
  await signIn(page, editor);
  return page;
}

async function createShareLink(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Share", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Share this run" });
  await dialog.getByRole("button", { name: "Create link" }).click();
  const url = await dialog.getByLabel("Share link").inputValue();
  expect(url).toMatch(/\/share\/runs\/trs_[A-Za-z0-9_-]{43}$/);
  await dialog.getByRole("button", { name: "Done" }).click();
  return new URL(url).pathname;
}

function stepButton(page: Page, agent: string) {
  // A step's accessible name is its state word, then its agent, then its place and duration.
  return page
    .getByRole("list", { name: "Steps" })
    .getByRole("button", { name: new RegExp(`\\b${agent}\\b`) });
}

test("a teammate watches a shared run live, through dropped connections, without gaps or repeats", async ({
  browser,
}, testInfo) => {
  const owner = await ownerPage(browser);
  const input = "Please review: the quick brown fox.";
  const runId = await startExampleRun(owner, EXAMPLE, input);
  await owner.goto(`/runs/${runId}`);
  const sharePath = await createShareLink(owner);

  // The viewer reaches the server through a proxy that the test can cut, like a network blip.
  const port = Number(new URL(baseUrl).port);
  const proxy = await startTcpProxy(port);
  const viewerContext = await browser.newContext();
  try {
    const viewer = await viewerContext.newPage();
    await viewer.goto(`http://127.0.0.1:${proxy.port}${sharePath}`);
    await expect(viewer.getByText("Running", { exact: true })).toBeVisible();
    await expect(stepButton(viewer, "style_reviewer")).toBeVisible();
    // Read-only: nothing that changes anything.
    await expect(viewer.getByRole("button", { name: "Cancel" })).toHaveCount(0);
    await expect(viewer.getByRole("button", { name: "Share", exact: true })).toHaveCount(0);
    await expect(viewer.getByRole("textbox")).toHaveCount(0);

    expect(proxy.cut()).toBeGreaterThan(0);
    await expect(stepButton(viewer, "fact_checker")).toContainText(/succeeded/i, { timeout: 15_000 });
    proxy.cut();
    await expect(viewer.getByText("Succeeded", { exact: true })).toBeVisible({ timeout: 30_000 });

    // Every step exactly once, as on the owner's page, and the output not doubled.
    for (const agent of ["review_panel", ...REVIEWERS, "chief_editor"]) {
      await expect(stepButton(viewer, agent)).toHaveCount(1);
    }
    await owner.reload();
    await expect(owner.getByText("Succeeded", { exact: true })).toBeVisible();
    const stepCount = REVIEWERS.length + 2;
    await expect(owner.getByRole("list", { name: "Steps" }).getByRole("button")).toHaveCount(stepCount);
    await expect(viewer.getByRole("list", { name: "Steps" }).getByRole("button")).toHaveCount(stepCount);
    const output = viewer.locator(".run-output-section");
    for (const agent of REVIEWERS) {
      const mentions = (await output.innerText()).split(`agent="${agent}"`).length - 1;
      expect(mentions, agent).toBe(1);
    }
    await expect(output).toContainText(input);

    // Light and dark screenshots of the finished run page, kept as test artefacts.
    for (const colorScheme of ["light", "dark"] as const) {
      await owner.emulateMedia({ colorScheme });
      const path = testInfo.outputPath(`run-page-${colorScheme}.png`);
      await owner.screenshot({ path, fullPage: true });
      await testInfo.attach(`run page (${colorScheme})`, { path, contentType: "image/png" });
    }
  } finally {
    await viewerContext.close();
    await proxy.close();
    await owner.context().close();
  }
});

test("revoking a link cuts off a viewer who is watching, and the link answers 404", async ({ browser }) => {
  const owner = await ownerPage(browser);
  const runId = await startExampleRun(owner, EXAMPLE, "Revoke me while I run.");
  await owner.goto(`/runs/${runId}`);
  const sharePath = await createShareLink(owner);

  const viewerContext = await browser.newContext({ baseURL: baseUrl });
  try {
    const viewer = await viewerContext.newPage();
    await viewer.goto(sharePath);
    await expect(stepButton(viewer, "style_reviewer")).toContainText(/succeeded/i);
    await expect(viewer.getByText("Running", { exact: true })).toBeVisible();

    await owner.getByRole("button", { name: "Share", exact: true }).click();
    const dialog = owner.getByRole("dialog", { name: "Share this run" });
    await expect(dialog.getByRole("list", { name: "Active links" }).getByRole("listitem")).toHaveCount(1);
    await dialog.getByRole("button", { name: "Revoke all links" }).click();
    await dialog.getByRole("button", { name: "Yes, revoke all links" }).click();

    // (Next.js's route announcer is an alert too, hence the filter.)
    const gone = viewer.getByRole("alert").filter({ hasText: "This link is no longer valid." });
    await expect(gone).toBeVisible({ timeout: 15_000 });
    await expect(stepButton(viewer, "chief_editor")).toHaveCount(0);
    const reloaded = await viewer.goto(sharePath);
    expect(reloaded?.status()).toBe(404);
    await expect(gone).toBeVisible();
    expect((await viewer.request.get(`/api/v1/shared/runs/${sharePath.split("/").pop()}`)).status()).toBe(
      404,
    );
  } finally {
    await viewerContext.close();
    await owner.context().close();
  }
});

test("answers a human-input request on the run page and the run resumes", async ({ browser }) => {
  const owner = await ownerPage(browser);
  try {
    const runId = await startExampleRun(
      owner,
      "Echo agent",
      '***CALL_TOOL __human_input {"prompt": "Which colour should the logo be?"}',
    );
    await owner.goto(`/runs/${runId}`);
    await expect(owner.getByText("Waiting for input", { exact: true })).toBeVisible();
    await owner.getByLabel("Which colour should the logo be?").fill("teal, please");
    await owner.getByRole("button", { name: "Send answer" }).click();
    await expect(owner.getByText("Succeeded", { exact: true })).toBeVisible();
    await expect(owner.locator(".run-output-section")).toContainText("teal, please");
    await expect(owner.getByLabel("Which colour should the logo be?")).toHaveCount(0);
  } finally {
    await owner.context().close();
  }
});
