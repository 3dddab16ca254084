import type { JSONSchema7 } from "@ai-sdk/provider";
import { z } from "zod";
import { MIN_RATINGS, type Rating } from "@/server/designs/graph-schema";
import type { StructuredRequest } from "@/server/engine/structured-output";

/** fast-agent's evaluator-optimizer texts (agents/workflow/evaluator_optimizer.py), verbatim. */

/** POOR < FAIR < GOOD < EXCELLENT. */
export const RATING_VALUES: Readonly<Record<Rating, number>> = { POOR: 0, FAIR: 1, GOOD: 2, EXCELLENT: 3 };

export const evaluationSchema = z.object({
  rating: z.enum(MIN_RATINGS),
  feedback: z.string(),
  needs_improvement: z.boolean(),
  focus_areas: z.array(z.string()).default([]),
});
export type Evaluation = z.infer<typeof evaluationSchema>;

/** What an evaluation that does not parse counts as. */
export const UNPARSABLE_EVALUATION: Evaluation = {
  rating: "POOR",
  feedback: "Failed to parse evaluation",
  needs_improvement: true,
  focus_areas: ["Improve overall quality"],
};

const EVALUATION_JSON_SCHEMA: JSONSchema7 = {
  type: "object",
  properties: {
    rating: {
      type: "string",
      enum: ["POOR", "FAIR", "GOOD", "EXCELLENT"],
      description: "Quality rating of the response",
    },
    feedback: { type: "string", description: "Specific feedback and suggestions for improvement" },
    needs_improvement: { type: "boolean", description: "Whether the output needs further improvement" },
    focus_areas: {
      type: "array",
      items: { type: "string" },
      description: "Specific areas to focus on in next iteration",
    },
  },
  required: ["rating", "feedback", "needs_improvement", "focus_areas"],
  additionalProperties: false,
};

export const EVALUATION_RESULT: StructuredRequest = {
  name: "EvaluationResult",
  schema: EVALUATION_JSON_SCHEMA,
};

const DEFAULT_EVALUATOR_INSTRUCTION = "You are an expert evaluator for content quality.";

export function evaluationPrompt(options: {
  refinementInstruction: string | undefined;
  request: string;
  response: string;
  iteration: number;
}): string {
  return [
    "",
    options.refinementInstruction || DEFAULT_EVALUATOR_INSTRUCTION,
    "Your task is to evaluate a response against the user's original request.",
    `Evaluate the response for iteration ${options.iteration + 1} and provide feedback on its quality and areas for improvement.`,
    "",
    "```",
    "<fastagent:data>",
    "    <fastagent:request>",
    options.request,
    "    </fastagent:request>",
    "",
    "    <fastagent:response>",
    options.response,
    "    </fastagent:response>",
    "</fastagent:data>",
    "",
    "```",
    "",
    "",
  ].join("\n");
}

export function refinementPrompt(options: {
  refinementInstruction: string | undefined;
  request: string;
  response: string;
  evaluation: Evaluation;
  iteration: number;
}): string {
  const { evaluation } = options;
  const focusAreas =
    evaluation.focus_areas.length > 0
      ? evaluation.focus_areas.map((area) => `      * ${area}`).join("\n")
      : "None specified";
  return [
    "",
    "You are tasked with improving your previous response.",
    options.refinementInstruction || DEFAULT_EVALUATOR_INSTRUCTION,
    `This is iteration ${options.iteration + 1} of the refinement process.`,
    "",
    "Your goal is to address all feedback points while maintaining accuracy and relevance to the original request.",
    "",
    "```",
    "",
    "<fastagent:feedback>",
    "    <request>",
    options.request,
    "    </request>",
    "    <previous-response>",
    options.response,
    "    </previous-response>",
    `    <rating>${evaluation.rating}</rating>`,
    `    <details>${evaluation.feedback}</details>`,
    "    <focus-areas>",
    focusAreas,
    "    </focus-areas>",
    "</fastagent:feedback>",
    "",
    "<fastagent:instruction>",
    "Create an improved version of the response that:",
    "1. Directly addresses each point in the feedback",
    "2. Focuses on the specific areas mentioned for improvement",
    "3. Maintains all the strengths of the original response",
    "4. Remains accurate and relevant to the original request",
    "",
    "Provide your complete improved response without explanations or commentary.",
    "</fastagent:instruction>",
    "",
    "```",
    "",
    "",
  ].join("\n");
}
