import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { callerFromApiToken } from "@/server/auth/api-tokens";
import { auth } from "@/server/auth/auth";

const root = path.resolve(import.meta.dirname, "..", "..");

/** The CLI as an operator runs it: a real process against the test database. */
function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      path.join(root, "node_modules", ".bin", "tsx"),
      ["--tsconfig", "tsconfig.node.json", "server/cli/index.ts", ...args],
      { cwd: root, env: { ...process.env }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("npm run cli", () => {
  it("token create prints only a working token, creating user, workspace and membership", async () => {
    const workspace = `cli-${randomUUID()}`;
    const email = `${randomUUID()}@example.test`;
    const result = await cli([
      "token",
      "create",
      "--name",
      "ci",
      "--user",
      email,
      "--workspace",
      workspace,
      "--role",
      "viewer",
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^trl_[A-Za-z0-9_-]{43}\n$/);
    const caller = await callerFromApiToken(result.stdout.trim());
    expect(caller).toMatchObject({ role: "viewer", via: "token" });

    const list = await cli(["token", "list", "--workspace", workspace]);
    const id = list.stdout.split(/\s+/)[0]!;
    expect(list.stdout).toContain("ci");
    const revoke = await cli(["token", "revoke", id, "--workspace", workspace]);
    expect(revoke.code, revoke.stderr).toBe(0);
    expect(await callerFromApiToken(result.stdout.trim())).toBeNull();
  }, 60_000);

  it("user create makes an account that can sign in", async () => {
    const email = `${randomUUID()}@example.test`;
    const workspace = `cli-${randomUUID()}`;
    const result = await cli([
      "user",
      "create",
      "--email",
      email,
      "--password",
      "a good password",
      "--workspace",
      workspace,
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Created ${email} (owner in workspace "${workspace}")`);
    const signIn = await auth().api.signInEmail({ body: { email, password: "a good password" } });
    expect(signIn.user.email).toBe(email);
  }, 60_000);

  it("explains bad usage with exit code 2", async () => {
    const result = await cli(["token", "create", "--name", "x", "--role", "admin"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--role must be owner, editor or viewer");
    const unknown = await cli(["frobnicate"]);
    expect(unknown.code).toBe(2);
  }, 60_000);
});
