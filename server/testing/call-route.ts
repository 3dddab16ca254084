/** A Next.js route handler as tests call it directly (no HTTP server). */
export type RouteHandler = (
  request: Request,
  context: { params: Promise<Record<string, string>> },
) => Response | Promise<Response>;

export type RouteCall = {
  method?: string;
  /** An API token, sent as a Bearer token. */
  token?: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is, instead of `body` (for broken JSON). */
  rawBody?: string;
  params?: Record<string, string>;
  /** Appended to the URL, e.g. "?status=failed". */
  query?: string;
};

/** Calls a route handler with a JSON request and reads its JSON answer. */
export async function callRoute(handler: RouteHandler, options: RouteCall = {}) {
  const headers = new Headers({ "content-type": "application/json" });
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  const request = new Request(`http://localhost/api/v1/test${options.query ?? ""}`, {
    method: options.method ?? "GET",
    headers,
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  const text = await response.text();
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : undefined) as Record<string, unknown>,
  };
}
