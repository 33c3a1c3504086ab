import { createHash } from 'node:crypto';
import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { AlertSubjectType, KytService, KytSubjectHandlers, type PrescreenedAddresses } from '@rwa/kyt';
import { ChainTransferEntity } from './holdings.entities.js';

// Serialises transfer writers, so that `seq` order is commit order for readers catching up.
const TRANSFERS_WRITE_LOCK = 7_240_011;
const CATCH_UP_BATCH = 10_000;

/** A stable UUID for a log: the same transfer always gets the same alert subject id. */
export function transferId(txHash: string, logIndex: number): string {
  const hex = createHash('sha256').update(`${txHash.toLowerCase()}:${logIndex}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Screening of on-chain transfers: both counterparties of every holder-to-holder transfer the
 * indexer sees; a finding raises a TRANSFER alert (the transfer already happened, so it holds
 * nothing: officers decide, and freeze the wallets involved where needed). Also gives KYT the
 * counterparties of an address, for its indirect-exposure rule.
 */
@Injectable()
export class TransferScreeningService implements OnModuleInit, OnModuleDestroy {
  /**
   * Counterparties by address, in memory: screening an address must not cost a query (the
   * benchmark's 2 ms p99). Loaded once, then caught up from `seq`: at once after this process's
   * own indexing, within `refreshMs` for the others.
   */
  private readonly counterparties = new Map<string, Set<`0x${string}`>>();
  private lastSeq = '0';
  /** The latest rollback of the chain index seen: a newer one removed transfers, so the map is rebuilt. */
  private lastRollback = '0';
  private loading: Promise<void> | null = null;
  private catchingUp: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly kyt: KytService,
    private readonly kytSubjects: KytSubjectHandlers,
    private readonly refreshMs = 1000,
  ) {}

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  onModuleInit(): void {
    this.kytSubjects.provideCounterparties((manager, address) => this.counterpartiesOf(manager, address));
    this.kytSubjects.register(AlertSubjectType.TRANSFER, {
      onAlertDecided: async () => undefined,
      rescreen: {
        prescreen: async (subjectId): Promise<PrescreenedAddresses> => {
          const transfer = await this.dataSource.manager.findOneBy(ChainTransferEntity, { id: subjectId });
          return transfer ? this.kyt.prescreenAddresses([transfer.fromAddress, transfer.toAddress]) : undefined;
        },
        screen: async (manager, subjectId, prescreened) => {
          const transfer = await manager.findOneBy(ChainTransferEntity, { id: subjectId });
          return transfer ? this.kyt.screenAddresses(manager, [transfer.fromAddress, transfer.toAddress], prescreened) : null;
        },
      },
    });
  }

  /**
   * Records and screens one transfer, in the indexer's transaction; a transfer seen again is
   * ignored, and so is a zero-value one (it moves nothing, and anyone can send one to any address
   * to make it look exposed).
   */
  /** The external part of screening these transfers' parties, asked before the indexer's transaction. */
  prescreen(transfers: readonly Pick<ChainTransferEntity, 'fromAddress' | 'toAddress'>[]): Promise<PrescreenedAddresses> {
    return this.kyt.prescreenAddresses(transfers.flatMap((transfer) => [transfer.fromAddress, transfer.toAddress]));
  }

  async record(manager: EntityManager, transfer: Omit<ChainTransferEntity, 'id'>, prescreened: PrescreenedAddresses): Promise<void> {
    if (BigInt(transfer.units) === 0n) return;
    const id = transferId(transfer.txHash, transfer.logIndex);
    await manager.query('SELECT pg_advisory_xact_lock($1)', [TRANSFERS_WRITE_LOCK]);
    const inserted = await manager.createQueryBuilder().insert().into(ChainTransferEntity).values({ ...transfer, id }).orIgnore().returning(['id']).execute();
    if ((inserted.raw as unknown[]).length === 0) return;
    // Known at once, so this transfer's own screening sees it. A database rollback applies the range
    // again; a chain reorg that takes the transfer back rebuilds the map (see catchUp).
    await this.ensureLoaded();
    this.addPair(transfer.fromAddress, transfer.toAddress);
    const screening = await this.kyt.screenAddresses(manager, [transfer.fromAddress, transfer.toAddress], prescreened);
    if (!screening.clean) await this.kyt.raiseAlert(manager, AlertSubjectType.TRANSFER, id, screening);
  }

  /** Applies the transfers committed since the last catch-up (by any process). */
  async refresh(): Promise<void> {
    if (!this.loading) return;
    await this.loading;
    this.catchingUp ??= this.catchUp().finally(() => {
      this.catchingUp = null;
    });
    await this.catchingUp;
  }

  private async counterpartiesOf(_manager: EntityManager, address: `0x${string}`): Promise<`0x${string}`[]> {
    await this.ensureLoaded();
    return [...(this.counterparties.get(address.toLowerCase()) ?? [])];
  }

  private ensureLoaded(): Promise<void> {
    this.loading ??= this.catchUp()
      .then(() => {
        this.timer ??= setInterval(() => void this.refresh().catch(() => undefined), this.refreshMs);
        this.timer.unref();
      })
      .catch((error: unknown) => {
        this.loading = null;
        throw error;
      });
    return this.loading;
  }

  private async catchUp(): Promise<void> {
    const [{ id: rollback }] = (await this.dataSource.query('SELECT coalesce(max(id), 0)::text AS id FROM chain_index_reorgs')) as { id: string }[];
    if (rollback !== this.lastRollback) {
      // A reorg took transfers back: the pairs they made may be false now. Rare: rebuild from scratch.
      this.counterparties.clear();
      this.lastSeq = '0';
      this.lastRollback = rollback;
    }
    for (;;) {
      // Zero-value transfers (rows recorded before they were ignored) expose no one: anyone can send one to anyone.
      const rows = (await this.dataSource.query('SELECT seq::text AS seq, from_address, to_address FROM chain_transfers WHERE seq > $1 AND units > 0 ORDER BY chain_transfers.seq LIMIT $2', [
        this.lastSeq,
        CATCH_UP_BATCH,
      ])) as { seq: string; from_address: `0x${string}`; to_address: `0x${string}` }[];
      for (const row of rows) {
        this.addPair(row.from_address, row.to_address);
        this.lastSeq = row.seq;
      }
      if (rows.length < CATCH_UP_BATCH) return;
    }
  }

  private addPair(from: `0x${string}`, to: `0x${string}`): void {
    for (const [address, counterparty] of [
      [from, to],
      [to, from],
    ] as const) {
      const key = address.toLowerCase();
      const set = this.counterparties.get(key) ?? new Set<`0x${string}`>();
      set.add(counterparty);
      this.counterparties.set(key, set);
    }
  }
}
