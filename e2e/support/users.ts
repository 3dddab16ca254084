import { randomUUID } from "node:crypto";
import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { runCli } from "./server";

export type TestUser = { email: string; password: string };

/** A user made with the admin CLI: of the default workspace, or of `workspace` (created when missing). */
export async function createUser(
  role: "owner" | "editor" | "viewer",
  options: { label?: string; workspace?: string } = {},
): Promise<TestUser> {
  const dataDir = process.env.TRELLIS_E2E_DATA_DIR;
  if (!dataDir) throw new Error("The global setup did not provide the data directory.");
  const label = options.label ?? role;
  const user = { email: `${label}-${randomUUID()}@example.test`, password: "correct horse battery" };
  const created = await runCli(dataDir, [
    "user",
    "create",
    "--email",
    user.email,
    "--password",
    user.password,
    "--role",
    role,
    ...(options.workspace ? ["--workspace", options.workspace] : []),
  ]);
  expect(created.code, created.stderr).toBe(0);
  return user;
}

export async function signIn(page: Page, user: TestUser): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
}

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;
const sessions = new Map<string, StorageState>();

/** A browser context signed in as `user`: one sign-in per user per worker, later contexts reuse its cookies. */
export async function signedInContext(browser: Browser, user: TestUser): Promise<BrowserContext> {
  const saved = sessions.get(user.email);
  if (saved) return browser.newContext({ storageState: saved });
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, user);
  await page.close();
  sessions.set(user.email, await context.storageState());
  return context;
}

/** A Playwright fixture body: a page signed in as `user`, its context closed after the test. */
export async function provideSignedInPage(
  browser: Browser,
  user: TestUser,
  provide: (page: Page) => Promise<void>,
): Promise<void> {
  const context = await signedInContext(browser, user);
  await provide(await context.newPage());
  await context.close();
}

/** Opens an example design from the list and starts a run of it from the design page's run panel. */
export async function startExampleRun(page: Page, example: string, input: string): Promise<string> {
  await page.goto("/");
  await page.getByRole("link", { name: example, exact: true }).click();
  await expect(page.getByRole("heading", { name: example })).toBeVisible();
  await page.getByLabel("Input").fill(input);
  await page.getByRole("button", { name: "Run" }).click();
  const runLink = page.getByRole("link", { name: "Open run page" });
  await expect(runLink).toBeVisible();
  const href = await runLink.getAttribute("href");
  const runId = /\/runs\/([0-9a-f-]{36})$/.exec(href ?? "")?.[1];
  if (!runId) throw new Error(`No run link on the design page (href ${href})`);
  return runId;
}
