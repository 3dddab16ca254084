import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "./support/test";
import { runCli } from "./support/server";

/** Runs from the design page: the minimal run panel streams the output and the steps. */
const user = { email: `runner-${randomUUID()}@example.test`, password: "run it twice please" };

test.beforeAll(async () => {
  const dataDir = process.env.TRELLIS_E2E_DATA_DIR;
  if (!dataDir) throw new Error("The global setup did not provide the data directory.");
  const created = await runCli(dataDir, [
    "user",
    "create",
    "--email",
    user.email,
    "--password",
    user.password,
    "--role",
    "editor",
  ]);
  expect(created.code, created.stderr).toBe(0);
});

async function openExample(page: Page, name: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
}

test("runs an example design and shows its output and steps", async ({ page }) => {
  await openExample(page, "Echo agent");
  await page.getByLabel("Input").fill("hello from the browser");
  await page.getByRole("button", { name: "Run" }).click();
  await expect(page.getByTestId("run-output")).toHaveText("hello from the browser");
  await expect(page.getByText("Succeeded", { exact: true })).toBeVisible();
  await expect(page.getByRole("list", { name: "Run steps" }).getByText("echo")).toBeVisible();
});

test("shows nested steps of a workflow, routed by the router's structured answer", async ({ page }) => {
  await openExample(page, "Research desk");
  const routing = JSON.stringify({ agent: "research", confidence: "high", reasoning: "a research question" });
  await page.getByLabel("Input").fill(routing);
  await page.keyboard.press("Control+Enter");
  await expect(page.getByText("Succeeded", { exact: true })).toBeVisible();
  const steps = page.getByRole("list", { name: "Run steps" });
  for (const agent of ["front_desk", "research", "finder", "summariser"]) {
    await expect(steps.getByText(agent, { exact: true })).toBeVisible();
  }
  await expect(steps.getByText("Routed to research (high confidence)")).toBeVisible();
  await expect(page.getByTestId("run-output")).toContainText("<fastagent:response agent='summariser'>");
});
