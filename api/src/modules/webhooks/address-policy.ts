import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";

/**
 * Addresses a webhook may never reach unless private targets are allowed: "this network",
 * private (RFC 1918, unique local), carrier-grade NAT, loopback, link-local, multicast, reserved
 * and unspecified, IPv4 and IPv6. IPv4 embedded in IPv6 (mapped `::ffff:a.b.c.d`, NAT64
 * `64:ff9b::a.b.c.d`) is judged by its IPv4 address.
 */
const blocked = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  blocked.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
] as const) {
  blocked.addSubnet(network, prefix, "ipv6");
}

/** The 8 groups of an IPv6 address (with any dotted IPv4 tail turned into two groups). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase().replace(/%.*$/, "");
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1].split(".").map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const left = head === "" ? [] : head.split(":");
  const right = tail === undefined || tail === "" ? [] : tail.split(":");
  const middle = tail === undefined ? [] : new Array<string>(8 - left.length - right.length).fill("0");
  return [...left, ...middle, ...right].map((group) => parseInt(group, 16));
}

/** The IPv4 address an IPv6 address carries (IPv4-mapped or NAT64), if any. */
function embeddedIpv4(address: string): string | null {
  const g = ipv6Groups(address);
  const mapped = g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff;
  const nat64 = g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0);
  if (!mapped && !nat64) return null;
  return [g[6] >> 8, g[6] & 0xff, g[7] >> 8, g[7] & 0xff].join(".");
}

/** True when `address` (an IP literal) is one a webhook must not reach; also for a non-IP. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, "ipv4");
  if (family !== 6) return true;
  const v4 = embeddedIpv4(address);
  return v4 === null ? blocked.check(address.replace(/%.*$/, ""), "ipv6") : blocked.check(v4, "ipv4");
}

/** Thrown when a webhook URL is refused; the message says why. */
export class WebhookAddressError extends Error {
  override readonly name = "WebhookAddressError";
}

/** The host of a URL as a resolver or `isIP` takes it (IPv6 literals lose their brackets). */
export const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, "$1");

/**
 * Checks a webhook URL: http or https only, no credentials, and (unless `allowPrivate`) a host
 * whose every resolved address is public.
 * @throws WebhookAddressError
 */
export async function checkWebhookUrl(text: string, allowPrivate: boolean): Promise<URL> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new WebhookAddressError("The URL is not a valid absolute URL.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new WebhookAddressError("The URL must start with http:// or https://.");
  if (url.username !== "" || url.password !== "") throw new WebhookAddressError("The URL must not carry credentials.");
  if (allowPrivate) return url;
  const host = hostOf(url);
  const addresses = isIP(host) ? [host] : await resolveAll(host);
  const refused = addresses.find(isPrivateAddress);
  if (refused !== undefined) {
    throw new WebhookAddressError(`The URL's host resolves to ${refused}, a private or local address.`);
  }
  return url;
}

async function resolveAll(host: string): Promise<string[]> {
  return new Promise((resolve, reject) =>
    dnsLookup(host, { all: true }, (error, addresses: LookupAddress[]) => {
      if (error) reject(new WebhookAddressError(`The URL's host ${host} does not resolve (${error.code ?? "error"}).`));
      else resolve(addresses.map((a) => a.address));
    }),
  );
}

/**
 * A `lookup` for http(s) requests that refuses private addresses at connection time: the address
 * checked is the address connected to, so a DNS answer that changed since registration (DNS
 * rebinding) cannot reach an internal host.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, "", 0);
    const refused = addresses.find((a) => isPrivateAddress(a.address));
    if (refused !== undefined) {
      return callback(
        new WebhookAddressError(`${hostname} resolves to ${refused.address}, a private or local address.`),
        "",
        0,
      );
    }
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    const first = addresses[0];
    if (first === undefined) return callback(new WebhookAddressError(`${hostname} has no address.`), "", 0);
    callback(null, first.address, first.family);
  });
};
