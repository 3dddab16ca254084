import { render, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { applyRunEvents, INITIAL_RUN_STATE, type RunState } from "@/components/runs/run-state";
import { StepDetail } from "@/components/runs/run-view/step-detail";
import { StepTree } from "@/components/runs/run-view/step-tree";
import type { EngineEvent, RunEvent } from "@/server/events/schema";

/** A 1×1 transparent PNG. */
const PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

function replay(events: EngineEvent[]): RunState {
  const stored: RunEvent[] = events.map((event, index) => ({
    ...event,
    runId: "r",
    seq: index + 1,
    ts: new Date(Date.UTC(2026, 0, 1, 0, 0, index)).toISOString(),
  }));
  return applyRunEvents(INITIAL_RUN_STATE, stored);
}

const started: EngineEvent[] = [
  { type: "run-start", agent: "helper", input: [], designId: null },
  { type: "step-start", stepId: "s", parentStepId: null, agent: "helper", nodeId: "a", kind: "agent" },
  { type: "tool-call", stepId: "s", callId: "c1", tool: "fixture__slow", arguments: { ms: 1000 } },
];

function renderStep(state: RunState) {
  const step = state.steps.s!;
  return render(
    <StepDetail state={state} step={step} waiting={false} nowMs={null} onSelect={() => undefined} />,
  );
}

describe("tool calls in the run view", () => {
  it("shows the latest progress of a running call as a bar and a counter, in the detail and the tree", () => {
    const state = replay([
      ...started,
      { type: "tool-progress", stepId: "s", callId: "c1", progress: 1, total: 4 },
      { type: "tool-progress", stepId: "s", callId: "c1", progress: 3, total: 4, message: "step 3" },
    ]);
    expect(state.steps.s?.toolCalls[0]?.progress).toEqual({ progress: 3, total: 4, message: "step 3" });
    const { container } = renderStep(state);
    const bar = within(container).getByRole("progressbar", { name: "Progress of fixture__slow" });
    expect(bar.getAttribute("value")).toBe("3");
    expect(bar.getAttribute("max")).toBe("4");
    expect(container.textContent).toContain("3 of 4 · step 3");

    const tree = render(
      <StepTree state={state} selectedStepId="s" waitingStepIds={new Set()} onSelect={() => undefined} />,
    );
    expect(tree.container.textContent).toContain("Tool fixture__slow (running, 3 of 4)");
  });

  it("counts progress without a total, and drops the bar once the result is in", () => {
    const running = replay([...started, { type: "tool-progress", stepId: "s", callId: "c1", progress: 7 }]);
    const { container, unmount } = renderStep(running);
    expect(within(container).queryByRole("progressbar")).toBeNull();
    expect(container.textContent).toContain("7 so far");
    unmount();

    const done = replay([
      ...started,
      { type: "tool-progress", stepId: "s", callId: "c1", progress: 7 },
      {
        type: "tool-result",
        stepId: "s",
        callId: "c1",
        tool: "fixture__slow",
        content: "waited",
        isError: false,
      },
    ]);
    expect(renderStep(done).container.textContent).not.toContain("7 so far");
  });

  it("shows result images from the event's own data, and resources by address", () => {
    const state = replay([
      ...started,
      {
        type: "tool-result",
        stepId: "s",
        callId: "c1",
        tool: "fixture__slow",
        content: "Here it is",
        isError: false,
        parts: [
          { type: "image", mimeType: "image/png", data: PIXEL, bytes: 68 },
          { type: "image", mimeType: "image/png", bytes: 900_000 },
          { type: "image", mimeType: "image/svg+xml", data: "PHN2Zy8+", bytes: 6 },
          { type: "resource", uri: "demo://resource/1", mimeType: "text/plain" },
        ],
      },
    ]);
    const { container } = renderStep(state);
    const images = within(container).getAllByRole("img");
    expect(images).toHaveLength(1);
    expect(images[0]?.getAttribute("src")).toBe(`data:image/png;base64,${PIXEL}`);
    expect(container.textContent).toContain("image/png, 879 KiB (too large to show here)");
    expect(container.textContent).toContain("image/svg+xml, 6 bytes (not shown)");
    expect(container.textContent).toContain("demo://resource/1 · text/plain");
  });
});
