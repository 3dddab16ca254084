import { z } from "zod";
import { recordIdSchema } from "@/server/db/ids";
import { runInputSchema } from "@/server/engine/messages";
import { RUN_STATUSES, runStatusSchema } from "@/server/events/schema";

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

export const listRunsInput = z.strictObject({
  designId: recordIdSchema.optional(),
  chatId: recordIdSchema.optional(),
  status: z.array(runStatusSchema).max(RUN_STATUSES.length).optional(),
  /** The id of the last run of the previous page. */
  cursor: recordIdSchema.optional(),
  limit: z.int().min(1).max(100).default(25),
});
export type ListRunsInput = z.infer<typeof listRunsInput>;

export const shareRunInput = z.strictObject({
  /** Hours until the link stops working; none: until revoked. At most a year. */
  expiresInHours: z
    .number()
    .positive()
    .max(24 * 366)
    .optional(),
});
export type ShareRunInput = z.infer<typeof shareRunInput>;
