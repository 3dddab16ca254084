import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { EXAMPLE_DESIGNS } from "@/server/designs/examples";
import type { Graph } from "@/server/designs/graph-schema";
import { createDesign, getDesign, updateDesign } from "@/server/designs/service";
import {
  getDesignVersion,
  listDesignVersions,
  restoreDesignVersion,
  versionFromPath,
} from "@/server/designs/versions";
import { ConflictError, ForbiddenError, NotFoundError } from "@/server/errors";
import { createTestWorkspace } from "@/server/testing/fixtures";

let team: Awaited<ReturnType<typeof createTestWorkspace>>;
let otherTeam: Awaited<ReturnType<typeof createTestWorkspace>>;

const research = EXAMPLE_DESIGNS.find((example) => example.name === "Research desk")!.graph;
const oneAgent: Graph = {
  version: 1,
  nodes: [{ id: "a", type: "agent", position: { x: 0, y: 0 }, data: { name: "solo" } }],
  edges: [],
};

beforeAll(async () => {
  team = await createTestWorkspace();
  otherTeam = await createTestWorkspace();
});

/** A design with three versions: v1 research by the editor, v2 one agent by the owner, v3 renamed. */
async function designWithHistory() {
  const created = await createDesign(team.editor, {
    name: "History",
    description: "first",
    graph: research,
  });
  await updateDesign(team.owner, created.id, { graph: oneAgent, description: "second", expectedVersion: 1 });
  await updateDesign(team.editor, created.id, { name: "History renamed", expectedVersion: 2 });
  return created.id;
}

describe("listDesignVersions", () => {
  it("lists every saved version newest first with its author", async () => {
    const id = await designWithHistory();
    const versions = await listDesignVersions(team.viewer, id);
    expect(versions.map((version) => [version.version, version.name, version.author?.name])).toEqual([
      [3, "History renamed", "editor"],
      [2, "History", "owner"],
      [1, "History", "editor"],
    ]);
    expect(versions[0]?.author?.email).toMatch(/^editor-.*@example\.test$/);
    expect(versions[0]?.createdAt).toBeInstanceOf(Date);
    expect(versions[0]).not.toHaveProperty("graph");
  });

  it("shows no author for system saves and for users who no longer exist", async () => {
    const created = await createDesign(team.editor, { name: "Orphans", graph: oneAgent });
    const ghost = await db().user.create({
      data: { id: randomUUID(), email: `ghost-${randomUUID()}@example.test`, name: "ghost" },
    });
    await db().designVersion.createMany({
      data: [
        {
          designId: created.id,
          workspaceId: team.workspaceId,
          version: 2,
          name: "x",
          graph: oneAgent,
          authorId: "system",
        },
        {
          designId: created.id,
          workspaceId: team.workspaceId,
          version: 3,
          name: "y",
          graph: oneAgent,
          authorId: ghost.id,
        },
        {
          designId: created.id,
          workspaceId: team.workspaceId,
          version: 4,
          name: "z",
          graph: oneAgent,
          authorId: null,
        },
      ],
    });
    await db().user.delete({ where: { id: ghost.id } });
    const versions = await listDesignVersions(team.viewer, created.id);
    expect(versions.map((version) => [version.version, version.author])).toEqual([
      [4, null],
      [3, null],
      [2, null],
      [1, expect.objectContaining({ name: "editor" })],
    ]);
  });

  it.each([
    ["a design of another workspace", () => designWithHistory()],
    ["an unknown id", () => Promise.resolve(randomUUID())],
    ["a malformed id", () => Promise.resolve("not-a-uuid")],
  ])("answers not found for %s", async (_label, makeId) => {
    const id = await makeId();
    await expect(listDesignVersions(otherTeam.owner, id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("getDesignVersion", () => {
  it("returns one version with its graph, description and author", async () => {
    const id = await designWithHistory();
    const first = await getDesignVersion(team.viewer, id, 1);
    expect(first).toMatchObject({
      version: 1,
      name: "History",
      description: "first",
      graph: research,
      author: { name: "editor" },
    });
    expect((await getDesignVersion(team.viewer, id, 2)).graph).toEqual(oneAgent);
  });

  it("tells an unknown version from an unknown design", async () => {
    const id = await designWithHistory();
    await expect(getDesignVersion(team.viewer, id, 99)).rejects.toThrow("Design version not found.");
    await expect(getDesignVersion(team.viewer, randomUUID(), 1)).rejects.toThrow("Design not found.");
  });

  it.each([0, -1, 1.5, Number.NaN, 2 ** 40])("answers not found for version %s", async (version) => {
    const id = await designWithHistory();
    await expect(getDesignVersion(team.viewer, id, version)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("does not show another workspace's versions", async () => {
    const id = await designWithHistory();
    await expect(getDesignVersion(otherTeam.owner, id, 1)).rejects.toThrow("Design not found.");
  });
});

describe("restoreDesignVersion", () => {
  it("saves the old version as a new one and keeps the history", async () => {
    const id = await designWithHistory();
    const restored = await restoreDesignVersion(team.editor, id, 1, 3);
    expect(restored).toMatchObject({ version: 4, name: "History", description: "first", graph: research });
    expect(await getDesign(team.viewer, id)).toMatchObject({ version: 4, graph: research });
    const versions = await listDesignVersions(team.viewer, id);
    expect(versions.map((version) => version.version)).toEqual([4, 3, 2, 1]);
    expect(versions[0]?.author?.name).toBe("editor");
    expect((await getDesignVersion(team.viewer, id, 4)).graph).toEqual(research);
    expect((await getDesignVersion(team.viewer, id, 3)).name).toBe("History renamed");
  });

  it("restores without expectedVersion on top of whatever is current", async () => {
    const id = await designWithHistory();
    expect((await restoreDesignVersion(team.owner, id, 2)).version).toBe(4);
  });

  it("refuses a stale expectedVersion and changes nothing", async () => {
    const id = await designWithHistory();
    const error = await restoreDesignVersion(team.editor, id, 1, 2).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).details).toEqual({ currentVersion: 3 });
    expect((await getDesign(team.viewer, id)).version).toBe(3);
    expect(await db().designVersion.count({ where: { designId: id } })).toBe(3);
  });

  it("refuses viewers", async () => {
    const id = await designWithHistory();
    await expect(restoreDesignVersion(team.viewer, id, 1)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await getDesign(team.viewer, id)).version).toBe(3);
  });

  it("answers not found across workspaces and for unknown versions", async () => {
    const id = await designWithHistory();
    await expect(restoreDesignVersion(otherTeam.owner, id, 1)).rejects.toBeInstanceOf(NotFoundError);
    await expect(restoreDesignVersion(team.editor, id, 42)).rejects.toBeInstanceOf(NotFoundError);
    expect((await getDesign(team.viewer, id)).version).toBe(3);
  });
});

describe("versionFromPath", () => {
  it("reads positive whole numbers", () => {
    expect(versionFromPath("1")).toBe(1);
    expect(versionFromPath("2147483647")).toBe(2_147_483_647);
  });

  it.each(["", "0", "01", "-1", "1.5", "1e3", "abc", " 1", "2147483648", undefined])(
    "answers not found for %s",
    (value) => {
      expect(() => versionFromPath(value)).toThrow(NotFoundError);
    },
  );
});
