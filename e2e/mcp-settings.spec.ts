import { randomUUID } from "node:crypto";
import path from "node:path";
import { expect, test, type Page, type TestInfo } from "./support/test";
import { createUser, signedInContext, type TestUser } from "./support/users";

/**
 * Settings → MCP servers, in a workspace of its own. The stdio entry runs the real
 * server-everything with this node executable, which e2e/support/server.ts puts on the server's
 * TRELLIS_MCP_STDIO_ALLOW.
 */
const workspace = `mcp-settings-e2e-${randomUUID()}`;
const EVERYTHING = path.resolve(
  import.meta.dirname,
  "..",
  "node_modules/@modelcontextprotocol/server-everything/dist/index.js",
);
const SECRET = `e2e-secret-${randomUUID()}`;
let owner: TestUser;

/** Screenshots kept with the test's results, for a look at the page without running it. */
async function attachScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: "image/png" });
}
let viewer: TestUser;

test.beforeAll(async () => {
  owner = await createUser("owner", { label: "mcp-owner", workspace });
  viewer = await createUser("viewer", { label: "mcp-viewer", workspace });
});

test("an owner adds a stdio server, tests it, edits it and deletes it", async ({ browser }, testInfo) => {
  const context = await signedInContext(browser, owner);
  const page = await context.newPage();
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole("heading", { name: "MCP servers", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No MCP servers yet" })).toBeVisible();

  await page.getByRole("button", { name: "Add MCP server" }).click();
  const form = page.getByRole("dialog", { name: "Add MCP server" });
  // The shared schema's messages, before anything is sent.
  await form.getByRole("button", { name: "Add server" }).click();
  await expect(form.getByText(/use 1–32 letters, digits/)).toBeVisible();

  await form.getByLabel("Name").fill("everything");
  await expect(form.getByText(/use 1–32 letters, digits/)).toBeHidden();
  await expect(form.getByLabel("Transport")).toHaveValue("stdio");
  // The server refuses commands that are not on its allowlist; the form keeps what was typed.
  await form.getByLabel("Command").fill("/bin/sh");
  await form.getByRole("button", { name: "Add server" }).click();
  await expect(form.getByText(/"\/bin\/sh" is not on this server's allowlist/).first()).toBeVisible();
  await expect(form.getByLabel("Name")).toHaveValue("everything");
  await form.getByLabel("Command").fill(process.execPath);
  await form.getByLabel("Arguments (one per line)").fill(`${EVERYTHING}\nstdio`);
  await form.getByRole("button", { name: "Add variable" }).click();
  await form.getByLabel("Variable 1 name").fill("API_KEY");
  await form.getByLabel("Variable 1 value").fill(SECRET);
  await attachScreenshot(page, testInfo, "add-form");
  await form.getByRole("button", { name: "Add server" }).click();
  await expect(form).toBeHidden();

  const row = page.getByRole("row").filter({ hasText: "everything" });
  await expect(row).toContainText("stdio");
  await expect(row).toContainText(EVERYTHING);
  await expect(row).toContainText("API_KEY set");
  await expect(page.locator("body")).not.toContainText(SECRET);

  await row.getByRole("button", { name: "Test connection to everything" }).click();
  const tested = page.getByRole("dialog", { name: "Test connection: everything" });
  await expect(tested.getByText("Connected.")).toBeVisible({ timeout: 60_000 });
  await expect(
    tested.getByRole("region", { name: "Tools" }).getByText("echo", { exact: true }),
  ).toBeVisible();
  await expect(tested.getByRole("region", { name: "Resources" })).toBeVisible();
  await expect(tested.getByRole("region", { name: "Prompts" })).toBeVisible();
  await attachScreenshot(page, testInfo, "test-connection");
  await tested.getByRole("button", { name: "Close" }).click();
  await expect(tested).toBeHidden();

  await row.getByRole("button", { name: "Edit everything" }).click();
  const edit = page.getByRole("dialog", { name: "Edit MCP server “everything”" });
  // The secret is never sent back to the page: the stored name, an empty value that keeps it.
  await expect(edit.getByLabel("Variable 1 name")).toHaveValue("API_KEY");
  await expect(edit.getByLabel("Variable 1 value")).toHaveValue("");
  await expect(edit.getByLabel("Variable 1 value")).toHaveAttribute("placeholder", "leave empty to keep");
  await attachScreenshot(page, testInfo, "edit-form");
  await edit.getByLabel("Description (optional)").fill("The reference server");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit).toBeHidden();
  await expect(row).toContainText("The reference server");
  await expect(row).toContainText("API_KEY set");
  const stored = await page.request.get("/api/v1/mcp-servers/everything");
  expect(await stored.json()).toMatchObject({ description: "The reference server", envNames: ["API_KEY"] });

  await row.getByRole("button", { name: "Delete everything" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete MCP server?" });
  await confirm.getByRole("button", { name: "Delete server" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("heading", { name: "No MCP servers yet" })).toBeVisible();
  await context.close();
});

test("a viewer sees the servers read-only", async ({ browser }, testInfo) => {
  const ownerContext = await signedInContext(browser, owner);
  const created = await ownerContext.request.post("/api/v1/mcp-servers", {
    data: {
      name: "remote",
      transport: "http",
      url: "https://mcp.example.com/mcp",
      headers: { Authorization: "x" },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  await ownerContext.close();

  const context = await signedInContext(browser, viewer);
  const page = await context.newPage();
  await page.goto("/settings");
  const row = page.getByRole("row").filter({ hasText: "remote" });
  await expect(row).toContainText("Streamable HTTP");
  await expect(row).toContainText("https://mcp.example.com/mcp");
  await expect(row).toContainText("Authorization set");
  await expect(page.getByText("Only workspace owners can add, change or delete MCP servers.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Add MCP server" })).toHaveCount(0);
  await expect(row.getByRole("button")).toHaveCount(0);
  await attachScreenshot(page, testInfo, "viewer-list");
  await context.close();
});
