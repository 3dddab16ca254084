import type { RunState } from "@/components/runs/run-state";

/**
 * What the run has said so far: its final output, else the top step's streamed text. A workflow
 * only speaks when it ends, so meanwhile the newest step with text shows the progress, named.
 */
export function streamedOutput(state: RunState): { text: string; from: string | null } {
  if (state.output !== null) return { text: state.output, from: null };
  const root = state.rootStepIds[0];
  const rootText = root === undefined ? "" : (state.steps[root]?.text ?? "");
  if (rootText !== "") return { text: rootText, from: null };
  for (let index = state.stepOrder.length - 1; index >= 0; index -= 1) {
    const step = state.steps[state.stepOrder[index] ?? ""];
    if (step && step.text !== "") return { text: step.text, from: step.agent };
  }
  return { text: "", from: null };
}
