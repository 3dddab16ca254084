import { describe, expect, it } from "vitest";
import {
  blockedAddressReason,
  createAddressGuard,
  parseAllowedHost,
  type ResolveHost,
} from "@/server/mcp/safety/address-guard";
import { refusal } from "@/server/mcp/testing/connection-refusal";

const answers =
  (table: Record<string, string[]>): ResolveHost =>
  (hostname) => {
    const addresses = table[hostname];
    if (!addresses) {
      return Promise.reject(Object.assign(new Error(`no such host ${hostname}`), { code: "ENOTFOUND" }));
    }
    return Promise.resolve(addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })));
  };

describe("blockedAddressReason", () => {
  it.each([
    ["127.0.0.1", "a loopback address"],
    ["127.255.0.9", "a loopback address"],
    ["10.0.0.1", "a private address"],
    ["172.16.5.4", "a private address"],
    ["192.168.1.1", "a private address"],
    ["169.254.1.1", "a link-local address"],
    ["169.254.169.254", "a cloud metadata address"],
    ["168.63.129.16", "a cloud metadata address"],
    ["100.100.100.200", "a cloud metadata address"],
    ["100.64.0.1", "a shared (CGNAT) address"],
    ["0.0.0.0", "an unspecified address"],
    ["224.0.0.1", "a multicast address"],
    ["255.255.255.255", "a broadcast address"],
    ["240.0.0.1", "a reserved address"],
    ["::1", "a loopback address"],
    ["::", "an unspecified address"],
    ["fe80::1", "a link-local address"],
    ["fc00::1", "a private address"],
    ["fd00:ec2::254", "a cloud metadata address"],
    ["ff02::1", "a multicast address"],
    ["::ffff:127.0.0.1", "a loopback address written as IPv6"],
    ["::ffff:7f00:1", "a loopback address written as IPv6"],
    ["::ffff:169.254.169.254", "a cloud metadata address written as IPv6"],
    ["::ffff:10.1.2.3", "a private address written as IPv6"],
    ["::127.0.0.1", "a loopback address written as IPv6"],
    ["::ffff:0:10.0.0.1", "a private address written as IPv6"],
    ["64:ff9b::a9fe:a9fe", "a cloud metadata address written as IPv6"],
    ["2002:7f00:1::", "a loopback address written as IPv6"],
    ["2001:0::1", "a special-purpose address"],
  ])("refuses %s as %s", (address, reason) => {
    expect(blockedAddressReason(address)).toBe(reason);
  });

  it.each([
    "93.184.216.34",
    "8.8.8.8",
    "1.1.1.1",
    "2606:4700:4700::1111",
    "::ffff:8.8.8.8",
    "64:ff9b::808:808",
  ])("lets the public address %s through", (address) => {
    expect(blockedAddressReason(address)).toBeUndefined();
  });
});

describe("parseAllowedHost", () => {
  it.each([
    ["localhost", { host: "localhost" }],
    ["LocalHost:8080", { host: "localhost", port: 8080 }],
    ["10.0.0.5", { host: "10.0.0.5" }],
    ["10.0.0.5:3000", { host: "10.0.0.5", port: 3000 }],
    ["::1", { host: "::1" }],
    ["[::1]", { host: "::1" }],
    ["[::1]:9000", { host: "::1", port: 9000 }],
  ])("reads %s", (entry, expected) => {
    expect(parseAllowedHost(entry)).toEqual(expected);
  });
});

describe("createAddressGuard", () => {
  it("refuses IP literals of loopback, metadata and IPv4-mapped forms without an allow", async () => {
    const guard = createAddressGuard({ allowHosts: [], resolveHost: answers({}) });
    for (const url of [
      "http://127.0.0.1:8080/mcp",
      "http://[::ffff:127.0.0.1]/",
      "http://169.254.169.254/latest/meta-data/",
      "http://[fd00:ec2::254]/",
      "http://0x7f.1/",
      "http://2130706433/",
    ]) {
      const error = await refusal(guard.check(new URL(url)));
      expect(error.kind, url).toBe("blocked_address");
      expect(error.message).toContain("TRELLIS_MCP_ALLOW_HOSTS");
    }
  });

  it("refuses localhost through the system resolver", async () => {
    const guard = createAddressGuard({ allowHosts: [] });
    const error = await refusal(guard.check(new URL("http://localhost:3999/mcp")));
    expect(error.kind).toBe("blocked_address");
    expect(error.message).toMatch(/resolves to a loopback address \((127\.0\.0\.1|::1)\)/);
  });

  it("refuses a hostname resolving to a private address, naming the address", async () => {
    const guard = createAddressGuard({
      allowHosts: [],
      resolveHost: answers({ "mcp.example.test": ["10.0.0.1"] }),
    });
    const error = await refusal(guard.check(new URL("https://mcp.example.test/mcp")));
    expect(error.kind).toBe("blocked_address");
    expect(error.message).toBe(
      "The server at https://mcp.example.test resolves to a private address (10.0.0.1); ask the administrator to allow this host with TRELLIS_MCP_ALLOW_HOSTS.",
    );
  });

  it("checks every address of a host, not just the first", async () => {
    const guard = createAddressGuard({
      allowHosts: [],
      resolveHost: answers({
        "mixed.example.test": ["93.184.216.34", "2606:4700::1", "::ffff:192.168.0.10"],
      }),
    });
    const error = await refusal(guard.check(new URL("https://mixed.example.test/")));
    expect(error.message).toContain("a private address written as IPv6 (::ffff:192.168.0.10)");
  });

  it("approves public addresses and pins what it checked", async () => {
    let lookups = 0;
    const guard = createAddressGuard({
      allowHosts: [],
      resolveHost: () => {
        lookups += 1;
        return Promise.resolve([{ address: "93.184.216.34", family: 4 }]);
      },
    });
    const checked = await guard.check(new URL("https://public.example.test/mcp"));
    expect(checked.addresses).toEqual([{ address: "93.184.216.34", family: 4 }]);
    await guard.check(new URL("https://public.example.test/other"));
    expect(lookups).toBe(1);
    expect(guard.pinned("public.example.test")).toEqual([{ address: "93.184.216.34", family: 4 }]);
    expect(guard.pinned("other.example.test")).toBeUndefined();
  });

  it("lets an allowed host through, on any port or only the listed one", async () => {
    const resolveHost = answers({ "internal.example.test": ["10.1.2.3"], localhost: ["127.0.0.1"] });
    const guard = createAddressGuard({
      allowHosts: ["internal.example.test", "127.0.0.1:8080", "[::1]"],
      resolveHost,
    });
    await expect(guard.check(new URL("http://internal.example.test:9999/mcp"))).resolves.toBeTruthy();
    await expect(guard.check(new URL("http://127.0.0.1:8080/mcp"))).resolves.toBeTruthy();
    await expect(guard.check(new URL("http://[::1]:7/mcp"))).resolves.toBeTruthy();
    expect((await refusal(guard.check(new URL("http://127.0.0.1:8081/mcp")))).kind).toBe("blocked_address");
    // Allowing a name does not allow another name that resolves to the same address.
    expect((await refusal(guard.check(new URL("http://localhost:8080/mcp")))).kind).toBe("blocked_address");
  });

  it("reports a host that does not resolve as cannot_start", async () => {
    const guard = createAddressGuard({ allowHosts: [], resolveHost: answers({}) });
    const error = await refusal(guard.check(new URL("https://nowhere.example.test/")));
    expect(error.kind).toBe("cannot_start");
    expect(error.message).toContain('Could not resolve the host "nowhere.example.test" (ENOTFOUND)');
  });

  it("refuses other schemes", async () => {
    const guard = createAddressGuard({ allowHosts: [], resolveHost: answers({}) });
    expect((await refusal(guard.check(new URL("file:///etc/passwd")))).kind).toBe("blocked_address");
  });
});
