import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "@/server/api/root";
import { createTestWorkspace } from "@/server/testing/fixtures";

let team: Awaited<ReturnType<typeof createTestWorkspace>>;
const as = (caller: (typeof team)["owner"] | null) =>
  appRouter.createCaller({ caller, headers: new Headers() });

beforeAll(async () => {
  team = await createTestWorkspace();
});

describe("designs tRPC router", () => {
  it("runs the same service as the REST API", async () => {
    const created = await as(team.editor).designs.create({ name: "Through tRPC" });
    expect(created).toMatchObject({
      name: "Through tRPC",
      version: 1,
      graph: { version: 1, nodes: [], edges: [] },
    });
    const renamed = await as(team.editor).designs.update({
      id: created.id,
      patch: { name: "Renamed", expectedVersion: 1 },
    });
    expect(renamed.version).toBe(2);
    expect((await as(team.viewer).designs.list()).map((design) => design.name)).toContain("Renamed");
    await expect(as(team.viewer).designs.validate({ id: created.id })).resolves.toMatchObject({
      valid: false,
    });
  });

  it.each([
    ["UNAUTHORIZED", () => as(null).designs.list()],
    ["FORBIDDEN", () => as(team.viewer).designs.create({ name: "Nope" })],
    ["NOT_FOUND", () => as(team.owner).designs.get({ id: "00000000-0000-4000-8000-000000000000" })],
    ["BAD_REQUEST", () => as(team.owner).designs.create({ name: "" })],
  ])("answers %s", async (code, attempt) => {
    const error: unknown = await attempt().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe(code);
  });

  it("answers CONFLICT for a stale version", async () => {
    const created = await as(team.editor).designs.create({ name: "Stale" });
    await as(team.editor).designs.update({ id: created.id, patch: { name: "One" } });
    const error = await as(team.editor)
      .designs.update({ id: created.id, patch: { name: "Two", expectedVersion: 1 } })
      .catch((caught: unknown) => caught);
    expect((error as TRPCError).code).toBe("CONFLICT");
  });
});
