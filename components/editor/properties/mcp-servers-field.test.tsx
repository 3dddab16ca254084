import { act, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { setNodeField } from "@/components/editor/state/graph-edits";
import { plainMcpSource, tools, type PlainServer } from "@/components/mcp/testing/plain-mcp-source";
import { graphSchema, type Graph } from "@/server/designs/graph-schema";
import { nodeNamed, oneOfEachType } from "./testing/panel-graphs";
import { dataOf, renderPanel, undo, undoSteps } from "./testing/render-panel";

/**
 * The agent's MCP server picker (mcp-servers-field.tsx) and its per-server tool filters, in the
 * real panel and store, with the registry and servers given as plain data: what shows, what each
 * change stores (one undo step each), and that nothing connects until "Choose tools" is opened.
 */

const EVERYTHING: PlainServer = {
  name: "everything",
  description: "The reference server",
  tools: tools("echo", "add", "get_sum"),
};
const FILES: PlainServer = { name: "files", description: "Read-only files", tools: tools("read_file") };

/** The one-of-each-type graph with the agent's data changed. */
function agentWith(data: Record<string, unknown>): Graph {
  const graph = oneOfEachType();
  const agent = nodeNamed(graph, "agent");
  return Object.entries(data).reduce(
    (current, [key, value]) => setNodeField(current, agent.id, [key], value),
    graph,
  );
}

function picker(panel: HTMLElement) {
  return within(panel).getByRole("group", { name: "MCP servers" });
}

describe("choosing servers from the registry", () => {
  it("lists the registered servers with their descriptions and connects to none of them", () => {
    const mcp = plainMcpSource([EVERYTHING, FILES]);
    const { panel } = renderPanel(oneOfEachType(), { selected: "agent", mcp: mcp.source });
    const everything = within(picker(panel)).getByRole("checkbox", { name: "everything" });
    expect(everything).toHaveProperty("checked", false);
    expect(everything.getAttribute("aria-describedby")).toBeTruthy();
    expect(within(picker(panel)).getByText("The reference server").id).toBe(
      everything.getAttribute("aria-describedby"),
    );
    expect(within(picker(panel)).getByRole("checkbox", { name: "files" })).toBeTruthy();
    expect(mcp.calls).toEqual([]);
  });

  it("stores a checked server, in the order chosen, one undo step each", async () => {
    const mcp = plainMcpSource([EVERYTHING, FILES]);
    const { panel, store, user } = renderPanel(oneOfEachType(), { selected: "agent", mcp: mcp.source });
    const before = undoSteps(store);
    await user.click(within(picker(panel)).getByRole("checkbox", { name: "files" }));
    await user.click(within(picker(panel)).getByRole("checkbox", { name: "everything" }));
    expect(dataOf(store, "agent").servers).toEqual(["files", "everything"]);
    expect(undoSteps(store)).toBe(before + 2);
    expect(graphSchema.safeParse(store.graph).success).toBe(true);
    // Registered names are no problem for the validator.
    expect(within(panel).queryByRole("list", { name: "Problems here" })).toBeNull();

    await user.click(within(picker(panel)).getByRole("checkbox", { name: "files" }));
    expect(dataOf(store, "agent").servers).toEqual(["everything"]);
    await user.click(within(picker(panel)).getByRole("checkbox", { name: "everything" }));
    expect(dataOf(store, "agent")).not.toHaveProperty("servers");

    undo(store);
    expect(dataOf(store, "agent").servers).toEqual(["everything"]);
    expect(within(picker(panel)).getByRole("checkbox", { name: "everything" })).toHaveProperty(
      "checked",
      true,
    );
  });

  it("keeps a name the registry does not have visible, flagged with the validator's message", async () => {
    const mcp = plainMcpSource([EVERYTHING]);
    const graph = agentWith({ servers: ["ghost", "everything"], tools: { ghost: ["x_*"] } });
    const { panel, store, user } = renderPanel(graph, { selected: "agent", mcp: mcp.source });
    const ghost = within(picker(panel)).getByRole("checkbox", { name: "ghost" });
    expect(ghost).toHaveProperty("checked", true);
    expect(ghost.getAttribute("aria-invalid")).toBe("true");
    const problem = panel.ownerDocument.getElementById(ghost.getAttribute("aria-describedby") ?? "");
    expect(problem?.textContent).toBe(
      'Not registered Agent "agent" uses the MCP server "ghost", which is not registered in this workspace.',
    );
    // Its filter stays visible, but there is nothing to connect to for "Choose tools".
    const ghostFilter = within(panel).getByRole("group", { name: "Tool filter of ghost" });
    expect(within(ghostFilter).getByText("x_*")).toBeTruthy();
    expect(within(ghostFilter).queryByRole("button", { name: "Choose tools" })).toBeNull();

    // Un-choosing removes the name and its filter in one step; the problem goes with them.
    const before = undoSteps(store);
    await user.click(ghost);
    expect(dataOf(store, "agent").servers).toEqual(["everything"]);
    expect(dataOf(store, "agent")).not.toHaveProperty("tools");
    expect(undoSteps(store)).toBe(before + 1);
    expect(within(picker(panel)).queryByRole("checkbox", { name: "ghost" })).toBeNull();
    expect(within(panel).queryByText(/which is not registered/)).toBeNull();
  });

  it("says when the registry is empty and links to the settings", () => {
    const { panel } = renderPanel(oneOfEachType(), { selected: "agent", mcp: plainMcpSource([]).source });
    expect(within(picker(panel)).getByText(/No MCP servers are registered in this workspace/)).toBeTruthy();
    expect(
      within(picker(panel)).getByRole("link", { name: "Register an MCP server" }).getAttribute("href"),
    ).toBe("/settings");
  });

  it("shows the registry loading, and a failure to load it in words", () => {
    const loading = plainMcpSource([], { listing: { status: "loading" } });
    const first = renderPanel(agentWith({ servers: ["everything"] }), {
      selected: "agent",
      mcp: loading.source,
    });
    expect(within(picker(first.panel)).getByRole("status").textContent).toBe(
      "Loading the registered MCP servers…",
    );
    // Until the registry is known, the node's names show as they are, and nothing is flagged.
    expect(within(picker(first.panel)).getByRole("checkbox", { name: "everything" })).toHaveProperty(
      "checked",
      true,
    );
    expect(within(first.panel).queryByText(/which is not registered/)).toBeNull();
    first.unmount();

    const failed = plainMcpSource([], { listing: { status: "error", message: "Network down." } });
    const second = renderPanel(oneOfEachType(), { selected: "agent", mcp: failed.source });
    expect(within(picker(second.panel)).getByRole("alert").textContent).toBe(
      "The registered MCP servers could not be loaded: Network down.",
    );
  });

  it("shows viewers the choices without letting them change or connect", () => {
    const mcp = plainMcpSource([EVERYTHING]);
    const graph = agentWith({ servers: ["everything"], tools: { everything: ["echo"] } });
    const { panel } = renderPanel(graph, { selected: "agent", mcp: mcp.source, readOnly: true });
    expect(within(picker(panel)).getByRole("checkbox", { name: "everything" })).toHaveProperty(
      "disabled",
      true,
    );
    const filter = within(panel).getByRole("group", { name: "Tool filter of everything" });
    expect(within(filter).getByText("echo")).toBeTruthy();
    expect(within(filter).queryByRole("button")).toBeNull();
    expect(within(filter).queryByRole("textbox")).toBeNull();
  });
});

describe("a chosen server's tool filter", () => {
  it("adds globs typed in the field and removes them with their chip, one undo step each", async () => {
    const mcp = plainMcpSource([EVERYTHING]);
    const { panel, store, user } = renderPanel(agentWith({ servers: ["everything"] }), {
      selected: "agent",
      mcp: mcp.source,
    });
    const filter = within(panel).getByRole("group", { name: "Tool filter of everything" });
    expect(within(filter).getByText("No filter: the agent sees every tool of everything.")).toBeTruthy();
    const before = undoSteps(store);
    const field = within(filter).getByLabelText("Add a tool name or glob");
    await user.type(field, "get_*{Enter}");
    await user.type(field, "!get_secret");
    await user.click(within(filter).getByRole("button", { name: "Add" }));
    expect(dataOf(store, "agent").tools).toEqual({ everything: ["get_*", "!get_secret"] });
    expect(undoSteps(store)).toBe(before + 2);
    expect(field).toHaveProperty("value", "");

    await user.type(field, "get_*{Enter}");
    expect(within(filter).getByRole("alert").textContent).toBe("“get_*” is already in the filter.");
    expect(field.getAttribute("aria-invalid")).toBe("true");
    await user.clear(field);
    await user.keyboard("{Enter}");
    expect(within(filter).getByRole("alert").textContent).toBe("Enter a tool name or a glob such as get_*.");

    await user.click(
      within(filter).getByRole("button", { name: "Remove get_* from the tool filter of everything" }),
    );
    expect(dataOf(store, "agent").tools).toEqual({ everything: ["!get_secret"] });
    await user.click(
      within(filter).getByRole("button", { name: "Remove !get_secret from the tool filter of everything" }),
    );
    expect(dataOf(store, "agent")).not.toHaveProperty("tools");
    expect(undoSteps(store)).toBe(before + 4);
    expect(graphSchema.safeParse(store.graph).success).toBe(true);
    expect(mcp.calls).toEqual([]);
  });

  it("says so when an imported filter is empty (the agent then sees none of the server's tools)", () => {
    const mcp = plainMcpSource([EVERYTHING]);
    const { panel } = renderPanel(agentWith({ servers: ["everything"], tools: { everything: [] } }), {
      selected: "agent",
      mcp: mcp.source,
    });
    expect(
      within(panel).getByText("Empty filter: the agent sees none of the tools of everything."),
    ).toBeTruthy();
  });

  it("lists the server's tools only when “Choose tools” is opened, and adds exact names", async () => {
    const mcp = plainMcpSource([EVERYTHING]);
    const { panel, store, user } = renderPanel(agentWith({ servers: ["everything"] }), {
      selected: "agent",
      mcp: mcp.source,
    });
    const filter = within(panel).getByRole("group", { name: "Tool filter of everything" });
    expect(mcp.calls).toEqual([]);

    const release = mcp.hold();
    const choose = within(filter).getByRole("button", { name: "Choose tools" });
    await user.click(choose);
    expect(choose.getAttribute("aria-expanded")).toBe("true");
    expect(within(filter).getByRole("status").textContent).toBe("Connecting to everything for its tools…");
    await act(async () => {
      release();
      await Promise.resolve();
    });

    const list = await within(filter).findByRole("list", { name: "Tools of everything" });
    expect(
      within(list)
        .getAllByRole("listitem")
        .map((item) => item.textContent),
    ).toEqual(["echoThe echo tool.", "addThe add tool.", "get_sumThe get_sum tool."]);
    await user.click(within(list).getByRole("checkbox", { name: "echo" }));
    await user.click(within(list).getByRole("checkbox", { name: "get_sum" }));
    expect(dataOf(store, "agent").tools).toEqual({ everything: ["echo", "get_sum"] });
    // Typed globs and chosen names are the same list.
    expect(
      within(filter).getByRole("list", { name: "Tools of everything the agent may use" }).textContent,
    ).toBe("echoget_sum");
    await user.click(within(list).getByRole("checkbox", { name: "echo" }));
    expect(dataOf(store, "agent").tools).toEqual({ everything: ["get_sum"] });

    // Closing and opening again does not connect again.
    await user.click(choose);
    await user.click(choose);
    expect(mcp.calls).toEqual(["tools everything"]);
  });

  it("shows why the tools could not be listed, and tries again on request", async () => {
    const broken: PlainServer = {
      name: "broken",
      failure: { kind: "cannot_start", message: 'The MCP server "broken" could not start: exit code 3.' },
    };
    const mcp = plainMcpSource([broken]);
    const { panel, user } = renderPanel(agentWith({ servers: ["broken"] }), {
      selected: "agent",
      mcp: mcp.source,
    });
    const filter = within(panel).getByRole("group", { name: "Tool filter of broken" });
    await user.click(within(filter).getByRole("button", { name: "Choose tools" }));
    expect((await within(filter).findByRole("alert")).textContent).toBe(
      'The MCP server "broken" could not start: exit code 3.',
    );
    await user.click(within(filter).getByRole("button", { name: "Try again" }));
    await within(filter).findByRole("alert");
    expect(mcp.calls).toEqual(["tools broken", "tools broken"]);
  });

  it("finds a tool by name when a server has many", async () => {
    const many: PlainServer = {
      name: "many",
      tools: tools(...Array.from({ length: 12 }, (_, i) => `tool_${i}`)),
    };
    const mcp = plainMcpSource([many]);
    const { panel, user } = renderPanel(agentWith({ servers: ["many"] }), {
      selected: "agent",
      mcp: mcp.source,
    });
    await user.click(within(panel).getByRole("button", { name: "Choose tools" }));
    await within(panel).findByRole("list", { name: "Tools of many" });
    await user.type(within(panel).getByLabelText("Find a tool"), "tool_1");
    const list = within(panel).getByRole("list", { name: "Tools of many" });
    expect(within(list).getAllByRole("checkbox")).toHaveLength(3);
    expect(within(list).getByRole("checkbox", { name: "tool_11" })).toBeTruthy();
  });
});
