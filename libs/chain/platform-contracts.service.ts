import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { PublicClient } from 'viem';
import { ChainClients } from './chain-clients.js';
import { ChainDeploymentEntity } from './chain-deployment.entity.js';
import { ChainErrorCode, ChainException } from './chain.exception.js';

/**
 * How a remembered deployment relates to the chain the RPC endpoint serves now:
 * - `none`: nothing remembered (a first setup deploys);
 * - `valid`: same genesis block, and code at every remembered address;
 * - `replaced`: another genesis block: the chain was reset or is another chain;
 * - `missing-code`: same genesis, but the endpoint answers no code (`0x`) at a remembered address:
 *   a node still syncing or lagging behind, or a chain that lost its state.
 * Only a caller that knows the chain is its own fresh development chain may conclude "reset".
 */
export type DeploymentInspection =
  | { state: 'none' | 'valid' }
  | { state: 'replaced'; rememberedGenesis: `0x${string}`; genesis: `0x${string}` }
  | { state: 'missing-code'; contract: string; address: `0x${string}` };

export async function inspectDeployment(publicClient: PublicClient, deployment: ChainDeploymentEntity | null): Promise<DeploymentInspection> {
  if (!deployment) return { state: 'none' };
  const genesis = await publicClient.getBlock({ blockNumber: 0n });
  if (genesis.hash !== deployment.genesisHash) return { state: 'replaced', rememberedGenesis: deployment.genesisHash, genesis: genesis.hash };
  const contracts = { 'identity registry': deployment.identityRegistry, 'fund factory': deployment.fundFactory, 'fund token implementation': deployment.fundTokenImplementation };
  for (const [contract, address] of Object.entries(contracts)) {
    const code = await publicClient.getCode({ address });
    if (!code || code === '0x') return { state: 'missing-code', contract, address };
  }
  return { state: 'valid' };
}

/** The addresses of the platform's own contracts on the configured chain. */
@Injectable()
export class PlatformContracts {
  private cached: ChainDeploymentEntity | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clients: ChainClients,
  ) {}

  async get(): Promise<ChainDeploymentEntity> {
    if (this.cached) return this.cached;
    const deployment = await this.dataSource.getRepository(ChainDeploymentEntity).findOneBy({ chainId: this.clients.chain.id });
    if (!deployment) {
      throw new ChainException(
        ChainErrorCode.PLATFORM_CONTRACTS_MISSING,
        `No platform contracts are recorded for chain ${this.clients.chain.id}; run the setup step (npm start does)`,
      );
    }
    this.cached = deployment;
    return deployment;
  }
}
