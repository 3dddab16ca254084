import type { Message } from "@/server/engine/messages";

/**
 * The conversations agents keep with `useHistory` (semantics.md, "Basic agent"), by agent name.
 * One memory per run; a chat service preloads it with the session's earlier turns and saves its
 * snapshot after the turn. Agents that must start fresh (agents used as tools, MAKER samples) get
 * a new, empty memory for that call only.
 */
export interface AgentMemory {
  /** The agent's conversation so far (empty when it has none). */
  historyOf(agentName: string): readonly Message[];
  /** Adds one finished exchange (its input and every message produced) to the agent's history. */
  remember(agentName: string, messages: readonly Message[]): void;
  /** Every agent's conversation, to persist (e.g. a chat session after a turn). */
  snapshot(): Record<string, Message[]>;
}

export function createAgentMemory(initial: Record<string, readonly Message[]> = {}): AgentMemory {
  const conversations = new Map<string, Message[]>(
    Object.entries(initial).map(([agent, messages]) => [agent, [...messages]]),
  );
  return {
    historyOf: (agentName) => conversations.get(agentName) ?? [],
    remember(agentName, messages) {
      // Appending (not replacing) keeps both turns when a shared agent runs twice concurrently.
      const conversation = conversations.get(agentName) ?? [];
      conversation.push(...messages);
      conversations.set(agentName, conversation);
    },
    snapshot: () => Object.fromEntries([...conversations].map(([agent, messages]) => [agent, [...messages]])),
  };
}
