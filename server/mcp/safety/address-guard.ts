import { lookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";
import { McpConnectionError } from "@/server/mcp/connection";

/**
 * The SSRF guard for http/sse MCP servers: a URL's host is resolved (every address), and any
 * private, loopback, link-local, CGNAT, unspecified, multicast, reserved or cloud-metadata address
 * (also written as IPv4-mapped, IPv4-compatible, NAT64 or 6to4 IPv6) is refused unless the host is
 * on TRELLIS_MCP_ALLOW_HOSTS. The addresses it checked are kept, so the connection uses exactly
 * those (see pinned-fetch.ts) and a second DNS answer cannot rebind the host elsewhere.
 */

export type ResolvedAddress = { address: string; family: 4 | 6 };
/** Every address of a hostname; injectable so tests can play any DNS answer. */
export type ResolveHost = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolveHost: ResolveHost = async (hostname) => {
  const answers = await lookup(hostname, { all: true, verbatim: true });
  return answers.map((answer) => ({ address: answer.address, family: answer.family === 6 ? 6 : 4 }));
};

export type CheckedHost = {
  /** As the URL spells it (IPv6 without brackets): the key the connection looks addresses up by. */
  hostname: string;
  addresses: ResolvedAddress[];
};

export type AddressGuard = {
  /** Resolves (once per hostname and guard) and checks; throws McpConnectionError when refused. */
  check(url: URL): Promise<CheckedHost>;
  /** The checked addresses of a hostname, if `check` approved it. */
  pinned(hostname: string): ResolvedAddress[] | undefined;
};

export type AddressGuardOptions = {
  /** TRELLIS_MCP_ALLOW_HOSTS entries: `host`, `host:port`, `1.2.3.4`, `::1`, `[::1]:8080`. */
  allowHosts: readonly string[];
  resolveHost?: ResolveHost;
  /** The variable that allows a host, named in refusals (provider base URLs have their own). */
  allowVariable?: string;
};

export function createAddressGuard({
  allowHosts,
  resolveHost = systemResolveHost,
  allowVariable = "TRELLIS_MCP_ALLOW_HOSTS",
}: AddressGuardOptions): AddressGuard {
  const allowHint = `ask the administrator to allow this host with ${allowVariable}.`;
  const allowed = allowHosts.map(parseAllowedHost);
  const resolutions = new Map<string, Promise<ResolvedAddress[]>>();
  const approved = new Map<string, ResolvedAddress[]>();

  const resolveOnce = (hostname: string): Promise<ResolvedAddress[]> => {
    let resolution = resolutions.get(hostname);
    if (!resolution) {
      resolution = resolveAddresses(hostname, resolveHost);
      resolutions.set(hostname, resolution);
    }
    return resolution;
  };

  return {
    async check(url) {
      if (url.protocol !== "http:" && url.protocol !== "https:") {
        throw new McpConnectionError(
          "blocked_address",
          `Only http:// and https:// addresses can be used (${url.protocol}).`,
        );
      }
      const hostname = unbracket(url.hostname);
      const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
      const addresses = await resolveOnce(hostname);
      const isAllowed = allowed.some(
        (entry) => sameHost(entry.host, hostname) && (entry.port ?? port) === port,
      );
      if (!isAllowed) {
        for (const { address } of addresses) {
          const reason = blockedAddressReason(address);
          if (!reason) continue;
          const where = `The server at ${url.protocol}//${url.host}`;
          const isLiteral = ipaddr.isValid(hostname);
          throw new McpConnectionError(
            "blocked_address",
            isLiteral
              ? `${where} is on ${reason} (${address}); ${allowHint}`
              : `${where} resolves to ${reason} (${address}); ${allowHint}`,
          );
        }
      }
      approved.set(hostname, addresses);
      return { hostname, addresses };
    },
    pinned(hostname) {
      return approved.get(unbracket(hostname));
    },
  };
}

async function resolveAddresses(hostname: string, resolveHost: ResolveHost): Promise<ResolvedAddress[]> {
  if (ipaddr.isValid(hostname)) {
    return [{ address: hostname, family: ipaddr.parse(hostname).kind() === "ipv6" ? 6 : 4 }];
  }
  let addresses: ResolvedAddress[];
  try {
    addresses = await resolveHost(hostname);
  } catch (error) {
    const code = error instanceof Error && "code" in error ? ` (${String(error.code)})` : "";
    throw new McpConnectionError("cannot_start", `Could not resolve the host "${hostname}"${code}.`, {
      cause: error,
    });
  }
  if (addresses.length === 0) {
    throw new McpConnectionError("cannot_start", `Could not resolve the host "${hostname}": no addresses.`);
  }
  for (const { address } of addresses) {
    // A resolver answering with something else than an IP must not reach the connection.
    if (!ipaddr.isValid(address)) {
      throw new McpConnectionError(
        "blocked_address",
        `The host "${hostname}" resolved to an invalid address.`,
      );
    }
  }
  return addresses;
}

// Cloud metadata services; most are link-local or private anyway, some (Azure, Oracle) are not.
const METADATA_ADDRESSES = new Set(
  [
    "169.254.169.254",
    "169.254.170.2",
    "169.254.170.23",
    "168.63.129.16",
    "100.100.100.200",
    "192.0.0.192",
    "fd00:ec2::254",
    "fd00:ec2::23",
  ].map((address) => ipaddr.parse(address).toString()),
);

const IPV4_REASONS: Record<string, string> = {
  unspecified: "an unspecified address",
  broadcast: "a broadcast address",
  multicast: "a multicast address",
  linkLocal: "a link-local address",
  loopback: "a loopback address",
  carrierGradeNat: "a shared (CGNAT) address",
  private: "a private address",
};

const IPV6_REASONS: Record<string, string> = {
  unspecified: "an unspecified address",
  linkLocal: "a link-local address",
  multicast: "a multicast address",
  loopback: "a loopback address",
  uniqueLocal: "a private address",
  deprecatedSiteLocal: "a private address",
};

/** Why an address may not be reached (`"a private address"`), or undefined when it is public. */
export function blockedAddressReason(address: string): string | undefined {
  if (!ipaddr.isValid(address)) return "not an IP address";
  const parsed = ipaddr.parse(address);
  if (METADATA_ADDRESSES.has(parsed.toString())) return "a cloud metadata address";
  if (parsed.kind() === "ipv4") return ipv4Reason(parsed as ipaddr.IPv4);
  const ipv6 = parsed as ipaddr.IPv6;
  const embedded = embeddedIPv4(ipv6);
  if (embedded === "refused") return "a special-purpose address";
  if (embedded) {
    const reason = METADATA_ADDRESSES.has(embedded.toString())
      ? "a cloud metadata address"
      : ipv4Reason(embedded);
    return reason && `${reason} written as IPv6`;
  }
  const range = ipv6.range();
  if (range === "unicast") return undefined;
  return IPV6_REASONS[range] ?? "a special-purpose address";
}

function ipv4Reason(address: ipaddr.IPv4): string | undefined {
  const range = address.range();
  if (range === "unicast") return undefined;
  return IPV4_REASONS[range] ?? "a reserved address";
}

/**
 * IPv6 forms that carry an IPv4 address the packets may end up at: mapped (::ffff:a.b.c.d),
 * translated (::ffff:0:a.b.c.d), compatible (::a.b.c.d), NAT64 (64:ff9b::a.b.c.d) and 6to4
 * (2002:aabb:ccdd::). Local-use NAT64 and Teredo are refused outright.
 */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | "refused" | undefined {
  const parts = address.parts;
  const fromWords = (high: number, low: number) =>
    new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  const range = address.range();
  switch (range) {
    case "ipv4Mapped":
      return address.toIPv4Address();
    case "rfc6145":
      return fromWords(parts[6] ?? 0, parts[7] ?? 0);
    case "rfc6052":
      // 64:ff9b::/96 is the well-known prefix; 64:ff9b:1::/48 is for local use.
      return parts[2] === 0 ? fromWords(parts[6] ?? 0, parts[7] ?? 0) : "refused";
    case "6to4":
      return fromWords(parts[1] ?? 0, parts[2] ?? 0);
    case "teredo":
      return "refused";
    default: {
      const isCompatible = parts.slice(0, 6).every((part) => part === 0);
      // :: and ::1 are classified by their own ranges.
      if (isCompatible && range !== "unspecified" && range !== "loopback") {
        return fromWords(parts[6] ?? 0, parts[7] ?? 0);
      }
      return undefined;
    }
  }
}

type AllowedHost = { host: string; port?: number };

/** `host`, `host:port`, an IPv4 with optional port, a bare IPv6, `[IPv6]` or `[IPv6]:port`. */
export function parseAllowedHost(entry: string): AllowedHost {
  const text = entry.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(text);
  if (bracketed) return withPort(bracketed[1] ?? "", bracketed[2]);
  if (ipaddr.IPv6.isValid(text)) return { host: text };
  const withPortMatch = /^([^:]+):(\d{1,5})$/.exec(text);
  if (withPortMatch) return withPort(withPortMatch[1] ?? "", withPortMatch[2]);
  return { host: text };
}

function withPort(host: string, port: string | undefined): AllowedHost {
  return port === undefined ? { host } : { host, port: Number(port) };
}

function sameHost(allowed: string, hostname: string): boolean {
  const normalize = (host: string) => {
    const plain = unbracket(host).toLowerCase().replace(/\.$/, "");
    return ipaddr.isValid(plain) ? ipaddr.parse(plain).toString() : plain;
  };
  return normalize(allowed) === normalize(hostname);
}

function unbracket(hostname: string): string {
  return hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
}
