import type { JSONSchema7 } from "@ai-sdk/provider";
import { z } from "zod";
import type { AgentCard } from "@/server/engine/agent-cards";
import { fastagentTag, fillTemplate, pythonLength } from "@/server/engine/prompt-templates";
import type { StructuredRequest } from "@/server/engine/structured-output";

/**
 * fast-agent's iterative planner texts (agents/workflow/iterative_planner.py and
 * orchestrator_models.py), verbatim: trailing spaces included.
 */
export const ITERATIVE_PLAN_SYSTEM_PROMPT_TEMPLATE = [
  "",
  "You are an expert planner, able to Orchestrate complex tasks by breaking them down in to",
  "manageable steps, and delegating tasks to Agents.",
  "",
  "You work iteratively - given an Objective, you consider the current state of the plan,",
  "decide the next step towards the goal. You document those steps and create clear instructions",
  "for execution by the Agents, being specific about what you need to know to assess task completion. ",
  "",
  "NOTE: A 'Planning Step' has a description, and a list of tasks that can be delegated ",
  "and executed in parallel.",
  "",
  "Agents have a 'description' describing their primary function, and a set of 'skills' that",
  "represent Tools they can use in completing their function.",
  "",
  "The following Agents are available to you:",
  "",
  "{{agents}}",
  "",
  "You must specify the Agent name precisely when generating a Planning Step. ",
  "",
  "",
].join("\n");

const ITERATIVE_PLAN_PROMPT_TEMPLATE = [
  "",
  "",
  "```",
  "<fastagent:data>",
  "    <fastagent:progress>",
  "{plan_result}",
  "    </fastagent:progress>",
  "",
  "    <fastagent:status>",
  "{plan_status}",
  "{iterations_info}",
  "    </fastagent:status>",
  "</fastagent:data>",
  "```",
  "",
  "The overall objective is:",
  "",
  "```",
  "<fastagent:objective>",
  "    {objective}",
  "</fastagent:objective>",
  "```",
  "",
  "Produce the next step in the plan to complete the Objective. ",
  "",
  "Consider the previous steps and results, and decide what needs to be done next.",
  "",
  'Set "is_complete" to true when ANY of these conditions are met:',
  "1. The objective has been achieved in full or substantively",
  "2. The remaining work is minor or trivial compared to what's been accomplished",
  "3. The plan has gathered sufficient information to answer the original request",
  "4. The plan has no feasible way of completing the objective.",
  "",
  "Only set is_complete to `true` if there are no outstanding tasks. ",
  "",
  "Be decisive - avoid excessive planning steps that add little value. It's better to complete a plan early than to continue with marginal improvements. ",
  "",
  "Focus on the meeting the core intent of the objective.",
  "",
  "",
].join("\n");

const DELEGATED_TASK_TEMPLATE = [
  "",
  "You are a component in an orchestrated workflow to achieve an objective.",
  "",
  "The overall objective is:",
  "",
  "```",
  "<fastagent:objective>",
  "    {objective}",
  "</fastagent:objective>",
  "```",
  "",
  "Previous context in achieving the objective is below:",
  "",
  "```",
  "<fastagent:context>",
  "    {context}",
  "</fastagent:context>",
  "```",
  "",
  'Your job is to accomplish the "task" specified in `<fastagent:task>`. The overall objective and',
  "previous context is supplied to inform your approach.",
  "",
  "```",
  "<fastagent:task>",
  "   {task}",
  "</fastagent:task>",
  "```",
  "",
  "Provide a direct, concise response on completion that makes it simple to assess the status of",
  "the overall plan.",
  "",
].join("\n");

const PLAN_RESULT_TEMPLATE = [
  "",
  "The below shows the results of running a plan to meet the specified objective.",
  "",
  "```",
  "<fastagent:plan-results>",
  "{plan_result}",
  "</fastagent:plan-results>",
  "```",
  "",
  "The plan was stopped because {termination_reason}.",
  "",
  "Provide a summary of the tasks completed and their outcomes to complete the Objective.",
  "Use markdown formatting.",
  "",
  "If the plan was marked as incomplete but the maximum number of iterations was reached,",
  "make sure to state clearly what was accomplished and what remains to be done.",
  "",
  "",
  "Complete the plan by providing an appropriate answer for the original objective. Provide a Mermaid diagram",
  "(in code fences) showing the plan steps and their relationships, if applicable. Do not use parentheses in labels.",
  "",
].join("\n");

/** Why a plan stopped, in fast-agent's words. */
export const TERMINATION = {
  failedToPlan: "Failed to generate plan, terminating early",
  complete: "Plan completed successfully",
  invalidAgents: (names: readonly string[]) =>
    `Invalid agent names found (${names.join(", ")}), terminating plan`,
  maxIterations: (limit: number) => `Reached maximum number of iterations (${limit}), terminating plan`,
} as const;

export const NO_FINAL_MESSAGE = "No final message generated";

/** The planner's answer for one step (fast-agent's PlanningStep). */
export const planningStepSchema = z.object({
  description: z.string(),
  tasks: z.array(z.object({ description: z.string(), agent: z.string() })).default([]),
  is_complete: z.boolean(),
});
export type PlanningStep = z.infer<typeof planningStepSchema>;

const PLANNING_STEP_JSON_SCHEMA: JSONSchema7 = {
  type: "object",
  properties: {
    description: { type: "string", description: "Description of the step" },
    tasks: {
      type: "array",
      description: "Subtasks that can be executed in parallel",
      items: {
        type: "object",
        properties: {
          description: { type: "string", description: "Description of the task" },
          agent: {
            type: "string",
            description: "Name of Agent from given list of agents that the LLM has access to for this task",
          },
        },
        required: ["description", "agent"],
        additionalProperties: false,
      },
    },
    is_complete: { type: "boolean", description: "Whether the overall plan objective is complete" },
  },
  required: ["description", "tasks", "is_complete"],
  additionalProperties: false,
};

export const PLANNING_STEP: StructuredRequest = { name: "PlanningStep", schema: PLANNING_STEP_JSON_SCHEMA };

export type TaskResult = { description: string; agent: string; result: string };
export type StepResult = { description: string; tasks: TaskResult[] };
export type PlanProgress = { objective: string; steps: StepResult[]; isComplete: boolean };

/** The orchestrator's system prompt: its instruction (or fast-agent's) with the agents listed. */
export function plannerSystemPrompt(instruction: string | undefined, cards: readonly AgentCard[]): string {
  const template = instruction || ITERATIVE_PLAN_SYSTEM_PROMPT_TEMPLATE;
  return template.replaceAll("{{agents}}", cards.map(agentCardXml).join("\n"));
}

function agentCardXml(card: AgentCard): string {
  const lines = [`<fastagent:agent name="${card.name}">`];
  if (card.description) lines.push(`  <fastagent:description>${card.description}</fastagent:description>`);
  if (card.skills.length > 0) {
    lines.push("  <fastagent:skills>");
    for (const skill of card.skills) {
      lines.push(`    <fastagent:skill name="${skill.name}">`);
      if (skill.description)
        lines.push(`      <fastagent:description>${skill.description}</fastagent:description>`);
      lines.push("    </fastagent:skill>");
    }
    lines.push("  </fastagent:skills>");
  }
  lines.push("</fastagent:agent>");
  return lines.join("\n");
}

export function planningPrompt(progress: PlanProgress, planIterations: number): string {
  const planStatus = progress.isComplete
    ? "Plan Status: Complete"
    : progress.steps.length > 0
      ? "Plan Status: In Progress"
      : "Plan Status: Not Started";
  const iterationsInfo =
    planIterations > 0
      ? `Planning Budget: ${planIterations - progress.steps.length} of ${planIterations} iterations remaining`
      : "Iterating until objective is met.";
  return fillTemplate(ITERATIVE_PLAN_PROMPT_TEMPLATE, {
    objective: progress.objective,
    plan_result: formatPlanResult(progress),
    plan_status: planStatus,
    iterations_info: iterationsInfo,
  });
}

export function delegatedTaskPrompt(objective: string, context: string, task: string): string {
  return fillTemplate(DELEGATED_TASK_TEMPLATE, { objective, context, task });
}

export function synthesisPrompt(progress: PlanProgress, terminationReason: string): string {
  return fillTemplate(PLAN_RESULT_TEMPLATE, {
    plan_result: formatPlanResult(progress),
    termination_reason: terminationReason,
  });
}

/** fast-agent's `format_plan_result`: the progress so far, in fastagent tags. */
export function formatPlanResult(progress: PlanProgress): string {
  const objective = fastagentTag("objective", progress.objective);
  const status = progress.isComplete ? "Complete" : progress.steps.length > 0 ? "In Progress" : "Not Started";
  const steps =
    progress.steps.length > 0
      ? `<fastagent:steps>\n${progress.steps.map(formatStepResult).join("\n")}\n</fastagent:steps>\n`
      : "<fastagent:steps>No steps executed yet</fastagent:steps>\n";
  return fastagentTag("progress", `${objective}\n${steps}<fastagent:status>${status}</fastagent:status>\n`);
}

function formatStepResult(step: StepResult): string {
  const tasks = step.tasks.map(formatTaskResult).join("\n");
  return fastagentTag(
    "step-result",
    `<fastagent:description>${step.description}</fastagent:description>\n` +
      `<fastagent:summary>${stepSummary(step)}</fastagent:summary>\n` +
      `<fastagent:task-results>\n${tasks}\n</fastagent:task-results>\n`,
  );
}

/** fast-agent's STEP_RESULT_TEMPLATE over TASK_RESULT_TEMPLATE. */
function stepSummary(step: StepResult): string {
  const tasks = step.tasks.map((task) => `  - Task: ${task.description}\nResult: ${task.result}`).join("\n");
  return `Step: ${step.description}\nStep Subtasks:\n${tasks}`;
}

function formatTaskResult(task: TaskResult): string {
  const shortDescription =
    pythonLength(task.description) > 50
      ? `${Array.from(task.description).slice(0, 50).join("")}...`
      : task.description;
  return fastagentTag(
    "task-result",
    `\n<fastagent:description>${task.description}</fastagent:description>\n<fastagent:result>${task.result}</fastagent:result>\n`,
    { description: shortDescription },
  );
}
