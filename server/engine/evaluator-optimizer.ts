import type { NodeOfType } from "@/server/designs/graph-schema";
import { EngineError } from "@/server/engine/engine-error";
import {
  EVALUATION_RESULT,
  type Evaluation,
  evaluationPrompt,
  evaluationSchema,
  RATING_VALUES,
  refinementPrompt,
  UNPARSABLE_EVALUATION,
} from "@/server/engine/evaluator-optimizer-prompts";
import type { ExecutionScope } from "@/server/engine/execution-scope";
import { messageText, type Message, userMessage } from "@/server/engine/messages";
import { parseStructured } from "@/server/engine/structured-output";

const DEFAULT_MIN_RATING = "GOOD";
const DEFAULT_MAX_REFINEMENTS = 3;

/**
 * Evaluator-optimizer (semantics.md): generate, evaluate, and refine until the evaluator is
 * satisfied, the rating reaches `minRating`, or `maxRefinements` refinements were made. The best
 * answer is replaced only on a strictly higher rating.
 */
export async function runEvaluatorOptimizer(
  node: NodeOfType<"evaluator_optimizer">,
  messages: readonly Message[],
  scope: ExecutionScope,
): Promise<Message> {
  const [generator] = scope.graph.childrenOf(node, "generator");
  const [evaluator] = scope.graph.childrenOf(node, "evaluator");
  if (generator === undefined || evaluator === undefined) {
    throw new EngineError(`Evaluator-optimizer "${node.data.name}" needs a generator and an evaluator.`);
  }
  const minRating = node.data.minRating ?? DEFAULT_MIN_RATING;
  const maxRefinements = node.data.maxRefinements ?? DEFAULT_MAX_REFINEMENTS;
  const refinementInstruction = node.data.refinementInstruction;
  const last = messages.at(-1);
  const request = last === undefined ? "" : messageText(last);

  let response = await scope.runChild(generator, messages, { label: "generate" });
  let best = response;
  let bestRating: Evaluation["rating"] = "POOR";
  let refinements = 0;

  for (;;) {
    const evaluationMessage = userMessage(
      evaluationPrompt({
        refinementInstruction,
        request,
        response: messageText(response),
        iteration: refinements,
      }),
    );
    const verdict = await scope.runChild(evaluator, [evaluationMessage], {
      label: `evaluate ${refinements + 1}`,
      structured: EVALUATION_RESULT,
    });
    const evaluation = parseStructured(messageText(verdict), evaluationSchema) ?? UNPARSABLE_EVALUATION;
    scope.emit({
      type: "evaluation",
      stepId: scope.step.id,
      iteration: refinements,
      rating: evaluation.rating,
      feedback: evaluation.feedback,
      needsImprovement: evaluation.needs_improvement,
      focusAreas: evaluation.focus_areas,
    });

    if (RATING_VALUES[evaluation.rating] > RATING_VALUES[bestRating]) {
      bestRating = evaluation.rating;
      best = response;
    }
    if (!evaluation.needs_improvement) return response;
    if (RATING_VALUES[evaluation.rating] >= RATING_VALUES[minRating]) return best;
    if (refinements >= maxRefinements) return best;

    const refinement = userMessage(
      refinementPrompt({
        refinementInstruction,
        request,
        response: messageText(response),
        evaluation,
        iteration: refinements,
      }),
    );
    response = await scope.runChild(generator, [refinement], { label: `refine ${refinements + 1}` });
    refinements += 1;
  }
}
