import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/** Why a webhook target is refused. */
export class WebhookTargetRefused extends Error {}

/** Addresses no webhook may reach unless private targets are allowed (RFC 6890 special-purpose ranges). */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  PRIVATE.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  PRIVATE.addSubnet(network, prefix, 'ipv6');
// (IPv4-mapped ::ffff:0:0/96 is not listed: BlockList matches it against every IPv4 address; such
// an address is judged as the IPv4 address it maps, below.)

/** Whether `address` (an IP literal) is private, loopback, link-local or otherwise not public. */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  if (family === 6) {
    // An IPv4-mapped address (::ffff:a.b.c.d) is judged as the IPv4 address it maps.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return PRIVATE.check(mapped[1]!, 'ipv4');
    return PRIVATE.check(address, 'ipv6');
  }
  return PRIVATE.check(address, 'ipv4');
}

export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

/** Every address the system resolver gives for `hostname`. */
export const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

/**
 * The outbound rules of webhooks: https only, and every address the host resolves to public, unless
 * `allowPrivate` (WEBHOOK_ALLOW_PRIVATE_TARGETS, local receivers: then http and private targets are
 * allowed). Checked when a subscription is made or changed, and again at every delivery, on the
 * addresses the connection then uses (a DNS answer that changed in between is caught).
 */
export class WebhookTargetGuard {
  constructor(
    private readonly allowPrivate: boolean,
    private readonly resolver: Resolver = systemResolver,
  ) {}

  /** The parsed URL, or throws WebhookTargetRefused. */
  checkUrl(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new WebhookTargetRefused('the url is not a valid URL');
    }
    if (url.username || url.password) throw new WebhookTargetRefused('the url may not carry credentials');
    if (url.protocol !== 'https:' && !(this.allowPrivate && url.protocol === 'http:')) throw new WebhookTargetRefused('the url must use https');
    return url;
  }

  /** The addresses `hostname` resolves to, all public (or private targets allowed); else throws WebhookTargetRefused. */
  async resolve(hostname: string): Promise<LookupAddress[]> {
    const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
    let addresses: LookupAddress[];
    if (isIP(bare)) addresses = [{ address: bare, family: isIP(bare) }];
    else {
      try {
        addresses = await this.resolver(bare);
      } catch {
        throw new WebhookTargetRefused(`the host ${bare} does not resolve`);
      }
    }
    if (addresses.length === 0) throw new WebhookTargetRefused(`the host ${bare} does not resolve`);
    if (!this.allowPrivate) {
      const refused = addresses.find((entry) => isNonPublicAddress(entry.address));
      if (refused) throw new WebhookTargetRefused(`the host ${bare} resolves to a private, loopback or link-local address (${refused.address})`);
    }
    return addresses;
  }

  /** Checks a whole URL: its form and its addresses. */
  async check(raw: string): Promise<URL> {
    const url = this.checkUrl(raw);
    await this.resolve(url.hostname);
    return url;
  }
}
