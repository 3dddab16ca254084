import { within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { graphSchema, NODE_TYPES } from "@/server/designs/graph-schema";
import { fieldsFor, type FieldDescriptor } from "./field-descriptors";
import { MODEL_LIST_ID } from "./schema-field";
import { exampleGraph, oneOfEachType } from "./testing/panel-graphs";
import { dataOf, renderPanel, undo, undoSteps } from "./testing/render-panel";

/**
 * The fields generated from the node data schemas (schema-field.tsx), rendered in the panel:
 * every kind of field has a label that finds it, typed text reaches the store's graph (valid
 * text only, one undo step per focus of a field), and text that is not valid yet stays in the
 * field with its message while the graph keeps a valid value.
 */

function flatten(fields: readonly FieldDescriptor[]): FieldDescriptor[] {
  return fields.flatMap((field) => (field.kind === "group" ? [field, ...flatten(field.fields)] : [field]));
}

/** The text of the elements an element's aria-describedby points at (hint, then error). */
function descriptionOf(element: HTMLElement): string {
  const ids = element.getAttribute("aria-describedby")?.split(" ") ?? [];
  return ids.map((id) => element.ownerDocument.getElementById(id)?.textContent ?? "").join(" ");
}

/** What each kind of field must render as, checked on the element its label points at. */
function expectWidget(field: FieldDescriptor, element: HTMLElement): void {
  switch (field.kind) {
    case "text":
      if (field.multiline) expect(element).toBeInstanceOf(HTMLTextAreaElement);
      else expect(element).toMatchObject({ tagName: "INPUT", type: "text" });
      return;
    case "list":
      expect(element).toMatchObject({ tagName: "INPUT", type: "text" });
      return;
    case "number":
      expect(element).toMatchObject({ tagName: "INPUT", type: "number" });
      return;
    case "checkbox":
      expect(element).toMatchObject({ tagName: "INPUT", type: "checkbox" });
      return;
    case "select":
      expect(element).toBeInstanceOf(HTMLSelectElement);
      expect([...(element as HTMLSelectElement).options].map((option) => option.value)).toEqual([
        "",
        ...field.options,
      ]);
      return;
    case "group":
    case "mcp-servers":
      throw new Error("Groups and the MCP server picker are fieldsets, found by their legend.");
  }
}

describe("every field of every node type", () => {
  it.each(NODE_TYPES)("%s: each field is found by its label and has the widget of its kind", (type) => {
    const { panel, unmount } = renderPanel(oneOfEachType(), { selected: type });
    const form = within(panel).getByRole("form", { name: `Properties of ${type}` });
    for (const field of flatten(fieldsFor(type))) {
      if (field.kind === "group" || field.kind === "mcp-servers") {
        expect(within(form).getByRole("group", { name: field.label })).toBeTruthy();
        continue;
      }
      expectWidget(field, within(form).getByLabelText(field.label));
    }
    unmount();
  });

  it("covers every kind of field the schemas produce", () => {
    const kinds = new Set(NODE_TYPES.flatMap((type) => flatten(fieldsFor(type)).map((field) => field.kind)));
    expect([...kinds].sort()).toEqual(
      ["checkbox", "group", "mcp-servers", "number", "select", "text"].sort(),
    );
  });

  it("describes a field's rules and default next to it", () => {
    const { panel } = renderPanel(oneOfEachType(), { selected: "maker" });
    expect(descriptionOf(within(panel).getByLabelText("k"))).toBe("Whole number, 1 or more, default 3.");
    expect(within(panel).getByLabelText("k")).toHaveProperty("placeholder", "3");
    expect(within(panel).getByLabelText("Name").getAttribute("aria-required")).toBe("true");
  });

  it("offers the model suggestions on every model field", () => {
    const { panel } = renderPanel(oneOfEachType(), { selected: "agent" });
    const model = within(panel).getByLabelText("Model");
    expect(model.getAttribute("list")).toBe(MODEL_LIST_ID);
    const suggestions = panel.ownerDocument.getElementById(MODEL_LIST_ID);
    expect([...(suggestions?.querySelectorAll("option") ?? [])].map((option) => option.value)).toContain(
      "passthrough",
    );
    expect(descriptionOf(model)).toBe("Empty: the design's default model.");
  });
});

describe("typing in a text field", () => {
  it("applies the instruction as it is typed, one undo step per focus of the field", async () => {
    const { panel, store, user } = renderPanel(exampleGraph(), { selected: "finder" });
    const instruction = within(panel).getByLabelText("Instruction");
    const before = undoSteps(store);

    await user.clear(instruction);
    await user.type(instruction, "Find three sources.");
    expect(dataOf(store, "finder").instruction).toBe("Find three sources.");
    expect(undoSteps(store)).toBe(before + 1);

    // Leaving the field and coming back starts a new step.
    await user.tab();
    await user.type(instruction, " Cite them.");
    expect(dataOf(store, "finder").instruction).toBe("Find three sources. Cite them.");
    expect(undoSteps(store)).toBe(before + 2);

    undo(store);
    expect(dataOf(store, "finder").instruction).toBe("Find three sources.");
    expect(instruction).toHaveProperty("value", "Find three sources.");
    undo(store);
    expect(dataOf(store, "finder").instruction).toBe("Find sources.");
    expect(instruction).toHaveProperty("value", "Find sources.");
  });

  it("takes multi-line instructions as typed", async () => {
    const { panel, store, user } = renderPanel(exampleGraph(), { selected: "summariser" });
    const instruction = within(panel).getByLabelText("Instruction");
    await user.clear(instruction);
    await user.type(instruction, "Summarise.{Enter}Keep it short.");
    expect(dataOf(store, "summariser").instruction).toBe("Summarise.\nKeep it short.");
  });

  it("renames a node, and the entry follows the rename", async () => {
    const { panel, store, user } = renderPanel(exampleGraph(), { selected: "front_desk" });
    const name = within(panel).getByLabelText("Name");
    await user.clear(name);
    await user.type(name, "reception");
    expect(dataOf(store, "reception").name).toBe("reception");
    expect(store.graph.entry).toBe("reception");
    expect(within(panel).getByRole("form", { name: "Properties of reception" })).toBeTruthy();
  });

  it("keeps an invalid name in the field with its message, and the last valid one in the graph", async () => {
    const { panel, store, user } = renderPanel(exampleGraph(), { selected: "finder" });
    const name = within(panel).getByLabelText("Name");
    await user.clear(name);
    expect(name.getAttribute("aria-invalid")).toBe("true");
    expect(within(panel).getByRole("alert").textContent).toBe(
      "Names use 1 to 64 letters, digits, underscores or hyphens.",
    );
    expect(dataOf(store, "finder").name).toBe("finder");

    await user.type(name, "web finder");
    expect(name).toHaveProperty("value", "web finder");
    expect(descriptionOf(name)).toContain("Names use 1 to 64 letters");
    // "web" was valid on the way and applied; the space never reached the graph.
    expect(store.graph.nodes.map((node) => node.data.name)).toContain("web");
    expect(graphSchema.safeParse(store.graph).success).toBe(true);

    // The draft survives leaving the field, and fixing it clears the message.
    await user.tab();
    expect(name).toHaveProperty("value", "web finder");
    await user.clear(name);
    await user.type(name, "web_finder");
    expect(within(panel).queryByRole("alert")).toBeNull();
    expect(name.getAttribute("aria-invalid")).toBeNull();
    expect(dataOf(store, "web_finder").instruction).toBe("Find sources.");
  });

  it("sets and clears an agent's model (empty means the design's default)", async () => {
    const { panel, store, user } = renderPanel(oneOfEachType(), { selected: "agent" });
    const model = within(panel).getByLabelText("Model");
    await user.type(model, "openai.gpt-4.1");
    expect(dataOf(store, "agent").model).toBe("openai.gpt-4.1");
    await user.clear(model);
    expect(dataOf(store, "agent")).not.toHaveProperty("model");
  });
});

describe("number and select fields", () => {
  it("stores numbers as numbers and empty as the default", async () => {
    const { panel, store, user } = renderPanel(oneOfEachType(), { selected: "maker" });
    const k = within(panel).getByLabelText("k");
    const before = undoSteps(store);
    await user.type(k, "5");
    expect(dataOf(store, "maker").k).toBe(5);
    await user.clear(k);
    expect(dataOf(store, "maker")).not.toHaveProperty("k");
    expect(undoSteps(store)).toBe(before + 1);
  });

  it("shows why a number is refused and keeps it out of the graph", async () => {
    const { panel, store, user } = renderPanel(oneOfEachType(), { selected: "maker" });
    const k = within(panel).getByLabelText("k");
    await user.type(k, "0");
    expect(within(panel).getByRole("alert").textContent).toBe("Enter 1 or more.");
    expect(k.getAttribute("aria-invalid")).toBe("true");
    expect(dataOf(store, "maker")).not.toHaveProperty("k");

    const samples = within(panel).getByLabelText("Max samples");
    await user.click(samples);
    await user.paste("2.5");
    expect(
      within(panel)
        .getAllByRole("alert")
        .map((alert) => alert.textContent),
    ).toContain("Enter a whole number.");
    expect(dataOf(store, "maker")).not.toHaveProperty("maxSamples");
    expect(graphSchema.safeParse(store.graph).success).toBe(true);
  });

  it("refuses a temperature out of range and keeps the previous one", async () => {
    const { panel, store, user } = renderPanel(oneOfEachType(), { selected: "agent" });
    const temperature = within(panel).getByLabelText("Temperature");
    await user.type(temperature, "0.7");
    expect(dataOf(store, "agent").requestParams).toEqual({ temperature: 0.7 });
    await user.clear(temperature);
    await user.paste("2.5");
    expect(within(panel).getByRole("alert").textContent).toBe("Enter 2 or less.");
    expect(dataOf(store, "agent")).not.toHaveProperty("requestParams");
    expect(temperature).toHaveProperty("value", "2.5");
  });

  it("chooses from a select, with the default as the empty choice", async () => {
    const { panel, store, user } = renderPanel(oneOfEachType(), { selected: "maker" });
    const strategy = within(panel).getByLabelText("Match strategy");
    expect(strategy).toHaveProperty("value", "");
    await user.selectOptions(strategy, "normalized");
    expect(dataOf(store, "maker").matchStrategy).toBe("normalized");
    await user.selectOptions(strategy, "");
    expect(dataOf(store, "maker")).not.toHaveProperty("matchStrategy");
  });
});

describe("checkboxes", () => {
  it("shows the default until set, and each click is one undo step", async () => {
    const { panel, store, user } = renderPanel(oneOfEachType(), { selected: "agent" });
    const useHistory = within(panel).getByLabelText("Use history");
    expect(useHistory).toHaveProperty("checked", true);
    expect(useHistory.parentElement?.textContent).toContain("(default)");
    const before = undoSteps(store);

    await user.click(useHistory);
    expect(dataOf(store, "agent").useHistory).toBe(false);
    expect(useHistory.parentElement?.textContent).not.toContain("(default)");
    await user.click(useHistory);
    expect(dataOf(store, "agent").useHistory).toBe(true);
    expect(undoSteps(store)).toBe(before + 2);

    undo(store);
    expect(useHistory).toHaveProperty("checked", false);
  });
});
