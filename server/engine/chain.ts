import type { GraphNode, NodeOfType } from "@/server/designs/graph-schema";
import { EngineError } from "@/server/engine/engine-error";
import type { ExecutionScope } from "@/server/engine/execution-scope";
import { assistantMessage, messageText, type Message, userMessage } from "@/server/engine/messages";

/**
 * Chain (semantics.md). Plain: each step gets the previous response as one user message and the
 * chain answers with the last response. Cumulative: each step gets the run's messages plus every
 * earlier response, and the chain answers with the request and all responses in fast-agent tags.
 */
export async function runChain(
  node: NodeOfType<"chain">,
  messages: readonly Message[],
  scope: ExecutionScope,
): Promise<Message> {
  const steps = scope.graph.childrenOf(node, "step");
  if (steps.length === 0) throw new EngineError(`Chain "${node.data.name}" has no steps.`);
  return node.data.cumulative === true
    ? runCumulative(steps, messages, scope)
    : runSequential(steps, messages, scope);
}

async function runSequential(
  steps: readonly GraphNode[],
  messages: readonly Message[],
  scope: ExecutionScope,
): Promise<Message> {
  let input: readonly Message[] = messages;
  let response: Message | undefined;
  for (const [index, step] of steps.entries()) {
    const isLast = index === steps.length - 1;
    response = await scope.runChild(step, input, {
      label: `step ${index + 1}`,
      structured: isLast ? scope.structured : undefined,
    });
    input = [{ role: "user", content: response.content }];
  }
  if (response === undefined) throw new EngineError("A chain ran no steps.");
  return response;
}

async function runCumulative(
  steps: readonly GraphNode[],
  messages: readonly Message[],
  scope: ExecutionScope,
): Promise<Message> {
  const request = messages.at(-1);
  const requestText = (request === undefined ? "" : messageText(request)) || "<no response>";
  const parts = [`<fastagent:request>${requestText}</fastagent:request>`];
  const responses: Message[] = [];
  for (const [index, step] of steps.entries()) {
    const input = [...messages, ...responses.map((response) => userMessage(messageText(response)))];
    const response = await scope.runChild(step, input, { label: `step ${index + 1}` });
    responses.push(response);
    parts.push(`<fastagent:response agent='${step.data.name}'>${messageText(response)}</fastagent:response>`);
  }
  return assistantMessage(parts.join("\n\n"));
}
