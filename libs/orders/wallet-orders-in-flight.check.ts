import { Injectable, type OnModuleInit } from '@nestjs/common';
import { WalletRevocationChecks } from '@rwa/wallets';
import { OrderStatus } from './order.entity.js';

/**
 * Orders that will never move units again. Every other status is in flight: a subscription may
 * still mint into the wallet, a redemption still burns from it or pays out for it.
 */
const ORDER_ENDED: readonly string[] = [OrderStatus.REJECTED, OrderStatus.CANCELLED, OrderStatus.SETTLED, OrderStatus.FAILED, OrderStatus.REFUND_PENDING, OrderStatus.REFUNDED];

/** Refuses the revocation of a wallet while an order of it is in flight (wallets never read the orders table). */
@Injectable()
export class WalletOrdersInFlightCheck implements OnModuleInit {
  constructor(private readonly checks: WalletRevocationChecks) {}

  onModuleInit(): void {
    this.checks.register(async (manager, walletId) => {
      const [order] = (await manager.query('SELECT id, status FROM orders WHERE wallet_id = $1 AND status <> ALL($2::varchar[]) LIMIT 1', [walletId, ORDER_ENDED])) as {
        id: string;
        status: string;
      }[];
      return order ? `order ${order.id} is ${order.status}` : null;
    });
  }
}
