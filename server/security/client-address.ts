/**
 * The address a request came from, as the HTTP edge (server/security/http-edge.ts) wrote it into
 * this header: always overwritten there, so a client cannot choose its own. Rate limits and the
 * audit log read it. Requests that did not pass through the edge (route tests) have none.
 */
export const CLIENT_ADDRESS_HEADER = "x-trellis-client-address";

export function clientAddress(headers: Headers): string {
  return headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown";
}
