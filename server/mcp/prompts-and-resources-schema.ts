import { z } from "zod";
import type { McpFailureKind } from "@/server/mcp/connection";
import { mcpServerNameParamSchema } from "@/server/mcp/registry/registry-schemas";

/**
 * Inputs, limits and answers of "get an MCP prompt" and "read an MCP resource", shared by the
 * tRPC router and the editor (no "server-only": the page checks sizes with the same numbers).
 */

/**
 * What the resources attached to one run's input may add up to, as UTF-8. The run input as a whole
 * is limited to 256 KiB of JSON (MAX_RUN_INPUT_BYTES); this leaves room for the typed text and for
 * JSON escaping (every new line of a document costs two bytes there).
 */
export const MAX_ATTACHED_RESOURCE_BYTES = 192 * 1024;

/** A prompt applied as an instruction must fit the graph's string limit (graph-format.md). */
export const MAX_PROMPT_TEXT_CHARACTERS = 100_000;

/** Prompt arguments are strings in MCP; these bounds only keep requests small. */
const promptArgumentsSchema = z
  .record(z.string().min(1).max(200), z.string().max(10_000))
  .refine((value) => Object.keys(value).length <= 50, "at most 50 arguments");

export const mcpGetPromptInput = z.strictObject({
  /** The registry name of the server. */
  name: mcpServerNameParamSchema,
  prompt: z.string().min(1).max(500),
  arguments: promptArgumentsSchema.default({}),
});
export type McpGetPromptInput = z.input<typeof mcpGetPromptInput>;

export const mcpReadResourceInput = z.strictObject({
  name: mcpServerNameParamSchema,
  uri: z.string().min(1).max(4096),
});
export type McpReadResourceInput = z.infer<typeof mcpReadResourceInput>;

/**
 * Why getting a prompt or reading a resource gave nothing usable: the connection's failure kinds,
 * plus `refused` (the server answered with an error, e.g. a missing argument or an unknown URI),
 * `binary` (a resource that is not text) and `too_large`.
 */
export type McpActionFailure = {
  kind: McpFailureKind | "refused" | "binary" | "too_large";
  message: string;
};

export type McpPromptMessageText = { role: "user" | "assistant"; text: string };

export type McpPromptResult =
  | {
      ok: true;
      prompt: string;
      description?: string;
      /** Each message's text parts (and embedded text resources), joined by new lines. */
      messages: McpPromptMessageText[];
      /** The messages' texts joined by a blank line: what "Apply" puts in the instruction. */
      text: string;
      /** Parts that have no text and were left out, in words ("an image in message 2"). */
      omitted: string[];
    }
  | { ok: false; error: McpActionFailure };

/** One text content of a read resource, shaped as the run input's resource part wants it. */
export type McpResourceText = { uri: string; text: string; mediaType?: string };

export type McpResourceResult =
  | {
      ok: true;
      uri: string;
      contents: McpResourceText[];
      /** The UTF-8 size of all the texts. */
      bytes: number;
    }
  | { ok: false; error: McpActionFailure };
