import { describe, expect, it } from "vitest";
import type { EngineEvent } from "@/server/events/schema";
import { coalesceDeltas } from "@/server/runs/event-log";

const delta = (stepId: string, text: string, turn?: number): EngineEvent => ({
  type: "step-delta",
  stepId,
  text,
  turn,
});
const at = (event: EngineEvent) => ({ event, ts: "2026-01-01T00:00:00.000Z" });

describe("coalesceDeltas", () => {
  it("joins adjacent deltas of one model call and keeps everything else in order", () => {
    const joined = coalesceDeltas([
      at(delta("s1", "Hel", 1)),
      at(delta("s1", "lo", 1)),
      at(delta("s2", "other", 1)),
      at(delta("s1", " again", 1)),
      at(delta("s1", "new call", 2)),
      at({
        type: "step-end",
        stepId: "s1",
        output: "new call",
        usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0, modelCalls: 1 },
        durationMs: 1,
      }),
      at(delta("s1", "late", 2)),
    ]).map((item) => item.event);
    expect(joined).toEqual([
      delta("s1", "Hello", 1),
      delta("s2", "other", 1),
      delta("s1", " again", 1),
      delta("s1", "new call", 2),
      expect.objectContaining({ type: "step-end" }),
      delta("s1", "late", 2),
    ]);
  });
});
