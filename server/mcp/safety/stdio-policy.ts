import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import path from "node:path";
import { McpConnectionError } from "@/server/mcp/connection";
import type { McpConfig } from "@/server/mcp/mcp-config";
import { checkRelativeFolder, resolveWorkingDirectory } from "@/server/mcp/safety/working-directory";
import type { McpServerEntry } from "@/server/mcp/server-entry";

export type StdioEntry = Extract<McpServerEntry, { transport: "stdio" }>;

/** Everything needed to spawn a stdio server, after the policy has approved it. */
export type StdioLaunch = {
  /** The command as written in the entry (for messages). */
  command: string;
  /** What is actually executed: bare names resolved on the server's own PATH. */
  executable: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
};

const MAX_ARGS = 64;
const MAX_ARG_LENGTH = 4096;
const MAX_ARGS_TOTAL = 128 * 1024;
const MAX_ENV_ENTRIES = 64;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
/** Loader variables would let any allowed executable run arbitrary code: the allowlist would mean nothing. */
const FORBIDDEN_ENV = /^(LD_|DYLD_)/i;
/** The server's variables a child may see; everything else (TRELLIS_SECRET, DATABASE_URL, keys) stays here. */
const INHERITED_ENV = ["PATH", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR", "USER", "LOGNAME"];
const FALLBACK_PATH = "/usr/local/bin:/usr/bin:/bin";

/**
 * Decides whether a stdio entry may run and how: the command must be on TRELLIS_MCP_STDIO_ALLOW
 * exactly as written, arguments and environment are checked, the working directory is made inside
 * the MCP working folder. Throws `McpConnectionError` ("not_allowed", or "cannot_start" when the
 * executable does not exist). Spawning is left to the transport, always without a shell.
 */
export async function prepareStdioLaunch(
  entry: StdioEntry,
  config: Pick<McpConfig, "stdioAllow" | "workRoot">,
  serverEnvironment: NodeJS.ProcessEnv = process.env,
): Promise<StdioLaunch> {
  const { args, ownEnvironment } = checkStdioPolicy(entry, config);
  const serverPath = serverEnvironment.PATH || FALLBACK_PATH;
  const executable = await resolveExecutable(entry.command, serverPath);
  const cwd = await resolveWorkingDirectory(config.workRoot, entry.cwd);
  return {
    command: entry.command,
    executable,
    args,
    env: { ...baseEnvironment(serverEnvironment, serverPath, cwd), ...ownEnvironment },
    cwd,
  };
}

/**
 * The policy without side effects (no file system, no PATH lookup): allowlist, arguments,
 * environment names and values, the working folder's form. For validating an entry when it is
 * saved; `prepareStdioLaunch` applies it again before every start.
 */
export function checkStdioPolicy(
  entry: Pick<StdioEntry, "command" | "args" | "env" | "cwd">,
  config: Pick<McpConfig, "stdioAllow">,
): { args: string[]; ownEnvironment: Record<string, string> } {
  if (!config.stdioAllow.includes(entry.command)) {
    throw new McpConnectionError(
      "not_allowed",
      `The command "${entry.command}" is not on this server's allowlist (TRELLIS_MCP_STDIO_ALLOW).`,
    );
  }
  const args = checkArguments(entry.args);
  const ownEnvironment = checkEnvironment(entry.env);
  checkRelativeFolder(entry.cwd);
  return { args, ownEnvironment };
}

function checkArguments(args: readonly string[]): string[] {
  if (args.length > MAX_ARGS) throw notAllowed(`at most ${MAX_ARGS} arguments are allowed`);
  let total = 0;
  for (const [index, argument] of args.entries()) {
    if (typeof argument !== "string") throw notAllowed(`argument ${index + 1} is not text`);
    if (argument.includes("\0")) throw notAllowed(`argument ${index + 1} contains NUL`);
    if (argument.length > MAX_ARG_LENGTH)
      throw notAllowed(`argument ${index + 1} is longer than ${MAX_ARG_LENGTH}`);
    total += argument.length;
  }
  if (total > MAX_ARGS_TOTAL)
    throw notAllowed(`the arguments are longer than ${MAX_ARGS_TOTAL} characters in all`);
  return [...args];
}

function checkEnvironment(environment: Readonly<Record<string, string>>): Record<string, string> {
  const entries = Object.entries(environment);
  if (entries.length > MAX_ENV_ENTRIES) throw notAllowed(`at most ${MAX_ENV_ENTRIES} environment variables`);
  for (const [name, value] of entries) {
    if (!ENV_NAME.test(name)) throw notAllowed(`"${name}" is not a valid environment variable name`);
    if (FORBIDDEN_ENV.test(name)) throw notAllowed(`the environment variable "${name}" is not allowed`);
    if (typeof value !== "string" || value.includes("\0")) {
      throw notAllowed(`the environment variable "${name}" contains NUL`);
    }
  }
  return Object.fromEntries(entries);
}

function baseEnvironment(server: NodeJS.ProcessEnv, serverPath: string, cwd: string): Record<string, string> {
  const environment: Record<string, string> = { TERM: "dumb" };
  for (const name of INHERITED_ENV) {
    const value = server[name];
    // Values starting with "()" are exported shell functions: never pass those on.
    if (value !== undefined && value !== "" && !value.startsWith("()")) environment[name] = value;
  }
  environment.PATH = serverPath;
  environment.LANG ??= "C.UTF-8";
  // Caches and dotfiles of the server land in its own folder, not in the Trellis user's home.
  environment.HOME = cwd;
  return environment;
}

/**
 * A bare name is looked up on the server's PATH here, not by the child's environment: an entry that
 * sets PATH must not turn an allowed "node" into another program.
 */
async function resolveExecutable(command: string, serverPath: string): Promise<string> {
  if (command.includes("/")) return command;
  for (const folder of serverPath.split(path.delimiter)) {
    if (!path.isAbsolute(folder)) continue;
    const candidate = path.join(folder, command);
    try {
      await access(candidate, constants.X_OK);
      if ((await stat(candidate)).isFile()) return candidate;
    } catch {
      // Not in this folder.
    }
  }
  throw new McpConnectionError(
    "cannot_start",
    `Could not start "${command}": it was not found on the server's PATH.`,
  );
}

function notAllowed(reason: string): McpConnectionError {
  return new McpConnectionError("not_allowed", `The MCP server's command line is not allowed: ${reason}.`);
}
