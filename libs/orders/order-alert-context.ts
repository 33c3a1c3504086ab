import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@rwa/audit';
import { FundsService } from '@rwa/funds';
import { InvestorsService } from '@rwa/investors';
import { AlertSubjectType, KytSubjectHandlers, type AlertSubjectContextSections } from '@rwa/kyt';
import { WalletsService } from '@rwa/wallets';
import { OrderEntity } from './order.entity.js';
import { OrdersService } from './orders.service.js';

/**
 * What the orders module tells a compliance officer about an ORDER alert's subject: the order
 * (amount or units, status history) as the API shows it, its fund, investor and wallet.
 */
@Injectable()
export class OrderAlertContext implements OnModuleInit {
  constructor(
    private readonly kytSubjects: KytSubjectHandlers,
    private readonly orders: OrdersService,
    private readonly audit: AuditService,
    private readonly funds: FundsService,
    private readonly investors: InvestorsService,
    private readonly wallets: WalletsService,
  ) {}

  onModuleInit(): void {
    this.kytSubjects.describeWith(AlertSubjectType.ORDER, (manager, orderId) => this.describe(manager, orderId));
  }

  async describe(manager: EntityManager, orderId: string): Promise<AlertSubjectContextSections> {
    const order = await manager.findOneBy(OrderEntity, { id: orderId });
    if (!order) return {};
    const fund = (await this.funds.findByIds([order.fundId], manager)).get(order.fundId);
    if (!fund) return {};
    const wallet = await this.wallets.findById(manager, order.walletId);
    const investor = await this.investors.findView(manager, order.investorId);
    return {
      order: this.orders.map(order, fund, await this.audit.statusHistory(manager, 'order', order.id)),
      fund: { id: fund.id, name: fund.name, symbol: fund.symbol, currency: fund.currency, tokenAddress: fund.tokenAddress },
      ...(investor ? { investor } : {}),
      ...(wallet ? { wallet: await this.wallets.map(wallet) } : {}),
    };
  }
}
