import { act, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { MODEL_LIST_ID } from "./schema-field";
import { exampleGraph } from "./testing/panel-graphs";
import { renderPanel, undo, undoSteps } from "./testing/render-panel";

/**
 * The panel as a whole (properties-panel.tsx): what it shows for each kind of selection, and
 * the edge and multi-selection views with their actions.
 */

function heading(panel: HTMLElement): string {
  return within(panel).getByRole("heading", { level: 2 }).textContent;
}

describe("what the panel shows", () => {
  it("follows the selection: design, node, edge, several", () => {
    const { panel, store } = renderPanel(exampleGraph());
    expect(heading(panel)).toBe("Design");
    expect(within(panel).getByRole("form", { name: "Design settings" })).toBeTruthy();

    act(() => store.setSelection({ nodeIds: ["a1"] }));
    expect(heading(panel)).toBe("Node");
    expect(within(panel).getByRole("form", { name: "Properties of finder" })).toBeTruthy();

    act(() => store.setSelection({ edgeIds: ["e4"] }));
    expect(heading(panel)).toBe("Edge");
    expect(within(panel).getByText("step 2").parentElement?.textContent).toBe(
      "step 2 from research to summariser",
    );

    act(() => store.setSelection({ nodeIds: ["a1", "a2"], edgeIds: ["e3"] }));
    expect(heading(panel)).toBe("Selection");
    expect(within(panel).getByText("2 nodes and 1 edge selected.")).toBeTruthy();
  });

  it("keeps one list of model suggestions whatever is shown", () => {
    const { store } = renderPanel(exampleGraph());
    act(() => store.setSelection({ nodeIds: ["a1"] }));
    expect(document.querySelectorAll(`datalist#${MODEL_LIST_ID}`)).toHaveLength(1);
  });

  it("shows a child's node when its name is clicked", async () => {
    const { panel, user } = renderPanel(exampleGraph(), { selected: "research" });
    await user.click(within(panel).getByRole("button", { name: "summariser" }));
    expect(within(panel).getByRole("form", { name: "Properties of summariser" })).toBeTruthy();
  });
});

describe("an edge", () => {
  it("goes to either end, and is removed as one undo step", async () => {
    const { panel, store, user } = renderPanel(exampleGraph());
    act(() => store.setSelection({ edgeIds: ["e1"] }));
    expect(within(panel).getByText("route").parentElement?.textContent).toBe(
      "route from front_desk to research",
    );
    const before = undoSteps(store);
    await user.click(within(panel).getByRole("button", { name: "Remove edge" }));
    expect(store.graph.edges.map((edge) => edge.id)).not.toContain("e1");
    expect(undoSteps(store)).toBe(before + 1);
    expect(heading(panel)).toBe("Design");

    undo(store);
    expect(store.graph.edges.map((edge) => edge.id)).toContain("e1");
    act(() => store.setSelection({ edgeIds: ["e1"] }));
    await user.click(within(panel).getByRole("button", { name: "research" }));
    expect(within(panel).getByRole("form", { name: "Properties of research" })).toBeTruthy();
  });

  it("cannot be removed read-only", () => {
    const { panel, store } = renderPanel(exampleGraph(), { readOnly: true });
    act(() => store.setSelection({ edgeIds: ["e1"] }));
    expect(within(panel).queryByRole("button", { name: "Remove edge" })).toBeNull();
  });
});

describe("several selected", () => {
  it("duplicates the selected nodes and deletes the selection", async () => {
    const { panel, store, user } = renderPanel(exampleGraph());
    act(() => store.setSelection({ nodeIds: ["a1", "a2"] }));
    await user.click(within(panel).getByRole("button", { name: "Duplicate" }));
    expect(screen.getByRole("status").textContent).toBe("Added 2 nodes.");
    expect(store.graph.nodes).toHaveLength(7);

    await user.click(within(panel).getByRole("button", { name: "Delete selection" }));
    expect(store.graph.nodes).toHaveLength(5);
    expect(heading(panel)).toBe("Design");
  });

  it("offers no actions read-only", () => {
    const { panel, store } = renderPanel(exampleGraph(), { readOnly: true });
    act(() => store.setSelection({ nodeIds: ["a1", "a2"] }));
    expect(within(panel).queryAllByRole("button")).toHaveLength(0);
  });
});
