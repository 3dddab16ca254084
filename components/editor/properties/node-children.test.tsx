import { act, fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { STEP_DRAG_TYPE } from "./step-list";
import { exampleGraph, oneOfEachType, stepNamesOf, threeStepChain } from "./testing/panel-graphs";
import { renderPanel, undo, undoSteps } from "./testing/render-panel";

/**
 * A node's children in the panel (node-children.tsx, step-list.tsx): a chain's steps reordered
 * by keyboard (Move up / Move down) and by dragging a row's grip, each move one undo step; the
 * other roles' children; connecting a child from the panel.
 */

function stepList(panel: HTMLElement, chain = "pipeline"): HTMLElement {
  return within(panel).getByRole("list", { name: `Steps of ${chain}` });
}

/** The steps as the panel lists them: each row's first button is the step's name. */
function shownSteps(panel: HTMLElement, chain = "pipeline"): string[] {
  return within(stepList(panel, chain))
    .getAllByRole("listitem")
    .map((row) => within(row).getAllByRole("button")[0]?.textContent ?? "");
}

function rowOf(panel: HTMLElement, name: string): HTMLElement {
  const row = within(stepList(panel)).getByRole("button", { name }).closest("li");
  if (!row) throw new Error(`No row for step "${name}".`);
  return row;
}

function gripOf(panel: HTMLElement, name: string): HTMLElement {
  return within(rowOf(panel, name)).getByTitle("Drag to reorder");
}

/**
 * An HTML drag of one step's grip onto another step's row, with one DataTransfer carried
 * through the events as a browser does. Returns whether the row accepted the drag (dragover
 * cancelled).
 */
function dragStep(panel: HTMLElement, from: string, onto: string): boolean {
  const dataTransfer = new DataTransfer();
  const grip = gripOf(panel, from);
  const target = rowOf(panel, onto);
  fireEvent.dragStart(grip, { dataTransfer });
  fireEvent.dragEnter(target, { dataTransfer });
  const accepted = !fireEvent.dragOver(target, { dataTransfer });
  fireEvent.drop(target, { dataTransfer });
  fireEvent.dragEnd(grip, { dataTransfer });
  return accepted;
}

function announcement(): string {
  return screen.getByRole("status").textContent;
}

function focus(element: HTMLElement): void {
  act(() => element.focus());
}

describe("reordering a chain's steps from the keyboard", () => {
  it("moves a step with Move down / Move up, keeps focus on it and announces the new place", async () => {
    const { panel, store, user } = renderPanel(threeStepChain(), { selected: "pipeline" });
    expect(shownSteps(panel)).toEqual(["draft", "review", "publish"]);
    const before = undoSteps(store);

    focus(within(panel).getByRole("button", { name: "Move down: draft" }));
    await user.keyboard("{Enter}");
    expect(shownSteps(panel)).toEqual(["review", "draft", "publish"]);
    expect(stepNamesOf(store.graph, "pipeline")).toEqual(["review", "draft", "publish"]);
    expect(document.activeElement).toBe(within(panel).getByRole("button", { name: "Move down: draft" }));
    expect(announcement()).toBe('Moved "draft" to step 2 of 3.');

    // Space works too; at the end Move down is disabled, so focus goes to Move up.
    await user.keyboard(" ");
    expect(stepNamesOf(store.graph, "pipeline")).toEqual(["review", "publish", "draft"]);
    expect(within(panel).getByRole("button", { name: "Move down: draft" })).toHaveProperty("disabled", true);
    expect(document.activeElement).toBe(within(panel).getByRole("button", { name: "Move up: draft" }));
    expect(announcement()).toBe('Moved "draft" to step 3 of 3.');

    await user.keyboard("{Enter}");
    expect(stepNamesOf(store.graph, "pipeline")).toEqual(["review", "draft", "publish"]);
    expect(document.activeElement).toBe(within(panel).getByRole("button", { name: "Move up: draft" }));

    // One undo step per move, undone in turn.
    expect(undoSteps(store)).toBe(before + 3);
    undo(store);
    expect(shownSteps(panel)).toEqual(["review", "publish", "draft"]);
    undo(store);
    undo(store);
    expect(shownSteps(panel)).toEqual(["draft", "review", "publish"]);
    expect(stepNamesOf(store.graph, "pipeline")).toEqual(["draft", "review", "publish"]);
  });

  it("cannot move the first step up or the last one down", () => {
    const { panel } = renderPanel(threeStepChain(), { selected: "pipeline" });
    expect(within(panel).getByRole("button", { name: "Move up: draft" })).toHaveProperty("disabled", true);
    expect(within(panel).getByRole("button", { name: "Move down: draft" })).toHaveProperty("disabled", false);
    expect(within(panel).getByRole("button", { name: "Move down: publish" })).toHaveProperty(
      "disabled",
      true,
    );
  });

  it("keeps the step numbers in the list in run order", async () => {
    const { panel, user } = renderPanel(threeStepChain(), { selected: "pipeline" });
    await user.click(within(panel).getByRole("button", { name: "Move up: publish" }));
    expect(
      within(stepList(panel))
        .getAllByRole("listitem")
        .map((row) => row.textContent),
    ).toEqual(["1.draft", "2.publish", "3.review"]);
  });
});

describe("reordering a chain's steps by dragging", () => {
  it("puts the dragged step in the place of the row it is dropped on, as one undo step", () => {
    const { panel, store } = renderPanel(threeStepChain(), { selected: "pipeline" });
    const before = undoSteps(store);

    expect(dragStep(panel, "publish", "draft")).toBe(true);
    expect(shownSteps(panel)).toEqual(["publish", "draft", "review"]);
    expect(stepNamesOf(store.graph, "pipeline")).toEqual(["publish", "draft", "review"]);
    expect(undoSteps(store)).toBe(before + 1);
    expect(announcement()).toBe('Moved "publish" to step 1 of 3.');

    // Onto the next row down: the two swap (the dragged row takes the target's place).
    dragStep(panel, "draft", "review");
    expect(stepNamesOf(store.graph, "pipeline")).toEqual(["publish", "review", "draft"]);
    expect(undoSteps(store)).toBe(before + 2);

    undo(store);
    expect(shownSteps(panel)).toEqual(["publish", "draft", "review"]);
    undo(store);
    expect(shownSteps(panel)).toEqual(["draft", "review", "publish"]);
  });

  it("marks the row being dragged and the row it would take the place of", () => {
    const { panel } = renderPanel(threeStepChain(), { selected: "pipeline" });
    const dataTransfer = new DataTransfer();
    fireEvent.dragStart(gripOf(panel, "draft"), { dataTransfer });
    fireEvent.dragOver(rowOf(panel, "publish"), { dataTransfer });
    expect(rowOf(panel, "draft").className).toBe("is-dragged");
    expect(rowOf(panel, "publish").className).toBe("is-drop-target");
    fireEvent.dragLeave(rowOf(panel, "publish"), { dataTransfer });
    expect(rowOf(panel, "publish").className).toBe("");
    fireEvent.dragEnd(gripOf(panel, "draft"), { dataTransfer });
    expect(rowOf(panel, "draft").className).toBe("");
  });

  it("ignores drops of anything but this chain's steps, and drops on the row itself", () => {
    const { panel, store } = renderPanel(threeStepChain(), { selected: "pipeline" });
    const before = undoSteps(store);

    const foreign = new DataTransfer();
    foreign.setData("text/plain", "review");
    const target = rowOf(panel, "draft");
    expect(fireEvent.dragOver(target, { dataTransfer: foreign })).toBe(true);
    fireEvent.drop(target, { dataTransfer: foreign });

    const unknownStep = new DataTransfer();
    unknownStep.setData(STEP_DRAG_TYPE, "an-edge-of-another-chain");
    fireEvent.drop(target, { dataTransfer: unknownStep });

    dragStep(panel, "review", "review");
    expect(stepNamesOf(store.graph, "pipeline")).toEqual(["draft", "review", "publish"]);
    expect(undoSteps(store)).toBe(before);
  });
});

describe("read-only", () => {
  it("offers no way to reorder, remove or add children", () => {
    const { panel } = renderPanel(threeStepChain(), { selected: "pipeline", readOnly: true });
    expect(within(stepList(panel)).queryByTitle("Drag to reorder")).toBeNull();
    for (const name of ["Move up: review", "Move down: review", "Remove step: review"]) {
      expect(within(panel).getByRole("button", { name })).toHaveProperty("disabled", true);
    }
    expect(within(panel).queryByRole("group", { name: "Add a child" })).toBeNull();
    // Showing a step's node is still possible.
    expect(within(panel).getByRole("button", { name: "review" })).toHaveProperty("disabled", false);
  });
});

describe("children of other roles", () => {
  it("lists a router's routes and removes one without removing its node", async () => {
    const { panel, store, user } = renderPanel(exampleGraph(), { selected: "front_desk" });
    const routes = within(panel).getByRole("list", { name: "Routes of front_desk" });
    expect(
      within(routes)
        .getAllByRole("listitem")
        .map((row) => row.textContent),
    ).toEqual(["research", "smalltalk"]);
    const before = undoSteps(store);
    await user.click(within(routes).getByRole("button", { name: "Remove route: smalltalk" }));
    expect(store.graph.edges.some((edge) => edge.id === "e2")).toBe(false);
    expect(store.graph.nodes.some((node) => node.data.name === "smalltalk")).toBe(true);
    expect(undoSteps(store)).toBe(before + 1);
  });

  it("shows each role of an evaluator-optimizer, empty ones saying so", () => {
    const { panel } = renderPanel(oneOfEachType(), { selected: "evaluator_optimizer" });
    const children = within(panel).getByRole("region", { name: "Children" });
    expect(within(children).getByRole("heading", { name: "Generators" })).toBeTruthy();
    expect(within(children).getByRole("heading", { name: "Evaluators" })).toBeTruthy();
    expect(within(children).getAllByText("None yet.")).toHaveLength(2);
  });
});

describe("connecting a child from the panel", () => {
  it("adds a step at the end of the chain", async () => {
    const { panel, store, user } = renderPanel(exampleGraph(), { selected: "research" });
    const add = within(panel).getByRole("group", { name: "Add a child" });
    await user.selectOptions(within(add).getByLabelText("Child node"), "smalltalk");
    await user.click(within(add).getByRole("button", { name: "Connect as step" }));
    expect(stepNamesOf(store.graph, "research")).toEqual(["finder", "summariser", "smalltalk"]);
    expect(shownSteps(panel, "research")).toEqual(["finder", "summariser", "smalltalk"]);
    expect(announcement()).toBe('Connected "smalltalk".');
  });

  it("says why a connection is refused and changes nothing", async () => {
    const { panel, store, user } = renderPanel(exampleGraph(), { selected: "research" });
    const add = within(panel).getByRole("group", { name: "Add a child" });
    await user.click(within(add).getByRole("button", { name: "Connect as step" }));
    expect(within(add).getByRole("alert").textContent).toBe("Choose the node to connect.");

    const before = store.graph;
    await user.selectOptions(within(add).getByLabelText("Child node"), "front_desk");
    await user.click(within(add).getByRole("button", { name: "Connect as step" }));
    expect(within(add).getByRole("alert").textContent).toMatch(/cycle/);
    expect(store.graph).toBe(before);
  });

  it("asks for the role when a node type has more than one", async () => {
    const { panel, store, user } = renderPanel(oneOfEachType(), { selected: "evaluator_optimizer" });
    const add = within(panel).getByRole("group", { name: "Add a child" });
    await user.selectOptions(within(add).getByLabelText("Child role"), "evaluator");
    await user.selectOptions(within(add).getByLabelText("Child node"), "agent");
    await user.click(within(add).getByRole("button", { name: "Connect as evaluator" }));
    expect(store.graph.edges).toEqual([
      expect.objectContaining({ source: "node-5", target: "node-1", role: "evaluator" }),
    ]);
  });
});
