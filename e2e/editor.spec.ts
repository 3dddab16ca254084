import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, test, type Locator, type Page } from "./support/test";
import { graphFormatExample } from "../server/designs/graph-format-example";
import { createUser, signIn, type TestUser } from "./support/users";

/**
 * The visual editor (issue "The visual editor"): build the example of graph-format.md from an
 * empty design with the palette, the handles and the properties panel, watch validation follow,
 * save, reload, undo and redo across the save, and export the same graph as the example.
 */

const EXAMPLE = graphFormatExample();

type LooseGraph = {
  version: number;
  entry?: string;
  nodes: { id: string; type: string; data: { name: string } & Record<string, unknown> }[];
  edges: { id: string; source: string; target: string; role: string; order?: number }[];
};

/** The graph without ids and positions: nodes by name, edges by the names they join. */
function normalise(graph: LooseGraph) {
  const names = new Map(graph.nodes.map((node) => [node.id, node.data.name]));
  return {
    version: graph.version,
    entry: graph.entry,
    nodes: graph.nodes
      .map((node) => ({ type: node.type, data: node.data }))
      .sort((left, right) => left.data.name.localeCompare(right.data.name)),
    edges: graph.edges
      .map((edge) => ({
        source: names.get(edge.source),
        target: names.get(edge.target),
        role: edge.role,
        ...(edge.order === undefined ? {} : { order: edge.order }),
      }))
      .sort((left, right) => JSON.stringify(left).localeCompare(JSON.stringify(right))),
  };
}

let user: TestUser;

test.beforeAll(async () => {
  user = await createUser("editor", { label: "graph-builder" });
});

// Room for the palette, the canvas and the properties panel side by side.
test.use({ viewport: { width: 1600, height: 1000 } });

function canvasOf(page: Page): Locator {
  return page.getByLabel("Design graph");
}

function saveStatus(page: Page): Locator {
  return page.getByTestId("save-status");
}

/** Drags with real mouse moves, as React Flow's handles listen to pointer movement. */
async function dragBetween(page: Page, from: Locator, to: Locator): Promise<void> {
  const start = await from.boundingBox();
  const end = await to.boundingBox();
  if (!start || !end) throw new Error("A handle to drag between is not on screen.");
  await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
  await page.mouse.down();
  await page.mouse.move(end.x + end.width / 2, end.y + end.height / 2, { steps: 15 });
  await page.mouse.up();
}

/** Moves a node by its title line so that that point lands at `to` (relative to the canvas). */
async function moveNode(page: Page, node: Locator, to: { x: number; y: number }): Promise<void> {
  const box = await node.boundingBox();
  const canvas = await canvasOf(page).boundingBox();
  if (!box || !canvas) throw new Error("The node to move is not on screen.");
  await page.mouse.move(box.x + 40, box.y + 12);
  await page.mouse.down();
  await page.mouse.move(canvas.x + to.x, canvas.y + to.y, { steps: 10 });
  await page.mouse.up();
}

/** Drags a node type from the palette onto the canvas; the new node comes out selected. */
async function dropNode(page: Page, label: string, at: { x: number; y: number }): Promise<void> {
  await page
    .getByRole("button", { name: `Add ${label}`, exact: true })
    .dragTo(canvasOf(page), { targetPosition: at });
}

async function fillProperties(page: Page, values: { name: string; instruction?: string; model?: string }) {
  const panel = page.getByRole("complementary", { name: "Properties" });
  await panel.getByLabel("Name", { exact: true }).fill(values.name);
  if (values.instruction !== undefined)
    await panel.getByLabel("Instruction", { exact: true }).fill(values.instruction);
  if (values.model !== undefined) await panel.getByLabel("Model", { exact: true }).fill(values.model);
  await expect(page.getByTestId(`node-${values.name}`)).toBeVisible();
}

test("builds the graph-format example from an empty design, saves, reloads and exports it", async ({
  page,
}) => {
  await signIn(page, user);

  // An empty design.
  const designName = `Editor journey ${randomUUID().slice(0, 8)}`;
  await page.getByRole("button", { name: "New design" }).click();
  const create = page.getByRole("dialog", { name: "New design" });
  await create.getByLabel("Name").fill(designName);
  await create.getByRole("button", { name: "Create design" }).click();
  await expect(page).toHaveURL(/\/designs\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: designName })).toBeVisible();
  await expect(page.getByText("This design is empty")).toBeVisible();
  const issues = page.getByRole("list", { name: "Validation issues" });
  await expect(issues).toContainText("The design has no nodes");

  // The router, dragged from the palette, with its properties typed in.
  await dropNode(page, "Router", { x: 120, y: 220 });
  await fillProperties(page, { name: "front_desk", model: "passthrough" });
  await expect(issues).toContainText('Router "front_desk" needs at least one route.');
  await expect(issues.getByText("The design has no nodes")).toHaveCount(0);

  // The chain, added from the keyboard: "/" focuses the palette search, Enter adds the match.
  await page.keyboard.press("Escape");
  await page.keyboard.press("/");
  await expect(page.getByLabel("Search node types")).toBeFocused();
  await page.keyboard.type("chain");
  await page.keyboard.press("Enter");
  await fillProperties(page, { name: "research" });
  await page.getByRole("complementary", { name: "Properties" }).getByLabel("Cumulative").check();
  // Added in the middle of the view: move it to a free place so that every handle is reachable.
  await moveNode(page, page.getByTestId("node-research"), { x: 400, y: 100 });

  // The three agents.
  // Clear of the canvas's edges: a connection dragged within 40 px of an edge pans the view (React
  // Flow's autoPanOnConnect), and the validation list lies over the bottom of the canvas.
  await dropNode(page, "Agent", { x: 440, y: 340 });
  await fillProperties(page, { name: "smalltalk", instruction: "Chat.", model: "passthrough" });
  await dropNode(page, "Agent", { x: 780, y: 110 });
  await fillProperties(page, { name: "finder", instruction: "Find sources.", model: "passthrough" });
  await dropNode(page, "Agent", { x: 780, y: 260 });
  await fillProperties(page, { name: "summariser", instruction: "Summarise.", model: "passthrough" });
  await expect(issues).toContainText('Chain "research" needs at least one step.');

  // The edges, drawn from the role handles to the children's input handles. Each drag waits for its
  // edge: the validation list changes size as issues clear, and the next drag must read handle
  // positions from the settled page.
  const connectAndWait = async (from: string, role: string, to: string, label: string) => {
    await dragBetween(page, page.getByTestId(`handle-${from}-${role}`), page.getByTestId(`handle-${to}-in`));
    await expect(canvasOf(page).getByRole("group", { name: `${label} from ${from} to ${to}` })).toBeVisible();
  };
  await connectAndWait("front_desk", "route", "research", "route");
  await connectAndWait("front_desk", "route", "smalltalk", "route");
  await connectAndWait("research", "step", "finder", "step 1");
  await connectAndWait("research", "step", "summariser", "step 2");
  // With every child in place the list empties (and is hidden): no such issue anywhere in it.
  await expect(issues.getByText(/needs at least one/)).toHaveCount(0);
  await expect(canvasOf(page).getByText("step 2", { exact: true })).toBeVisible();

  // A connection the rules refuse says why, and draws nothing.
  await dragBetween(page, page.getByTestId("handle-research-step"), page.getByTestId("handle-front_desk-in"));
  await expect(page.getByRole("status").filter({ hasText: "would make a cycle" })).toBeVisible();

  // The design-level entry agent, with nothing selected.
  await page.keyboard.press("Escape");
  await page.keyboard.press("Escape");
  await page.getByLabel("Entry agent").selectOption("front_desk");
  await expect(page.getByText("Valid: ready to run", { exact: true })).toBeVisible();

  // Delete from the keyboard, and undo it.
  await page.getByTestId("node-smalltalk").click();
  await page.keyboard.press("Delete");
  await expect(page.getByTestId("node-smalltalk")).toHaveCount(0);
  await page.keyboard.press("ControlOrMeta+z");
  await expect(page.getByTestId("node-smalltalk")).toBeVisible();

  // Save, then undo and redo across the save (the last step was choosing the entry agent).
  await page.keyboard.press("Escape");
  await expect(saveStatus(page)).toHaveText("Unsaved changes");
  const canvasBeforeSave = await canvasOf(page).boundingBox();
  await page.keyboard.press("ControlOrMeta+s");
  await expect(saveStatus(page)).toHaveText("Saved");
  // The top bar wraps at this width; a change of save status must not move the canvas under a drag.
  expect(await canvasOf(page).boundingBox()).toEqual(canvasBeforeSave);
  const entry = page.getByLabel("Entry agent");
  await page.keyboard.press("ControlOrMeta+z");
  await expect(entry).toHaveValue("");
  await expect(saveStatus(page)).toHaveText("Unsaved changes");
  await page.keyboard.press("ControlOrMeta+Shift+z");
  await expect(entry).toHaveValue("front_desk");
  await expect(saveStatus(page)).toHaveText("Saved");

  // What was saved is what comes back.
  await page.reload();
  for (const name of ["front_desk", "research", "finder", "summariser", "smalltalk"]) {
    await expect(page.getByTestId(`node-${name}`)).toBeVisible();
  }
  await expect(page.getByLabel("Entry agent")).toHaveValue("front_desk");
  await expect(page.getByText("Valid: ready to run", { exact: true })).toBeVisible();
  await expect(saveStatus(page)).toHaveText("Saved");

  // The export equals the example, up to ids and positions.
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export JSON" }).click();
  const file = await (await downloading).path();
  const exported = JSON.parse(await readFile(file, "utf8")) as LooseGraph;
  expect(normalise(exported)).toEqual(normalise(EXAMPLE));
});
