import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { McpSourceContext, type McpSource } from "@/components/mcp/mcp-source";
import { plainMcpSource, type PlainServer } from "@/components/mcp/testing/plain-mcp-source";
import { MAX_ATTACHED_RESOURCE_BYTES } from "@/server/mcp/prompts-and-resources-schema";
import { ResourceAttachments } from "./resource-attachments";
import { buildRunInput, type AttachedResource } from "./run-input";

/**
 * "Attach resource" under the run drawer's input (resource-attachments.tsx), with the registry and
 * servers as plain data: resources listed on request, read when attached, shown as removable
 * chips, and what Run would send built from them.
 */

const EVERYTHING: PlainServer = {
  name: "everything",
  resources: [
    { uri: "demo://docs/architecture.md", name: "architecture.md", mimeType: "text/markdown" },
    { uri: "demo://docs/huge.txt", name: "huge.txt" },
    { uri: "demo://docs/logo.png", name: "logo.png", mimeType: "image/png" },
  ],
  resourceAnswers: {
    "demo://docs/architecture.md": {
      ok: true,
      uri: "demo://docs/architecture.md",
      contents: [{ uri: "demo://docs/architecture.md", text: "# Architecture", mediaType: "text/markdown" }],
      bytes: 14,
    },
    "demo://docs/huge.txt": {
      ok: true,
      uri: "demo://docs/huge.txt",
      contents: [{ uri: "demo://docs/huge.txt", text: "x" }],
      bytes: MAX_ATTACHED_RESOURCE_BYTES,
    },
    "demo://docs/logo.png": {
      ok: false,
      error: {
        kind: "binary",
        message:
          "demo://docs/logo.png is binary (image/png); only text resources can be attached to a run's input.",
      },
    },
  },
};

function Harness({ source }: { source: McpSource }) {
  const [attachments, setAttachments] = useState<readonly AttachedResource[]>([]);
  return (
    <McpSourceContext.Provider value={source}>
      <ResourceAttachments attachments={attachments} onChange={setAttachments} />
      <output data-testid="input">{JSON.stringify(buildRunInput("Summarise", attachments))}</output>
    </McpSourceContext.Provider>
  );
}

function sentInput(): unknown {
  return JSON.parse(screen.getByTestId("input").textContent ?? "null");
}

describe("attaching MCP resources to a run's input", () => {
  it("lists resources on request, attaches them as chips and sends them after the text", async () => {
    const mcp = plainMcpSource([EVERYTHING]);
    const user = userEvent.setup();
    render(<Harness source={mcp.source} />);
    const open = screen.getByRole("button", { name: "Attach resource" });
    expect(open.getAttribute("aria-expanded")).toBe("false");
    await user.click(open);
    const panel = screen.getByRole("group", { name: "Attach an MCP resource" });
    expect(within(panel).getByLabelText<HTMLSelectElement>("Resource server").value).toBe("everything");
    expect(mcp.calls).toEqual([]);

    await user.click(within(panel).getByRole("button", { name: "Load resources" }));
    const list = await within(panel).findByRole("list", { name: "Resources of everything" });
    expect(within(list).getByText("demo://docs/architecture.md · text/markdown")).toBeTruthy();
    await user.click(within(list).getByRole("button", { name: "Attach architecture.md" }));

    const chips = await screen.findByRole("list", { name: "Attached resources" });
    expect(within(chips).getByText("architecture.md")).toBeTruthy();
    expect(within(chips).getByText("14 B")).toBeTruthy();
    expect(within(list).getByRole("button", { name: "architecture.md is attached" })).toHaveProperty(
      "disabled",
      true,
    );
    expect(mcp.calls).toEqual([
      "resources everything",
      "readResource everything demo://docs/architecture.md",
    ]);
    expect(sentInput()).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "Summarise" },
          {
            type: "resource",
            uri: "demo://docs/architecture.md",
            text: "# Architecture",
            mediaType: "text/markdown",
          },
        ],
      },
    ]);

    await user.click(within(chips).getByRole("button", { name: "Remove architecture.md" }));
    expect(screen.queryByRole("list", { name: "Attached resources" })).toBeNull();
    expect(sentInput()).toBe("Summarise");
  });

  it("refuses a binary resource and one that would pass the size limit, in words", async () => {
    const mcp = plainMcpSource([EVERYTHING]);
    const user = userEvent.setup();
    render(<Harness source={mcp.source} />);
    await user.click(screen.getByRole("button", { name: "Attach resource" }));
    await user.click(screen.getByRole("button", { name: "Load resources" }));
    const list = await screen.findByRole("list", { name: "Resources of everything" });

    await user.click(within(list).getByRole("button", { name: "Attach logo.png" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "demo://docs/logo.png is binary (image/png); only text resources can be attached to a run's input.",
    );

    await user.click(within(list).getByRole("button", { name: "Attach architecture.md" }));
    await screen.findByRole("list", { name: "Attached resources" });
    expect(screen.queryByRole("alert")).toBeNull();
    await user.click(within(list).getByRole("button", { name: "Attach huge.txt" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "huge.txt (192 KiB) does not fit: a run's attached resources may add up to 192 KiB, and 14 B are attached already. Remove one first.",
    );
    expect(
      within(screen.getByRole("list", { name: "Attached resources" })).queryByText("huge.txt"),
    ).toBeNull();
  });

  it("shows why a server's resources could not be listed", async () => {
    const down: PlainServer = {
      name: "down",
      failure: { kind: "not_allowed", message: "“/bin/sh” is not on TRELLIS_MCP_STDIO_ALLOW." },
    };
    const user = userEvent.setup();
    render(<Harness source={plainMcpSource([down]).source} />);
    await user.click(screen.getByRole("button", { name: "Attach resource" }));
    await user.click(screen.getByRole("button", { name: "Load resources" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "“/bin/sh” is not on TRELLIS_MCP_STDIO_ALLOW.",
    );
  });
});
