import type { Metadata } from "next";
import Link from "next/link";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { PASSWORD_MIN_LENGTH } from "@/server/auth/auth";
import { isInviteUsable } from "@/server/auth/invites";

export const metadata: Metadata = { title: "Create your account" };

export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const { token } = await searchParams;
  const usable = typeof token === "string" && (await isInviteUsable(token));
  return (
    <main className="auth-page">
      <div className="card auth-card">
        <h1>Create your account</h1>
        {usable ? (
          <>
            <p className="muted">This one-time link creates your Trellis account.</p>
            <SignUpForm token={token} minPasswordLength={PASSWORD_MIN_LENGTH} />
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
