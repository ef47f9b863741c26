import { promises as dns, type LookupAddress } from 'node:dns';
import net from 'node:net';
import type { WebhookSettings } from './webhook-settings';

/**
 * Where webhooks may go (SSRF). A receiver's URL is checked when an ADMIN
 * registers it and again before every delivery: its host name is resolved,
 * every address it resolves to must be a public one, and the request is
 * sent to the address that was checked (pinned), so a name that resolves
 * elsewhere a moment later (DNS rebinding) changes nothing.
 */

/** Why a URL or address is refused; the message names no secret and is shown to ADMINs. */
export class RefusedAddress extends Error {
  override name = 'RefusedAddress';
}

/** Ranges that are not the public internet (IANA special-purpose registries), refused unless allowed by configuration. */
const SPECIAL_V4: Array<[string, number, string]> = [
  ['0.0.0.0', 8, '"this network"'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'shared (carrier-grade NAT)'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.88.99.0', 24, '6to4 relay'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];
const SPECIAL_V6: Array<[string, number, string]> = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['64:ff9b::', 96, 'NAT64'],
  ['64:ff9b:1::', 48, 'NAT64'],
  ['100::', 64, 'discard'],
  ['2001::', 23, 'IETF protocol assignments'],
  ['2001:db8::', 32, 'documentation'],
  ['2002::', 16, '6to4'],
  ['fc00::', 7, 'unique local (private)'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'site-local'],
  ['ff00::', 8, 'multicast'],
];

const LOCALHOST_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

function familyOf(ip: string): 'ipv4' | 'ipv6' | null {
  return net.isIPv4(ip) ? 'ipv4' : net.isIPv6(ip) ? 'ipv6' : null;
}

/** Whether `ip` is in network/prefix; node's BlockList matches IPv4-mapped IPv6 addresses (::ffff:a00:1) against IPv4 ranges. */
function inRange(ip: string, family: 'ipv4' | 'ipv6', network: string, prefix: number): boolean {
  const list = new net.BlockList();
  list.addSubnet(network, prefix, net.isIPv4(network) ? 'ipv4' : 'ipv6');
  return list.check(ip, family);
}

/** The range an address falls in, or null for a public address. IPv4-mapped IPv6 addresses are judged as their IPv4 address. */
export function specialRange(address: string): string | null {
  const family = familyOf(address);
  if (!family) return 'not an IP address';
  const ranges = family === 'ipv4' ? SPECIAL_V4 : [...SPECIAL_V6, ...SPECIAL_V4];
  for (const [network, prefix, label] of ranges) if (inRange(address, family, network, prefix)) return label;
  return null;
}

function inAllowedCidrs(address: string, cidrs: readonly string[]): boolean {
  const family = familyOf(address);
  if (!family) return false;
  return cidrs.some((cidr) => {
    const [network, bits] = cidr.split('/');
    const netFamily = familyOf(network);
    // An IPv6 range never admits an IPv4 address; an IPv4 range admits its IPv4-mapped IPv6 forms.
    if (!netFamily || (netFamily === 'ipv6' && family === 'ipv4')) return false;
    return inRange(address, family, network, Number(bits ?? (netFamily === 'ipv4' ? 32 : 128)));
  });
}

/** Refuses an address that is not public, unless configuration allows it. */
export function checkAddress(address: string, settings: WebhookSettings): void {
  const range = specialRange(address);
  if (range === null) return;
  if (range === 'loopback' && settings.allowLocalhost) return;
  if (inAllowedCidrs(address, settings.allowedCidrs)) return;
  throw new RefusedAddress(`the address ${address} is ${range} (allow it with WEBHOOK_ALLOWED_CIDRS or WEBHOOK_ALLOWED_HOSTS)`);
}

/** The URL's form: https, or http to localhost in development; no user name or password; no fragment needed. */
export function checkUrlForm(url: URL, settings: WebhookSettings): void {
  if (url.username || url.password) throw new RefusedAddress('the URL must not carry a user name or password');
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && settings.allowLocalhost && LOCALHOST_NAMES.has(url.hostname)) return;
  throw new RefusedAddress(settings.allowLocalhost ? 'the URL must be https (or http to localhost in development)' : 'the URL must be https');
}

/** The host as resolved and checked: the request is sent to `address`, whatever the name resolves to later. */
export interface PinnedHost {
  address: string;
  family: 4 | 6;
}

/**
 * Checks the URL's form, resolves its host, and refuses it if any address it
 * resolves to is refused (a name with one private address among public ones
 * is refused, since the client could pick either). Returns the address to use.
 */
export async function resolveReceiver(url: URL, settings: WebhookSettings): Promise<PinnedHost> {
  checkUrlForm(url, settings);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  const literal = net.isIP(host);
  let addresses: LookupAddress[];
  if (literal) addresses = [{ address: host, family: literal }];
  else {
    try {
      addresses = await (settings.resolve ?? ((name) => dns.lookup(name, { all: true, verbatim: true })))(host);
    } catch (err) {
      throw new Error(`the host ${host} could not be resolved (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    if (!addresses.length) throw new Error(`the host ${host} has no address`);
  }
  const allowedHost = !literal && settings.allowedHosts.includes(host);
  if (!allowedHost) for (const { address } of addresses) checkAddress(address, settings);
  const [first] = addresses;
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}
