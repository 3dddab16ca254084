import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** A real Trellis server started exactly as `npm start` starts it, on its own data directory. */
export type TrellisServer = {
  baseUrl: string;
  dataDir: string;
  signupUrl: string | null;
  output: () => string;
  /** The pid of the process actually serving (the one a kill -9 would hit). */
  serverPid: () => number;
  stop: () => Promise<void>;
};

const root = path.resolve(import.meta.dirname, "..", "..");

export function freshDataDir(label: string): string {
  return mkdtempSync(path.join(tmpdir(), `trellis-e2e-${label}-`));
}

export async function startServer(options: {
  port: number;
  dataDir: string;
  timeoutMs?: number;
  /** Extra environment for the server (the planted provider key). */
  env?: Record<string, string>;
}): Promise<TrellisServer> {
  const child: ChildProcess = spawn(
    path.join(root, "node_modules", ".bin", "tsx"),
    ["--tsconfig", "tsconfig.node.json", "server/cli/start.ts"],
    {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(options.port),
        TRELLIS_DATA_DIR: options.dataDir,
        DATABASE_URL: "",
        NODE_ENV: "production",
        // Every browser test signs in from 127.0.0.1; the production default (10) would throttle the suite.
        TRELLIS_SIGN_IN_ATTEMPTS_PER_MINUTE: "1000",
        // The MCP settings spec registers server-everything, run by this same node executable.
        TRELLIS_MCP_STDIO_ALLOW: process.execPath,
        ...options.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Trellis did not start within the time limit:\n${output}`)),
      options.timeoutMs ?? 600_000,
    );
    const check = () => {
      if (output.includes("[trellis] Ready.")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", check);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Trellis exited with code ${code} before it was ready:\n${output}`));
    });
  });

  const signupUrl = /\/sign-up\?token=(\S+)/.exec(output);
  return {
    baseUrl: `http://localhost:${options.port}`,
    dataDir: options.dataDir,
    signupUrl: signupUrl ? `http://localhost:${options.port}/sign-up?token=${signupUrl[1]}` : null,
    output: () => output,
    serverPid: () =>
      (JSON.parse(readFileSync(path.join(options.dataDir, "runtime.json"), "utf8")) as { pid: number }).pid,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** Runs the admin CLI against a server's data directory (as an operator with shell access would). */
export function runCli(
  dataDir: string,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      path.join(root, "node_modules", ".bin", "tsx"),
      ["--tsconfig", "tsconfig.node.json", "server/cli/index.ts", ...args],
      {
        cwd: root,
        env: { ...process.env, TRELLIS_DATA_DIR: dataDir, DATABASE_URL: "" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
