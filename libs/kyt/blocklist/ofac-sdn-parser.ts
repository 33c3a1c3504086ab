import { getAddress, isAddress } from 'viem';
import type { ListedAddress } from '../kyt-subject-handlers.js';

/** What an OFAC SDN file yields: the EVM addresses, and how many other-chain addresses were skipped. */
export interface SdnParseResult {
  entries: ListedAddress[];
  /** Digital currency addresses of chains whose addresses are not EVM addresses (XBT, TRX, ...). */
  skipped: number;
}

const ID_TYPE_PREFIX = 'Digital Currency Address - ';
const ENTRY = /<sdnEntry>([\s\S]*?)<\/sdnEntry>/g;
const ID = /<id>([\s\S]*?)<\/id>/g;
// sdn.csv keeps the addresses in its remarks column: "Digital Currency Address - ETH 0xabc...; ..."
const REMARK = /Digital Currency Address - ([A-Z0-9]+)\s+([A-Za-z0-9:]+)/g;

/**
 * Parses OFAC's SDN list in either published form, SDN.XML (`<sdnEntry>` with `<id>` elements
 * whose `<idType>` is "Digital Currency Address - <ticker>") or sdn.csv (the same in the remarks
 * column), and keeps the EVM addresses, checksummed and de-duplicated.
 * @example parseOfacSdn(readFileSync('SDN.XML', 'utf8'), 'OFAC-SDN').entries
 */
export function parseOfacSdn(content: string, source: string): SdnParseResult {
  const found: { ticker: string; address: string; name: string }[] = content.trimStart().startsWith('<') ? fromXml(content) : fromCsv(content);
  const entries = new Map<string, ListedAddress>();
  let skipped = 0;
  for (const item of found) {
    if (!isAddress(item.address, { strict: false })) {
      skipped += 1;
      continue;
    }
    const address = getAddress(item.address);
    if (!entries.has(address)) entries.set(address, { address, source, reason: `${item.name} (${item.ticker})` });
  }
  return { entries: [...entries.values()], skipped };
}

function fromXml(content: string): { ticker: string; address: string; name: string }[] {
  const found: { ticker: string; address: string; name: string }[] = [];
  for (const [, entry] of content.matchAll(ENTRY)) {
    const name = [tag(entry!, 'firstName'), tag(entry!, 'lastName')].filter(Boolean).join(' ') || 'unnamed SDN entry';
    for (const [, id] of entry!.matchAll(ID)) {
      const type = tag(id!, 'idType');
      const number = tag(id!, 'idNumber');
      if (type?.startsWith(ID_TYPE_PREFIX) && number) found.push({ ticker: type.slice(ID_TYPE_PREFIX.length).trim(), address: number, name });
    }
  }
  return found;
}

function fromCsv(content: string): { ticker: string; address: string; name: string }[] {
  const found: { ticker: string; address: string; name: string }[] = [];
  for (const line of content.split(/\r?\n/)) {
    if (!line.includes(ID_TYPE_PREFIX)) continue;
    const name = /^[^,]*,"([^"]*)"/.exec(line)?.[1] ?? 'unnamed SDN entry';
    for (const [, ticker, address] of line.matchAll(REMARK)) found.push({ ticker: ticker!, address: address!, name });
  }
  return found;
}

function tag(xml: string, name: string): string | undefined {
  const value = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1]?.trim();
  return value ? decodeXml(value) : undefined;
}

function decodeXml(value: string): string {
  return value.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}
