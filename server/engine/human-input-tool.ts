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

/** The `__human_input` tool: asks a person with the prompt the model wrote and returns the answer. */
export async function askHuman(args: unknown, scope: ExecutionScope): Promise<ToolCallOutcome> {
  const fields = typeof args === "object" && args !== null ? (args as Record<string, unknown>) : {};
  const text = (key: string) =>
    typeof fields[key] === "string" && fields[key] !== "" ? fields[key] : undefined;
  const prompt = text("prompt") ?? text("message") ?? text("title") ?? DEFAULT_PROMPT;
  const description = text("description");
  const response = await askPerson(scope, { prompt, ...(description === undefined ? {} : { description }) });
  return { content: [{ type: "text", text: response }], isError: false };
}

/**
 * Pauses the step until a person answers (the page or the API): `input-request`, the answer,
 * `input-response`. A cancel ends the wait at once. (MCP elicitation asks through here too.)
 */
export async function askPerson(
  scope: ExecutionScope,
  question: { prompt: string; description?: string },
): Promise<string> {
  const { prompt, description } = question;
  const stepId = scope.step.id;
  const requestId = scope.engine.newId();
  const detail = description === undefined ? {} : { description };
  scope.emit({ type: "input-request", stepId, requestId, prompt, ...detail });
  const response = await abortable(
    scope.engine.humanInput({ stepId, requestId, prompt, ...detail }),
    scope.engine.signal,
  );
  scope.emit({ type: "input-response", stepId, requestId, response });
  return response;
}
