import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { PublicClient } from 'viem';
import { ChainClients } from './chain-clients.js';
import { ChainDeploymentEntity } from './chain-deployment.entity.js';
import { ChainErrorCode, ChainException } from './chain.exception.js';

/** How a remembered deployment relates to the chain the RPC endpoint serves now. */
export type DeploymentState = 'none' | 'valid' | 'stale';

/**
 * A deployment is stale when the chain was reset under it: another genesis block, or no code at
 * the remembered addresses (a fresh local node).
 */
export async function inspectDeployment(publicClient: PublicClient, deployment: ChainDeploymentEntity | null): Promise<DeploymentState> {
  if (!deployment) return 'none';
  const genesis = await publicClient.getBlock({ blockNumber: 0n });
  if (genesis.hash !== deployment.genesisHash) return 'stale';
  for (const address of [deployment.identityRegistry, deployment.fundFactory, deployment.fundTokenImplementation]) {
    const code = await publicClient.getCode({ address });
    if (!code || code === '0x') return 'stale';
  }
  return 'valid';
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
