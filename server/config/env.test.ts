import { describe, expect, it } from "vitest";
import { EnvError, parseEnv, publicUrl } from "@/server/config/env";

describe("parseEnv", () => {
  it("applies the defaults", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, TRELLIS_DATA_DIR: ".trellis" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(publicUrl(env)).toBe("http://localhost:3000");
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", PORT: "" }).DATABASE_URL).toBeUndefined();
  });

  it.each([
    ["PORT", { PORT: "eighty" }],
    ["PORT", { PORT: "70000" }],
    ["DATABASE_URL", { DATABASE_URL: "mysql://localhost/db" }],
    ["TRELLIS_SECRET", { TRELLIS_SECRET: "short" }],
    ["TRELLIS_PUBLIC_URL", { TRELLIS_PUBLIC_URL: "ftp://example.com" }],
  ])("stops with a message naming %s", (name, source) => {
    expect(() => parseEnv(source)).toThrow(EnvError);
    expect(() => parseEnv(source)).toThrow(new RegExp(`${name}:`));
  });

  it("drops a trailing slash from the public address", () => {
    expect(publicUrl(parseEnv({ TRELLIS_PUBLIC_URL: "https://trellis.example.com/" }))).toBe(
      "https://trellis.example.com",
    );
  });
});
