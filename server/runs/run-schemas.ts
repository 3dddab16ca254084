import { z } from "zod";
import { runInputSchema } from "@/server/engine/messages";

/** Inputs of the runs API, shared by tRPC and REST. */

/** A run's input (text or messages, as JSON) is at most this large. */
export const MAX_RUN_INPUT_BYTES = 256 * 1024;

export const startRunInput = z
  .strictObject({
    designId: z.string().max(100).optional(),
    graph: z.unknown().optional(),
    agent: z.string().min(1).max(64).optional(),
    input: runInputSchema,
    wait: z.boolean().optional(),
  })
  .refine((value) => (value.designId === undefined) !== (value.graph === undefined), {
    message: "Send either designId (a saved design) or graph (an unsaved one), not both.",
  });
export type StartRunInput = z.infer<typeof startRunInput>;

export const answerInputInput = z.strictObject({
  requestId: z.string().min(1).max(100),
  response: z.string().max(100_000),
});
export type AnswerInput = z.infer<typeof answerInputInput>;
