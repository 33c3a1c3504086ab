import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Address, Hex } from 'viem';
import { TokenGateway, type BatchMintItem } from '@rwa/chain';
import { AppConfig } from '@rwa/config';

export interface MintBatch {
  id: string;
  token: Address;
  status: 'OPEN' | 'REVERTED';
}

interface Waiting {
  item: BatchMintItem;
  resolve(batchId: string | null): void;
  reject(error: unknown): void;
}

interface Window {
  waiting: Waiting[];
  /** Its MINT_BATCH_WINDOW_MS are over: it goes out as soon as the token's previous batch is done. */
  due: boolean;
}

/** However long the previous batch takes (a stuck receipt), a due window waits at most this long. */
const MAX_HOLD_MS = 2_000;

/**
 * Gathers the mint intents of one token that become ready within MINT_BATCH_WINDOW_MS (in this
 * process) into one batchMint. The batch and its items are persisted before anything is signed, and
 * an order joins at most one batch (mint_batch_items.order_id is its primary key): a retried or
 * concurrent job of the same order finds the batch again instead of forming another. Jobs of one
 * batch share one wait for its transaction.
 *
 * A due window waits while this process's previous batch of the same token is still being sent and
 * confirmed (unless it is full): the signer sends one transaction at a time (nonce lease), so many
 * small batches queued on it and every order waited behind all of them. Holding the window instead
 * lets batches grow with the load and keeps each order's wait to about one batch.
 */
@Injectable()
export class MintBatcher {
  private readonly windows = new Map<string, Window>();
  private readonly inflight = new Map<string, Promise<Map<bigint, Hex>>>();
  /** Per token, this process's latest batch until its transaction is confirmed (or failed). */
  private readonly sending = new Map<string, Promise<unknown>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly gateway: TokenGateway,
  ) {}

  get enabled(): boolean {
    return this.config.batching.mintWindowMs > 0;
  }

  /** The batch an order already belongs to, if any. */
  async batchOf(orderId: string): Promise<MintBatch | null> {
    const [row] = (await this.dataSource.query(
      'SELECT b.id, b.token, b.status FROM mint_batch_items i JOIN mint_batches b ON b.id = i.batch_id WHERE i.order_id = $1',
      [orderId],
    )) as MintBatch[];
    return row ?? null;
  }

  /**
   * Adds the order to the token's current window and returns the batch it ends up in: the new one,
   * or the batch the order already belonged to (which may have REVERTED).
   */
  async join(token: Address, item: BatchMintItem): Promise<MintBatch> {
    const batchId = await new Promise<string | null>((resolve, reject) => {
      const key = token.toLowerCase();
      let window = this.windows.get(key);
      if (!window) {
        const opened: Window = { waiting: [], due: false };
        this.windows.set(key, opened);
        setTimeout(() => {
          opened.due = true;
          if (!this.sending.has(key)) void this.flush(key, token, opened);
        }, this.config.batching.mintWindowMs);
        setTimeout(() => void this.flush(key, token, opened), this.config.batching.mintWindowMs + MAX_HOLD_MS);
        window = opened;
      }
      window.waiting.push({ item, resolve, reject });
      if (window.waiting.length >= this.config.batching.mintMax) void this.flush(key, token, window);
    });
    if (batchId) return { id: batchId, token, status: 'OPEN' };
    // The order already was in a batch (an earlier attempt, or another job, maybe in another
    // worker, put it there first): that one is the order's.
    const existing = await this.batchOf(item.orderId);
    if (!existing) throw new Error(`Order ${item.orderId} is in no mint batch`);
    return existing;
  }

  /**
   * Sends the batch's transaction, or waits for the one already sent, and returns per reference the
   * hash of the transaction that applied it. Idempotent like TransactionManager.execute.
   */
  execute(batchId: string): Promise<Map<bigint, Hex>> {
    let pending = this.inflight.get(batchId);
    if (!pending) {
      pending = this.send(batchId).finally(() => this.inflight.delete(batchId));
      this.inflight.set(batchId, pending);
    }
    return pending;
  }

  /** The contract refused the batch: its orders are minted one by one, so each learns its own fate. */
  async markReverted(batchId: string): Promise<void> {
    await this.dataSource.query("UPDATE mint_batches SET status = 'REVERTED' WHERE id = $1", [batchId]);
  }

  private async send(batchId: string): Promise<Map<bigint, Hex>> {
    const [batch] = (await this.dataSource.query('SELECT token FROM mint_batches WHERE id = $1', [batchId])) as { token: Address }[];
    const rows = (await this.dataSource.query('SELECT order_id, recipient, amount, reference_seq FROM mint_batch_items WHERE batch_id = $1 ORDER BY reference_seq', [batchId])) as {
      order_id: string;
      recipient: Address;
      amount: string;
      reference_seq: string;
    }[];
    const items = rows.map((row) => ({ orderId: row.order_id, to: row.recipient, amount: BigInt(row.amount), referenceSeq: BigInt(row.reference_seq) }));
    return this.gateway.batchMintUnits(`mint-batch-${batchId}`, batch!.token, items);
  }

  private async flush(key: string, token: Address, window: Window): Promise<void> {
    if (this.windows.get(key) !== window) return; // already flushed (it filled up before its timer)
    this.windows.delete(key);
    const waiting = window.waiting;
    try {
      const { batchId, inserted } = await this.persist(token, waiting.map((entry) => entry.item));
      if (inserted.size > 0) this.holdWindowsUntilDone(key, token, this.execute(batchId));
      for (const entry of waiting) entry.resolve(inserted.has(entry.item.orderId) ? batchId : null);
    } catch (error) {
      for (const entry of waiting) entry.reject(error);
    }
  }

  /** The batch is sent at once (its jobs join the same send); the token's next window goes out when it is done. */
  private holdWindowsUntilDone(key: string, token: Address, sent: Promise<unknown>): void {
    const done = sent.catch(() => undefined); // its jobs see the outcome through execute()
    this.sending.set(key, done);
    void done.then(() => {
      if (this.sending.get(key) === done) this.sending.delete(key);
      const next = this.windows.get(key);
      if (next?.due && !this.sending.has(key)) void this.flush(key, token, next);
    });
  }

  private async persist(token: Address, items: BatchMintItem[]): Promise<{ batchId: string; inserted: Set<string> }> {
    const batchId = randomUUID();
    return this.dataSource.transaction(async (manager) => {
      await manager.query('INSERT INTO mint_batches (id, token) VALUES ($1, $2)', [batchId, token]);
      const rows = (await manager.query(
        `INSERT INTO mint_batch_items (order_id, batch_id, recipient, amount, reference_seq)
         SELECT unnest($1::uuid[]), $2, unnest($3::char(42)[]), unnest($4::numeric[]), unnest($5::bigint[])
         ON CONFLICT (order_id) DO NOTHING RETURNING order_id`,
        [items.map((item) => item.orderId), batchId, items.map((item) => item.to), items.map((item) => item.amount.toString()), items.map((item) => item.referenceSeq.toString())],
      )) as { order_id: string }[];
      if (rows.length === 0) await manager.query('DELETE FROM mint_batches WHERE id = $1', [batchId]);
      return { batchId, inserted: new Set(rows.map((row) => row.order_id)) };
    });
  }
}
