import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { KytService, parseOfacSdn } from '@rwa/kyt';
import { BlocklistImportModule } from './blocklist-import.module.js';

/**
 * `npm run kyt:import-blocklist -- <file> [--source OFAC-SDN]`: imports the EVM addresses of an
 * OFAC SDN file (SDN.XML or sdn.csv). New addresses are added in one transaction with one audit
 * row; bound wallets at them are screened again (holders frozen on chain pending review).
 */
async function main(): Promise<void> {
  const [file] = process.argv.slice(2).filter((arg, index, all) => !arg.startsWith('--') && all[index - 1] !== '--source');
  const sourceIndex = process.argv.indexOf('--source');
  const source = sourceIndex > 0 ? process.argv[sourceIndex + 1] : 'OFAC-SDN';
  if (!file || !source) {
    console.error('usage: npm run kyt:import-blocklist -- <SDN.XML|sdn.csv> [--source OFAC-SDN]');
    process.exit(2);
  }
  const { entries, skipped } = parseOfacSdn(readFileSync(file, 'utf8'), source);
  const app = await NestFactory.createApplicationContext(BlocklistImportModule, { logger: ['error', 'warn'] });
  try {
    const result = await app.get(KytService).importBlocklist(`import:${source}`, source, entries);
    console.log(JSON.stringify({ file, source, evmAddresses: entries.length, otherChainsSkipped: skipped, ...result }));
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
