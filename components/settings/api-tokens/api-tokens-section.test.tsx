import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ApiTokensSection } from "@/components/settings/api-tokens/api-tokens-section";
import { renderWithTrpc } from "@/components/testing/render-with-trpc";
import type { Role } from "@/server/auth/roles";

const base = { lastUsedAt: null, revokedAt: null, role: null, createdAt: new Date("2026-12-01T10:00:00Z") };
const tokens = [
  { ...base, id: "t1", name: "ci", prefix: "trl_abcde", userId: "u1", userEmail: "olga@example.test" },
  {
    ...base,
    id: "t2",
    name: "old",
    prefix: "trl_zyxwv",
    userId: "u2",
    userEmail: "ed@example.test",
    role: "viewer",
    revokedAt: new Date("2026-12-02T10:00:00Z"),
  },
];

function renderSection(role: Role) {
  const table: Record<string, unknown> = {
    "apiTokens.list": tokens,
    "apiTokens.create": {
      ...base,
      id: "t3",
      name: "deploy",
      prefix: "trl_qwert",
      token: "trl_qwert-the-whole-token",
    },
    "apiTokens.revoke": { id: "t1" },
  };
  return renderWithTrpc(<ApiTokensSection id="api-tokens" title="API tokens" role={role} />, table);
}

describe("ApiTokensSection", () => {
  it("shows a new token once, with a role cap no higher than the creator's", async () => {
    const calls = renderSection("editor");
    await screen.findByText("ci");
    const cap = screen.getByLabelText<HTMLSelectElement>("Role cap");
    expect([...cap.options].map((option) => option.value)).toEqual(["", "editor", "viewer"]);
    // Editors see no owner column.
    expect(screen.queryByRole("columnheader", { name: "Owner" })).toBeNull();

    fireEvent.change(screen.getByLabelText("Token name"), { target: { value: "deploy" } });
    fireEvent.change(cap, { target: { value: "viewer" } });
    fireEvent.click(screen.getByRole("button", { name: "Create token" }));
    const created = await screen.findByRole("region", { name: "Your new API token" });
    expect(within(created).getByText(/it will not be shown again/)).toBeTruthy();
    expect(within(created).getByLabelText<HTMLInputElement>("New API token").value).toBe(
      "trl_qwert-the-whole-token",
    );
    expect(calls.find((call) => call.path === "apiTokens.create")?.input).toEqual({
      name: "deploy",
      role: "viewer",
    });

    fireEvent.click(within(created).getByRole("button", { name: "Done, I copied it" }));
    expect(screen.queryByRole("region", { name: "Your new API token" })).toBeNull();
    expect(screen.queryByText("trl_qwert-the-whole-token")).toBeNull();
  });

  it("lists owners everyone's tokens with whose they are, and revokes after confirmation", async () => {
    const calls = renderSection("owner");
    const row = (await screen.findByText("ci")).closest("tr");
    expect(screen.getByRole("columnheader", { name: "Owner" })).toBeTruthy();
    expect(row?.textContent).toContain("olga@example.test");
    const revoked = screen.getByText("old").closest("tr");
    expect(within(revoked as HTMLElement).getByText("Revoked")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Revoke old" })).toBeNull();

    fireEvent.click(screen.getByRole("button", { name: "Revoke ci" }));
    const dialog = await screen.findByRole("dialog", { name: "Revoke API token?" });
    expect(calls.some((call) => call.path === "apiTokens.revoke")).toBe(false);
    fireEvent.click(within(dialog).getByRole("button", { name: "Revoke token" }));
    await waitFor(() =>
      expect(calls.find((call) => call.path === "apiTokens.revoke")?.input).toEqual({ id: "t1" }),
    );
  });
});
