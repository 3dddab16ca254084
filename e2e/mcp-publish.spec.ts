import { randomUUID } from "node:crypto";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { expect, test } from "./support/test";
import { runCli } from "./support/server";
import { createUser, signedInContext, type TestUser } from "./support/users";

/**
 * Publishing a design as an MCP server from the editor, then calling it from Node with the
 * official SDK client, the way another application would. The example designs live in the
 * default workspace, so the editor and the token belong to it.
 */
let editor: TestUser;
let token: string;

test.beforeAll(async () => {
  editor = await createUser("editor", { label: "mcp-publisher" });
  const dataDir = process.env.TRELLIS_E2E_DATA_DIR;
  if (!dataDir) throw new Error("The global setup did not provide the data directory.");
  const created = await runCli(dataDir, ["token", "create", "--name", "e2e-mcp", "--user", editor.email]);
  expect(created.code, created.stderr).toBe(0);
  token = created.stdout.trim();
});

test("publishes an example design with one public agent and serves it to an MCP client", async ({
  browser,
}) => {
  const context = await signedInContext(browser, editor);
  const page = await context.newPage();
  await page.goto("/");
  await page.getByRole("link", { name: "Translation panel", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Translation panel" })).toBeVisible();

  // Through the keyboard: open the dialog, tick the boxes, save.
  await page.getByRole("button", { name: "Publish as MCP" }).focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Publish as MCP" });
  await expect(dialog).toBeVisible();
  const publishBox = dialog.getByLabel("Publish this design as an MCP server");
  await expect(publishBox).not.toBeChecked();
  await publishBox.focus();
  await page.keyboard.press("Space");
  await expect(publishBox).toBeChecked();
  const french = dialog.getByLabel("french", { exact: true });
  await french.focus();
  await page.keyboard.press("Space");
  await expect(french).toBeChecked();
  await expect(dialog.getByLabel("german", { exact: true })).not.toBeChecked();
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByRole("status").filter({ hasText: "Saved" })).toHaveText(
    "Saved: published with 1 public agent.",
  );

  const url = await dialog.getByRole("textbox", { name: "Endpoint URL" }).inputValue();
  expect(url).toMatch(/^http:\/\/localhost:\d+\/api\/mcp\/[0-9a-f-]{36}$/);
  await expect(dialog.getByRole("textbox", { name: "Client configuration" })).toHaveValue(
    /"Authorization": "Bearer <your API token>"/,
  );
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  // Another application connects with an API token and calls the public agent.
  const client = new Client({ name: "e2e-mcp-client", version: "1.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), {
      requestInit: { headers: { authorization: `Bearer ${token}` } },
    }),
  );
  try {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(["french"]);
    const message = `Bonjour from MCP ${randomUUID()}`;
    const result = (await client.callTool({ name: "french", arguments: { message } })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    expect(result.content).toEqual([{ type: "text", text: message }]);

    // The call is a normal run, in the run history like any other.
    await page.goto("/runs");
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: message, exact: true }) });
    await expect(row).toBeVisible();
    await expect(row).toContainText("Translation panel");
    await expect(row).toContainText(/succeeded/i);
    await expect(row).toContainText("french");
  } finally {
    await client.close();
    await context.close();
  }
});
