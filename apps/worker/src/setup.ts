import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ChainDeploymentEntity, createChainClients, inspectDeployment, PlatformDeploymentService } from '@rwa/chain';
import { loadConfig, type AppConfig } from '@rwa/config';
import { dataSourceOptions } from '@rwa/database';
import { OrganizationsService } from '@rwa/organizations';
import { SetupModule } from './setup.module.js';

/** Exit code when the database remembers contracts of a chain that was reset. */
const EXIT_STALE_CHAIN = 3;
const SETUP_LOCK = 7_240_004;

/**
 * The one-off step before the API and workers start: migrate the database, recognise a reset
 * chain, deploy the platform contracts where missing, and register the bootstrap admin key.
 *
 * `--reset-on-chain-reset`: for a local development chain only. When the chain was reset, every
 * record in the database describes a chain that no longer exists, so the schema is dropped and
 * rebuilt instead of pointing at vanished contracts.
 */
async function main(): Promise<void> {
  const logger = new Logger('Setup');
  const config = loadConfig();
  const resetOnChainReset = process.argv.includes('--reset-on-chain-reset');
  const dataSource = await new DataSource({ ...dataSourceOptions(config.database.url), entities: [ChainDeploymentEntity] }).initialize();
  try {
    await dataSource.query('SELECT pg_advisory_lock($1)', [SETUP_LOCK]);
    await dataSource.runMigrations({ transaction: 'each' });
    const stale = await isDeploymentStale(config, dataSource);
    if (stale && !resetOnChainReset) {
      logger.error(
        `The database remembers platform contracts on chain ${config.chain.chainId} that the chain at ${config.chain.rpcUrl} does not have ` +
          '(the chain was reset or replaced). Point CHAIN_RPC_URL at the original chain, or use a fresh database.',
      );
      process.exitCode = EXIT_STALE_CHAIN;
      return;
    }
    if (stale) {
      logger.warn(`Chain ${config.chain.chainId} was reset: its funds, wallets and orders are gone with it, so the platform database is reset too.`);
      await dataSource.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
      await dataSource.runMigrations({ transaction: 'each' });
    }
  } finally {
    await dataSource.query('SELECT pg_advisory_unlock($1)', [SETUP_LOCK]).catch(() => undefined);
    await dataSource.destroy();
  }

  const app = await NestFactory.createApplicationContext(SetupModule, { logger: ['error', 'warn', 'log'] });
  try {
    const deployment = await app.get(PlatformDeploymentService).ensureDeployed();
    await app.get(OrganizationsService).bootstrapPlatformAdmin();
    logger.log(`Ready: chain ${deployment.chainId}, identity registry ${deployment.identityRegistry}, fund factory ${deployment.fundFactory}`);
  } finally {
    await app.close();
  }
}

async function isDeploymentStale(config: AppConfig, dataSource: DataSource): Promise<boolean> {
  const clients = createChainClients(config);
  await clients.assertChainId();
  const deployment = await dataSource.getRepository(ChainDeploymentEntity).findOneBy({ chainId: config.chain.chainId });
  return (await inspectDeployment(clients.publicClient, deployment)) === 'stale';
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
