import { createPassthroughState, type PassthroughState } from "./passthrough-rules";
import { createPlaybackState, type PlaybackState } from "./playback-rules";
import type { ScriptedState } from "./scripted-replies";

/**
 * Everything an offline model remembers for one agent. Created per agent (and per run, unless a
 * chat service chooses to keep it across turns), so one agent's `***FIXED_RESPONSE` or playback
 * script never affects another.
 */
export type OfflineModelState = {
  passthrough: PassthroughState;
  playback: PlaybackState;
  /** Undefined until a scripted model is created with this state. */
  scripted: ScriptedState | undefined;
};

export function createOfflineModelState(): OfflineModelState {
  return { passthrough: createPassthroughState(), playback: createPlaybackState(), scripted: undefined };
}
