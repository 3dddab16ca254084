import { expect, test, type Page } from "./support/test";

const signupUrl = () => {
  const url = process.env.TRELLIS_E2E_SIGNUP_URL;
  if (!url) throw new Error("The global setup did not provide the sign-up link.");
  return url;
};

const owner = { name: "Olivia Owner", email: "olivia@example.test", password: "correct horse battery" };

test.describe.serial("the first owner", () => {
  test("nobody gets in without a session", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto("/sign-up");
    await expect(page.getByText("Accounts are created through a one-time sign-up link.")).toBeVisible();
    await page.goto("/sign-up?token=inv_guessed");
    await expect(page.getByText("This sign-up link is not valid any more")).toBeVisible();
  });

  test("signs up through the one-time link and sees the example designs", async ({ page }) => {
    await page.goto(signupUrl());
    await page.getByLabel("Name").fill(owner.name);
    await page.getByLabel("Email").fill(owner.email);
    await page.getByLabel("Password").fill(owner.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("heading", { name: "Designs" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Research desk" })).toBeVisible();

    const cookies = await page.context().cookies();
    const session = cookies.find((cookie) => cookie.name.includes("session_token"));
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  });

  test("the link works only once", async ({ browser }) => {
    const stranger = await browser.newContext();
    const page = await stranger.newPage();
    await page.goto(signupUrl());
    await expect(page.getByText("This sign-up link is not valid any more")).toBeVisible();
    await stranger.close();
  });

  test("creates a design, sees it listed, and reloads it", async ({ page }) => {
    await signIn(page);
    await page.getByRole("button", { name: "New design" }).click();
    const dialog = page.getByRole("dialog", { name: "New design" });
    await dialog.getByLabel("Name").fill("Support triage");
    await dialog.getByRole("button", { name: "Create design" }).click();

    await expect(page).toHaveURL(/\/designs\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { name: "Support triage" })).toBeVisible();
    const designUrl = page.url();
    await page.reload();
    await expect(page.getByRole("heading", { name: "Support triage" })).toBeVisible();
    await expect(page.getByText("This design is empty")).toBeVisible();

    await page.goto("/");
    await expect(page.getByRole("link", { name: "Support triage" })).toBeVisible();
    await page.reload();
    await page.getByRole("link", { name: "Support triage" }).click();
    await expect(page).toHaveURL(designUrl);
  });

  test("renames, duplicates and deletes with confirmation", async ({ page }) => {
    await signIn(page);
    await page.getByRole("button", { name: "Rename Support triage" }).click();
    const rename = page.getByRole("dialog", { name: "Rename design" });
    await rename.getByLabel("Name").fill("Support triage v2");
    await rename.getByRole("button", { name: "Rename" }).click();
    await expect(page.getByRole("link", { name: "Support triage v2", exact: true })).toBeVisible();

    await page.getByRole("button", { name: "Duplicate Support triage v2" }).click();
    await expect(page.getByRole("link", { name: "Support triage v2 (copy)" })).toBeVisible();

    await page.getByRole("button", { name: "Delete Support triage v2 (copy)" }).click();
    const confirm = page.getByRole("dialog", { name: "Delete design?" });
    await expect(confirm).toContainText("cannot be undone");
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByRole("link", { name: "Support triage v2 (copy)" })).toBeVisible();

    await page.getByRole("button", { name: "Delete Support triage v2 (copy)" }).click();
    await page
      .getByRole("dialog", { name: "Delete design?" })
      .getByRole("button", { name: "Delete design" })
      .click();
    await expect(page.getByRole("link", { name: "Support triage v2 (copy)" })).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole("link", { name: "Support triage v2 (copy)" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Support triage v2", exact: true })).toBeVisible();
  });

  test("shows an example's graph read-only with its validation", async ({ page }) => {
    await signIn(page);
    await page.getByRole("link", { name: "Research desk" }).click();
    await expect(page.getByRole("heading", { name: "Research desk" })).toBeVisible();
    const canvas = page.getByLabel("Design graph");
    for (const name of ["front_desk", "research", "finder", "summariser", "smalltalk"]) {
      await expect(canvas.getByText(name, { exact: true })).toBeVisible();
    }
    await expect(page.getByText("Valid: ready to run")).toBeVisible();
  });

  test("refuses a wrong password, then signs out", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(owner.email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "do not match" })).toBeVisible();

    await signIn(page);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in$/);
  });
});

async function signIn(page: Page) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password").fill(owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Designs" })).toBeVisible();
}
