import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { MembersSection } from "@/components/settings/members/members-section";
import { renderWithTrpc } from "@/components/testing/render-with-trpc";
import type { Role } from "@/server/auth/roles";

// The section refreshes server components after some changes; there is no Next.js router here.
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: vi.fn(), replace: vi.fn() }) }));

const members = [
  {
    userId: "owner1",
    email: "olga@example.test",
    name: "Olga",
    role: "owner",
    joinedAt: new Date("2026-01-01"),
  },
  {
    userId: "editor1",
    email: "ed@example.test",
    name: "Ed",
    role: "editor",
    joinedAt: new Date("2026-02-01"),
  },
];

function renderSection(role: Role, currentUserId: string) {
  const answers: Record<string, unknown> = {
    "members.list": { currentUserId, members },
    "invites.list": [],
    "members.changeRole": { ...members[1], role: "viewer" },
  };
  return renderWithTrpc(<MembersSection id="members" title="Members" role={role} />, answers);
}

describe("MembersSection", () => {
  it("shows editors the members read-only, with Leave on their own row only", async () => {
    const calls = renderSection("editor", "editor1");
    const table = await screen.findByRole("table", { name: "Members" });
    expect(within(table).getByText("olga@example.test")).toBeTruthy();
    expect(within(table).getByText("Owner")).toBeTruthy();
    expect(screen.queryAllByRole("combobox")).toHaveLength(0);
    expect(screen.queryByRole("button", { name: /^Remove / })).toBeNull();
    expect(screen.queryByRole("button", { name: "Create link" })).toBeNull();
    const leave = screen.getByRole("button", { name: "Leave workspace" });
    expect(leave.closest("tr")?.textContent).toContain("ed@example.test");
    expect(screen.getByText(/Only workspace owners can invite people/)).toBeTruthy();
    expect(calls.map((call) => call.path)).not.toContain("invites.list");
  });

  it("gives owners a labelled role select per member, Remove with confirmation, and invitations", async () => {
    const calls = renderSection("owner", "owner1");
    const select = await screen.findByLabelText<HTMLSelectElement>("Role of ed@example.test");
    expect(select.value).toBe("editor");
    fireEvent.change(select, { target: { value: "viewer" } });
    await waitFor(() =>
      expect(calls).toContainEqual({
        path: "members.changeRole",
        input: { userId: "editor1", role: "viewer" },
      }),
    );

    fireEvent.click(screen.getByRole("button", { name: "Remove ed@example.test" }));
    expect(screen.getByRole("heading", { name: "Remove member?" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Remove olga@example.test" })).toBeNull();
    expect(screen.getByRole("button", { name: "Create link" })).toBeTruthy();
    expect(await screen.findByText("No open invitation links.")).toBeTruthy();
  });
});
