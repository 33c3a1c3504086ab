import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { encodeDeployData, getAddress, type Address } from 'viem';
import { ChainClients, fundSettlementAbi, fundSettlementBytecode, PlatformContracts, TransactionManager } from '@rwa/chain';
import { SettlementContractEntity } from './stablecoin.entities.js';

/** The intent of the settlement contract's deployment: once per chain. */
const DEPLOY_INTENT = 'platform-fund-settlement';

/**
 * The FundSettlement contract of the configured chain: deployed by the first fund that enables a
 * stablecoin (worker side), through the TransactionManager, with the platform's signer as admin and
 * agent, against the platform's identity registry.
 */
@Injectable()
export class SettlementContracts {
  private readonly logger = new Logger(SettlementContracts.name);
  private cached: Address | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clients: ChainClients,
    private readonly platform: PlatformContracts,
    private readonly transactions: TransactionManager,
  ) {}

  /** The settlement contract's address, or null before the first deployment. */
  async get(): Promise<Address | null> {
    if (this.cached) return this.cached;
    // Plain SQL: setup runs this without the module's entities.
    const [row] = (await this.dataSource.query('SELECT address FROM settlement_contracts WHERE chain_id = $1', [this.clients.chain.id])) as Pick<SettlementContractEntity, 'address'>[];
    if (row) this.cached = getAddress(row.address);
    return this.cached ?? null;
  }

  /** Deploys the contract unless recorded (a crash half-way resumes the same deployment intent). */
  async ensureDeployed(): Promise<Address> {
    const existing = await this.get();
    if (existing) return existing;
    const { identityRegistry } = await this.platform.get();
    const signer = this.clients.signer.address;
    const receipt = await this.transactions.execute(DEPLOY_INTENT, {
      data: encodeDeployData({ abi: fundSettlementAbi, bytecode: fundSettlementBytecode, args: [identityRegistry, signer, signer] }),
    });
    if (!receipt.contractAddress) throw new Error('The settlement contract deployment produced no contract address');
    const address = getAddress(receipt.contractAddress);
    await this.dataSource.query('INSERT INTO settlement_contracts (chain_id, address, deployed_at) VALUES ($1, $2, now()) ON CONFLICT (chain_id) DO NOTHING', [this.clients.chain.id, address]);
    this.logger.log(`Settlement contract on chain ${this.clients.chain.id}: ${address}`);
    this.cached = undefined;
    return (await this.get())!;
  }
}
