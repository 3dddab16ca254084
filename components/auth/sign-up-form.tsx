"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { authClient } from "@/components/auth/auth-client";
import { TextField } from "@/components/ui/text-field";

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
      <TextField
        id="sign-up-name"
        label="Name"
        autoComplete="name"
        maxLength={100}
        value={name}
        onValueChange={setName}
      />
      <TextField
        id="sign-up-email"
        label="Email"
        type="email"
        autoComplete="email"
        required
        value={email}
        onValueChange={setEmail}
      />
      <TextField
        id="sign-up-password"
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        aria-invalid={passwordTooShort}
        hint={`At least ${minPasswordLength} characters.`}
        value={password}
        onValueChange={setPassword}
      />
      <button type="submit" className="button button-primary" disabled={pending || !email || !password}>
        {pending ? "Creating account…" : "Create account"}
      </button>
    </form>
  );
}
