"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { authClient } from "@/components/auth/auth-client";

const INVITE_HEADER = "x-trellis-invite";

export function SignUpForm({ token, minPasswordLength }: { token: string; minPasswordLength: number }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const passwordTooShort = password.length > 0 && password.length < minPasswordLength;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (password.length < minPasswordLength) {
      setError(`Choose a password of at least ${minPasswordLength} characters.`);
      return;
    }
    setPending(true);
    setError(null);
    const { error: failure } = await authClient.signUp.email(
      { name: name.trim() || email.split("@")[0] || email, email, password },
      { headers: { [INVITE_HEADER]: token } },
    );
    if (failure) {
      setPending(false);
      setError(failure.message ?? "Creating the account failed. Try again.");
      return;
    }
    router.replace("/");
    router.refresh();
  }

  return (
    <form onSubmit={submit} noValidate>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="sign-up-name">Name</label>
        <input
          id="sign-up-name"
          className="input"
          autoComplete="name"
          value={name}
          maxLength={100}
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="sign-up-email">Email</label>
        <input
          id="sign-up-email"
          className="input"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="sign-up-password">Password</label>
        <input
          id="sign-up-password"
          className="input"
          type="password"
          autoComplete="new-password"
          required
          aria-invalid={passwordTooShort}
          aria-describedby="sign-up-password-hint"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <span id="sign-up-password-hint" className="hint">
          At least {minPasswordLength} characters.
        </span>
      </div>
      <button type="submit" className="button button-primary" disabled={pending || !email || !password}>
        {pending ? "Creating account…" : "Create account"}
      </button>
    </form>
  );
}
