import "server-only";
import type { z } from "zod";
import { httpStatusOf, retryAfterOf } from "@/server/api/domain-error-status";
import { requireRole } from "@/server/auth/access";
import { authenticate } from "@/server/auth/authenticate";
import type { Caller } from "@/server/auth/caller";
import type { Role } from "@/server/auth/roles";
import { DomainError, InvalidInputError, PayloadTooLargeError } from "@/server/errors";
import { log } from "@/server/log";

/** Request bodies larger than this are refused with 413 before they are parsed. */
export const MAX_BODY_BYTES = 1024 * 1024;

type RouteContext = { params?: Promise<Record<string, string | string[]> | undefined> };

type RestRequest = {
  request: Request;
  caller: Caller;
  params: Record<string, string>;
};

/**
 * Wraps a REST v1 route: authenticates (401), holds the caller to the route's least role (403),
 * runs the handler, and turns domain errors into the
 * error body of api.md. Unexpected errors are logged with an id and answered with a generic 500.
 */
export function restRoute(minimumRole: Role, handler: (input: RestRequest) => Promise<Response>) {
  const route = publicRoute(async ({ request, params }) => {
    const caller = requireRole(await authenticate(request.headers), minimumRole);
    return handler({ request, caller, params });
  });
  return Object.assign(route, { minimumRole });
}

/**
 * Wraps a REST v1 route that needs no sign-in (share links: the token in the path is the
 * credential). Errors are answered exactly as in `restRoute`.
 */
export function publicRoute(handler: (input: Omit<RestRequest, "caller">) => Promise<Response>) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    try {
      const raw = (await context.params) ?? {};
      const params = Object.fromEntries(
        Object.entries(raw).map(([key, value]) => [key, Array.isArray(value) ? value.join("/") : value]),
      );
      return await handler({ request, params });
    } catch (error) {
      return errorResponse(error, request);
    }
  };
}

export function json(data: unknown, status = 200): Response {
  return Response.json(data, { status, headers: { "cache-control": "no-store" } });
}

export function noContent(): Response {
  return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
}

export function errorResponse(error: unknown, request: Request): Response {
  if (error instanceof DomainError) {
    const issues = error instanceof InvalidInputError && error.issues.length > 0 ? error.issues : undefined;
    const details = "details" in error ? (error.details as Record<string, unknown>) : undefined;
    const response = json(
      { error: { code: error.code, message: error.message, issues, ...details } },
      httpStatusOf(error),
    );
    const retryAfter = retryAfterOf(error);
    if (retryAfter !== undefined) response.headers.set("retry-after", String(retryAfter));
    return response;
  }
  const errorId = log.unexpected(error, { method: request.method, path: new URL(request.url).pathname });
  return json({ error: { code: "internal", message: "An error occurred.", errorId } }, 500);
}

/**
 * Reads and validates a JSON body: 413 past the size limit (checked while streaming, so a lying
 * Content-Length does not help), 400 for malformed JSON or input that does not fit the schema.
 */
export async function readJsonBody<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
  limitBytes = MAX_BODY_BYTES,
): Promise<z.infer<Schema>> {
  const text = await readBodyWithin(request, limitBytes);
  let value: unknown;
  try {
    value = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    throw new InvalidInputError("The request body is not valid JSON.");
  }
  return parseWith(schema, value, "The request body does not have the expected fields.");
}

/**
 * Reads and validates the query string. Keys listed in `lists` become arrays (repeated keys and
 * comma-separated values both work: `?status=failed,cancelled`); numeric-looking values of other
 * keys stay strings unless the schema coerces them.
 */
export function readQuery<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
  options: { lists?: readonly string[]; numbers?: readonly string[] } = {},
): z.infer<Schema> {
  const params = new URL(request.url).searchParams;
  const value: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    if (options.lists?.includes(key)) value[key] = all.flatMap((item) => item.split(",")).filter(Boolean);
    else if (options.numbers?.includes(key)) value[key] = Number(all[0]);
    else value[key] = all[0];
  }
  return parseWith(schema, value, "The query string does not have the expected parameters.");
}

function parseWith<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  message: string,
): z.infer<Schema> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InvalidInputError(
      message,
      result.error.issues.map((issue) => ({
        code: issue.code,
        message: issue.message,
        path: issue.path.map((part) => (typeof part === "symbol" ? String(part) : part)),
      })),
    );
  }
  return result.data;
}

/** The body as text; 413 past the limit, checked while streaming so a lying Content-Length does not help. */
export async function readBodyWithin(request: Request, limitBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limitBytes) throw tooLarge(limitBytes);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limitBytes) {
      await reader.cancel();
      throw tooLarge(limitBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function tooLarge(limitBytes: number): PayloadTooLargeError {
  return new PayloadTooLargeError(`The request body is larger than ${Math.round(limitBytes / 1024)} KiB.`);
}
