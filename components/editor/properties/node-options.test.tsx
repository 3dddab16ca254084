import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { NodeOptions, nodeOptionEntries } from "./node-options";

/** The `<option>`s for choosing a node by name, shared by the entry and child pickers. */

function renderSelect(entries: string) {
  return render(
    <label>
      Node
      <select defaultValue="">
        <option value="">None</option>
        <NodeOptions entries={entries} />
      </select>
    </label>,
  );
}

function optionsOf(select: HTMLSelectElement): { value: string; label: string }[] {
  return [...select.options].map((option) => ({ value: option.value, label: option.textContent }));
}

describe("node options", () => {
  it("renders one option per node, value and label as given", () => {
    renderSelect(
      nodeOptionEntries([
        { value: "id-1", label: "finder" },
        { value: "id-2", label: "summariser" },
      ]),
    );
    expect(optionsOf(screen.getByLabelText<HTMLSelectElement>("Node"))).toEqual([
      { value: "", label: "None" },
      { value: "id-1", label: "finder" },
      { value: "id-2", label: "summariser" },
    ]);
  });

  it("renders nothing for no nodes", () => {
    renderSelect(nodeOptionEntries([]));
    expect(optionsOf(screen.getByLabelText<HTMLSelectElement>("Node"))).toEqual([
      { value: "", label: "None" },
    ]);
  });

  it("updates when the list changes", () => {
    const view = renderSelect(nodeOptionEntries([{ value: "a", label: "a" }]));
    view.rerender(
      <label>
        Node
        <select defaultValue="">
          <option value="">None</option>
          <NodeOptions entries={nodeOptionEntries([{ value: "b", label: "b" }])} />
        </select>
      </label>,
    );
    expect(optionsOf(screen.getByLabelText<HTMLSelectElement>("Node")).map((option) => option.value)).toEqual(
      ["", "b"],
    );
  });
});
