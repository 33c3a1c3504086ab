import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { encodeDeployData, getAddress, type Address } from 'viem';
import { ChainClients, testStablecoinAbi, testStablecoinBytecode, TransactionManager } from '@rwa/chain';

/** The chains a test stablecoin may be deployed on (TestStablecoin's constructor refuses any other). */
export const LOCAL_CHAIN_IDS: readonly number[] = [31337, 1337];

/** The local chain's test stablecoin, as `npm start` registers it. */
export const LOCAL_STABLECOIN = { name: 'Test USD', symbol: 'TUSD', decimals: 6, issuer: 'Local test issuer (not a real stablecoin)', licence: 'LOCAL-TEST' } as const;

/**
 * `npm start` on the local chain only: deploys the test stablecoin with permit (TestStablecoin, an
 * open faucet) once, through the TransactionManager, and registers it as an accepted stablecoin,
 * so a fund's issuer can enable it (PUT /v1/funds/{id}/stablecoins/{stablecoinId}) and
 * `npm run faucet` can fund wallets with it.
 */
@Injectable()
export class LocalStablecoin {
  private readonly logger = new Logger(LocalStablecoin.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clients: ChainClients,
    private readonly transactions: TransactionManager,
  ) {}

  /** The registered test stablecoin's address, deployed now if needed; null on any other chain than a local one. */
  async ensure(): Promise<Address | null> {
    const chainId = this.clients.chain.id;
    if (!LOCAL_CHAIN_IDS.includes(chainId)) return null;
    const receipt = await this.transactions.execute('local-test-stablecoin', {
      data: encodeDeployData({ abi: testStablecoinAbi, bytecode: testStablecoinBytecode, args: [LOCAL_STABLECOIN.name, LOCAL_STABLECOIN.symbol, LOCAL_STABLECOIN.decimals] }),
    });
    if (!receipt.contractAddress) throw new Error('The test stablecoin deployment produced no contract address');
    const address = getAddress(receipt.contractAddress);
    await this.dataSource.query(
      `INSERT INTO stablecoins (id, chain_id, address, symbol, decimals, issuer, licence) SELECT $1::uuid, $2::int, $3::text, $4::text, $5::int, $6::text, $7::text
       WHERE NOT EXISTS (SELECT 1 FROM stablecoins WHERE chain_id = $2::int AND lower(address) = lower($3::text))`,
      [randomUUID(), chainId, address, LOCAL_STABLECOIN.symbol, LOCAL_STABLECOIN.decimals, LOCAL_STABLECOIN.issuer, LOCAL_STABLECOIN.licence],
    );
    this.logger.log(`Test stablecoin ${LOCAL_STABLECOIN.symbol} on local chain ${chainId}: ${address} (npm run faucet -- <address> <amount>)`);
    return address;
  }
}
