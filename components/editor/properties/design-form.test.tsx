import { act, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { DESIGN_DESCRIPTION_MAX } from "@/server/designs/design-schemas";
import { exampleGraph } from "./testing/panel-graphs";
import { renderPanel, undo, undoSteps } from "./testing/render-panel";

/**
 * The design's own settings (design-form.tsx), shown when nothing is selected: name,
 * description, default model and the entry agent.
 */

function designForm(panel: HTMLElement): HTMLElement {
  return within(panel).getByRole("form", { name: "Design settings" });
}

describe("the design's settings", () => {
  it("labels every field and sums the design up", () => {
    const { panel } = renderPanel(exampleGraph());
    const form = designForm(panel);
    expect(within(form).getByLabelText("Design name")).toHaveProperty("value", "Panel test");
    expect(within(form).getByLabelText("Design description")).toBeInstanceOf(HTMLTextAreaElement);
    expect(within(form).getByLabelText("Default model").getAttribute("list")).toBeTruthy();
    expect(within(form).getByLabelText("Entry agent")).toBeInstanceOf(HTMLSelectElement);
    expect(form.textContent).toContain("5 nodes · 4 edges · saved version 1");
  });

  it("renames the design, one undo step per typing, refusing an empty name", async () => {
    const { panel, store, user } = renderPanel(exampleGraph());
    const name = within(designForm(panel)).getByLabelText("Design name");
    const before = undoSteps(store);
    await user.clear(name);
    expect(within(panel).getByRole("alert").textContent).toBe("A design needs a name.");
    expect(store.document.name).toBe("Panel test");

    await user.type(name, "Research desk");
    expect(store.document.name).toBe("Research desk");
    expect(within(panel).queryByRole("alert")).toBeNull();
    expect(undoSteps(store)).toBe(before + 1);
    undo(store);
    expect(store.document.name).toBe("Panel test");
    expect(name).toHaveProperty("value", "Panel test");
  });

  it("keeps an over-long description out of the document", async () => {
    const { panel, store, user } = renderPanel(exampleGraph());
    const description = within(designForm(panel)).getByLabelText("Design description");
    await user.click(description);
    await user.paste("x".repeat(DESIGN_DESCRIPTION_MAX + 1));
    expect(within(panel).getByRole("alert").textContent).toBe(
      `A description has at most ${DESIGN_DESCRIPTION_MAX} characters.`,
    );
    expect(store.document.description).toBe("");
  });

  it("sets the default model for agents without one", async () => {
    const { panel, store, user } = renderPanel(exampleGraph());
    const model = within(designForm(panel)).getByLabelText("Default model");
    await user.type(model, "playback");
    expect(store.graph.defaultModel).toBe("playback");
    await user.clear(model);
    expect(store.graph).not.toHaveProperty("defaultModel");
  });
});

describe("choosing the entry agent", () => {
  it("offers every node, and the first node as the default", async () => {
    const { panel, store, user } = renderPanel(exampleGraph());
    const entry = within(designForm(panel)).getByLabelText<HTMLSelectElement>("Entry agent");
    expect(entry.value).toBe("front_desk");
    expect([...entry.options].map((option) => option.textContent)).toEqual([
      "First node (front_desk)",
      "front_desk",
      "research",
      "finder",
      "summariser",
      "smalltalk",
    ]);

    const before = undoSteps(store);
    await user.selectOptions(entry, "research");
    expect(store.graph.entry).toBe("research");
    await user.selectOptions(entry, "");
    expect(store.graph).not.toHaveProperty("entry");
    expect(undoSteps(store)).toBe(before + 2);
    undo(store);
    expect(entry.value).toBe("research");
  });

  it("shows an entry that names no node as missing", () => {
    const { panel } = renderPanel({ ...exampleGraph(), entry: "ghost" });
    const entry = within(designForm(panel)).getByLabelText<HTMLSelectElement>("Entry agent");
    expect(entry.value).toBe("ghost");
    expect(entry.selectedOptions[0]?.textContent).toBe("ghost (missing)");
  });

  it("follows a renamed node in its choices", async () => {
    const { panel, store, user } = renderPanel(exampleGraph(), { selected: "smalltalk" });
    const name = within(panel).getByLabelText("Name");
    await user.clear(name);
    await user.type(name, "chitchat");
    act(() => store.clearSelection());
    const entry = within(designForm(panel)).getByLabelText<HTMLSelectElement>("Entry agent");
    const choices = [...entry.options].map((option) => option.value);
    expect(choices).toContain("chitchat");
    expect(choices).not.toContain("smalltalk");
  });
});

describe("read-only", () => {
  it("disables every field of the design's settings", () => {
    const { panel } = renderPanel(exampleGraph(), { readOnly: true });
    const form = designForm(panel);
    for (const label of ["Design name", "Design description", "Default model", "Entry agent"]) {
      expect(within(form).getByLabelText(label)).toHaveProperty("disabled", true);
    }
  });
});
