import { describe, expect, it } from "vitest";
import { createOfflineModel } from "./create-offline-model";
import { assistant, generate, user } from "./offline-test-kit";

describe("playback", () => {
  it("loads the first call's messages, plays back the assistant messages, then counts the overage", async () => {
    const model = createOfflineModel("playback");
    const script = [user("q1"), assistant("a1"), user("q2"), assistant("a2")];
    expect((await generate(model, script)).text).toBe("HISTORY LOADED (4) messages");
    expect((await generate(model, [user("anything")])).text).toBe("a1");
    expect((await generate(model, [user("anything")])).text).toBe("a2");
    expect((await generate(model, [user("anything")])).text).toBe(
      "MESSAGES EXHAUSTED (list size 4) (0 overage)",
    );
    expect((await generate(model, [user("anything")])).text).toBe(
      "MESSAGES EXHAUSTED (list size 4) (1 overage)",
    );
  });

  it("reports usage like the other offline models", async () => {
    const model = createOfflineModel("playback");
    const loaded = await generate(model, [user("abcd")]);
    expect(loaded.usage.inputTokens.total).toBe(1);
    expect(loaded.usage.outputTokens.total).toBe(7); // "HISTORY LOADED (1) messages"
  });
});
