import type { Metadata } from "next";
import Link from "next/link";
import { JoinWorkspace } from "@/components/auth/join-workspace";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { PASSWORD_MIN_LENGTH } from "@/server/auth/auth";
import { isSignedIn } from "@/server/auth/page-session";
import { describeInvitation } from "@/server/workspaces/invitations";

export const metadata: Metadata = { title: "Create your account" };

export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const { token } = await searchParams;
  const invitation = typeof token === "string" ? await describeInvitation(token) : null;
  if (typeof token === "string" && invitation && (await isSignedIn())) {
    return (
      <main className="auth-page">
        <div className="card auth-card">
          <h1>Join a workspace</h1>
          <JoinWorkspace token={token} workspaceName={invitation.workspaceName} role={invitation.role} />
        </div>
      </main>
    );
  }
  const signInToJoin =
    typeof token === "string"
      ? `/sign-in?next=${encodeURIComponent(`/sign-up?token=${encodeURIComponent(token)}`)}`
      : "/sign-in";
  return (
    <main className="auth-page">
      <div className="card auth-card">
        <h1>Create your account</h1>
        {typeof token === "string" && invitation ? (
          <>
            <p className="muted">
              This one-time link creates your Trellis account and adds you to{" "}
              <strong>{invitation.workspaceName}</strong> as {invitation.role}.
            </p>
            <SignUpForm token={token} minPasswordLength={PASSWORD_MIN_LENGTH} />
            <p className="muted">
              Already have an account? <Link href={signInToJoin}>Sign in to join</Link>
            </p>
          </>
        ) : (
          <>
            <p>
              {token
                ? "This sign-up link is not valid any more: it was used already, or it expired."
                : "Accounts are created through a one-time sign-up link."}
            </p>
            <p className="muted">
              The first account&apos;s link is printed by <code>npm start</code>; later accounts are invited
              by an owner.
            </p>
            <Link className="button" href="/sign-in">
              Go to sign in
            </Link>
          </>
        )}
      </div>
    </main>
  );
}
