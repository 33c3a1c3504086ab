import { Injectable } from '@nestjs/common';
import { encodeFunctionData, type Address, type Hex } from 'viem';
import { fundTokenAbi } from './abis/index.js';
import { ChainClients } from './chain-clients.js';
import { TransactionManager } from './transaction-manager.service.js';

/**
 * Compliance enforcement on fund tokens (freezes). Like TokenGateway, every write goes through
 * the TransactionManager under a caller-chosen intent key, so repeating an intent is safe.
 */
@Injectable()
export class ComplianceGateway {
  constructor(
    private readonly clients: ChainClients,
    private readonly transactions: TransactionManager,
  ) {}

  /**
   * Freezes (or unfreezes) every unit at `account` in `token`: it can neither send nor receive.
   * @example await compliance.setAddressFrozen(`freeze-${walletId}-3-${fundId}`, token, wallet, true)
   */
  async setAddressFrozen(intentKey: string, token: Address, account: Address, freeze: boolean): Promise<Hex> {
    const data = encodeFunctionData({ abi: fundTokenAbi, functionName: 'setAddressFrozen', args: [account, freeze] });
    return (await this.transactions.execute(intentKey, { to: token, data })).transactionHash;
  }

  /** Freezes `amount` units (smallest denomination) of `account` in `token`; 0 releases a partial freeze. */
  async setFrozenTokens(intentKey: string, token: Address, account: Address, amount: bigint): Promise<Hex> {
    const data = encodeFunctionData({ abi: fundTokenAbi, functionName: 'setFrozenTokens', args: [account, amount] });
    return (await this.transactions.execute(intentKey, { to: token, data })).transactionHash;
  }

  /** Whether `account` is frozen as a whole in `token`. */
  async isFrozen(token: Address, account: Address): Promise<boolean> {
    return this.clients.publicClient.readContract({ address: token, abi: fundTokenAbi, functionName: 'isFrozen', args: [account] });
  }

  /** Units of `account` frozen in `token`. */
  async frozenTokens(token: Address, account: Address): Promise<bigint> {
    return this.clients.publicClient.readContract({ address: token, abi: fundTokenAbi, functionName: 'getFrozenTokens', args: [account] });
  }
}
