import type { GraphNode, NodeOfType } from "@/server/designs/graph-schema";
import { endsTheRun, errorMessage } from "@/server/engine/abort";
import { agentCardOf } from "@/server/engine/agent-cards";
import { settleAll } from "@/server/engine/settle-all";
import { EngineError } from "@/server/engine/engine-error";
import type { ExecutionScope } from "@/server/engine/execution-scope";
import { assistantMessage, messageText, type Message, userMessage } from "@/server/engine/messages";
import {
  delegatedTaskPrompt,
  formatPlanResult,
  NO_FINAL_MESSAGE,
  PLANNING_STEP,
  type PlanningStep,
  planningPrompt,
  planningStepSchema,
  type PlanProgress,
  plannerSystemPrompt,
  type StepResult,
  synthesisPrompt,
  type TaskResult,
  TERMINATION,
} from "@/server/engine/orchestrator-prompts";
import { parseStructured } from "@/server/engine/structured-output";

const DEFAULT_PLAN_ITERATIONS = 5;

/**
 * Orchestrator, as fast-agent's iterative planner (semantics.md): plan one step at a time, run
 * its tasks (in parallel across workers, in order for one worker), and stop when the planner says
 * the objective is met, its answer does not parse, it names an unknown worker, or the budget of
 * `planIterations` steps is spent; then the planner writes the answer from all results.
 */
export async function runOrchestrator(
  node: NodeOfType<"orchestrator">,
  messages: readonly Message[],
  scope: ExecutionScope,
): Promise<Message> {
  const workers = scope.graph.childrenOf(node, "worker");
  if (workers.length === 0) throw new EngineError(`Orchestrator "${node.data.name}" has no workers.`);
  const workersByName = new Map(workers.map((worker) => [worker.data.name, worker] as const));
  const planIterations = node.data.planIterations ?? DEFAULT_PLAN_ITERATIONS;
  const cards = await Promise.all(workers.map((worker) => agentCardOf(worker, scope)));
  const system = plannerSystemPrompt(node.data.instruction, cards);
  const last = messages.at(-1);
  const progress: PlanProgress = {
    objective: last === undefined ? "" : messageText(last),
    steps: [],
    isComplete: false,
  };

  let termination: string | undefined;
  for (let iteration = 0; termination === undefined; iteration += 1) {
    const step = await nextStep(node, system, progress, planIterations, scope);
    if (step === undefined) {
      termination = TERMINATION.failedToPlan;
      break;
    }
    scope.emit({
      type: "plan",
      stepId: scope.step.id,
      iteration,
      description: step.description,
      tasks: step.tasks.map((task) => ({ description: task.description, agent: task.agent })),
      isComplete: step.is_complete,
    });
    if (step.is_complete) {
      progress.isComplete = true;
      termination = TERMINATION.complete;
      break;
    }
    const unknown = step.tasks.map((task) => task.agent).filter((agent) => !workersByName.has(agent));
    if (unknown.length > 0) {
      termination = TERMINATION.invalidAgents(unknown);
      break;
    }
    progress.steps.push(await executeStep(step, progress, workersByName, scope));
    if (planIterations > 0 && progress.steps.length >= planIterations) {
      termination = TERMINATION.maxIterations(planIterations);
    }
  }

  const answer = await scope.callModel({
    node,
    system,
    messages: [userMessage(synthesisPrompt(progress, termination ?? "Unknown termination reason"))],
    streamToStep: true,
  });
  const text = messageText(answer);
  if (text !== "") return assistantMessage(text);
  // The synthesis streamed nothing; stream the fallback so the step's deltas still add up to its output.
  scope.emit({
    type: "step-delta",
    stepId: scope.step.id,
    text: NO_FINAL_MESSAGE,
    turn: scope.step.streamedTurns,
  });
  return assistantMessage(NO_FINAL_MESSAGE);
}

/** One structured planning call; undefined when the answer does not parse or the call fails. */
async function nextStep(
  node: NodeOfType<"orchestrator">,
  system: string,
  progress: PlanProgress,
  planIterations: number,
  scope: ExecutionScope,
): Promise<PlanningStep | undefined> {
  try {
    const answer = await scope.callModel({
      node,
      system,
      messages: [userMessage(planningPrompt(progress, planIterations))],
      structured: PLANNING_STEP,
    });
    return parseStructured(messageText(answer), planningStepSchema);
  } catch (error) {
    if (endsTheRun(error, scope.engine.signal)) throw error;
    return undefined;
  }
}

/** Tasks grouped by worker (in order of first mention): workers run concurrently, tasks in order. */
async function executeStep(
  step: PlanningStep,
  progress: PlanProgress,
  workersByName: ReadonlyMap<string, GraphNode>,
  scope: ExecutionScope,
): Promise<StepResult> {
  const context = formatPlanResult(progress);
  const tasksByWorker = new Map<string, PlanningStep["tasks"]>();
  for (const task of step.tasks)
    tasksByWorker.set(task.agent, [...(tasksByWorker.get(task.agent) ?? []), task]);

  let taskNumber = 0;
  const numbered = [...tasksByWorker].map(
    ([agent, tasks]) => [agent, tasks.map((task) => ({ task, number: ++taskNumber }))] as const,
  );
  const resultsByWorker = await settleAll(
    numbered.map(async ([agent, tasks]) => {
      const worker = workersByName.get(agent);
      const results: TaskResult[] = [];
      for (const { task, number } of tasks) {
        results.push({ ...task, result: await runTask(worker, agent, task.description, number) });
      }
      return results;
    }),
  );
  return { description: step.description, tasks: resultsByWorker.flat() };

  async function runTask(worker: GraphNode | undefined, agent: string, description: string, number: number) {
    if (worker === undefined) return `ERROR: Agent '${agent}' is not available`;
    try {
      const message = userMessage(delegatedTaskPrompt(progress.objective, context, description));
      const response = await scope.runChild(worker, [message], { label: `task ${number}` });
      return messageText(response) || "<missing response>";
    } catch (error) {
      if (endsTheRun(error, scope.engine.signal)) throw error;
      return `ERROR: ${errorMessage(error)}`;
    }
  }
}
