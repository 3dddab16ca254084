import "server-only";
import { toNextJsHandler } from "better-auth/next-js";
import { errorResponse, readBodyWithin } from "@/server/api/rest/handler";
import { recordAudit } from "@/server/audit/audit-log";
import { auth } from "@/server/auth/auth";
import { db } from "@/server/db/client";
import { clientAddress } from "@/server/security/client-address";
import { consumeRateLimits, RATE_LIMITS } from "@/server/security/rate-limit";

/** Sign-in, sign-up and friends send a few hundred bytes; nothing here needs more. */
const MAX_AUTH_BODY_BYTES = 64 * 1024;

/**
 * better-auth's POST endpoints, behind our own limits: a bounded body, sign-in attempts per client
 * address and per account, sign-ups per address (429 with Retry-After), and sign-ins written to the
 * audit log.
 */
export async function handleAuthPost(request: Request): Promise<Response> {
  try {
    const path = new URL(request.url).pathname;
    const body = await readBodyWithin(request, MAX_AUTH_BODY_BYTES);
    const address = clientAddress(request.headers);
    const email = emailOf(body);
    if (path.endsWith("/sign-in/email")) {
      await consumeRateLimits([
        [RATE_LIMITS.signIn(), `ip:${address}`],
        ...(email ? [[RATE_LIMITS.signIn(), `account:${email}`] as const] : []),
      ]);
    } else if (path.endsWith("/sign-up/email")) {
      await consumeRateLimits([[RATE_LIMITS.signUp(), `ip:${address}`]]);
    }
    const response = await toNextJsHandler(auth()).POST(
      new Request(request, { body: body === "" ? null : body }),
    );
    if (path.endsWith("/sign-in/email")) await auditSignIn(response, email, address);
    if (path.endsWith("/sign-up/email") && response.ok) {
      const userId = await userIdOf(response);
      await recordAudit({ workspaceId: null, actorId: userId, action: "sign-up", ipAddress: address });
    }
    return response;
  } catch (error) {
    return errorResponse(error, request);
  }
}

function emailOf(body: string): string | null {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === "object" && "email" in parsed && typeof parsed.email === "string") {
      return parsed.email.trim().toLowerCase().slice(0, 320);
    }
  } catch {
    // Not JSON: better-auth answers it; there is no account to count against.
  }
  return null;
}

async function userIdOf(response: Response): Promise<string | null> {
  try {
    const parsed: unknown = await response.clone().json();
    if (parsed && typeof parsed === "object" && "user" in parsed) {
      const user = parsed.user;
      if (user && typeof user === "object" && "id" in user && typeof user.id === "string") return user.id;
    }
  } catch {
    // An answer without a user: nothing to record against.
  }
  return null;
}

async function auditSignIn(response: Response, email: string | null, address: string): Promise<void> {
  if (response.ok) {
    const userId = await userIdOf(response);
    if (userId)
      await recordAudit({ workspaceId: null, actorId: userId, action: "sign-in", ipAddress: address });
    return;
  }
  if (response.status === 401 && email) {
    // Owners see a failed attempt only when the address belongs to one of their members.
    const user = await db().user.findUnique({ where: { email }, select: { id: true } });
    if (user) {
      await recordAudit({
        workspaceId: null,
        actorId: user.id,
        actorEmail: email,
        action: "sign-in-failed",
        ipAddress: address,
      });
    }
  }
}
