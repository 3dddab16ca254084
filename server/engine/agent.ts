import type { NodeOfType } from "@/server/designs/graph-schema";
import { assembleToolbox, runToolCalls } from "@/server/engine/agent-tools";
import type { ExecutionScope } from "@/server/engine/execution-scope";
import type { Message } from "@/server/engine/messages";

export const DEFAULT_MAX_ITERATIONS = 20;
export const MAX_ITERATIONS_STOP_REASON = "maxIterations";

/**
 * Basic agent (semantics.md): system prompt = instruction; with `useHistory` (the default) it
 * continues its conversation from earlier in the run. Tool loop: call the model; while it asks
 * for tools, run them and call again, at most `maxIterations` + 1 calls; the last answer then
 * stops with reason `maxIterations`.
 */
export async function runAgent(
  node: NodeOfType<"agent">,
  input: readonly Message[],
  scope: ExecutionScope,
): Promise<Message> {
  const { data } = node;
  const useHistory = data.useHistory ?? true;
  const maxIterations = data.requestParams?.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  const parallelToolCalls = data.requestParams?.parallelToolCalls ?? true;
  const toolbox = await assembleToolbox(node, scope);
  const history = useHistory ? scope.memory.historyOf(data.name) : [];

  // This call's messages: the input, then each answer and the tool results it asked for.
  const exchange: Message[] = [...input];
  for (let modelCalls = 1; ; modelCalls += 1) {
    const answer = await scope.callModel({
      node,
      system: data.instruction,
      messages: [...history, ...exchange],
      tools: toolbox.definitions,
      structured: scope.structured,
      streamToStep: true,
    });
    exchange.push(answer);
    const toolCalls = answer.toolCalls ?? [];
    if (toolCalls.length === 0 || modelCalls > maxIterations) {
      if (toolCalls.length > 0) answer.stopReason = MAX_ITERATIONS_STOP_REASON;
      if (useHistory) scope.memory.remember(data.name, exchange);
      return answer;
    }
    exchange.push(await runToolCalls(toolbox, toolCalls, parallelToolCalls, scope));
  }
}
