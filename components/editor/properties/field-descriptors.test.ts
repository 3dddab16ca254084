import { describe, expect, it } from "vitest";
import { z } from "zod";
import { NODE_TYPES } from "@/server/designs/graph-schema";
import { fieldsFor, labelFor, MODEL_SUGGESTIONS, type FieldDescriptor } from "./field-descriptors";
import { describeFieldRules, formatFieldValue, parseFieldText } from "./field-values";

function flatten(fields: FieldDescriptor[]): FieldDescriptor[] {
  return fields.flatMap((field) => (field.kind === "group" ? [field, ...flatten(field.fields)] : [field]));
}

function field(type: Parameters<typeof fieldsFor>[0], label: string): FieldDescriptor {
  const found = flatten(fieldsFor(type)).find((candidate) => candidate.label === label);
  if (!found) throw new Error(`No field "${label}" on ${type}`);
  return found;
}

describe("fields derived from the data schemas", () => {
  it("gives every type a required Name first", () => {
    for (const type of NODE_TYPES) {
      const [first] = fieldsFor(type);
      expect(first).toMatchObject({ kind: "text", label: "Name", required: true, path: ["name"] });
    }
  });

  it("labels fields in words that getByLabel can find", () => {
    expect(flatten(fieldsFor("agent")).map((item) => item.label)).toEqual([
      "Name",
      "Description",
      "Instruction",
      "Model",
      "MCP servers",
      "Use history",
      "Human input",
      "Request parameters",
      "Max tokens",
      "Temperature",
      "Top P",
      "Max iterations",
      "Parallel tool calls",
    ]);
    expect(fieldsFor("maker").map((item) => item.label)).toEqual([
      "Name",
      "Description",
      "k",
      "Max samples",
      "Match strategy",
      "Red-flag max length",
    ]);
    expect(fieldsFor("evaluator_optimizer").map((item) => item.label)).toContain("Minimum rating");
    expect(fieldsFor("orchestrator").map((item) => item.label)).toContain("Plan iterations");
    expect(fieldsFor("parallel").map((item) => item.label)).toContain("Include request");
    expect(labelFor("maxRefinements")).toBe("Max refinements");
  });

  it("maps schema kinds to widgets", () => {
    expect(field("agent", "Instruction")).toMatchObject({ kind: "text", multiline: true });
    expect(field("evaluator_optimizer", "Refinement instruction")).toMatchObject({
      kind: "text",
      multiline: true,
    });
    expect(field("agent", "Description")).toMatchObject({ kind: "text", multiline: true });
    expect(field("agent", "Model")).toMatchObject({
      kind: "text",
      multiline: false,
      suggestions: MODEL_SUGGESTIONS,
    });
    expect(field("chain", "Cumulative")).toMatchObject({ kind: "checkbox", defaultValue: false });
    expect(field("agent", "Use history")).toMatchObject({ kind: "checkbox", defaultValue: true });
    expect(field("router", "Use history")).toMatchObject({ kind: "checkbox", defaultValue: false });
    expect(field("maker", "Match strategy")).toMatchObject({
      kind: "select",
      options: ["exact", "normalized", "structured"],
    });
    // The tool filters are edited per server inside the server picker, not as a field of their own.
    expect(field("agent", "MCP servers")).toMatchObject({
      kind: "mcp-servers",
      path: ["servers"],
      toolsPath: ["tools"],
    });
    expect(field("agent", "Instruction")).toMatchObject({ mcpPromptTemplate: true });
    expect(field("chain", "Instruction")).not.toHaveProperty("mcpPromptTemplate");
    expect(field("router", "Instruction")).not.toHaveProperty("mcpPromptTemplate");
    expect(field("agent", "Request parameters")).toMatchObject({ kind: "group", path: ["requestParams"] });
    expect(field("agent", "Max tokens").path).toEqual(["requestParams", "maxTokens"]);
  });

  it("takes number bounds from the schema and ignores the safe-integer range", () => {
    expect(field("maker", "k")).toMatchObject({
      kind: "number",
      integer: true,
      min: 1,
      max: undefined,
      defaultValue: 3,
    });
    expect(field("agent", "Temperature")).toMatchObject({ kind: "number", integer: false, min: 0, max: 2 });
    expect(field("orchestrator", "Plan iterations")).toMatchObject({ min: undefined, max: undefined });
    expect(field("agent", "Max iterations")).toMatchObject({ defaultValue: 20 });
  });
});

describe("parsing and formatting field text", () => {
  it("refuses bad names in words and accepts good ones", () => {
    const name = field("agent", "Name");
    expect(parseFieldText(name, "writer_2")).toEqual({ ok: true, value: "writer_2" });
    expect(parseFieldText(name, "bad name")).toEqual({
      ok: false,
      error: "Names use 1 to 64 letters, digits, underscores or hyphens.",
    });
    expect(parseFieldText(name, "").ok).toBe(false);
  });

  it("treats empty optional text as the default", () => {
    expect(parseFieldText(field("agent", "Instruction"), "")).toEqual({ ok: true, value: undefined });
    expect(parseFieldText(field("maker", "k"), " ")).toEqual({ ok: true, value: undefined });
  });

  it("checks numbers against the schema's bounds", () => {
    const k = field("maker", "k");
    expect(parseFieldText(k, "5")).toEqual({ ok: true, value: 5 });
    expect(parseFieldText(k, "0")).toEqual({ ok: false, error: "Enter 1 or more." });
    expect(parseFieldText(k, "1.5")).toEqual({ ok: false, error: "Enter a whole number." });
    expect(parseFieldText(k, "abc")).toEqual({ ok: false, error: "Enter a number." });
    expect(parseFieldText(field("agent", "Temperature"), "2.5")).toEqual({
      ok: false,
      error: "Enter 2 or less.",
    });
    expect(parseFieldText(field("orchestrator", "Plan iterations"), "-1")).toEqual({ ok: true, value: -1 });
  });

  it("reads comma-separated lists (array fields)", () => {
    const list: FieldDescriptor = {
      kind: "list",
      path: ["tags"],
      label: "Tags",
      schema: z.array(z.string()),
      required: false,
    };
    expect(parseFieldText(list, "fetch, filesystem ,")).toEqual({ ok: true, value: ["fetch", "filesystem"] });
    expect(parseFieldText(list, " , ")).toEqual({ ok: true, value: undefined });
    expect(formatFieldValue(list, ["fetch", "filesystem"])).toBe("fetch, filesystem");
  });

  it("describes defaults and ranges as hints", () => {
    expect(describeFieldRules(field("maker", "k"))).toBe("Whole number, 1 or more, default 3.");
    expect(describeFieldRules(field("agent", "Temperature"))).toBe("From 0 to 2.");
    expect(describeFieldRules(field("agent", "Name"))).toBeUndefined();
  });
});
