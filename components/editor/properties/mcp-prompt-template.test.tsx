import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { setNodeField } from "@/components/editor/state/graph-edits";
import { plainMcpSource, promptTexts, type PlainServer } from "@/components/mcp/testing/plain-mcp-source";
import type { Graph } from "@/server/designs/graph-schema";
import { nodeNamed, oneOfEachType } from "./testing/panel-graphs";
import { dataOf, renderPanel, undo, undoSteps } from "./testing/render-panel";

/**
 * "Apply an MCP prompt" under an agent's instruction (mcp-prompt-template.tsx): server, prompts
 * loaded on request, labelled arguments (required ones marked), a preview, and Apply as one undo
 * step. Registry and servers are plain data.
 */

const EVERYTHING: PlainServer = {
  name: "everything",
  description: "The reference server",
  prompts: [
    { name: "simple-prompt", description: "A prompt with no arguments" },
    {
      name: "args-prompt",
      description: "A prompt with two arguments",
      arguments: [
        { name: "city", description: "Name of the city", required: true },
        { name: "state", description: "Name of the state" },
      ],
    },
  ],
  promptAnswers: {
    "simple-prompt": () => promptTexts("simple-prompt", "This is a simple prompt."),
    "args-prompt": (args) =>
      promptTexts(
        "args-prompt",
        `Weather in ${args.city}${args.state ? `, ${args.state}` : ""}?`,
        "Be brief.",
      ),
  },
};
const NOTES: PlainServer = { name: "notes", prompts: [] };

function agentWith(data: Record<string, unknown>): Graph {
  const graph = oneOfEachType();
  const agent = nodeNamed(graph, "agent");
  return Object.entries(data).reduce(
    (current, [key, value]) => setNodeField(current, agent.id, [key], value),
    graph,
  );
}

async function openTemplate(panel: HTMLElement, user: ReturnType<typeof renderPanel>["user"]) {
  await user.click(within(panel).getByRole("button", { name: "Apply an MCP prompt" }));
  return within(panel).getByRole("group", { name: "Apply an MCP prompt as the instruction" });
}

describe("applying an MCP prompt as the agent's instruction", () => {
  it("is offered for agents only, and not to viewers", () => {
    const mcp = plainMcpSource([EVERYTHING]);
    const chain = renderPanel(oneOfEachType(), { selected: "chain", mcp: mcp.source });
    expect(within(chain.panel).getByLabelText("Instruction")).toBeTruthy();
    expect(within(chain.panel).queryByRole("button", { name: "Apply an MCP prompt" })).toBeNull();
    chain.unmount();
    const viewer = renderPanel(oneOfEachType(), { selected: "agent", mcp: mcp.source, readOnly: true });
    expect(within(viewer.panel).queryByRole("button", { name: "Apply an MCP prompt" })).toBeNull();
  });

  it("loads prompts on request, asks for the arguments, previews and applies in one undo step", async () => {
    const mcp = plainMcpSource([EVERYTHING, NOTES]);
    const graph = agentWith({ instruction: "Old text.", servers: ["everything"] });
    const { panel, store, user } = renderPanel(graph, { selected: "agent", mcp: mcp.source });
    const template = await openTemplate(panel, user);

    // The agent's own server is chosen first; nothing has connected yet.
    expect(within(template).getByLabelText<HTMLSelectElement>("Prompt server").value).toBe("everything");
    expect(mcp.calls).toEqual([]);
    await user.click(within(template).getByRole("button", { name: "Load prompts" }));
    expect(mcp.calls).toEqual(["prompts everything"]);

    const prompt = await within(template).findByLabelText<HTMLSelectElement>("Prompt");
    expect([...prompt.options].map((option) => option.value)).toEqual(["simple-prompt", "args-prompt"]);
    await user.selectOptions(prompt, "args-prompt");
    expect(within(template).getByText("A prompt with two arguments")).toBeTruthy();

    const city = within(template).getByLabelText("city (required)");
    expect(city.getAttribute("aria-required")).toBe("true");
    const state = within(template).getByLabelText("state");
    expect(state.getAttribute("aria-required")).toBeNull();
    const preview = within(template).getByRole("button", { name: "Preview" });
    expect(preview).toHaveProperty("disabled", true);
    expect(within(template).getByText("Fill in city first.")).toBeTruthy();

    await user.type(city, "Lyon");
    await user.type(state, "Rhône");
    await user.click(preview);
    const text = await within(template).findByLabelText<HTMLTextAreaElement>("Preview of the instruction");
    expect(text.value).toBe("Weather in Lyon, Rhône?\n\nBe brief.");
    expect(text.readOnly).toBe(true);
    expect(
      within(template).getByText(/The prompt's 2 messages, joined by a blank line\./).textContent,
    ).toContain("Applying replaces the current instruction (9 characters).");
    expect(mcp.calls).toEqual([
      "prompts everything",
      'getPrompt everything args-prompt {"city":"Lyon","state":"Rhône"}',
    ]);
    // Nothing is applied before Apply.
    expect(dataOf(store, "agent").instruction).toBe("Old text.");

    const before = undoSteps(store);
    await user.click(within(template).getByRole("button", { name: "Apply as instruction" }));
    expect(dataOf(store, "agent").instruction).toBe("Weather in Lyon, Rhône?\n\nBe brief.");
    expect(within(panel).getByLabelText("Instruction")).toHaveProperty(
      "value",
      "Weather in Lyon, Rhône?\n\nBe brief.",
    );
    expect(undoSteps(store)).toBe(before + 1);
    expect(
      screen.getByText("Applied the prompt “args-prompt” of everything as the instruction."),
    ).toBeTruthy();
    expect(within(panel).queryByRole("group", { name: "Apply an MCP prompt as the instruction" })).toBeNull();

    undo(store);
    expect(dataOf(store, "agent").instruction).toBe("Old text.");
  });

  it("sends only filled-in arguments, and a changed argument needs a new preview", async () => {
    const mcp = plainMcpSource([EVERYTHING]);
    const { panel, user } = renderPanel(oneOfEachType(), { selected: "agent", mcp: mcp.source });
    const template = await openTemplate(panel, user);
    await user.click(within(template).getByRole("button", { name: "Load prompts" }));
    await user.selectOptions(await within(template).findByLabelText("Prompt"), "args-prompt");
    await user.type(within(template).getByLabelText("city (required)"), "Oslo");
    await user.click(within(template).getByRole("button", { name: "Preview" }));
    await within(template).findByLabelText("Preview of the instruction");
    expect(mcp.calls.at(-1)).toBe('getPrompt everything args-prompt {"city":"Oslo"}');
    await user.type(within(template).getByLabelText("city (required)"), "!");
    expect(within(template).queryByLabelText("Preview of the instruction")).toBeNull();
    expect(within(template).queryByRole("button", { name: "Apply as instruction" })).toBeNull();
  });

  it("says what went wrong: a server that cannot be reached, a server with no prompts, a refused prompt", async () => {
    const down: PlainServer = {
      name: "down",
      failure: { kind: "timeout", message: "“down” did not answer within 30 s." },
    };
    const picky: PlainServer = {
      name: "picky",
      prompts: [{ name: "strict" }],
      promptAnswers: {
        strict: () => ({
          ok: false,
          error: { kind: "refused", message: '"picky" refused the prompt "strict": no.' },
        }),
      },
    };
    const mcp = plainMcpSource([down, NOTES, picky]);
    const { panel, user } = renderPanel(oneOfEachType(), { selected: "agent", mcp: mcp.source });
    const template = await openTemplate(panel, user);
    const server = within(template).getByLabelText("Prompt server");
    expect((server as HTMLSelectElement).value).toBe("down");

    await user.click(within(template).getByRole("button", { name: "Load prompts" }));
    expect((await within(template).findByRole("alert")).textContent).toBe(
      "“down” did not answer within 30 s.",
    );

    await user.selectOptions(server, "notes");
    expect(within(template).queryByRole("alert")).toBeNull();
    await user.click(within(template).getByRole("button", { name: "Load prompts" }));
    expect(await within(template).findByText("notes offers no prompts.")).toBeTruthy();

    await user.selectOptions(server, "picky");
    await user.click(within(template).getByRole("button", { name: "Load prompts" }));
    await within(template).findByLabelText("Prompt");
    await user.click(within(template).getByRole("button", { name: "Preview" }));
    expect((await within(template).findByRole("alert")).textContent).toBe(
      '"picky" refused the prompt "strict": no.',
    );
    expect(within(template).getByRole("button", { name: "Try again" })).toBeTruthy();
  });

  it("names the parts of a prompt that have no text", async () => {
    const mixed: PlainServer = {
      name: "mixed",
      prompts: [{ name: "with-image" }],
      promptAnswers: {
        "with-image": () => ({
          ok: true,
          prompt: "with-image",
          messages: [
            { role: "user", text: "Describe it." },
            { role: "user", text: "" },
          ],
          text: "Describe it.",
          omitted: ["an image in message 2"],
        }),
      },
    };
    const mcp = plainMcpSource([mixed]);
    const { panel, user } = renderPanel(oneOfEachType(), { selected: "agent", mcp: mcp.source });
    const template = await openTemplate(panel, user);
    await user.click(within(template).getByRole("button", { name: "Load prompts" }));
    await within(template).findByLabelText("Prompt");
    await user.click(within(template).getByRole("button", { name: "Preview" }));
    expect(await within(template).findByText("Left out (no text): an image in message 2.")).toBeTruthy();
  });

  it("shows the link to the settings when no server is registered", async () => {
    const { panel, user } = renderPanel(oneOfEachType(), {
      selected: "agent",
      mcp: plainMcpSource([]).source,
    });
    const template = await openTemplate(panel, user);
    expect(within(template).getByRole("link", { name: "Register an MCP server" })).toBeTruthy();
    expect(within(template).queryByRole("button", { name: "Load prompts" })).toBeNull();
  });
});
