import "server-only";
import { publicUrl } from "@/server/config/env";
import { isRecordId } from "@/server/db/ids";

/** The workspace a signed-in person chose last (the top bar's switcher); API tokens ignore it. */
export const WORKSPACE_COOKIE = "trellis.workspace";
const ONE_YEAR_SECONDS = 365 * 24 * 3600;

/** The chosen workspace id from a request's cookies, or null when absent or not an id at all. */
export function chosenWorkspaceId(headers: Headers): string | null {
  const cookieHeader = headers.get("cookie");
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const separator = part.indexOf("=");
    if (separator < 0 || part.slice(0, separator).trim() !== WORKSPACE_COOKIE) continue;
    const value = part.slice(separator + 1).trim();
    return isRecordId(value) ? value : null;
  }
  return null;
}

/** The Set-Cookie value that makes `workspaceId` the current workspace of this browser. */
export function workspaceCookie(workspaceId: string, baseUrl: string = publicUrl()): string {
  const secure = baseUrl.startsWith("https://") ? "; Secure" : "";
  return `${WORKSPACE_COOKIE}=${workspaceId}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; HttpOnly; SameSite=Lax${secure}`;
}
