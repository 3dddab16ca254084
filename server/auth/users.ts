import "server-only";
import { auth } from "@/server/auth/auth";
import { db } from "@/server/db/client";
import { InvalidInputError } from "@/server/errors";

/**
 * Creates an email-and-password account without the HTTP sign-up route (which needs an
 * invitation): for the administration CLI and tests, which run with shell access to the server.
 */
export async function createPasswordUser(input: { email: string; password: string; name?: string }) {
  const context = await auth().$context;
  const email = input.email.trim().toLowerCase();
  const { minPasswordLength, maxPasswordLength } = context.password.config;
  if (input.password.length < minPasswordLength || input.password.length > maxPasswordLength) {
    throw new InvalidInputError(
      `The password must have between ${minPasswordLength} and ${maxPasswordLength} characters.`,
    );
  }
  if (await db().user.findUnique({ where: { email } })) {
    throw new InvalidInputError(`A user with the email ${email} exists already.`);
  }
  const user = await context.internalAdapter.createUser(
    {
      email,
      name: input.name ?? email.split("@")[0] ?? email,
      emailVerified: false,
    },
    { method: "admin" },
  );
  await context.internalAdapter.linkAccount({
    userId: user.id,
    providerId: "credential",
    accountId: user.id,
    password: await context.password.hash(input.password),
  });
  return { id: user.id, email: user.email };
}
