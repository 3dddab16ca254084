import { abortable } from "@/server/engine/abort";
import type { ToolCallOutcome, ToolDefinition } from "@/server/engine/context";
import type { ExecutionScope } from "@/server/engine/execution-scope";

/** fast-agent's name for the tool that asks a person (HUMAN_INPUT_TOOL_NAME). */
export const HUMAN_INPUT_TOOL_NAME = "__human_input";

export const HUMAN_INPUT_TOOL: ToolDefinition = {
  name: HUMAN_INPUT_TOOL_NAME,
  description: "Request input from a human user. Pauses the workflow until input is received.",
  inputSchema: {
    type: "object",
    properties: {
      prompt: { type: "string", description: "The prompt to show to the human" },
      description: { type: "string", description: "Optional description of what the input is for" },
    },
    required: ["prompt"],
  },
};

const DEFAULT_PROMPT = "Please provide input:";

/**
 * Pauses the step until a person answers (the page or the API): `input-request`, the answer,
 * `input-response`. A cancel ends the wait at once.
 */
export async function askHuman(args: unknown, scope: ExecutionScope): Promise<ToolCallOutcome> {
  const fields = typeof args === "object" && args !== null ? (args as Record<string, unknown>) : {};
  const text = (key: string) =>
    typeof fields[key] === "string" && fields[key] !== "" ? fields[key] : undefined;
  const prompt = text("prompt") ?? text("message") ?? text("title") ?? DEFAULT_PROMPT;
  const description = text("description");
  const stepId = scope.step.id;
  const requestId = scope.engine.newId();
  scope.emit({
    type: "input-request",
    stepId,
    requestId,
    prompt,
    ...(description === undefined ? {} : { description }),
  });
  const response = await abortable(
    scope.engine.humanInput({
      stepId,
      requestId,
      prompt,
      ...(description === undefined ? {} : { description }),
    }),
    scope.engine.signal,
  );
  scope.emit({ type: "input-response", stepId, requestId, response });
  return { content: [{ type: "text", text: response }], isError: false };
}
