import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@rwa/config';
import { parseSetupArguments, runSetup, SetupRefusedError } from './platform-setup.js';

/**
 * `node dist/apps/worker/src/setup.js [--dev-chain-started-by-npm-start]`: migrations, contract
 * deployment, bootstrap admin (see platform-setup.ts). Exits 3 when it refuses to go on against a
 * chain that does not match the database; its message names the fix.
 */
async function main(): Promise<void> {
  const logger = new Logger('Setup');
  const options = parseSetupArguments(process.argv.slice(2), logger);
  try {
    await runSetup(loadConfig(), options, logger);
  } catch (error) {
    if (!(error instanceof SetupRefusedError)) throw error;
    logger.error(error.message);
    process.exitCode = error.exitCode;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
