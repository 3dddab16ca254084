import { randomUUID } from "node:crypto";
import { expect, test } from "./support/test";
import { plantedSecrets } from "./support/planted-secrets";
import { createUser, signedInContext, type TestUser } from "./support/users";

/**
 * Settings → Model providers, API tokens and the audit log, as an owner in a workspace of their
 * own: a key is only ever shown as "set" with its last four characters, a token is shown once and
 * works until it is revoked, and each of those actions lands in the audit log.
 */
const workspace = `settings-security-e2e-${randomUUID()}`;
// The suite's planted workspace key: no answer or server log line of the whole suite may contain it.
const OPENAI_KEY = plantedSecrets().workspaceKey;
const TOKEN_NAME = `e2e script ${randomUUID().slice(0, 8)}`;
let owner: TestUser;

test.beforeAll(async () => {
  owner = await createUser("owner", { label: "security-owner", workspace });
});

test("an owner sets a provider key, uses and revokes an API token, and reads the audit log", async ({
  browser,
}, testInfo) => {
  const baseUrl = String(testInfo.project.use.baseURL);
  const context = await signedInContext(browser, owner);
  const page = await context.newPage();
  await page.goto("/settings");

  // Model providers: the key goes in, and only "set" with its last four characters comes back.
  const openai = page.getByRole("article", { name: "OpenAI", exact: true });
  await expect(openai.getByText("not set")).toBeVisible();
  await openai.getByLabel("OpenAI API key").fill(OPENAI_KEY);
  await openai.getByRole("button", { name: "Save" }).click();
  await expect(openai.getByText("set (…WXYZ)")).toBeVisible();
  await expect(openai.getByLabel("OpenAI API key")).toHaveValue("");
  expect(await page.content()).not.toContain(OPENAI_KEY);

  await page.reload();
  await expect(openai.getByText("set (…WXYZ)")).toBeVisible();
  await expect(openai.getByLabel("OpenAI API key")).toHaveValue("");
  expect(await page.content()).not.toContain(OPENAI_KEY);
  const served = await page.request.get("/settings");
  expect(await served.text()).not.toContain(OPENAI_KEY);

  // API tokens: shown once, works, then stops working once revoked.
  const tokens = page.getByRole("region", { name: "API tokens" });
  await tokens.getByLabel("Token name").fill(TOKEN_NAME);
  await tokens.getByRole("button", { name: "Create token" }).click();
  const created = page.getByRole("region", { name: "Your new API token" });
  await expect(created.getByText("it will not be shown again")).toBeVisible();
  const token = await created.getByLabel("New API token").inputValue();
  expect(token).toMatch(/^trl_/);
  const designs = () =>
    fetch(new URL("/api/v1/designs", baseUrl), { headers: { authorization: `Bearer ${token}` } });
  expect((await designs()).status).toBe(200);

  await expect(tokens.getByRole("row", { name: TOKEN_NAME })).toBeVisible();
  await created.getByRole("button", { name: "Done, I copied it" }).click();
  await expect(created).toBeHidden();
  await tokens.getByRole("button", { name: `Revoke ${TOKEN_NAME}` }).click();
  const confirm = page.getByRole("dialog", { name: "Revoke API token?" });
  await confirm.getByRole("button", { name: "Revoke token" }).click();
  await expect(confirm).toBeHidden();
  await expect(tokens.getByRole("row", { name: TOKEN_NAME }).getByText("Revoked")).toBeVisible();
  expect((await designs()).status).toBe(401);

  // The audit log holds each of those actions, newest first.
  await page.reload();
  const audit = page.getByRole("table", { name: "Audit log" });
  const entry = (action: string, about: string) =>
    audit.getByRole("row").filter({ hasText: action }).filter({ hasText: about }).first();
  await expect(entry("Revoked an API token", TOKEN_NAME)).toContainText(owner.email);
  await expect(entry("Created an API token", TOKEN_NAME)).toContainText(owner.email);
  await expect(entry("Set a provider key", "openai (…WXYZ)")).toContainText(owner.email);
  expect(await page.content()).not.toContain(OPENAI_KEY);
  expect(await page.content()).not.toContain(token);
  // Kept with the results, for a look at the sections without running the test.
  const screenshot = testInfo.outputPath("settings-security.png");
  await page.screenshot({ path: screenshot, fullPage: true });
  await testInfo.attach("settings-security", { path: screenshot, contentType: "image/png" });
  await context.close();
});
