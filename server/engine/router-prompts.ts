import type { JSONSchema7 } from "@ai-sdk/provider";
import { z } from "zod";
import type { AgentCard } from "@/server/engine/agent-cards";
import { fillTemplate, pythonCompactJson } from "@/server/engine/prompt-templates";
import type { StructuredRequest } from "@/server/engine/structured-output";

/** fast-agent's router texts (agents/workflow/router_agent.py), verbatim. */
export const ROUTING_SYSTEM_INSTRUCTION = [
  "",
  "You are a highly accurate request router that directs incoming requests to the most appropriate agent.",
  "Analyze each request and determine which specialized agent would be best suited to handle it based on their capabilities.",
  "",
  "Follow these guidelines:",
  "- Carefully match the request's needs with each agent's capabilities and description",
  "- Select the single most appropriate agent for the request",
  "- Provide your confidence level (high, medium, low) and brief reasoning for your selection",
  "",
].join("\n");

export const ROUTING_AGENT_INSTRUCTION = [
  "",
  "Select from the following agents to handle the request:",
  "<fastagent:agents>",
  "[",
  "{context}",
  "]",
  "</fastagent:agents>",
  "",
  "You must respond with the 'name' of one of the agents listed above.",
  "",
  "",
].join("\n");

export const NO_ROUTING_RESPONSE = "No routing response received from LLM";

export function unknownRouteMessage(agent: string): string {
  return `A response was received, but the agent ${agent} was not known to the Router`;
}

/** One agent as the router lists it: compact JSON, empty fields left out (fast-agent's card summary). */
function routingEntry(card: AgentCard): string {
  const summary: Record<string, unknown> = { name: card.name };
  if (card.description) summary.description = card.description;
  if (card.skills.length > 0) {
    summary.skills = card.skills.map((skill) => ({
      id: skill.id,
      name: skill.name,
      ...(skill.description === "" ? {} : { description: skill.description }),
      tags: ["tool"],
    }));
  }
  return pythonCompactJson(summary);
}

/**
 * The router's system prompt: the routing instruction, then the agent list. A custom
 * `instruction` with a `{context}` placeholder replaces fast-agent's list template; one without
 * it is added after the default template, so it is never silently dropped.
 */
export function routingSystemPrompt(cards: readonly AgentCard[], instruction: string | undefined): string {
  const context = cards.map(routingEntry).join(",\n");
  const custom = instruction !== undefined && instruction.trim() !== "" ? instruction : undefined;
  const template = custom?.includes("{context}") ? custom : ROUTING_AGENT_INSTRUCTION;
  let routing = fillTemplate(template, { context });
  if (custom !== undefined && template !== custom) routing += custom;
  return `${ROUTING_SYSTEM_INSTRUCTION}\n\n${routing}`;
}

export const ROUTING_CONFIDENCES = ["high", "medium", "low"] as const;

/** The routing answer as fast-agent's RoutingResponse validates it (confidence: any text). */
export const routingResponseSchema = z.object({
  agent: z.string(),
  confidence: z.string(),
  reasoning: z.string().nullish(),
});

const ROUTING_JSON_SCHEMA: JSONSchema7 = {
  type: "object",
  properties: {
    agent: { type: "string", description: "The name of the agent to route the request to" },
    confidence: { type: "string", enum: [...ROUTING_CONFIDENCES] },
    reasoning: { type: "string", description: "Brief reasoning for the choice" },
  },
  required: ["agent", "confidence", "reasoning"],
  additionalProperties: false,
};

export const ROUTING_RESPONSE: StructuredRequest = { name: "RoutingResponse", schema: ROUTING_JSON_SCHEMA };
