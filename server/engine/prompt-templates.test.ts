import { describe, expect, it } from "vitest";
import { fastagentTag, fillTemplate, pythonCompactJson, pythonLength } from "./prompt-templates";

describe("prompt templates (Python formatting, as fast-agent writes its prompts)", () => {
  it("fills placeholders in one pass: inserted text is never filled again", () => {
    expect(fillTemplate("{a} and {b}", { a: "{b}", b: "B" })).toBe("{b} and B");
    expect(fillTemplate("{missing} stays", {})).toBe("{missing} stays");
    expect(fillTemplate("dollars $& and $1", {})).toBe("dollars $& and $1");
    expect(fillTemplate("{a}", { a: "$&$1" })).toBe("$&$1");
  });

  it("writes compact JSON with non-ASCII escaped, like json.dumps(separators=(',', ':'))", () => {
    expect(pythonCompactJson({ name: "café", list: [1, "ü"] })).toBe(
      '{"name":"caf\\u00e9","list":[1,"\\u00fc"]}',
    );
    expect(pythonCompactJson("😀")).toBe('"\\ud83d\\ude00"');
  });

  it("formats fastagent tags, self-closing when empty", () => {
    expect(fastagentTag("objective", "")).toBe("<fastagent:objective />");
    expect(fastagentTag("task-result", "x", { description: "d" })).toBe(
      '<fastagent:task-result description="d">x</fastagent:task-result>',
    );
  });

  it("counts characters as Python does", () => {
    expect(pythonLength("😀a")).toBe(2);
  });
});
