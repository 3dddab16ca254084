import type { LanguageModelV3Prompt } from "@ai-sdk/provider";
import { type OfflineReply, textReply } from "./offline-reply";
import { allTextOf, conversationOf } from "./prompt-reading";

/** What a playback model remembers (fast-agent's PlaybackLLM): the script and where it is. */
export type PlaybackState = {
  /** Roles and texts of the messages given on the first call; undefined until then. */
  script: { role: string; text: string }[] | undefined;
  /** Next message of the script to look at. */
  position: number;
  /** Calls answered after the script ran out, minus one (the first overage is 0). */
  overage: number;
};

export function createPlaybackState(): PlaybackState {
  return { script: undefined, position: 0, overage: -1 };
}

/**
 * The first call stores the conversation as a script and answers `HISTORY LOADED (<n>) messages`;
 * later calls play the stored assistant messages back in order, then report exhaustion.
 */
export function playbackReply(prompt: LanguageModelV3Prompt, state: PlaybackState): OfflineReply {
  if (state.script === undefined) {
    state.script = conversationOf(prompt).map((message) => ({
      role: message.role,
      text: allTextOf(message),
    }));
    state.position = 0;
    return textReply(`HISTORY LOADED (${state.script.length}) messages`);
  }
  while (state.position < state.script.length) {
    const message = state.script[state.position];
    state.position += 1;
    if (message?.role === "assistant") return textReply(message.text);
  }
  state.overage += 1;
  return textReply(`MESSAGES EXHAUSTED (list size ${state.script.length}) (${state.overage} overage)`);
}
