import { z } from "zod";
import { NODE_TYPES } from "@/server/designs/graph-schema";
import { messageSchema } from "@/server/engine/messages";

/**
 * The run event union of semantics.md ("Run lifecycle and events"): one schema, shared by the
 * engine (which emits), persistence, the SSE stream and the page (which renders). Every event has
 * runId, seq (1, 2, 3, ... without gaps), ts and type; step events have stepId and parentStepId.
 */

export const usageSchema = z.object({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  totalTokens: z.number().int().nonnegative(),
  modelCalls: z.number().int().nonnegative(),
});
export type Usage = z.infer<typeof usageSchema>;
export const ZERO_USAGE: Usage = { inputTokens: 0, outputTokens: 0, totalTokens: 0, modelCalls: 0 };

export const RUN_STATUSES = [
  "queued",
  "running",
  "waiting_for_input",
  "succeeded",
  "failed",
  "cancelled",
  "interrupted",
] as const;
export const runStatusSchema = z.enum(RUN_STATUSES);
export type RunStatus = z.infer<typeof runStatusSchema>;
export const FINAL_STATUSES: ReadonlySet<RunStatus> = new Set([
  "succeeded",
  "failed",
  "cancelled",
  "interrupted",
]);

const step = { stepId: z.string(), parentStepId: z.string().nullable() };
const stepRef = { stepId: z.string() };

/**
 * What a tool result holds besides its text (`content`), for the page: images and resources.
 * Image data is carried only up to MAX_EVENT_IMAGE_BASE64 characters (larger images keep their
 * type and size; the model still received them whole); a resource's text is already part of
 * `content`, so only its address and type are repeated here.
 */
export const MAX_EVENT_IMAGE_BASE64 = 256 * 1024;
export const toolResultPartSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("image"),
    mimeType: z.string(),
    /** Base64, absent when the image was larger than MAX_EVENT_IMAGE_BASE64. */
    data: z.string().max(MAX_EVENT_IMAGE_BASE64).optional(),
    /** Decoded size. */
    bytes: z.number().int().nonnegative(),
  }),
  z.object({ type: z.literal("resource"), uri: z.string(), mimeType: z.string().optional() }),
]);
export type ToolResultPart = z.infer<typeof toolResultPartSchema>;

/** Event bodies as the engine emits them (no runId, seq or ts yet). */
export const engineEventSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("run-start"),
    agent: z.string(),
    input: z.array(messageSchema),
    designId: z.string().nullable(),
  }),
  z.object({
    type: z.literal("run-end"),
    status: z.enum(["succeeded", "failed", "cancelled", "interrupted"]),
    output: z.string().nullable(),
    error: z.string().optional(),
    usage: usageSchema,
  }),
  z.object({
    type: z.literal("step-start"),
    ...step,
    agent: z.string(),
    nodeId: z.string(),
    kind: z.enum(NODE_TYPES),
    /** What this step is within its parent: "step 2", "round 1 generator", "task 3"... */
    label: z.string().optional(),
  }),
  z.object({
    type: z.literal("step-delta"),
    ...stepRef,
    text: z.string(),
    /**
     * Which model call of the step streamed this text (1, 2, ...). An agent that uses tools calls
     * its model several times and answers with the last call's text, so its output is the text
     * of its last turn; steps with a single model call have only turn 1.
     */
    turn: z.number().int().positive().optional(),
  }),
  z.object({
    type: z.literal("step-end"),
    ...stepRef,
    output: z.string(),
    usage: usageSchema,
    durationMs: z.number().nonnegative(),
    stopReason: z.string().optional(),
  }),
  z.object({ type: z.literal("step-error"), ...stepRef, error: z.string() }),
  z.object({
    type: z.literal("tool-call"),
    ...stepRef,
    callId: z.string(),
    tool: z.string(),
    arguments: z.unknown(),
  }),
  z.object({
    type: z.literal("tool-result"),
    ...stepRef,
    callId: z.string(),
    tool: z.string(),
    content: z.string(),
    isError: z.boolean(),
    /** Images and resources of the result (absent when it was text only). */
    parts: z.array(toolResultPartSchema).optional(),
  }),
  z.object({
    /** `notifications/progress` from an MCP server during a tool call. */
    type: z.literal("tool-progress"),
    ...stepRef,
    callId: z.string(),
    progress: z.number(),
    total: z.number().optional(),
    message: z.string().optional(),
  }),
  z.object({
    type: z.literal("route-decision"),
    ...stepRef,
    agent: z.string().nullable(),
    confidence: z.enum(["high", "medium", "low"]).nullable(),
    reasoning: z.string().nullable(),
  }),
  z.object({
    type: z.literal("evaluation"),
    ...stepRef,
    iteration: z.number().int().nonnegative(),
    rating: z.enum(["POOR", "FAIR", "GOOD", "EXCELLENT"]),
    feedback: z.string(),
    needsImprovement: z.boolean(),
    focusAreas: z.array(z.string()),
  }),
  z.object({
    type: z.literal("plan"),
    ...stepRef,
    iteration: z.number().int().nonnegative(),
    description: z.string(),
    tasks: z.array(z.object({ description: z.string(), agent: z.string() })),
    isComplete: z.boolean(),
  }),
  z.object({
    type: z.literal("vote"),
    ...stepRef,
    sample: z.number().int().positive(),
    /** The sample's key as voted on (normalised or canonical JSON), or null when red-flagged. */
    key: z.string().nullable(),
    votes: z.record(z.string(), z.number().int()),
  }),
  z.object({
    type: z.literal("input-request"),
    ...stepRef,
    requestId: z.string(),
    prompt: z.string(),
    description: z.string().optional(),
  }),
  z.object({ type: z.literal("input-response"), ...stepRef, requestId: z.string(), response: z.string() }),
  z.object({
    type: z.literal("log"),
    stepId: z.string().optional(),
    level: z.enum(["info", "warn", "error"]),
    message: z.string(),
  }),
]);
export type EngineEvent = z.infer<typeof engineEventSchema>;
export type EventType = EngineEvent["type"];

const envelope = z.object({ runId: z.string(), seq: z.number().int().positive(), ts: z.string() });

/** A stored (and streamed) event: an engine event plus its place in the run's log. */
export const runEventSchema = z.intersection(envelope, engineEventSchema);
export type RunEvent = EngineEvent & z.infer<typeof envelope>;
