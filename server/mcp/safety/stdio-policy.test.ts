import { mkdir, mkdtemp, realpath, rm, stat, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { McpConnectionError } from "@/server/mcp/connection";
import { checkStdioPolicy, prepareStdioLaunch, type StdioEntry } from "@/server/mcp/safety/stdio-policy";
import { resolveWorkingDirectory } from "@/server/mcp/safety/working-directory";
import { refusal } from "@/server/mcp/testing/connection-refusal";

let base: string;
let workRoot: string;

beforeAll(async () => {
  base = await realpath(await mkdtemp(path.join(tmpdir(), "trellis-policy-")));
  workRoot = path.join(base, "data", "mcp");
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

const entry = (extra: Partial<StdioEntry> = {}): StdioEntry => ({
  name: "tool",
  description: "",
  transport: "stdio",
  command: "node",
  args: [],
  env: {},
  ...extra,
});

const serverEnvironment = {
  PATH: path.dirname(process.execPath),
  LANG: "en_US.UTF-8",
  HOME: "/home/trellis",
  TRELLIS_SECRET: "s".repeat(40),
  DATABASE_URL: "postgres://user:password@db/trellis",
  OPENAI_API_KEY: "sk-secret",
  BASH_FUNC_x: "() { evil; }",
  TZ: "() { not a zone; }",
} as unknown as NodeJS.ProcessEnv;

describe("prepareStdioLaunch", () => {
  it("refuses a command that is not on the allowlist, by exact string", async () => {
    for (const [allow, command] of [
      [[], "node"],
      [["node"], "/usr/bin/node"],
      [["/usr/bin/node"], "node"],
      [["node"], "node "],
      [["node"], "nodejs"],
    ] as const) {
      const error = await refusal(
        prepareStdioLaunch(entry({ command }), { stdioAllow: allow, workRoot }, serverEnvironment),
      );
      expect(error.kind).toBe("not_allowed");
      expect(error.message).toBe(
        `The command "${command}" is not on this server's allowlist (TRELLIS_MCP_STDIO_ALLOW).`,
      );
    }
  });

  it("resolves a bare name on the server's PATH, not on a PATH the entry sets", async () => {
    const launch = await prepareStdioLaunch(
      entry({ env: { PATH: "/tmp/elsewhere" } }),
      { stdioAllow: ["node"], workRoot },
      serverEnvironment,
    );
    expect(launch.executable).toBe(path.join(path.dirname(process.execPath), "node"));
    expect(launch.env.PATH).toBe("/tmp/elsewhere");
  });

  it("gives a minimal environment: no server secrets, HOME in the working folder, the entry's own variables", async () => {
    const launch = await prepareStdioLaunch(
      entry({ env: { API_TOKEN: "for-the-server" } }),
      { stdioAllow: ["node"], workRoot },
      serverEnvironment,
    );
    expect(launch.env).toEqual({
      PATH: path.dirname(process.execPath),
      LANG: "en_US.UTF-8",
      TERM: "dumb",
      HOME: launch.cwd,
      API_TOKEN: "for-the-server",
    });
    expect(launch.cwd).toBe(workRoot);
  });

  it("refuses bad arguments and loader variables", async () => {
    const config = { stdioAllow: ["node"], workRoot };
    const cases: Array<[Partial<StdioEntry>, string]> = [
      [{ args: ["ok", "bad\0arg"] }, "argument 2 contains NUL"],
      [{ args: Array.from({ length: 65 }, () => "x") }, "at most 64 arguments"],
      [{ args: ["x".repeat(4097)] }, "argument 1 is longer than 4096"],
      [{ env: { LD_PRELOAD: "/tmp/evil.so" } }, 'the environment variable "LD_PRELOAD" is not allowed'],
      [{ env: { DYLD_INSERT_LIBRARIES: "/tmp/evil.dylib" } }, "is not allowed"],
      [{ env: { "BAD-NAME": "x" } }, "is not a valid environment variable name"],
    ];
    for (const [extra, message] of cases) {
      const error = await refusal(prepareStdioLaunch(entry(extra), config, serverEnvironment));
      expect(error.kind).toBe("not_allowed");
      expect(error.message).toContain(message);
    }
  });

  it("reports an allowed command that does not exist as cannot_start", async () => {
    const error = await refusal(
      prepareStdioLaunch(
        entry({ command: "no-such-mcp-server" }),
        { stdioAllow: ["no-such-mcp-server"], workRoot },
        serverEnvironment,
      ),
    );
    expect(error.kind).toBe("cannot_start");
  });
});

describe("checkStdioPolicy", () => {
  it("checks an entry without touching the file system", async () => {
    const untouched = path.join(base, "never-created");
    expect(() => checkStdioPolicy(entry({ cwd: "../up" }), { stdioAllow: ["node"] })).toThrow(
      McpConnectionError,
    );
    expect(() => checkStdioPolicy(entry(), { stdioAllow: [] })).toThrow("TRELLIS_MCP_STDIO_ALLOW");
    expect(checkStdioPolicy(entry({ args: ["server.js"], cwd: "docs" }), { stdioAllow: ["node"] })).toEqual({
      args: ["server.js"],
      ownEnvironment: {},
    });
    await expect(stat(untouched)).rejects.toThrow();
  });
});

describe("resolveWorkingDirectory", () => {
  it("creates a relative subfolder on demand inside the working root", async () => {
    const folder = await resolveWorkingDirectory(workRoot, "servers/./docs/");
    expect(folder).toBe(path.join(workRoot, "servers", "docs"));
    expect((await stat(folder)).isDirectory()).toBe(true);
  });

  it.each(["../outside", "a/../../outside", "/etc", "..", "a\\..\\b", "C:/Windows", "x\0y"])(
    "refuses %j",
    async (relative) => {
      const error = await refusal(resolveWorkingDirectory(workRoot, relative));
      expect(error.kind).toBe("not_allowed");
      expect(error.message).toContain("The working folder");
    },
  );

  it("refuses a symlink that leads out, without creating anything outside", async () => {
    const outside = path.join(base, "outside");
    await mkdir(outside, { recursive: true });
    await mkdir(workRoot, { recursive: true });
    await symlink(outside, path.join(workRoot, "escape"));
    const error = await refusal(resolveWorkingDirectory(workRoot, "escape/inner"));
    expect(error.message).toContain("leads outside");
    await expect(stat(path.join(outside, "inner"))).rejects.toThrow();
  });

  it("follows a symlink that stays inside", async () => {
    await mkdir(path.join(workRoot, "real"), { recursive: true });
    await symlink(path.join(workRoot, "real"), path.join(workRoot, "alias"));
    expect(await resolveWorkingDirectory(workRoot, "alias")).toBe(path.join(workRoot, "real"));
  });
});
