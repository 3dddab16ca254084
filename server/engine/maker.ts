import type { NodeOfType } from "@/server/designs/graph-schema";
import { EngineError } from "@/server/engine/engine-error";
import type { ExecutionScope } from "@/server/engine/execution-scope";
import {
  isRedFlagged,
  kAheadWinner,
  pluralityWinner,
  type Tally,
  voteKey,
} from "@/server/engine/maker-voting";
import { messageText, type Message } from "@/server/engine/messages";

const DEFAULT_K = 3;
const DEFAULT_MAX_SAMPLES = 50;

/**
 * MAKER (semantics.md): sample the worker one at a time, each with a fresh history; drop samples
 * that are too long; return as soon as one answer leads the runner-up by `k` votes, else the
 * plurality winner once `maxSamples` samples were drawn.
 */
export async function runMaker(
  node: NodeOfType<"maker">,
  messages: readonly Message[],
  scope: ExecutionScope,
): Promise<Message> {
  const [worker] = scope.graph.childrenOf(node, "worker");
  if (worker === undefined) throw new EngineError(`MAKER "${node.data.name}" has no worker.`);
  const k = node.data.k ?? DEFAULT_K;
  const maxSamples = node.data.maxSamples ?? DEFAULT_MAX_SAMPLES;
  const strategy = node.data.matchStrategy ?? "exact";

  const tally: Tally = new Map();
  const responses = new Map<string, Message>();
  for (let sample = 1; sample <= maxSamples; sample += 1) {
    const response = await scope.runChild(worker, messages, { label: `sample ${sample}`, freshMemory: true });
    const text = messageText(response);
    const key = isRedFlagged(text, node.data.redFlagMaxLength) ? null : voteKey(text, strategy);
    if (key !== null) {
      tally.set(key, (tally.get(key) ?? 0) + 1);
      responses.set(key, response);
    }
    scope.emit({ type: "vote", stepId: scope.step.id, sample, key, votes: Object.fromEntries(tally) });
    const winner = kAheadWinner(tally, k);
    if (winner !== undefined) return responses.get(winner) ?? response;
  }

  const winner = pluralityWinner(tally);
  if (winner === undefined) {
    throw new EngineError(`All ${maxSamples} samples were red-flagged. Consider relaxing red-flag criteria.`);
  }
  const response = responses.get(winner);
  if (response === undefined) throw new EngineError("MAKER lost the winning sample.");
  return response;
}
