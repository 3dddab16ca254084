import { describe, expect, it } from "vitest";
import { safeNextPath } from "@/components/auth/safe-next";

describe("safeNextPath", () => {
  it.each(["/", "/settings#members", "/sign-up?token=inv_abc-123"])("keeps the same-site path %s", (path) => {
    expect(safeNextPath(path)).toBe(path);
  });

  it.each([
    "https://evil.example/",
    "//evil.example/path",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "settings",
    "/\t/evil.example",
    "",
    undefined,
    ["/a", "/b"],
  ])("refuses %j", (value) => {
    expect(safeNextPath(value)).toBeNull();
  });
});
