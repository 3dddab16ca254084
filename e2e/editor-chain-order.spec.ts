import { randomUUID } from "node:crypto";
import { expect, test, type Locator, type Page } from "./support/test";
import type { Graph } from "../server/designs/graph-schema";
import { runCli } from "./support/server";
import { createUser, signIn, type TestUser } from "./support/users";

/**
 * Reordering a chain's steps in the properties panel (issue "The visual editor", point 2): by
 * dragging a step's grip with the mouse and with the Move up / Move down buttons from the
 * keyboard. The canvas's edge labels ("step 1"...) follow each move, undo walks the moves back
 * one at a time, and the order chosen is what is saved.
 */

const STEPS = ["draft", "review", "publish"] as const;
type StepName = (typeof STEPS)[number];

const CHAIN_GRAPH: Graph = {
  version: 1,
  entry: "pipeline",
  nodes: [
    { id: "pipeline", type: "chain", position: { x: 0, y: 200 }, data: { name: "pipeline" } },
    ...STEPS.map((name, index) => ({
      id: name,
      type: "agent" as const,
      position: { x: 450, y: index * 200 },
      data: { name, instruction: `Do the ${name}.`, model: "passthrough" },
    })),
  ],
  edges: STEPS.map((name, index) => ({
    id: `step-${name}`,
    source: "pipeline",
    target: name,
    role: "step" as const,
    order: index,
  })),
};

let user: TestUser;
let designId: string;

test.beforeAll(async ({ playwright }) => {
  user = await createUser("editor", { label: "chain-order" });
  const dataDir = process.env.TRELLIS_E2E_DATA_DIR;
  if (!dataDir) throw new Error("The global setup did not provide the data directory.");
  const token = await runCli(dataDir, [
    "token",
    "create",
    "--name",
    "chain-order",
    "--user",
    user.email,
    "--role",
    "editor",
  ]);
  expect(token.code, token.stderr).toBe(0);
  const api = await playwright.request.newContext({
    baseURL: process.env.TRELLIS_E2E_BASE_URL,
    extraHTTPHeaders: { authorization: `Bearer ${token.stdout.trim()}` },
  });
  const created = await api.post("/api/v1/designs", {
    data: { name: `Chain order ${randomUUID().slice(0, 8)}`, graph: CHAIN_GRAPH },
  });
  expect(created.status()).toBe(201);
  designId = ((await created.json()) as { id: string }).id;
  await api.dispose();
});

// Room for the canvas and the properties panel side by side.
test.use({ viewport: { width: 1600, height: 1000 } });

function panelOf(page: Page): Locator {
  return page.getByRole("complementary", { name: "Properties" });
}

function stepList(page: Page): Locator {
  return panelOf(page).getByRole("list", { name: "Steps of pipeline" });
}

function stepRow(page: Page, name: StepName): Locator {
  return stepList(page)
    .getByRole("listitem")
    .filter({ has: page.getByRole("button", { name, exact: true }) });
}

/** The panel lists the steps in this order, and each step's edge on the canvas is labelled so. */
async function expectOrder(page: Page, order: readonly StepName[]): Promise<void> {
  await expect(stepList(page).getByRole("listitem")).toHaveText(
    order.map((name, index) => new RegExp(`^${index + 1}\\.${name}$`)),
  );
  for (const [index, name] of order.entries()) {
    const edge = page.getByTestId(`rf__edge-step-${name}`);
    await expect(edge).toHaveAttribute("aria-label", `step ${index + 1} from pipeline to ${name}`);
    await expect(page.getByTestId(`edge-label-step-${name}`)).toHaveText(`step ${index + 1}`);
  }
}

/** A real mouse drag of a step's grip onto another step's row (HTML drag and drop). */
async function dragStep(page: Page, from: StepName, onto: StepName): Promise<void> {
  // The panel scrolls; three short rows fit on screen together once the list is in view.
  await stepRow(page, from).scrollIntoViewIfNeeded();
  await stepRow(page, onto).scrollIntoViewIfNeeded();
  const grip = await stepRow(page, from).getByTitle("Drag to reorder").boundingBox();
  const target = await stepRow(page, onto).boundingBox();
  if (!grip || !target) throw new Error("The rows to drag between are not on screen.");
  await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
  await page.mouse.down();
  await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2 + 5);
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 10 });
  await page.mouse.up();
}

test("reorders a chain's steps by drag and by keyboard, the canvas follows and undo restores", async ({
  page,
}) => {
  await signIn(page, user);
  await page.goto(`/designs/${designId}`);
  await page.getByTestId("node-pipeline").click();
  await expectOrder(page, ["draft", "review", "publish"]);

  // Mouse: drag "publish" onto "draft", which it replaces at the top.
  await dragStep(page, "publish", "draft");
  await expectOrder(page, ["publish", "draft", "review"]);
  await expect(page.getByRole("status").filter({ hasText: "Moved" })).toHaveText(
    'Moved "publish" to step 1 of 3.',
  );

  // Keyboard: Tab from the step's name to its Move down button (Move up, disabled at the top, is
  // skipped); Enter and Space press it.
  await stepList(page).getByRole("button", { name: "publish", exact: true }).focus();
  await page.keyboard.press("Tab");
  const moveDown = panelOf(page).getByRole("button", { name: "Move down: publish" });
  await expect(moveDown).toBeFocused();
  await page.keyboard.press("Enter");
  await expectOrder(page, ["draft", "publish", "review"]);
  await expect(moveDown).toBeFocused();
  await page.keyboard.press("Space");
  await expectOrder(page, ["draft", "review", "publish"]);
  // At the bottom Move down is disabled: focus went to Move up, so the keyboard can go on.
  await expect(panelOf(page).getByRole("button", { name: "Move up: publish" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expectOrder(page, ["draft", "publish", "review"]);

  // Undo walks the moves back one at a time, from the keyboard and from the panel's focus.
  await page.keyboard.press("ControlOrMeta+z");
  await expectOrder(page, ["draft", "review", "publish"]);
  await page.keyboard.press("ControlOrMeta+z");
  await expectOrder(page, ["draft", "publish", "review"]);
  await page.keyboard.press("ControlOrMeta+z");
  await expectOrder(page, ["publish", "draft", "review"]);
  await page.keyboard.press("ControlOrMeta+z");
  await expectOrder(page, ["draft", "review", "publish"]);

  // Redo the drag, save, and the order is what comes back.
  await page.keyboard.press("ControlOrMeta+Shift+z");
  await expectOrder(page, ["publish", "draft", "review"]);
  await page.keyboard.press("ControlOrMeta+s");
  await expect(page.getByTestId("save-status")).toHaveText("Saved");
  await page.reload();
  await page.getByTestId("node-pipeline").click();
  await expectOrder(page, ["publish", "draft", "review"]);
});
