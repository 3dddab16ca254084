import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { retryAfterOf } from "@/server/api/domain-error-status";
import { errorResponse, MAX_BODY_BYTES, readBodyWithin } from "@/server/api/rest/handler";
import { appRouter } from "@/server/api/root";
import { createTrpcContext } from "@/server/api/trpc";

async function handler(request: Request): Promise<Response> {
  let bounded = request;
  if (request.method === "POST") {
    // The body is read here, within the limit, so an oversize mutation is refused with 413.
    try {
      bounded = new Request(request, { body: await readBodyWithin(request, MAX_BODY_BYTES) });
    } catch (error) {
      return errorResponse(error, request);
    }
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: bounded,
    router: appRouter,
    createContext: ({ resHeaders }) => createTrpcContext({ headers: request.headers, resHeaders }),
    // A rate-limited or over-quota call says when to try again, as the REST API does.
    responseMeta({ errors }) {
      const seconds = errors.map((error) => retryAfterOf(error.cause)).find((value) => value !== undefined);
      return seconds === undefined ? {} : { headers: new Headers({ "retry-after": String(seconds) }) };
    },
  });
}

export { handler as GET, handler as POST };
