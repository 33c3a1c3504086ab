import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ChainDeploymentEntity, createChainClients, inspectDeployment, PlatformDeploymentService, type DeploymentInspection } from '@rwa/chain';
import type { AppConfig } from '@rwa/config';
import { dataSourceOptions } from '@rwa/database';
import { OrganizationsService } from '@rwa/organizations';
import { LocalStablecoin, SettlementContracts } from '@rwa/stablecoins';
import { SetupModule } from './setup.module.js';

/** The flag `npm start` (scripts/start.ts) passes when it started the development chain itself. */
export const DEV_CHAIN_FLAG = '--dev-chain-started-by-npm-start';
/** The flag of earlier versions: accepted, ignored (setup no longer resets a database it is not told is its own). */
export const LEGACY_RESET_FLAG = '--reset-on-chain-reset';
/** The only chain a reset may happen on: the local development chain. */
export const DEV_CHAIN_ID = 31337;
const SETUP_LOCK = 7_240_004;

/** Setup refused to go on; the message names the fix. The process exits with `exitCode`. */
export class SetupRefusedError extends Error {
  /** Exit code of a refusal (scripts/start/platform.ts: SETUP_EXIT_CHAIN_RESET). */
  readonly exitCode = 3;
}

export interface SetupOptions {
  /** `npm start` started this chain itself, a fresh local node: a database remembering another one is reset. */
  devChainStartedByNpmStart: boolean;
}

export function parseSetupArguments(argv: readonly string[], logger: Logger): SetupOptions {
  if (argv.includes(LEGACY_RESET_FLAG)) {
    logger.warn(`${LEGACY_RESET_FLAG} is ignored: setup never resets a database on its own (only ${DEV_CHAIN_FLAG}, which npm start passes for the chain it started, does)`);
  }
  return { devChainStartedByNpmStart: argv.includes(DEV_CHAIN_FLAG) };
}

/**
 * The one-off step before the API and workers start: recognise a chain that no longer matches the
 * database, migrate, deploy the platform contracts where missing, register the bootstrap admin.
 *
 * Setup never destroys data by itself. Against any chain, a remembered deployment that the chain
 * does not have (another genesis block, or `0x` code at a remembered address, which a lagging or
 * unsynced RPC endpoint also answers) stops setup with a SetupRefusedError naming the fix, before
 * anything in the database is touched (migrations included). The one exception is the development
 * chain that `npm start` started itself (DEV_CHAIN_FLAG, chain 31337 only): it is fresh by
 * construction, every record of the database describes a chain that no longer exists, so the
 * schema is dropped and rebuilt, and the log says so.
 */
export async function runSetup(config: AppConfig, options: SetupOptions, logger = new Logger('Setup')): Promise<ChainDeploymentEntity> {
  if (options.devChainStartedByNpmStart && config.chain.chainId !== DEV_CHAIN_ID) {
    throw new SetupRefusedError(`${DEV_CHAIN_FLAG} is only for the local development chain (chain id ${DEV_CHAIN_ID}), not chain ${config.chain.chainId}: remove it`);
  }
  const dataSource = await new DataSource({ ...dataSourceOptions(config.database.url), entities: [ChainDeploymentEntity] }).initialize();
  try {
    await dataSource.query('SELECT pg_advisory_lock($1)', [SETUP_LOCK]);
    const inspection = await inspectRemembered(config, dataSource);
    if (inspection.state === 'replaced' || inspection.state === 'missing-code') {
      if (!options.devChainStartedByNpmStart) throw new SetupRefusedError(refusal(config, inspection));
      logger.warn(
        `Chain ${config.chain.chainId} at ${config.chain.rpcUrl} is the development chain npm start started itself (${DEV_CHAIN_FLAG}); ` +
          `the database remembers an earlier one (${describe(inspection)}), so the platform database is reset: its funds, wallets and orders were on that chain.`,
      );
      await dataSource.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
    }
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.query('SELECT pg_advisory_unlock($1)', [SETUP_LOCK]).catch(() => undefined);
    await dataSource.destroy();
  }

  const app = await NestFactory.createApplicationContext(SetupModule.withConfig(config), { logger: ['error', 'warn', 'log'] });
  try {
    const deployment = await app.get(PlatformDeploymentService).ensureDeployed();
    await app.get(OrganizationsService).bootstrapPlatformAdmin();
    // Local chains only: the test stablecoin, registered, and the settlement contract that funds enable it on.
    if (await app.get(LocalStablecoin).ensure()) await app.get(SettlementContracts).ensureDeployed();
    logger.log(`Ready: chain ${deployment.chainId}, identity registry ${deployment.identityRegistry}, fund factory ${deployment.fundFactory}`);
    return deployment;
  } finally {
    await app.close();
  }
}

/** The remembered deployment against the chain, read without changing anything (before migrations). */
async function inspectRemembered(config: AppConfig, dataSource: DataSource): Promise<DeploymentInspection> {
  const clients = createChainClients(config);
  await clients.assertChainId();
  const [{ exists }] = (await dataSource.query("SELECT to_regclass('public.chain_deployments') IS NOT NULL AS exists")) as { exists: boolean }[];
  if (!exists) return { state: 'none' };
  const deployment = await dataSource.getRepository(ChainDeploymentEntity).findOneBy({ chainId: config.chain.chainId });
  return inspectDeployment(clients.publicClient, deployment);
}

function describe(inspection: DeploymentInspection): string {
  if (inspection.state === 'replaced') return `genesis block ${inspection.rememberedGenesis}, the chain's is ${inspection.genesis}`;
  if (inspection.state === 'missing-code') return `the ${inspection.contract} at ${inspection.address}, where the chain answers no code`;
  return inspection.state;
}

function refusal(config: AppConfig, inspection: DeploymentInspection & { state: 'replaced' | 'missing-code' }): string {
  const { chainId, rpcUrl } = config.chain;
  const never = 'Setup changed nothing: it never resets a database on its own.';
  if (inspection.state === 'missing-code') {
    return (
      `PLATFORM_CONTRACT_MISSING: the database remembers the ${inspection.contract} at ${inspection.address} on chain ${chainId}, ` +
      `but ${rpcUrl} answers no code (0x) for it. If that node is still syncing or lags behind, wait until it has caught up, or point ` +
      `CHAIN_RPC_URL at a synced node of the same chain, and run setup again. If the chain really lost its state, point DATABASE_URL ` +
      `at a fresh database (and keep this one: it records what happened on the old chain). ${never}`
    );
  }
  return (
    `CHAIN_REPLACED: the database remembers platform contracts on chain ${chainId} with genesis block ${inspection.rememberedGenesis}, ` +
    `but ${rpcUrl} serves a chain with genesis block ${inspection.genesis} (it was reset, or it is another chain). Point CHAIN_RPC_URL at ` +
    `the chain this database belongs to, or DATABASE_URL at a fresh database. ${never}`
  );
}
