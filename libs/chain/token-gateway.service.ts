import { Injectable } from '@nestjs/common';
import { encodeFunctionData, parseEventLogs, zeroAddress, type Address, type Hex } from 'viem';
import { fundFactoryAbi, fundTokenAbi } from './abis/index.js';
import { ChainClients } from './chain-clients.js';
import { investorClassMask, jurisdictionCode, uuidToBytes32, type InvestorClassName } from './encoding.js';
import { PlatformContracts } from './platform-contracts.service.js';
import { TransactionManager } from './transaction-manager.service.js';

/** What a fund's token enforces, from the fund's terms. */
export interface CreateFundTokenParameters {
  fundId: string;
  name: string;
  symbol: string;
  unitDecimals: number;
  eligibleJurisdictions: readonly string[];
  eligibleInvestorClasses: readonly InvestorClassName[];
  maxHolders: number | null;
  /** Per-holder cap in the token's smallest denomination; null for none. */
  maxBalancePerHolder?: bigint | null;
  lockupSeconds?: number | null;
}
export interface CreateFundTokenReturnType {
  tokenAddress: Address;
  /** Null when the token was found already created (its transaction record was lost). */
  txHash: Hex | null;
}

export interface MintUnitsParameters {
  token: Address;
  to: Address;
  /** Units in the token's smallest denomination. */
  amount: bigint;
  /** The fund's dense sequence number of this order; the token applies each one once. */
  referenceSeq: bigint;
  orderId: string;
}

/** One order of a batchMint. */
export interface BatchMintItem {
  to: Address;
  amount: bigint;
  referenceSeq: bigint;
  orderId: string;
}

export interface BurnUnitsParameters {
  token: Address;
  from: Address;
  amount: bigint;
  referenceSeq: bigint;
  orderId: string;
}

/**
 * The platform's operations on its contracts. Every write goes through the TransactionManager
 * under a caller-chosen intent key, so calling any of these again for the same intent is safe.
 */
@Injectable()
export class TokenGateway {
  constructor(
    private readonly clients: ChainClients,
    private readonly contracts: PlatformContracts,
    private readonly transactions: TransactionManager,
  ) {}

  /**
   * Creates a fund's token through the factory.
   * @example const { tokenAddress } = await gateway.createFundToken(`deploy-fund-${fund.id}`, params)
   */
  async createFundToken(intentKey: string, parameters: CreateFundTokenParameters): Promise<CreateFundTokenReturnType> {
    const { fundFactory } = await this.contracts.get();
    const fundKey = uuidToBytes32(parameters.fundId);
    if (!(await this.transactions.findByIntent(intentKey))) {
      // The factory deploys one token per fund id: if it exists, the intent already happened.
      const existing = await this.clients.publicClient.readContract({ address: fundFactory, abi: fundFactoryAbi, functionName: 'fundOf', args: [fundKey] });
      if (existing !== zeroAddress) return { tokenAddress: existing, txHash: null };
    }
    const agent = this.clients.signer.address;
    const data = encodeFunctionData({
      abi: fundFactoryAbi,
      functionName: 'createFund',
      args: [
        fundKey,
        {
          name: parameters.name,
          symbol: parameters.symbol,
          decimals: parameters.unitDecimals,
          admin: agent,
          agent,
          eligibleJurisdictions: parameters.eligibleJurisdictions.map(jurisdictionCode),
          eligibleClassMask: investorClassMask(parameters.eligibleInvestorClasses),
          maxHolders: parameters.maxHolders ?? 0,
          maxBalancePerHolder: parameters.maxBalancePerHolder ?? 0n,
          lockupSeconds: parameters.lockupSeconds ?? 0,
        },
      ],
    });
    const receipt = await this.transactions.execute(intentKey, { to: fundFactory, data });
    const [created] = parseEventLogs({ abi: fundFactoryAbi, logs: receipt.logs, eventName: 'FundCreated' });
    if (!created) throw new Error(`Transaction ${receipt.transactionHash} created no fund`);
    return { tokenAddress: created.args.token, txHash: receipt.transactionHash };
  }

  /**
   * Mints an order's units. If the token already applied the order's reference (the transaction
   * record was lost), the original mint's transaction hash is returned and nothing is sent.
   */
  async mintUnits(intentKey: string, parameters: MintUnitsParameters): Promise<Hex> {
    return this.applyReferenced(intentKey, parameters.token, parameters.referenceSeq, 'mint', parameters.to, parameters.amount, parameters.orderId);
  }

  /**
   * Mints many orders' units in one `batchMint` transaction and returns, per reference, the hash of
   * the transaction that applied it: this one, or, for an item the token skipped because its
   * reference was already used (ReferenceSkipped: an earlier mint of the same order), the original.
   * @example const applied = await gateway.batchMintUnits(`mint-batch-${batchId}`, token, items)
   */
  async batchMintUnits(intentKey: string, token: Address, items: readonly BatchMintItem[]): Promise<Map<bigint, Hex>> {
    const data = encodeFunctionData({
      abi: fundTokenAbi,
      functionName: 'batchMint',
      args: [items.map((item) => item.to), items.map((item) => item.amount), items.map((item) => item.referenceSeq), items.map((item) => uuidToBytes32(item.orderId))],
    });
    const receipt = await this.transactions.execute(intentKey, { to: token, data });
    const logs = receipt.logs.filter((log) => log.address.toLowerCase() === token.toLowerCase());
    const applied = new Map<bigint, Hex>();
    for (const event of parseEventLogs({ abi: fundTokenAbi, logs, eventName: 'Minted' })) applied.set(event.args.refSeq, receipt.transactionHash);
    for (const event of parseEventLogs({ abi: fundTokenAbi, logs, eventName: 'ReferenceSkipped' })) {
      if (!applied.has(event.args.refSeq)) applied.set(event.args.refSeq, await this.findReferenceTransaction(token, event.args.refSeq));
    }
    return applied;
  }

  /**
   * Burns a redemption's units from the holder's wallet, with the same once-only guards as mintUnits.
   */
  async burnUnits(intentKey: string, parameters: BurnUnitsParameters): Promise<Hex> {
    return this.applyReferenced(intentKey, parameters.token, parameters.referenceSeq, 'burn', parameters.from, parameters.amount, parameters.orderId);
  }

  /**
   * A mint or burn under an order reference. Without a transaction record for the intent, a
   * reference the token already applied means the effect happened (the record was lost): the
   * original transaction is returned and nothing is sent.
   */
  private async applyReferenced(
    intentKey: string,
    token: Address,
    referenceSeq: bigint,
    functionName: 'mint' | 'burn',
    holder: Address,
    amount: bigint,
    orderId: string,
  ): Promise<Hex> {
    if (!(await this.transactions.findByIntent(intentKey))) {
      const applied = await this.clients.publicClient.readContract({ address: token, abi: fundTokenAbi, functionName: 'isReferenceUsed', args: [referenceSeq] });
      if (applied) return this.findReferenceTransaction(token, referenceSeq);
    }
    const data = encodeFunctionData({ abi: fundTokenAbi, functionName, args: [holder, amount, referenceSeq, uuidToBytes32(orderId)] });
    const receipt = await this.transactions.execute(intentKey, { to: token, data });
    return receipt.transactionHash;
  }

  /** All units of a fund token on chain, in its smallest denomination. */
  async totalSupply(token: Address): Promise<bigint> {
    return this.clients.publicClient.readContract({ address: token, abi: fundTokenAbi, functionName: 'totalSupply' });
  }

  /** A holder's units on chain, in the token's smallest denomination. */
  async balanceOf(token: Address, holder: Address): Promise<bigint> {
    return this.clients.publicClient.readContract({ address: token, abi: fundTokenAbi, functionName: 'balanceOf', args: [holder] });
  }

  /** The transaction that applied a reference: its Minted or Burned event. */
  private async findReferenceTransaction(token: Address, referenceSeq: bigint): Promise<Hex> {
    for (const eventName of ['Minted', 'Burned'] as const) {
      const [event] = await this.clients.publicClient.getContractEvents({ address: token, abi: fundTokenAbi, eventName, args: { refSeq: referenceSeq }, fromBlock: 0n });
      if (event) return event.transactionHash;
    }
    throw new Error(`Reference ${referenceSeq} of ${token} is used, but no Minted or Burned event was found`);
  }
}
