import { describe, expect, it } from "vitest";
import { crossOriginRefusal } from "@/server/security/http-edge";
import { contentSecurityPolicy } from "@/server/security/security-headers";

const ALLOWED = ["https://trellis.example.test", "http://localhost:3000"];
const request = (method: string, headers: Record<string, string>) => ({ method, headers });

describe("crossOriginRefusal", () => {
  it("refuses a mutation with a cookie from another origin", () => {
    expect(
      crossOriginRefusal(
        request("POST", { cookie: "trellis.session_token=x", origin: "https://evil.example" }),
        ALLOWED,
      ),
    ).toMatch(/another site/);
  });

  it("refuses one marked cross-site by the browser even without Origin", () => {
    expect(crossOriginRefusal(request("DELETE", { "sec-fetch-site": "cross-site" }), ALLOWED)).not.toBeNull();
    expect(crossOriginRefusal(request("PUT", { "sec-fetch-site": "same-site" }), ALLOWED)).not.toBeNull();
  });

  it("refuses a sign-in posted from another site (no cookie yet)", () => {
    expect(crossOriginRefusal(request("POST", { origin: "null" }), ALLOWED)).not.toBeNull();
  });

  it("lets our own pages, Bearer-token clients, scripts without Origin and reads through", () => {
    expect(
      crossOriginRefusal(request("POST", { cookie: "a=b", origin: "http://localhost:3000" }), ALLOWED),
    ).toBeNull();
    expect(
      crossOriginRefusal(
        request("POST", { origin: "https://evil.example", authorization: "Bearer t" }),
        ALLOWED,
      ),
    ).toBeNull();
    expect(crossOriginRefusal(request("POST", { cookie: "a=b" }), ALLOWED)).toBeNull();
    expect(crossOriginRefusal(request("POST", { "sec-fetch-site": "same-origin" }), ALLOWED)).toBeNull();
    expect(
      crossOriginRefusal(request("GET", { cookie: "a=b", origin: "https://evil.example" }), ALLOWED),
    ).toBeNull();
  });
});

describe("contentSecurityPolicy", () => {
  it("allows scripts by nonce only and never eval in production", () => {
    const policy = contentSecurityPolicy("abc123", { development: false });
    expect(policy).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(policy).not.toContain("unsafe-eval");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
  });

  it("lets next dev's fast refresh evaluate code, in development only", () => {
    expect(contentSecurityPolicy("n", { development: true })).toContain("'unsafe-eval'");
  });
});
