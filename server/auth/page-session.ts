import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { auth } from "@/server/auth/auth";
import { callerForUser } from "@/server/auth/authenticate";
import type { Caller } from "@/server/auth/caller";
import { chosenWorkspaceId } from "@/server/workspaces/current-workspace-cookie";

export type PageViewer = { caller: Caller; user: { email: string; name: string } };

/** For pages: the signed-in viewer, or a redirect to the sign-in page. */
export async function requireViewer(): Promise<PageViewer> {
  const requestHeaders = await headers();
  const session = await auth().api.getSession({ headers: requestHeaders });
  if (!session) redirect("/sign-in");
  const caller = await callerForUser(session.user.id, chosenWorkspaceId(requestHeaders));
  if (!caller) redirect("/sign-in?reason=no-workspace");
  return { caller, user: { email: session.user.email, name: session.user.name } };
}

export async function isSignedIn(): Promise<boolean> {
  const requestHeaders = await headers();
  return Boolean(await auth().api.getSession({ headers: requestHeaders }));
}
