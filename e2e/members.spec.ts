import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "./support/test";
import { runCli } from "./support/server";
import { createUser, signedInContext } from "./support/users";

/** An owner's API token in `workspace` from the admin CLI (user, workspace and membership made when missing). */
async function ownerToken(email: string, workspace: string): Promise<Record<string, string>> {
  const dataDir = process.env.TRELLIS_E2E_DATA_DIR;
  if (!dataDir) throw new Error("The global setup did not provide the data directory.");
  const token = await runCli(dataDir, [
    "token",
    "create",
    "--name",
    "members-e2e",
    "--user",
    email,
    "--workspace",
    workspace,
    "--role",
    "owner",
  ]);
  expect(token.code, token.stderr).toBe(0);
  return { authorization: `Bearer ${token.stdout.trim()}` };
}

async function createDesignIn(
  request: APIRequestContext,
  email: string,
  workspace: string,
  name: string,
): Promise<void> {
  const created = await request.post("/api/v1/designs", {
    headers: await ownerToken(email, workspace),
    data: { name, graph: { version: 1, nodes: [], edges: [] } },
  });
  expect(created.status()).toBe(201);
}

function workspaceSelect(page: Page) {
  return page.getByRole("banner").getByLabel("Workspace");
}

const bannerHeight = (page: Page) =>
  page.getByRole("banner").evaluate((element) => element.getBoundingClientRect().height);

/** The top bar stays one line (the editor's canvas height depends on it). */
async function expectOneLineTopBar(page: Page): Promise<void> {
  expect(await bannerHeight(page)).toBeLessThan(60);
}

/** The switcher takes no line of its own: without it the bar is exactly as tall. */
async function expectSwitcherAddsNoHeight(page: Page): Promise<void> {
  const withSwitcher = await bannerHeight(page);
  await workspaceSelect(page).evaluate((select) => {
    if (select.parentElement) select.parentElement.style.display = "none";
  });
  expect(await bannerHeight(page)).toBe(withSwitcher);
}

test("an owner invites an editor, who signs up through the link; demoted to viewer, they can change nothing", async ({
  browser,
  request,
}) => {
  const workspace = `members-e2e-${randomUUID()}`;
  const owner = await createUser("owner", { label: "members-owner", workspace });
  await createDesignIn(request, owner.email, workspace, "Team design");

  const ownerContext = await signedInContext(browser, owner);
  const ownerPage = await ownerContext.newPage();
  await ownerPage.goto("/settings");
  await expect(ownerPage.getByRole("heading", { name: "Members", exact: true })).toBeVisible();
  await ownerPage.getByLabel("Role", { exact: true }).selectOption("editor");
  await ownerPage.getByLabel("Link expires after").selectOption({ label: "1 day" });
  await ownerPage.getByRole("button", { name: "Create link" }).click();
  const linkField = ownerPage.getByLabel("Invitation link (editor)");
  await expect(linkField).toHaveValue(/\/sign-up\?token=inv_/);
  await expect(ownerPage.getByText(/shown once/)).toBeVisible();
  const link = new URL(await linkField.inputValue());
  await expect(ownerPage.getByRole("table", { name: "Pending invitations" }).getByRole("row")).toHaveCount(2);

  // The invitee has no account: the link's sign-up form, then straight into the workspace.
  const inviteeContext = await browser.newContext();
  const invitee = await inviteeContext.newPage();
  const inviteeEmail = `invitee-${randomUUID()}@example.test`;
  await invitee.goto(`${link.pathname}${link.search}`);
  await expect(invitee.getByText(`adds you to ${workspace} as editor`)).toBeVisible();
  await expect(invitee.getByRole("link", { name: "Sign in to join" })).toHaveAttribute(
    "href",
    `/sign-in?next=${encodeURIComponent(`${link.pathname}${link.search}`)}`,
  );
  await invitee.getByLabel("Name").fill("Invitee");
  await invitee.getByLabel("Email").fill(inviteeEmail);
  await invitee.getByLabel("Password").fill("correct horse battery");
  await invitee.getByRole("button", { name: "Create account" }).click();
  await expect(invitee.getByRole("link", { name: "Team design", exact: true })).toBeVisible();
  await expect(workspaceSelect(invitee)).toHaveValue(/.+/);
  await expect(workspaceSelect(invitee).locator("option:checked")).toHaveText(workspace);
  await expect(invitee.getByRole("button", { name: "New design" })).toBeVisible();

  // The link was single-use; the owner sees the new member and makes them a viewer.
  await ownerPage.reload();
  await expect(ownerPage.getByRole("table", { name: "Pending invitations" })).toBeHidden();
  const roleSelect = ownerPage.getByLabel(`Role of ${inviteeEmail}`);
  await expect(roleSelect).toHaveValue("editor");
  await roleSelect.selectOption("viewer");
  await ownerPage.reload();
  await expect(ownerPage.getByLabel(`Role of ${inviteeEmail}`)).toHaveValue("viewer");

  await invitee.reload();
  await expect(invitee.getByRole("link", { name: "Team design", exact: true })).toBeVisible();
  await expect(invitee.getByRole("button", { name: "New design" })).toHaveCount(0);
  await invitee.getByRole("link", { name: "Team design", exact: true }).click();
  await expect(invitee.getByRole("heading", { name: "Team design" })).toBeVisible();
  await expect(invitee.getByRole("button", { name: "Run", exact: true })).toHaveCount(0);
  await expectSwitcherAddsNoHeight(invitee);

  // Viewers see the members read-only: no role selects, no Remove, no invitations.
  await invitee.goto("/settings");
  await expect(invitee.getByRole("table", { name: "Members" })).toContainText(owner.email);
  await expect(invitee.getByRole("combobox", { name: /^Role of / })).toHaveCount(0);
  await expect(invitee.getByRole("button", { name: /^Remove / })).toHaveCount(0);
  await expect(invitee.getByRole("button", { name: "Create link" })).toHaveCount(0);
  await expect(invitee.getByRole("button", { name: "Leave workspace" })).toBeVisible();

  await inviteeContext.close();
  await ownerContext.close();
});

test("a person in two workspaces switches between them and sees each one's designs", async ({
  browser,
  request,
}) => {
  const alpha = `alpha-e2e-${randomUUID()}`;
  const beta = `beta-e2e-${randomUUID()}`;
  const person = await createUser("owner", { label: "two-workspaces", workspace: alpha });
  await createDesignIn(request, person.email, alpha, "Alpha design");
  await createDesignIn(request, person.email, beta, "Beta design");

  const context = await signedInContext(browser, person);
  const page = await context.newPage();
  await page.goto("/");
  await expect(workspaceSelect(page).locator("option:checked")).toHaveText(alpha);
  await expect(page.getByRole("link", { name: "Alpha design", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Beta design", exact: true })).toHaveCount(0);
  await expectOneLineTopBar(page);

  await workspaceSelect(page).selectOption({ label: beta });
  await expect(page.getByRole("link", { name: "Beta design", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Alpha design", exact: true })).toHaveCount(0);
  // The choice sticks: a fresh load stays in beta.
  await page.reload();
  await expect(workspaceSelect(page).locator("option:checked")).toHaveText(beta);
  await expect(page.getByRole("link", { name: "Beta design", exact: true })).toBeVisible();

  await workspaceSelect(page).selectOption({ label: alpha });
  await expect(page.getByRole("link", { name: "Alpha design", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Beta design", exact: true })).toHaveCount(0);

  // A new workspace from settings: its creator owns it and is switched to it.
  const gamma = `gamma-e2e-${randomUUID()}`;
  await page.goto("/settings");
  await page.getByLabel("New workspace name").fill(gamma);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(workspaceSelect(page).locator("option:checked")).toHaveText(gamma);
  await expect(page.getByLabel("Workspace name", { exact: true })).toHaveValue(gamma);
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Alpha design", exact: true })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Beta design", exact: true })).toHaveCount(0);
  await context.close();
});

test("someone with an account signs in from the link and joins with its role", async ({
  browser,
  request,
}) => {
  const workspace = `join-e2e-${randomUUID()}`;
  const owner = await createUser("owner", { label: "join-owner", workspace });
  const person = await createUser("editor", { label: "join-person", workspace: `elsewhere-${randomUUID()}` });
  const created = await request.post("/api/v1/invites", {
    headers: await ownerToken(owner.email, workspace),
    data: { role: "viewer", expiresInHours: 1 },
  });
  expect(created.status()).toBe(201);
  const link = new URL(((await created.json()) as { url: string }).url);
  const path = `${link.pathname}${link.search}`;

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(path);
  await page.getByRole("link", { name: "Sign in to join" }).click();
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in" }).click();

  await expect(page.getByText(`Join ${workspace} as viewer.`)).toBeVisible();
  await page.getByRole("button", { name: `Join ${workspace}` }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(workspaceSelect(page).locator("option:checked")).toHaveText(workspace);
  await expect(page.getByRole("button", { name: "New design" })).toHaveCount(0);

  // Used up: the same link now says so, even to the person who used it.
  await page.goto(path);
  await expect(page.getByText(/not valid any more/)).toBeVisible();
  await context.close();
});
