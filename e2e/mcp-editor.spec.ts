import { randomUUID } from "node:crypto";
import path from "node:path";
import { expect, test } from "./support/test";
import type { Graph } from "../server/designs/graph-schema";
import { createUser, signedInContext, type TestUser } from "./support/users";

/**
 * The editor's MCP pieces against the real server-everything over stdio (run by this node
 * executable, which e2e/support/server.ts puts on TRELLIS_MCP_STDIO_ALLOW), in a workspace of its
 * own: pick the server for an agent, add a tool from "Choose tools", apply a prompt as the
 * agent's instruction, attach a resource in the run drawer and run with the passthrough model,
 * whose answer echoes the input: the resource's text included.
 */
const workspace = `mcp-editor-e2e-${randomUUID()}`;
const EVERYTHING = path.resolve(
  import.meta.dirname,
  "..",
  "node_modules/@modelcontextprotocol/server-everything/dist/index.js",
);

const GRAPH: Graph = {
  version: 1,
  entry: "helper",
  nodes: [
    {
      id: "helper",
      type: "agent",
      position: { x: 0, y: 0 },
      data: { name: "helper", instruction: "Help.", model: "passthrough" },
    },
  ],
  edges: [],
};

let owner: TestUser;

test.beforeAll(async () => {
  owner = await createUser("owner", { label: "mcp-editor", workspace });
});

// Room for the canvas, the properties panel and the run drawer together.
test.use({ viewport: { width: 1600, height: 1100 } });

test("an agent gets a registered server, a chosen tool and a prompt; a run gets a resource", async ({
  browser,
}) => {
  // Connecting starts server-everything several times (tools, prompts, resources, the run).
  test.setTimeout(240_000);
  const context = await signedInContext(browser, owner);
  const registered = await context.request.post("/api/v1/mcp-servers", {
    data: {
      name: "everything",
      description: "The reference server",
      transport: "stdio",
      command: process.execPath,
      args: [EVERYTHING, "stdio"],
    },
  });
  expect(registered.status(), await registered.text()).toBe(201);
  const created = await context.request.post("/api/v1/designs", {
    data: { name: `MCP editor ${randomUUID().slice(0, 8)}`, graph: GRAPH },
  });
  expect(created.status(), await created.text()).toBe(201);
  const designId = ((await created.json()) as { id: string }).id;

  const page = await context.newPage();
  await page.goto(`/designs/${designId}`);
  await page.getByTestId("node-helper").click();
  const panel = page.getByRole("complementary", { name: "Properties" });

  // The server picker lists the registry; choosing the server stores its name.
  const servers = panel.getByRole("group", { name: "MCP servers" });
  await expect(servers.getByText("The reference server")).toBeVisible();
  await servers.getByRole("checkbox", { name: "everything" }).check();

  // "Choose tools" connects only now, and adds the exact name to the filter.
  const filter = panel.getByRole("group", { name: "Tool filter of everything" });
  await expect(filter.getByText("No filter: the agent sees every tool of everything.")).toBeVisible();
  await filter.getByRole("button", { name: "Choose tools" }).click();
  const tools = filter.getByRole("list", { name: "Tools of everything" });
  await tools.getByRole("checkbox", { name: "echo", exact: true }).check({ timeout: 60_000 });
  await expect(filter.getByRole("list", { name: "Tools of everything the agent may use" })).toHaveText(
    "echo",
  );

  // A prompt with an argument, previewed, then applied as the instruction.
  await panel.getByRole("button", { name: "Apply an MCP prompt" }).click();
  const template = panel.getByRole("group", { name: "Apply an MCP prompt as the instruction" });
  await expect(template.getByLabel("Prompt server")).toHaveValue("everything");
  await template.getByRole("button", { name: "Load prompts" }).click();
  await template.getByLabel("Prompt", { exact: true }).selectOption("args-prompt", { timeout: 60_000 });
  await template.getByLabel("city (required)").fill("Lyon");
  await template.getByRole("button", { name: "Preview" }).click();
  await expect(template.getByLabel("Preview of the instruction")).toHaveValue("What's weather in Lyon?", {
    timeout: 60_000,
  });
  await expect(panel.getByLabel("Instruction", { exact: true })).toHaveValue("Help.");
  await template.getByRole("button", { name: "Apply as instruction" }).click();
  await expect(panel.getByLabel("Instruction", { exact: true })).toHaveValue("What's weather in Lyon?");

  // Saved as graph-format.md spells it.
  await page.keyboard.press("Control+s");
  await expect(page.getByTestId("save-status")).toHaveText("Saved");
  const saved = (await (await context.request.get(`/api/v1/designs/${designId}`)).json()) as { graph: Graph };
  expect(saved.graph.nodes[0]?.data).toMatchObject({
    name: "helper",
    instruction: "What's weather in Lyon?",
    servers: ["everything"],
    tools: { everything: ["echo"] },
  });

  // A resource read at attach time, shown as a chip, sent with the typed text.
  await page.getByRole("button", { name: "Attach resource" }).click();
  const attach = page.getByRole("group", { name: "Attach an MCP resource" });
  await expect(attach.getByLabel("Resource server")).toHaveValue("everything");
  await attach.getByRole("button", { name: "Load resources" }).click();
  await attach.getByRole("button", { name: "Attach architecture.md" }).click({ timeout: 60_000 });
  const chips = page.getByRole("list", { name: "Attached resources" });
  await expect(chips).toContainText("architecture.md", { timeout: 60_000 });
  await attach.getByRole("button", { name: "Done" }).click();

  await page.getByLabel("Input", { exact: true }).fill("Summarise the attachment.");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  const output = page.getByTestId("run-output");
  await expect(page.getByText("Succeeded", { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(output).toContainText("Summarise the attachment.");
  await expect(output).toContainText('<fastagent:file title="architecture.md" mimetype="text/markdown">');
  await expect(output).toContainText("# Everything Server – Architecture");

  // Removing the chip sends the text alone again.
  await chips.getByRole("button", { name: "Remove architecture.md" }).click();
  await expect(chips).toBeHidden();
  await context.close();
});
