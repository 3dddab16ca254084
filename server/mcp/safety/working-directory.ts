import { mkdir, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { McpConnectionError } from "@/server/mcp/connection";

/**
 * The working directory of a stdio MCP server: always inside `workRoot` (`<data dir>/mcp`). The
 * registry's `cwd` is a relative subfolder; absolute paths, `..` and symlinks that lead out are
 * refused. Folders are created on demand, one level at a time, and each level is checked after
 * following symlinks before anything is created inside it, so nothing is ever made outside.
 */
export async function resolveWorkingDirectory(
  workRoot: string,
  relative: string | undefined,
): Promise<string> {
  const segments = checkRelativeFolder(relative);
  await mkdir(workRoot, { recursive: true });
  const realRoot = await realpath(workRoot);
  let current = realRoot;
  for (const segment of segments) {
    const next = path.join(current, segment);
    await mkdir(next).catch((error: unknown) => {
      if (!isCode(error, "EEXIST")) throw refuse(relative, "it cannot be created", error);
    });
    const real = await realpath(next).catch((error: unknown) => {
      throw refuse(relative, "it is a broken link", error);
    });
    if (real !== realRoot && !real.startsWith(realRoot + path.sep)) {
      throw refuse(relative, "it leads outside the MCP working folder");
    }
    if (!(await stat(real)).isDirectory()) throw refuse(relative, "it is not a folder");
    current = real;
  }
  return current;
}

/** The folder names of a relative working folder; throws "not_allowed" for `..`, absolute paths, NUL. */
export function checkRelativeFolder(relative: string | undefined = ""): string[] {
  if (relative.length > 512) throw refuse(relative, "it is longer than 512 characters");
  if (relative.includes("\0")) throw refuse(relative, "it contains NUL");
  // Backslashes and drive letters would mean different things on different systems.
  if (relative.includes("\\")) throw refuse(relative, "use '/' between folder names");
  if (path.isAbsolute(relative) || /^[A-Za-z]:/.test(relative)) {
    throw refuse(relative, "it must be relative to the MCP working folder");
  }
  const segments = relative.split("/").filter((segment) => segment !== "" && segment !== ".");
  if (segments.includes("..")) throw refuse(relative, "'..' is not allowed");
  return segments;
}

function refuse(relative: string | undefined, reason: string, cause?: unknown): McpConnectionError {
  return new McpConnectionError(
    "not_allowed",
    `The working folder "${relative ?? ""}" is not allowed: ${reason}.`,
    {
      cause,
    },
  );
}

function isCode(error: unknown, code: string): boolean {
  return error instanceof Error && "code" in error && error.code === code;
}
