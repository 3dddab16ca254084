import { spawn, type ChildProcessByStdio } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import type { Readable, Writable } from "node:stream";
import type { StdioLaunch } from "@/server/mcp/safety/stdio-policy";

/**
 * A stdio MCP server runs in a process group of its own (spawned detached: it leads a new
 * session), so ending it ends everything it started too: SIGTERM to the group, SIGKILL after a
 * grace period, and `terminate` returns only once the group is gone. No shell is ever involved.
 */
export type ProcessGroup = {
  readonly pid: number;
  readonly child: ChildProcessByStdio<Writable, Readable, Readable>;
  /** Resolves when the direct child has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Ends the whole group and waits for it (SIGTERM, then SIGKILL after `graceMs`). */
  terminate(graceMs?: number): Promise<void>;
};

const DEFAULT_GRACE_MS = 2000;
const POLL_MS = 25;

/** Groups still running; killed when Trellis exits so no server outlives it. */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

export function spawnProcessGroup(launch: StdioLaunch): Promise<ProcessGroup> {
  installExitHook();
  return new Promise((resolve, reject) => {
    const child = spawn(launch.executable, launch.args, {
      cwd: launch.cwd,
      // Only the variables the policy chose (see stdio-policy.ts); the typing wants NODE_ENV.
      env: launch.env as NodeJS.ProcessEnv,
      shell: false,
      detached: true,
      stdio: ["pipe", "pipe", "pipe"],
      windowsHide: true,
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) => {
      child.once("exit", (code, signal) => resolveExit({ code, signal }));
    });
    child.once("error", (error) => {
      // Spawning failed (ENOENT, EACCES): there is no process to end.
      if (child.pid === undefined) reject(error);
    });
    child.once("spawn", () => {
      const pid = child.pid;
      if (pid === undefined) {
        reject(new Error("the process has no pid"));
        return;
      }
      liveGroups.add(pid);
      let terminating: Promise<void> | undefined;
      resolve({
        pid,
        child,
        exited,
        terminate(graceMs = DEFAULT_GRACE_MS) {
          terminating ??= terminateGroup(pid, exited, graceMs).finally(() => liveGroups.delete(pid));
          return terminating;
        },
      });
    });
  });
}

async function terminateGroup(pgid: number, exited: Promise<unknown>, graceMs: number): Promise<void> {
  signalGroup(pgid, "SIGTERM");
  if (await waitUntilGone(pgid, exited, graceMs)) return;
  signalGroup(pgid, "SIGKILL");
  await waitUntilGone(pgid, exited, graceMs);
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

async function waitUntilGone(pgid: number, exited: Promise<unknown>, timeoutMs: number): Promise<boolean> {
  let childExited = false;
  void exited.then(() => (childExited = true));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (childExited && !(await groupHasLiveMembers(pgid))) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * Whether any process of the group still runs. Zombies do not count: an orphaned grandchild is
 * reaped by init, not by us, and signalling a zombie still "succeeds".
 */
export async function groupHasLiveMembers(pgid: number): Promise<boolean> {
  try {
    process.kill(-pgid, 0);
  } catch {
    return false;
  }
  if (process.platform !== "linux") return true;
  // Only zombies may be left: look for a member that is not one.
  const entries = await readdir("/proc").catch(() => [] as string[]);
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    // pid (comm) state ppid pgrp ...: comm may contain spaces and parentheses, so split after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[2]) === pgid && fields[0] !== "Z") return true;
  }
  return false;
}

/** Whether a process runs (a zombie does not). */
export async function isProcessRunning(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  if (process.platform !== "linux") return true;
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
  return stat !== "" && stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0] !== "Z";
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const pgid of liveGroups) signalGroup(pgid, "SIGKILL");
  });
}
