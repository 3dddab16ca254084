import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { CLIENT_ADDRESS_HEADER } from "@/server/security/client-address";
import { contentSecurityPolicy, STATIC_SECURITY_HEADERS } from "@/server/security/security-headers";

export type EdgeOptions = {
  /** Origins a browser may send state-changing requests from (the public URL and localhost). */
  allowedOrigins: readonly string[];
  /** Take the client address from X-Forwarded-For (only behind a proxy that sets it). */
  trustProxy: boolean;
  /** next dev needs eval for fast refresh; production never gets it. */
  development: boolean;
  /** Requests declaring a larger body are refused before anything reads them. */
  maxBodyBytes: number;
  /** Served over https (TRELLIS_PUBLIC_URL): browsers are told to keep to it. */
  https: boolean;
};

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * What every request passes before Next.js sees it: the client address fixed in a header, the
 * cross-origin check for browser-sent mutations, the security headers (a fresh CSP nonce per
 * request, which Next.js reads from the request's CSP header and puts on its own scripts) and a
 * cap on declared body sizes. Returns false when it answered the request itself.
 */
export function passEdge(request: IncomingMessage, response: ServerResponse, options: EdgeOptions): boolean {
  request.headers[CLIENT_ADDRESS_HEADER] = clientAddressOf(request, options.trustProxy);

  const nonce = randomBytes(16).toString("base64");
  const policy = contentSecurityPolicy(nonce, { development: options.development });
  request.headers["content-security-policy"] = policy;
  response.setHeader("Content-Security-Policy", policy);
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) response.setHeader(name, value);
  if (options.https) response.setHeader("Strict-Transport-Security", "max-age=31536000");

  const refusal = crossOriginRefusal(request, options.allowedOrigins);
  if (refusal) {
    answer(response, 403, "cross_origin", refusal);
    return false;
  }
  const declared = Number(request.headers["content-length"] ?? "0");
  if (Number.isFinite(declared) && declared > options.maxBodyBytes) {
    answer(response, 413, "payload_too_large", "The request body is too large.");
    return false;
  }
  return true;
}

function clientAddressOf(request: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = request.headers["x-forwarded-for"];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
    if (first) return first;
  }
  const address = request.socket.remoteAddress ?? "unknown";
  // One client, one key: IPv4 over an IPv6 socket arrives as ::ffff:a.b.c.d.
  return address.startsWith("::ffff:") ? address.slice("::ffff:".length) : address;
}

/**
 * Browsers attach cookies to cross-site requests, so a state-changing request from a browser must
 * come from one of our own pages. Browsers always send Origin (or at least Sec-Fetch-Site) on such
 * requests; scripts and CLIs send neither, and they cannot be tricked into riding someone's cookie.
 * A Bearer token is not ambient, so requests carrying one are not at risk.
 */
export function crossOriginRefusal(
  request: Pick<IncomingMessage, "method" | "headers">,
  allowedOrigins: readonly string[],
): string | null {
  if (SAFE_METHODS.has(request.method ?? "GET")) return null;
  if (request.headers.authorization) return null;
  const origin = request.headers.origin;
  if (origin !== undefined) {
    return allowedOrigins.includes(origin)
      ? null
      : "This request came from another site and was refused (cross-origin requests cannot use your session).";
  }
  const site = request.headers["sec-fetch-site"];
  if (site !== undefined && site !== "same-origin" && site !== "none") {
    return "This request came from another site and was refused (cross-origin requests cannot use your session).";
  }
  return null;
}

function answer(response: ServerResponse, status: number, code: string, message: string): void {
  response.statusCode = status;
  response.setHeader("content-type", "application/json");
  response.setHeader("cache-control", "no-store");
  response.setHeader("connection", "close");
  response.end(JSON.stringify({ error: { code, message } }));
}
