import type { JSONSchema7 } from "@ai-sdk/provider";
import type { z } from "zod";

/** A request for structured output: the JSON schema the answer must follow. */
export type StructuredRequest = {
  name: string;
  description?: string;
  schema: JSONSchema7;
};

/**
 * Parses a structured answer: the model's text as JSON (a whole-answer ```json fence is allowed,
 * as models add one), validated by `schema`. Undefined when it does not parse or validate.
 */
export function parseStructured<Output>(text: string, schema: z.ZodType<Output>): Output | undefined {
  let json: unknown;
  try {
    json = JSON.parse(withoutCodeFence(text.trim()));
  } catch {
    return undefined;
  }
  const result = schema.safeParse(json);
  return result.success ? result.data : undefined;
}

function withoutCodeFence(text: string): string {
  const fenced = /^```(?:json)?\s*\n([\s\S]*)\n```$/.exec(text);
  return fenced?.[1] ?? text;
}
