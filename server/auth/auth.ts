import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { isInviteUsable, redeemInvite } from "@/server/auth/invites";
import { allowedOrigins, publicUrl, serverEnv } from "@/server/config/env";
import { deriveKey } from "@/server/crypto/secret";
import { db } from "@/server/db/client";
import { log } from "@/server/log";

/** Sign-up over HTTP needs a single-use invitation, sent in this header by the sign-up page. */
export const INVITE_HEADER = "x-trellis-invite";
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

function createAuth() {
  const env = serverEnv();
  const secret = env.TRELLIS_SECRET;
  if (!secret)
    throw new Error("TRELLIS_SECRET is not set: start Trellis with `npm start`, which provides it.");
  const baseURL = publicUrl(env);
  return betterAuth({
    appName: "Trellis",
    baseURL,
    basePath: "/api/auth",
    secret: deriveKey(secret, "better-auth").toString("base64url"),
    trustedOrigins: allowedOrigins(env),
    database: prismaAdapter(db(), { provider: "postgresql" }),
    telemetry: { enabled: false },
    emailAndPassword: {
      enabled: true,
      minPasswordLength: PASSWORD_MIN_LENGTH,
      maxPasswordLength: PASSWORD_MAX_LENGTH,
      autoSignIn: true,
    },
    session: { expiresIn: 60 * 60 * 24 * 14, updateAge: 60 * 60 * 24 },
    advanced: {
      cookiePrefix: "trellis",
      // HttpOnly and SameSite=Lax always; Secure whenever the public address is https.
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
    },
    // Sign-in and sign-up are rate-limited in front of better-auth (server/auth/auth-route.ts), in
    // PostgreSQL so that every instance counts together.
    rateLimit: { enabled: false },
    hooks: {
      before: createAuthMiddleware(async (context) => {
        if (context.path !== "/sign-up/email" || !context.request) return;
        const invite = context.headers?.get(INVITE_HEADER);
        if (!invite) {
          throw new APIError("FORBIDDEN", { message: "Accounts are created through an invitation link." });
        }
        if (!(await isInviteUsable(invite))) {
          throw new APIError("FORBIDDEN", {
            message: "This sign-up link is not valid any more: it was used already, or it expired.",
          });
        }
      }),
    },
    databaseHooks: {
      user: {
        create: {
          after: async (user, context) => {
            const invite = context?.headers?.get(INVITE_HEADER);
            if (!context?.request || !invite) return;
            if (!(await redeemInvite(invite, user.id))) {
              // Someone else used the link between our check and now: this account may not exist.
              await db().user.delete({ where: { id: user.id } });
              log.warn("sign-up raced for one invitation; the later account was removed", {
                userId: user.id,
              });
              throw new APIError("FORBIDDEN", {
                message: "This sign-up link was used by someone else just now.",
              });
            }
          },
        },
      },
    },
    plugins: [nextCookies()],
  });
}

type Auth = ReturnType<typeof createAuth>;
const globalForAuth = globalThis as typeof globalThis & { trellisAuth?: Auth };

export function auth(): Auth {
  globalForAuth.trellisAuth ??= createAuth();
  return globalForAuth.trellisAuth;
}
