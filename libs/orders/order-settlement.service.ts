import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '@rwa/common';
import { ChainErrorCode, ChainException, TokenGateway } from '@rwa/chain';
import { FundsService } from '@rwa/funds';
import { JobName, OutboxService } from '@rwa/queue';
import { WalletsService } from '@rwa/wallets';
import { OrderEntity, OrderStatus } from './order.entity.js';
import { OrdersService } from './orders.service.js';

export type SettlementOutcome = 'settled' | 'skipped' | 'failed';

/** Mints a priced subscription's units and settles the order once the mint is confirmed (worker side). */
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
  ) {}

  /**
   * Idempotent: an order no longer MINTING is left alone; the mint itself is guarded by the
   * transaction record and, last, by the token's order reference.
   */
  async handleMintOrder(orderId: string): Promise<SettlementOutcome> {
    const job = { name: JobName.MINT_ORDER, data: { orderId } } as const;
    const order = await this.dataSource.getRepository(OrderEntity).findOneBy({ id: orderId });
    if (!order || order.status !== OrderStatus.MINTING) {
      await this.outbox.complete(this.dataSource.manager, job);
      return 'skipped';
    }
    const fund = await this.funds.findById(order.fundId);
    const wallet = await this.wallets.findById(this.dataSource.manager, order.walletId);
    if (!fund?.tokenAddress || !wallet || order.units === null || order.referenceSeq === null) {
      throw new Error(`Order ${order.id} is MINTING without a token, wallet, units or reference`);
    }
    let txHash: `0x${string}`;
    try {
      txHash = await this.gateway.mintUnits(`mint-order-${order.id}`, {
        token: fund.tokenAddress,
        to: wallet.address,
        amount: BigInt(order.units),
        referenceSeq: BigInt(order.referenceSeq),
        orderId: order.id,
      });
    } catch (error) {
      if (!(error instanceof ChainException && error.code === ChainErrorCode.CONTRACT_REVERTED)) throw error;
      this.logger.error(`Mint for order ${order.id} reverted: ${error.message}`);
      await this.finish(order, OrderStatus.FAILED, `mint reverted: ${error.errorName ?? 'unknown'}`, {}, job);
      return 'failed';
    }
    await this.finish(order, OrderStatus.SETTLED, `minted in ${txHash}`, { txHash }, job);
    return 'settled';
  }

  /** The terminal status, its audit row and the outbox completion commit together. */
  private async finish(order: OrderEntity, to: OrderStatus, reason: string, changes: Partial<OrderEntity>, job: { name: JobName.MINT_ORDER; data: { orderId: string } }): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const locked = await manager.findOneOrFail(OrderEntity, { where: { id: order.id }, lock: { mode: 'pessimistic_write' } });
      if (locked.status === OrderStatus.MINTING) await this.orders.transition(manager, locked, to, reason, SYSTEM_ACTOR, changes);
      await this.outbox.complete(manager, job);
    });
  }
}
