import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What the integration global set-up prepared: a fresh database, a Hardhat node, a Redis prefix. */
export interface IntegrationEnvironment {
  databaseUrl: string;
  rpcUrl: string;
  redisUrl: string;
  queuePrefix: string;
  hardhatPid: number;
}

/** The global set-up writes a file of its own run and names it in RWA_IT_ENVIRONMENT_FILE, so concurrent runs never mix. */
export function environmentFile(): string {
  return process.env.RWA_IT_ENVIRONMENT_FILE ?? join(tmpdir(), 'rwa-integration-environment.json');
}

/**
 * Points the platform's configuration (read from process.env) at the integration environment;
 * `overrides` replace single variables (another database, chain or policy for one suite).
 */
export function useIntegrationEnvironment(overrides: Record<string, string> = {}): IntegrationEnvironment {
  const environment = JSON.parse(readFileSync(environmentFile(), 'utf8')) as IntegrationEnvironment;
  Object.assign(process.env, {
    DATABASE_URL: environment.databaseUrl,
    CHAIN_RPC_URL: environment.rpcUrl,
    REDIS_URL: environment.redisUrl,
    QUEUE_PREFIX: environment.queuePrefix,
    CHAIN_ID: '31337',
    CONFIRMATIONS: '1',
    CHAIN_RECEIPT_TIMEOUT_MS: '10000',
    LOG_LEVEL: 'warn',
    // One mint per order unless a suite turns batching on (chain-batching.spec.ts).
    MINT_BATCH_WINDOW_MS: '0',
    ...overrides,
  });
  return environment;
}
