import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { chosenWorkspaceId, workspaceCookie } from "@/server/workspaces/current-workspace-cookie";

describe("the workspace cookie", () => {
  it("is HttpOnly, SameSite=Lax and site-wide, and Secure only behind https", () => {
    const id = randomUUID();
    const plain = workspaceCookie(id, "http://localhost:3000");
    expect(plain).toMatch(new RegExp(`^trellis\\.workspace=${id}; `));
    expect(plain).toContain("; Path=/");
    expect(plain).toContain("; HttpOnly");
    expect(plain).toContain("; SameSite=Lax");
    expect(plain).not.toContain("Secure");
    expect(workspaceCookie(id, "https://trellis.example.com")).toMatch(/; Secure$/);
  });

  it("reads the id back among other cookies, and nothing that is not an id", () => {
    const id = randomUUID();
    expect(chosenWorkspaceId(new Headers({ cookie: `a=1; trellis.workspace=${id}; b=2` }))).toBe(id);
    expect(chosenWorkspaceId(new Headers({ cookie: "trellis.workspace=x'; DROP" }))).toBeNull();
    expect(chosenWorkspaceId(new Headers({ cookie: `xtrellis.workspace=${id}` }))).toBeNull();
    expect(chosenWorkspaceId(new Headers())).toBeNull();
  });
});
