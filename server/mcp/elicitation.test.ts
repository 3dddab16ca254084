import type { ElicitRequestFormParams } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it } from "vitest";
import {
  elicitationQuestion,
  elicitFromPerson,
  MAX_ELICITATION_ATTEMPTS,
  readElicitationAnswer,
} from "@/server/mcp/elicitation";

type Schema = ElicitRequestFormParams["requestedSchema"];

const single = (property: Schema["properties"][string]): Schema => ({
  type: "object",
  properties: { value: property },
  required: ["value"],
});

const profile: Schema = {
  type: "object",
  properties: {
    name: { type: "string", title: "Name" },
    age: { type: "integer", minimum: 0, maximum: 150 },
    subscribe: { type: "boolean", default: false },
    colour: {
      type: "string",
      oneOf: [
        { const: "r", title: "Red" },
        { const: "g", title: "Green" },
      ],
    },
    tags: { type: "array", items: { type: "string", enum: ["a", "b", "c"] }, maxItems: 2 },
  },
  required: ["name"],
};

describe("reading a person's answer to an elicitation", () => {
  it("declines on an empty answer and cancels on /cancel", () => {
    expect(readElicitationAnswer(profile, "   ")).toEqual({ result: { action: "decline" } });
    expect(readElicitationAnswer(profile, " /CANCEL ")).toEqual({ result: { action: "cancel" } });
  });

  it("takes the whole answer as the value of a single field, in its type", () => {
    const accept = (content: Record<string, unknown>) => ({ result: { action: "accept", content } });
    expect(readElicitationAnswer(single({ type: "string" }), "  blue  ")).toEqual(accept({ value: "blue" }));
    expect(readElicitationAnswer(single({ type: "number" }), "2.5")).toEqual(accept({ value: 2.5 }));
    expect(readElicitationAnswer(single({ type: "boolean" }), "Yes")).toEqual(accept({ value: true }));
    expect(
      readElicitationAnswer(
        single({ type: "string", enum: ["pet-1", "pet-2"], enumNames: ["Cats", "Dogs"] }),
        "dogs",
      ),
    ).toEqual(accept({ value: "pet-2" }));
    expect(
      readElicitationAnswer(
        single({
          type: "array",
          items: {
            anyOf: [
              { const: "x", title: "Ex" },
              { const: "y", title: "Why" },
            ],
          },
        }),
        "why, x",
      ),
    ).toEqual(accept({ value: ["y", "x"] }));
  });

  it("says why a single value does not fit", () => {
    expect(readElicitationAnswer(single({ type: "integer", maximum: 10 }), "11")).toEqual({
      problem: "expected at most 10.",
    });
    expect(readElicitationAnswer(single({ type: "integer" }), "1.5")).toEqual({
      problem: "expected a whole number.",
    });
    expect(readElicitationAnswer(single({ type: "boolean" }), "maybe")).toEqual({
      problem: "expected yes or no.",
    });
    expect(readElicitationAnswer(single({ type: "string", format: "email" }), "nope")).toEqual({
      problem: "expected an email address.",
    });
  });

  it("reads several fields from a JSON object, with defaults for the ones left out", () => {
    expect(
      readElicitationAnswer(profile, '{"name": "Ada", "age": "36", "colour": "Green", "tags": ["a"]}'),
    ).toEqual({
      result: {
        action: "accept",
        content: { name: "Ada", age: 36, subscribe: false, colour: "g", tags: ["a"] },
      },
    });
  });

  it("refuses JSON that does not fit: not an object, unknown or missing fields, bad values", () => {
    expect(readElicitationAnswer(profile, "Ada")).toEqual({
      problem: 'it is not a JSON object (for example {"field": "value"}).',
    });
    expect(readElicitationAnswer(profile, '{"name": "Ada", "shoe": 1}')).toEqual({
      problem: 'there is no field "shoe".',
    });
    expect(readElicitationAnswer(profile, '{"age": 3}')).toEqual({
      problem: 'the field "name" is required.',
    });
    expect(readElicitationAnswer(profile, '{"name": "Ada", "tags": ["a", "b", "c"]}')).toEqual({
      problem: '"tags": choose at most 2.',
    });
  });
});

describe("asking a person for an elicitation", () => {
  const params: ElicitRequestFormParams = { message: "Tell me about you", requestedSchema: profile };

  it("shows the server's message, the fields and the rules", () => {
    const question = elicitationQuestion("crm", params);
    expect(question.prompt).toBe('The MCP server "crm" asks: Tell me about you');
    expect(question.description).toContain("- name (text, required)");
    expect(question.description).toContain("- age (a whole number from 0 to 150)");
    expect(question.description).toContain("- colour (one of r (Red), g (Green))");
    expect(question.description).toContain("Leave the answer empty to decline, or answer /cancel to cancel.");
  });

  it("asks again with the reason, then declines after the last attempt", async () => {
    const asked: string[] = [];
    const result = await elicitFromPerson("crm", params, (question) => {
      asked.push(question.description ?? "");
      return Promise.resolve("not json");
    });
    expect(result).toEqual({ action: "decline" });
    expect(asked).toHaveLength(MAX_ELICITATION_ATTEMPTS);
    expect(asked[1]).toMatch(
      /^Your answer could not be used: it is not a JSON object .*\(question 2 of 3\)\./,
    );
  });

  it("accepts once an answer fits", async () => {
    const answers = ["{}", '{"name": "Ada"}'];
    const result = await elicitFromPerson("crm", params, () => Promise.resolve(answers.shift() ?? ""));
    expect(result).toEqual({ action: "accept", content: { name: "Ada", subscribe: false } });
  });

  it("declines URL-mode requests without asking", async () => {
    const result = await elicitFromPerson(
      "crm",
      { mode: "url", message: "Sign in", url: "https://example.com/", elicitationId: "e1" },
      () => Promise.reject(new Error("must not ask")),
    );
    expect(result).toEqual({ action: "decline" });
  });
});
