import { Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Address, Hex } from 'viem';
import { SYSTEM_ACTOR } from '@rwa/common';
import { ChainErrorCode, ChainException, contractErrorCode, TokenGateway } from '@rwa/chain';
import { FundsService, type FundEntity } from '@rwa/funds';
import { PlatformMetrics } from '@rwa/metrics';
import { JobName, OutboxService, type JobItem } from '@rwa/queue';
import { WalletsService, type WalletEntity } from '@rwa/wallets';
import { MintBatcher } from './mint-batcher.service.js';
import { OrderEntity, OrderStatus } from './order.entity.js';
import { OrdersService } from './orders.service.js';

export type SettlementOutcome = 'settled' | 'burned' | 'skipped' | 'failed';

interface OnChainStep {
  job: JobItem;
  /** The status the order waits in while its transaction is under way. */
  waitingIn: OrderStatus;
  /** Where a confirmed transaction takes it. */
  confirmedTo: OrderStatus;
  outcome: SettlementOutcome;
  send: (order: OrderEntity, fund: FundEntity & { tokenAddress: `0x${string}` }, wallet: WalletEntity) => Promise<Hex>;
}

/**
 * The chain side of orders (worker): mints a priced subscription and settles it, burns a priced
 * redemption and waits for the issuer's payout. Every step is idempotent: an order no longer in
 * the step's status is left alone, and the transaction is guarded by its record and, last, by
 * the token's order reference.
 */
@Injectable()
export class OrderSettlementService {
  private readonly logger = new Logger(OrderSettlementService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly orders: OrdersService,
    private readonly funds: FundsService,
    private readonly wallets: WalletsService,
    private readonly gateway: TokenGateway,
    private readonly outbox: OutboxService,
    private readonly batcher: MintBatcher,
    @Optional() private readonly metrics?: PlatformMetrics,
  ) {}

  async handleMintOrder(orderId: string): Promise<SettlementOutcome> {
    return this.run(orderId, {
      job: { name: JobName.MINT_ORDER, data: { orderId } },
      waitingIn: OrderStatus.MINTING,
      confirmedTo: OrderStatus.SETTLED,
      outcome: 'settled',
      send: (order, fund, wallet) => this.mint(order, fund.tokenAddress, wallet.address),
    });
  }

  /**
   * Mints through the order's batch when batching is on (or the order already has a batch), else
   * alone. A batch the contract refused falls back to minting its orders one by one, so each order
   * fails or settles on its own merits.
   */
  private async mint(order: OrderEntity, token: Address, to: Address): Promise<Hex> {
    const item = { orderId: order.id, to, amount: BigInt(order.units!), referenceSeq: BigInt(order.referenceSeq!) };
    const existing = await this.batcher.batchOf(order.id);
    const batchId = existing ? (existing.status === 'OPEN' ? existing.id : null) : this.batcher.enabled ? await this.batcher.join(token, item) : null;
    if (batchId) {
      try {
        const applied = await this.batcher.execute(batchId);
        const txHash = applied.get(item.referenceSeq);
        if (!txHash) throw new Error(`Mint batch ${batchId} did not apply order ${order.id}`);
        return txHash;
      } catch (error) {
        if (!(error instanceof ChainException && error.code === ChainErrorCode.CONTRACT_REVERTED)) throw error;
        this.logger.warn(`Mint batch ${batchId} reverted (${error.errorName ?? 'unknown'}); minting its orders one by one`);
        await this.batcher.markReverted(batchId);
      }
    }
    return this.gateway.mintUnits(`mint-order-${order.id}`, { token, ...item });
  }

  async handleBurnOrder(orderId: string): Promise<SettlementOutcome> {
    return this.run(orderId, {
      job: { name: JobName.BURN_ORDER, data: { orderId } },
      waitingIn: OrderStatus.BURNING,
      confirmedTo: OrderStatus.PAYOUT_PENDING,
      outcome: 'burned',
      send: (order, fund, wallet) =>
        this.gateway.burnUnits(`burn-order-${order.id}`, {
          token: fund.tokenAddress,
          from: wallet.address,
          amount: BigInt(order.units!),
          referenceSeq: BigInt(order.referenceSeq!),
          orderId: order.id,
        }),
    });
  }

  private async run(orderId: string, step: OnChainStep): Promise<SettlementOutcome> {
    const order = await this.dataSource.getRepository(OrderEntity).findOneBy({ id: orderId });
    if (!order || order.status !== step.waitingIn) {
      await this.outbox.complete(this.dataSource.manager, step.job);
      return 'skipped';
    }
    const fund = await this.funds.findById(order.fundId);
    const wallet = await this.wallets.findById(this.dataSource.manager, order.walletId);
    if (!fund?.tokenAddress || !wallet || order.units === null || order.referenceSeq === null) {
      throw new Error(`Order ${order.id} is ${order.status} without a token, wallet, units or reference`);
    }
    let txHash: Hex;
    try {
      txHash = await step.send(order, fund as FundEntity & { tokenAddress: `0x${string}` }, wallet);
    } catch (error) {
      if (!(error instanceof ChainException && error.code === ChainErrorCode.CONTRACT_REVERTED)) throw error;
      this.logger.error(`${step.job.name} for order ${order.id} reverted: ${error.message}`);
      await this.finish(order, step, OrderStatus.FAILED, `transaction reverted: ${error.errorName ?? 'unknown'}`, { failureCode: contractErrorCode(error.errorName) });
      return 'failed';
    }
    await this.finish(order, step, step.confirmedTo, `${step.job.name === JobName.MINT_ORDER ? 'minted' : 'burned'} in ${txHash}`, { txHash });
    return step.outcome;
  }

  /** The new status, its audit row and the outbox completion commit together. */
  private async finish(order: OrderEntity, step: OnChainStep, to: OrderStatus, reason: string, changes: Partial<OrderEntity>): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const locked = await manager.findOneOrFail(OrderEntity, { where: { id: order.id }, lock: { mode: 'pessimistic_write' } });
      if (locked.status !== step.waitingIn) {
        await this.outbox.complete(manager, step.job);
        return;
      }
      // A subscription enters MINTING in the transaction that confirms its payment, and nothing
      // touches it until it settles: its updatedAt is the payment confirmation time.
      const paymentConfirmedAt = locked.updatedAt;
      await this.orders.transition(manager, locked, to, reason, SYSTEM_ACTOR, changes);
      if (to === OrderStatus.SETTLED) this.metrics?.settlementLatency.observe((Date.now() - paymentConfirmedAt.getTime()) / 1000);
      await this.outbox.complete(manager, step.job);
    });
  }
}
