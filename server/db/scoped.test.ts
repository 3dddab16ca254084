import { describe, expect, it } from "vitest";
import { scopedDb } from "@/server/db/scoped";
import { createTestWorkspace } from "@/server/testing/fixtures";

const graph = { version: 1, nodes: [], edges: [] };

describe("scopedDb", () => {
  it("confines reads, updates and deletes to the caller's workspace, even without a filter", async () => {
    const a = await createTestWorkspace();
    const b = await createTestWorkspace();
    const mine = await scopedDb(a.owner).design.create({
      data: { workspaceId: a.workspaceId, name: "A", graph },
    });
    // Even a create naming another workspace lands in the caller's.
    const forced = await scopedDb(b.owner).design.create({
      data: { workspaceId: a.workspaceId, name: "B", graph },
    });
    expect(forced.workspaceId).toBe(b.workspaceId);

    expect((await scopedDb(a.owner).design.findMany()).map((design) => design.id)).toEqual([mine.id]);
    expect(await scopedDb(b.owner).design.findUnique({ where: { id: mine.id } })).toBeNull();
    expect(await scopedDb(b.owner).design.count()).toBe(1);
    expect((await scopedDb(b.owner).design.updateMany({ data: { name: "pwned" } })).count).toBe(1);
    expect((await scopedDb(b.owner).design.deleteMany({ where: { id: mine.id } })).count).toBe(0);
    await expect(
      scopedDb(b.owner).design.update({ where: { id: mine.id }, data: { name: "x" } }),
    ).rejects.toThrow();
    expect((await scopedDb(a.owner).design.findUniqueOrThrow({ where: { id: mine.id } })).name).toBe("A");
  });
});
