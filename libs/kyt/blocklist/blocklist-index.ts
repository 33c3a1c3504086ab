import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '@rwa/config';

const LOAD_BATCH = 50_000;
const CHANGES_BATCH = 10_000;
// Serialises blocklist writers: a change's seq is then taken only after every earlier change
// committed, so a reader that has seen seq N can never later find a smaller seq appear.
const BLOCKLIST_WRITE_LOCK = 7_240_010;

/**
 * The blocklist in memory, so that screening an address, hit or miss, costs a hash lookup rather
 * than a query (p99 under 2 ms with a million entries). Each address is kept as its 20 raw bytes
 * in a one-byte string, mapped to its (interned) source.
 *
 * Freshness: changes made through this process are applied as soon as they commit; changes made
 * by other processes are picked up from the `kyt_blocklist_changes` log every
 * KYT_BLOCKLIST_REFRESH_MS. In that interval another process may miss a new listing, or still
 * hold an address just removed (failing closed: an officer clears the alert).
 */
@Injectable()
export class BlocklistIndex implements OnModuleDestroy {
  private readonly logger = new Logger(BlocklistIndex.name);
  private keys = new Map<string, number>();
  /** Sources are few (OFAC-SDN, internal lists): each is kept once, entries point to it. */
  private readonly sources: string[] = [];
  private readonly sourceIds = new Map<string, number>();
  private lastSeq = '0';
  private loading: Promise<void> | null = null;
  private refreshing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** True when `address` is (as far as this process knows) blocklisted. Loads the index on first use. */
  async has(address: string): Promise<boolean> {
    return (await this.sourceOf(address)) !== undefined;
  }

  /** The source of the listing of `address`, or undefined when it is not blocklisted. */
  async sourceOf(address: string): Promise<string | undefined> {
    await this.ensureLoaded();
    const sourceId = this.keys.get(keyOf(address));
    return sourceId === undefined ? undefined : this.sources[sourceId];
  }

  get size(): number {
    return this.keys.size;
  }

  /** Records changes in the caller's transaction; the index applies them once committed (refresh). */
  async logChanges(manager: EntityManager, addresses: readonly string[], op: 'ADDED' | 'REMOVED'): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [BLOCKLIST_WRITE_LOCK]);
    for (let start = 0; start < addresses.length; start += CHANGES_BATCH) {
      const chunk = addresses.slice(start, start + CHANGES_BATCH);
      await manager.query(`INSERT INTO kyt_blocklist_changes (address, op) SELECT unnest($1::char(42)[]), $2`, [chunk, op]);
    }
  }

  /** Applies the changes committed since the last refresh (by any process). */
  async refresh(): Promise<void> {
    if (!this.loading) return;
    await this.loading;
    this.refreshing ??= this.catchUp().finally(() => {
      this.refreshing = null;
    });
    await this.refreshing;
  }

  private ensureLoaded(): Promise<void> {
    this.loading ??= this.load().catch((error: unknown) => {
      this.loading = null;
      throw error;
    });
    return this.loading;
  }

  /** One consistent snapshot: the change-log position and the table as of that position. */
  private async load(): Promise<void> {
    const started = Date.now();
    const keys = new Map<string, number>();
    await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const [{ seq }] = (await manager.query('SELECT coalesce(max(seq), 0)::text AS seq FROM kyt_blocklist_changes')) as [{ seq: string }];
      let after = '';
      for (;;) {
        const rows = (await manager.query('SELECT address, source FROM kyt_blocklist WHERE address > $1 ORDER BY address LIMIT $2', [after, LOAD_BATCH])) as {
          address: string;
          source: string;
        }[];
        for (const row of rows) keys.set(keyOf(row.address), this.sourceId(row.source));
        if (rows.length < LOAD_BATCH) break;
        after = rows.at(-1)!.address;
      }
      this.lastSeq = seq;
    });
    this.keys = keys;
    this.timer ??= setInterval(() => void this.refresh().catch((error: unknown) => this.logger.warn(`blocklist refresh failed: ${(error as Error).message}`)), this.config.kyt.blocklistRefreshMs);
    this.timer.unref();
    this.logger.log(`blocklist index loaded: ${keys.size} addresses in ${Date.now() - started} ms`);
  }

  private sourceId(source: string): number {
    let id = this.sourceIds.get(source);
    if (id === undefined) {
      id = this.sources.push(source) - 1;
      this.sourceIds.set(source, id);
    }
    return id;
  }

  private async catchUp(): Promise<void> {
    for (;;) {
      const rows = (await this.dataSource.query(
        `SELECT change.seq::text AS seq, change.address, change.op, entry.source FROM kyt_blocklist_changes change
         LEFT JOIN kyt_blocklist entry ON entry.address = change.address
         WHERE change.seq > $1 ORDER BY change.seq LIMIT $2`,
        [this.lastSeq, CHANGES_BATCH],
      )) as { seq: string; address: string; op: 'ADDED' | 'REMOVED'; source: string | null }[];
      for (const row of rows) {
        // An address added then removed again has no entry left: a later REMOVED change drops it.
        if (row.op === 'ADDED') this.keys.set(keyOf(row.address), this.sourceId(row.source ?? 'unknown'));
        else this.keys.delete(keyOf(row.address));
        this.lastSeq = row.seq;
      }
      if (rows.length < CHANGES_BATCH) return;
    }
  }
}

/** The 20 address bytes as a one-byte string: case-insensitive, and a third of the hex text's size. */
function keyOf(address: string): string {
  return Buffer.from(address.slice(2).toLowerCase(), 'hex').toString('latin1');
}
