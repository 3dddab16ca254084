import type { NodeOfType } from "@/server/designs/graph-schema";
import { settleAll } from "@/server/engine/settle-all";
import { EngineError } from "@/server/engine/engine-error";
import type { ExecutionScope } from "@/server/engine/execution-scope";
import { assistantMessage, messageText, type Message, userMessage } from "@/server/engine/messages";

export const PARALLEL_REQUEST_SENTENCE = "The following request was sent to the agents:";

/**
 * Parallel (semantics.md): every fan-out child gets the same messages, concurrently; the fan-in
 * child gets one message with the request and all responses in fast-agent tags. Without a fan-in
 * child that text is the answer.
 */
export async function runParallel(
  node: NodeOfType<"parallel">,
  messages: readonly Message[],
  scope: ExecutionScope,
): Promise<Message> {
  const fanOut = scope.graph.childrenOf(node, "fan_out");
  if (fanOut.length === 0) throw new EngineError(`Parallel "${node.data.name}" has no fan-out agents.`);
  const [fanIn] = scope.graph.childrenOf(node, "fan_in");

  const responses = await settleAll(
    fanOut.map((child) => scope.runChild(child, messages, { label: "fan-out" })),
  );

  const parts: string[] = [];
  const last = messages.at(-1);
  const request = last === undefined ? "" : messageText(last);
  if ((node.data.includeRequest ?? true) && request !== "") {
    parts.push(PARALLEL_REQUEST_SENTENCE, `<fastagent:request>\n${request}\n</fastagent:request>`);
  }
  fanOut.forEach((child, index) => {
    const response = responses[index];
    const text = response === undefined ? "" : messageText(response);
    parts.push(`<fastagent:response agent="${child.data.name}">\n${text}\n</fastagent:response>`);
  });
  const aggregated = parts.join("\n\n");

  if (fanIn === undefined) return assistantMessage(aggregated);
  return scope.runChild(fanIn, [userMessage(aggregated)], { label: "fan-in", structured: scope.structured });
}
