import type { NodeOfType } from "@/server/designs/graph-schema";
import { agentCardOf } from "@/server/engine/agent-cards";
import type { ExecutionScope } from "@/server/engine/execution-scope";
import { assistantMessage, messageText, type Message } from "@/server/engine/messages";
import {
  NO_ROUTING_RESPONSE,
  ROUTING_CONFIDENCES,
  ROUTING_RESPONSE,
  routingResponseSchema,
  routingSystemPrompt,
  unknownRouteMessage,
} from "@/server/engine/router-prompts";
import { EngineError } from "@/server/engine/engine-error";
import { parseStructured } from "@/server/engine/structured-output";

type Confidence = (typeof ROUTING_CONFIDENCES)[number];

/**
 * Router (semantics.md): one child is chosen without a model call; otherwise one structured call
 * on the last message picks the child, which gets the full messages. An unparsable answer or an
 * unknown name is the router's answer, not a failure.
 */
export async function runRouter(
  node: NodeOfType<"router">,
  messages: readonly Message[],
  scope: ExecutionScope,
): Promise<Message> {
  const routes = scope.graph.childrenOf(node, "route");
  const [onlyRoute] = routes;
  if (onlyRoute === undefined) throw new EngineError(`Router "${node.data.name}" has no agents to route to.`);
  const last = messages.at(-1);
  if (last === undefined) throw new EngineError(`Router "${node.data.name}" got no message to route.`);

  if (routes.length === 1) {
    decide(scope, onlyRoute.data.name, "high", "Only one agent available");
    return scope.runChild(onlyRoute, messages, { label: "route", structured: scope.structured });
  }

  const cards = await Promise.all(routes.map((route) => agentCardOf(route, scope)));
  const useHistory = node.data.useHistory ?? false;
  const prior = useHistory ? scope.memory.historyOf(node.data.name) : [];
  const answer = await scope.callModel({
    node,
    system: routingSystemPrompt(cards, node.data.instruction),
    messages: [...prior, last],
    structured: ROUTING_RESPONSE,
  });
  if (useHistory) scope.memory.remember(node.data.name, [last, answer]);

  const route = parseStructured(messageText(answer), routingResponseSchema);
  if (route === undefined) {
    scope.emit({
      type: "route-decision",
      stepId: scope.step.id,
      agent: null,
      confidence: null,
      reasoning: null,
    });
    return assistantMessage(NO_ROUTING_RESPONSE);
  }
  const confidence =
    ROUTING_CONFIDENCES.find((level) => level === route.confidence.trim().toLowerCase()) ?? null;
  decide(scope, route.agent, confidence, route.reasoning ?? null);
  const chosen = routes.find((candidate) => candidate.data.name === route.agent);
  if (chosen === undefined) return assistantMessage(unknownRouteMessage(route.agent));
  return scope.runChild(chosen, messages, { label: "route", structured: scope.structured });
}

function decide(
  scope: ExecutionScope,
  agent: string,
  confidence: Confidence | null,
  reasoning: string | null,
): void {
  scope.emit({ type: "route-decision", stepId: scope.step.id, agent, confidence, reasoning });
}
