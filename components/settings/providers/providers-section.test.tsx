import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ProvidersSection } from "@/components/settings/providers/providers-section";
import { renderWithTrpc } from "@/components/testing/render-with-trpc";
import type { Role } from "@/server/auth/roles";

const views = [
  { provider: "openai", hasKey: true, baseUrl: null, keyHint: "abcd" },
  { provider: "anthropic", hasKey: false, baseUrl: null, keyHint: null },
  { provider: "google", hasKey: true, baseUrl: null, keyHint: null },
  { provider: "generic", hasKey: false, baseUrl: "http://gpu.example.test/v1", keyHint: null },
];

function renderSection(role: Role, answers: Record<string, unknown> = {}) {
  const table: Record<string, unknown> = { "providers.list": views, ...answers };
  return renderWithTrpc(<ProvidersSection id="providers" title="Model providers" role={role} />, table);
}

describe("ProvidersSection", () => {
  it("shows non-owners whether keys are set, and nothing to change or test", async () => {
    renderSection("editor");
    const openai = await screen.findByRole("article", { name: "OpenAI" });
    expect(within(openai).getByText("set (…abcd)")).toBeTruthy();
    expect(within(screen.getByRole("article", { name: "Anthropic" })).getByText("not set")).toBeTruthy();
    expect(within(screen.getByRole("article", { name: "Google" })).getByText("set")).toBeTruthy();
    expect(screen.getByText("http://gpu.example.test/v1")).toBeTruthy();
    expect(screen.queryAllByRole("textbox")).toHaveLength(0);
    expect(screen.queryByLabelText("OpenAI API key")).toBeNull();
    expect(screen.queryByRole("button", { name: /^(Save|Test|Remove)/ })).toBeNull();
    expect(screen.getByText(/Only workspace owners can change or test provider keys/)).toBeTruthy();
  });

  it("gives owners an empty password field per provider; saving sends only what changed", async () => {
    const calls = renderSection("owner", {
      "providers.set": { provider: "openai", hasKey: true, baseUrl: null, keyHint: "WXYZ" },
    });
    const openai = await screen.findByRole("article", { name: "OpenAI" });
    const keyField = within(openai).getByLabelText<HTMLInputElement>("OpenAI API key");
    expect(keyField.type).toBe("password");
    expect(keyField.value).toBe("");
    expect(within(openai).getByLabelText<HTMLInputElement>("OpenAI base URL").value).toBe("");

    fireEvent.change(keyField, { target: { value: "sk-new-key-1234WXYZ" } });
    fireEvent.click(within(openai).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(keyField.value).toBe(""));
    expect(calls.find((call) => call.path === "providers.set")?.input).toEqual({
      provider: "openai",
      apiKey: "sk-new-key-1234WXYZ",
    });
    expect(within(openai).getByText("Saved.")).toBeTruthy();
  });

  it("removes a key only after confirmation", async () => {
    const calls = renderSection("owner", {
      "providers.set": { provider: "openai", hasKey: false, baseUrl: null, keyHint: null },
    });
    const openai = await screen.findByRole("article", { name: "OpenAI" });
    expect(
      within(screen.getByRole("article", { name: "Anthropic" })).queryByRole("button", { name: /Remove/ }),
    ).toBeNull();
    fireEvent.click(within(openai).getByRole("button", { name: "Remove OpenAI key" }));
    const dialog = await screen.findByRole("dialog", { name: "Remove the OpenAI key?" });
    expect(calls.some((call) => call.path === "providers.set")).toBe(false);
    fireEvent.click(within(dialog).getByRole("button", { name: "Remove key" }));
    await waitFor(() =>
      expect(calls.find((call) => call.path === "providers.set")?.input).toEqual({
        provider: "openai",
        apiKey: null,
      }),
    );
  });

  it("tests a provider in place and says why it failed", async () => {
    const calls = renderSection("owner", {
      "providers.test": {
        ok: false,
        error: { kind: "rejected-key", message: "OpenAI rejected the key (HTTP 401)." },
      },
    });
    const openai = await screen.findByRole("article", { name: "OpenAI" });
    fireEvent.click(within(openai).getByRole("button", { name: "Test OpenAI" }));
    expect(await within(openai).findByText(/OpenAI rejected the key/)).toBeTruthy();
    expect(calls.find((call) => call.path === "providers.test")?.input).toEqual({ provider: "openai" });
  });
});
