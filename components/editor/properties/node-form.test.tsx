import { screen, within } from "@testing-library/react";
import type { UserEvent } from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { graphSchema, type NodeType } from "@/server/designs/graph-schema";
import { exampleGraph, oneOfEachType } from "./testing/panel-graphs";
import { dataOf, renderPanel, undo, undoSteps } from "./testing/render-panel";

/**
 * The form of one node (node-form.tsx): its workflow settings per type, request parameters, the
 * node's problems, its actions, and the read-only form viewers get. The MCP server picker and the
 * prompt template have files of their own (mcp-servers-field.test.tsx, mcp-prompt-template.test.tsx).
 */

type Edit = { check: true } | { type: string } | { select: string };

type SettingCase = {
  type: NodeType;
  label: string;
  edit: Edit;
  /** The node's data after the edit, apart from its name. */
  expected: Record<string, unknown>;
};

async function apply(user: UserEvent, control: HTMLElement, edit: Edit): Promise<void> {
  if ("check" in edit) await user.click(control);
  else if ("select" in edit) await user.selectOptions(control, edit.select);
  else await user.type(control, edit.type);
}

const WORKFLOW_SETTINGS: SettingCase[] = [
  { type: "agent", label: "Use history", edit: { check: true }, expected: { useHistory: false } },
  { type: "agent", label: "Human input", edit: { check: true }, expected: { humanInput: true } },
  { type: "chain", label: "Cumulative", edit: { check: true }, expected: { cumulative: true } },
  { type: "chain", label: "Instruction", edit: { type: "Go." }, expected: { instruction: "Go." } },
  { type: "parallel", label: "Include request", edit: { check: true }, expected: { includeRequest: false } },
  { type: "router", label: "Use history", edit: { check: true }, expected: { useHistory: true } },
  { type: "router", label: "Model", edit: { type: "playback" }, expected: { model: "playback" } },
  {
    type: "evaluator_optimizer",
    label: "Minimum rating",
    edit: { select: "EXCELLENT" },
    expected: { minRating: "EXCELLENT" },
  },
  {
    type: "evaluator_optimizer",
    label: "Max refinements",
    edit: { type: "5" },
    expected: { maxRefinements: 5 },
  },
  {
    type: "evaluator_optimizer",
    label: "Refinement instruction",
    edit: { type: "Be brief." },
    expected: { refinementInstruction: "Be brief." },
  },
  { type: "orchestrator", label: "Plan iterations", edit: { type: "10" }, expected: { planIterations: 10 } },
  // Zero or less means "unlimited" (graph-format.md), so a negative number is a valid setting.
  { type: "orchestrator", label: "Plan iterations", edit: { type: "-1" }, expected: { planIterations: -1 } },
  { type: "maker", label: "k", edit: { type: "5" }, expected: { k: 5 } },
  { type: "maker", label: "Max samples", edit: { type: "20" }, expected: { maxSamples: 20 } },
  {
    type: "maker",
    label: "Match strategy",
    edit: { select: "structured" },
    expected: { matchStrategy: "structured" },
  },
  {
    type: "maker",
    label: "Red-flag max length",
    edit: { type: "200" },
    expected: { redFlagMaxLength: 200 },
  },
];

describe("workflow settings", () => {
  it.each(WORKFLOW_SETTINGS)("$type: $label", async ({ type, label, edit, expected }) => {
    const { panel, store, user } = renderPanel(oneOfEachType(), { selected: type });
    const before = undoSteps(store);
    await apply(user, within(panel).getByLabelText(label), edit);

    const { name, ...rest } = dataOf(store, type);
    expect(name).toBe(type);
    expect(rest).toEqual(expected);
    expect(graphSchema.safeParse(store.graph).success).toBe(true);
    expect(undoSteps(store)).toBe(before + 1);

    undo(store);
    expect(dataOf(store, type)).toEqual({ name: type });
  });

  it("refuses settings below their minimum and keeps them out of the graph", async () => {
    const { panel, store, user } = renderPanel(oneOfEachType(), { selected: "evaluator_optimizer" });
    await user.type(within(panel).getByLabelText("Max refinements"), "-2");
    expect(within(panel).getByRole("alert").textContent).toBe("Enter 0 or more.");
    expect(dataOf(store, "evaluator_optimizer")).toEqual({ name: "evaluator_optimizer" });
  });

  it("shows the defaults of unset settings", () => {
    const { panel } = renderPanel(oneOfEachType(), { selected: "evaluator_optimizer" });
    const rating = within(panel).getByLabelText<HTMLSelectElement>("Minimum rating");
    expect(rating.selectedOptions[0]?.textContent).toBe("Default (GOOD)");
    expect(within(panel).getByLabelText("Max refinements")).toHaveProperty("placeholder", "3");
  });
});

describe("request parameters", () => {
  it("groups them, stores each in requestParams and removes a cleared one", async () => {
    const { panel, store, user } = renderPanel(oneOfEachType(), { selected: "agent" });
    const params = within(panel).getByRole("group", { name: "Request parameters" });
    await user.type(within(params).getByLabelText("Max tokens"), "512");
    await user.type(within(params).getByLabelText("Top P"), "0.9");
    await user.type(within(params).getByLabelText("Max iterations"), "0");
    await user.click(within(params).getByLabelText("Parallel tool calls"));
    expect(dataOf(store, "agent").requestParams).toEqual({
      maxTokens: 512,
      topP: 0.9,
      maxIterations: 0,
      parallelToolCalls: false,
    });

    await user.clear(within(params).getByLabelText("Top P"));
    await user.type(within(params).getByLabelText("Top P"), "2");
    expect(within(params).getByRole("alert").textContent).toBe("Enter 1 or less.");
    expect(dataOf(store, "agent").requestParams).not.toHaveProperty("topP");

    await user.clear(within(params).getByLabelText("Top P"));
    await user.clear(within(params).getByLabelText("Max tokens"));
    await user.clear(within(params).getByLabelText("Max iterations"));
    await user.click(within(params).getByLabelText("Parallel tool calls"));
    expect(dataOf(store, "agent").requestParams).toEqual({ parallelToolCalls: true });
  });
});

describe("the node's problems and actions", () => {
  it("lists the validator's problems with the node", async () => {
    const { panel } = renderPanel(oneOfEachType(), { selected: "chain" });
    const problems = await within(panel).findByRole("list", { name: "Problems here" });
    expect(problems.textContent).toContain('Chain "chain" needs at least one step.');
  });

  it("makes a node the entry agent", async () => {
    const { panel, store, user } = renderPanel(exampleGraph(), { selected: "finder" });
    expect(within(panel).queryByText("Entry agent")).toBeNull();
    await user.click(within(panel).getByRole("button", { name: "Make entry agent" }));
    expect(store.graph.entry).toBe("finder");
    expect(within(panel).getByText("Entry agent")).toBeTruthy();
    expect(within(panel).queryByRole("button", { name: "Make entry agent" })).toBeNull();
  });

  it("duplicates the node under a new name and shows the copy", async () => {
    const { panel, store, user } = renderPanel(exampleGraph(), { selected: "finder" });
    await user.click(within(panel).getByRole("button", { name: "Duplicate" }));
    expect(screen.getByRole("status").textContent).toBe("Added 1 node.");
    const copy = store.graph.nodes.at(-1);
    expect(copy?.data).toMatchObject({ instruction: "Find sources.", model: "passthrough" });
    expect(copy?.data.name).not.toBe("finder");
    expect(within(panel).getByRole("form", { name: `Properties of ${copy?.data.name}` })).toBeTruthy();
  });

  it("deletes the node and goes back to the design's settings", async () => {
    const { panel, store, user } = renderPanel(exampleGraph(), { selected: "smalltalk" });
    await user.click(within(panel).getByRole("button", { name: "Delete node" }));
    expect(store.graph.nodes.map((node) => node.data.name)).not.toContain("smalltalk");
    expect(within(panel).getByRole("form", { name: "Design settings" })).toBeTruthy();
  });
});

describe("read-only", () => {
  it.each(["agent", "chain", "evaluator_optimizer", "maker"] as const)(
    "%s: every field is disabled and the node's actions are gone",
    (type) => {
      const { panel } = renderPanel(oneOfEachType(), { selected: type, readOnly: true });
      const form = within(panel).getByRole("form", { name: `Properties of ${type}` });
      const controls = form.querySelectorAll("input, textarea, select");
      expect(controls.length).toBeGreaterThan(1);
      for (const control of controls) expect(control).toHaveProperty("disabled", true);
      for (const name of ["Make entry agent", "Duplicate", "Delete node"]) {
        expect(within(form).queryByRole("button", { name })).toBeNull();
      }
    },
  );
});
