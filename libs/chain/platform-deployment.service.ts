import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { encodeDeployData, getAddress, type Address } from 'viem';
import type { DataSource } from 'typeorm';
import { fundFactoryAbi, fundFactoryBytecode, fundTokenAbi, fundTokenBytecode, identityRegistryAbi, identityRegistryBytecode } from './abis/index.js';
import { ChainClients } from './chain-clients.js';
import { ChainDeploymentEntity } from './chain-deployment.entity.js';
import { TransactionManager } from './transaction-manager.service.js';

/**
 * Deploys the platform's own contracts (identity registry, token implementation, factory) once per
 * chain and records where they are. Each deployment is a transaction-manager intent, so a crash
 * half-way resumes without deploying anything twice.
 */
@Injectable()
export class PlatformDeploymentService {
  private readonly logger = new Logger(PlatformDeploymentService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clients: ChainClients,
    private readonly transactions: TransactionManager,
  ) {}

  async ensureDeployed(): Promise<ChainDeploymentEntity> {
    const repository = this.dataSource.getRepository(ChainDeploymentEntity);
    const chainId = this.clients.chain.id;
    const existing = await repository.findOneBy({ chainId });
    if (existing) return existing;

    const admin = this.clients.signer.address;
    const identityRegistry = await this.deploy('platform-identity-registry', encodeDeployData({ abi: identityRegistryAbi, bytecode: identityRegistryBytecode, args: [admin] }));
    const fundTokenImplementation = await this.deploy('platform-fund-token-implementation', encodeDeployData({ abi: fundTokenAbi, bytecode: fundTokenBytecode }));
    const fundFactory = await this.deploy(
      'platform-fund-factory',
      encodeDeployData({ abi: fundFactoryAbi, bytecode: fundFactoryBytecode, args: [fundTokenImplementation, identityRegistry, admin] }),
    );
    const genesis = await this.clients.publicClient.getBlock({ blockNumber: 0n });
    const deployment = repository.create({ chainId, genesisHash: genesis.hash, identityRegistry, fundTokenImplementation, fundFactory, deployedAt: new Date() });
    await repository.insert(deployment);
    this.logger.log(`Platform contracts on chain ${chainId}: registry ${identityRegistry}, factory ${fundFactory}`);
    return deployment;
  }

  private async deploy(intentKey: string, data: `0x${string}`): Promise<Address> {
    const receipt = await this.transactions.execute(intentKey, { data });
    if (!receipt.contractAddress) throw new Error(`Deployment ${intentKey} produced no contract address`);
    return getAddress(receipt.contractAddress);
  }
}
