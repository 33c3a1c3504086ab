import type { DataSource, EntityManager } from 'typeorm';
import type { AuditEntry, AuditService } from '@rwa/audit';
import type { JobItem, OutboxService } from '@rwa/queue';
import { JobName } from '@rwa/queue';
import type { OrderEvents } from '../order-events.js';
import { OrderStatus, OrderType, type OrderEntity } from '../order.entity.js';
import { SettlementCommitter, type StepOutcome } from '../settlement-committer.service.js';

const ORDER_A = '0a000000-0000-4000-8000-000000000000';
const ORDER_B = '0b000000-0000-4000-8000-000000000000';

function minting(id: string, status = OrderStatus.MINTING): OrderEntity {
  return { id, type: OrderType.SUBSCRIPTION, status, updatedAt: new Date() } as OrderEntity;
}

function settled(orderId: string, txHash = `0x${'ab'.repeat(32)}`): StepOutcome {
  return { orderId, job: { name: JobName.MINT_ORDER, data: { orderId } }, waitingIn: OrderStatus.MINTING, to: OrderStatus.SETTLED, reason: `minted in ${txHash}`, txHash };
}

/** A committer over fakes: `orders` are what the locking read finds; every write is recorded. */
function setup(orders: OrderEntity[]) {
  const transactions: { updates: unknown[][]; audit: AuditEntry[]; completed: JobItem[] }[] = [];
  const dataSource = {
    transaction: async (work: (manager: EntityManager) => Promise<unknown>) => {
      const writes = { updates: [] as unknown[][], audit: [] as AuditEntry[], completed: [] as JobItem[] };
      transactions.push(writes);
      const manager = {
        find: async () => orders.map((order) => ({ ...order })),
        query: async (_sql: string, parameters: unknown[]) => void writes.updates.push(parameters),
        __writes: writes,
      };
      return work(manager as unknown as EntityManager);
    },
  } as unknown as DataSource;
  const audit = { recordMany: async (manager: { __writes: { audit: AuditEntry[] } }, entries: AuditEntry[]) => void manager.__writes.audit.push(...entries) };
  const outbox = { completeMany: async (manager: { __writes: { completed: JobItem[] } }, jobs: JobItem[]) => void manager.__writes.completed.push(...jobs) };
  const emitted: OrderEntity[][] = [];
  const orderEvents = { emit: async (_manager: unknown, changed: OrderEntity[]) => void emitted.push(changed.map((order) => ({ ...order }) as OrderEntity)) };
  const sut = new SettlementCommitter(dataSource, audit as unknown as AuditService, outbox as unknown as OutboxService, orderEvents as unknown as OrderEvents);
  return { sut, transactions, emitted };
}

describe(SettlementCommitter.name, () => {
  describe('commit', () => {
    it('should write the outcomes handed in together in one transaction, with one audit row per order', async () => {
      const { sut, transactions, emitted } = setup([minting(ORDER_A), minting(ORDER_B)]);

      await Promise.all([sut.commit(settled(ORDER_A)), sut.commit(settled(ORDER_B))]);

      // One order.settled event per order, in the same transaction, with the transaction hash.
      expect(emitted.map((orders) => orders.map((order) => [order.id, order.status, order.txHash]))).toEqual([
        [
          [ORDER_A, OrderStatus.SETTLED, `0x${'ab'.repeat(32)}`],
          [ORDER_B, OrderStatus.SETTLED, `0x${'ab'.repeat(32)}`],
        ],
      ]);
      expect(transactions).toHaveLength(1);
      const [writes] = transactions;
      expect(writes!.updates).toHaveLength(1);
      expect(writes!.updates[0]![0]).toEqual([ORDER_A, ORDER_B]);
      expect(writes!.updates[0]![1]).toEqual([OrderStatus.SETTLED, OrderStatus.SETTLED]);
      expect(writes!.audit.map((entry) => [entry.entityId, entry.fromStatus, entry.toStatus])).toEqual([
        [ORDER_A, OrderStatus.MINTING, OrderStatus.SETTLED],
        [ORDER_B, OrderStatus.MINTING, OrderStatus.SETTLED],
      ]);
      expect(writes!.completed).toHaveLength(2);
    });

    it('should apply an order once when two jobs of it report together, and complete its job', async () => {
      const { sut, transactions } = setup([minting(ORDER_A)]);

      await Promise.all([sut.commit(settled(ORDER_A)), sut.commit(settled(ORDER_A))]);

      expect(transactions[0]!.updates[0]![0]).toEqual([ORDER_A]);
      expect(transactions[0]!.audit).toHaveLength(1);
      expect(transactions[0]!.completed.map((job) => job.data)).toEqual([{ orderId: ORDER_A }, { orderId: ORDER_A }]);
    });

    it('should leave an order that already moved on untouched and only complete its job', async () => {
      const { sut, transactions } = setup([minting(ORDER_A, OrderStatus.SETTLED)]);

      await sut.commit(settled(ORDER_A));

      expect(transactions[0]!.updates).toHaveLength(0);
      expect(transactions[0]!.audit).toHaveLength(0);
      expect(transactions[0]!.completed).toHaveLength(1);
    });

    it('should reject every outcome of a transaction that fails, so their jobs retry', async () => {
      const { sut } = setup([{ ...minting(ORDER_A), type: OrderType.REDEMPTION }]);

      // MINTING -> SETTLED is no redemption transition: the state machine refuses it.
      await expect(sut.commit(settled(ORDER_A))).rejects.toThrow();
    });
  });
});
