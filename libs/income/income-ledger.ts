import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { zeroAddress } from 'viem';
import { ChainClients } from '@rwa/chain';
import { addDays, cutOffInstant, type FundEntity } from '@rwa/funds';
import { ChainIndexerService } from '@rwa/holdings';
import { accrualDenominator, accrue, allocate, RATE_DECIMALS, type AccrualDay, type AccrualEvent, type Allocation } from './accrual.js';
import { currencyDecimals, numericToScaled } from '@rwa/common';

/** Addresses per statement when a list of them is looked up (one array parameter, never an IN list). */
export const ADDRESS_CHUNK = 1_000;

/** Who an address belongs to, and the controls on it now. */
export interface Attribution {
  address: string;
  walletId: string | null;
  investorId: string | null;
  distributorId: string | null;
  preference: 'REINVEST' | 'CASH' | null;
  walletStatus: string | null;
  frozen: boolean;
  kycApproved: boolean;
  blocklisted: boolean;
}

/** The period of one business day: from its midnight to the next, in the fund's time zone (seconds). */
export function dayPeriod(date: string, timezone: string): { start: number; end: number } {
  return { start: cutOffInstant(date, '00:00', timezone).getTime() / 1000, end: cutOffInstant(addDays(date, 1), '00:00', timezone).getTime() / 1000 };
}

/**
 * Reads what income is computed from: the chain index journal (every transfer with its block's
 * time), the published rates and the distributions made; and attributes addresses to investors.
 * Reads only, outside any transaction unless given one.
 */
@Injectable()
export class IncomeLedger {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clients: ChainClients,
    private readonly indexer: ChainIndexerService,
  ) {}

  /**
   * The platform's notion of now for income: the later of this machine's clock and the latest
   * block's time. They agree on a live chain; on a test chain whose clock was moved forward, the
   * chain's time is the simulated now.
   */
  async now(): Promise<Date> {
    const block = await this.clients.publicClient.getBlock({ blockTag: 'latest' });
    return new Date(Math.max(Date.now(), Number(block.timestamp) * 1000));
  }

  /** The time of the last block the index applied for the fund (seconds), or null before it applied any. */
  async indexedUntil(fundId: string): Promise<{ block: bigint; time: number } | null> {
    const [row] = (await this.dataSource.query('SELECT last_block::text AS block FROM chain_index_checkpoints WHERE fund_id = $1', [fundId])) as { block: string }[];
    if (!row || BigInt(row.block) < 0n) return null;
    const block = await this.clients.publicClient.getBlock({ blockNumber: BigInt(row.block) });
    return { block: BigInt(row.block), time: Number(block.timestamp) };
  }

  /**
   * Up to when (seconds) the index knows every transfer of the fund: the time of the first block it
   * has not applied yet, or null when it has applied every block there is (it is then complete up
   * to now). Before its first block, the chain's first block.
   */
  async indexCompleteUntil(fundId: string): Promise<number | null> {
    const [row] = (await this.dataSource.query('SELECT last_block::text AS block FROM chain_index_checkpoints WHERE fund_id = $1', [fundId])) as { block: string }[];
    const next = row && BigInt(row.block) >= 0n ? BigInt(row.block) + 1n : 0n;
    const latest = await this.clients.publicClient.getBlockNumber({ cacheTime: 0 });
    if (next > latest) return null;
    return Number((await this.clients.publicClient.getBlock({ blockNumber: next })).timestamp);
  }

  /** The journal's transfers before `until` (seconds), in chain order. */
  async journal(fundId: string, until: number, manager: EntityManager = this.dataSource.manager): Promise<AccrualEvent[]> {
    await this.indexer.backfillBlockTimes(fundId);
    const rows = (await manager.query(
      `SELECT extract(epoch FROM block_time)::bigint AS t, from_address, to_address, units::text AS units FROM chain_index_events
       WHERE fund_id = $1 AND block_time < to_timestamp($2) ORDER BY block_number, log_index`,
      [fundId, until],
    )) as { t: string; from_address: string; to_address: string; units: string }[];
    return rows.map((row) => ({
      time: Number(row.t),
      from: row.from_address === zeroAddress ? null : row.from_address,
      to: row.to_address === zeroAddress ? null : row.to_address,
      value: BigInt(row.units),
    }));
  }

  /** The last indexed block at or before `until` (seconds), from the journal; null when none. */
  async blockAt(fundId: string, until: number): Promise<string | null> {
    const [row] = (await this.dataSource.query('SELECT max(block_number)::text AS block FROM chain_index_events WHERE fund_id = $1 AND block_time < to_timestamp($2)', [fundId, until])) as {
      block: string | null;
    }[];
    return row?.block ?? null;
  }

  /** The published days after `after` (exclusive, or from the start) up to `through` (inclusive). */
  async days(fund: FundEntity, after: string | null, through: string | null, manager: EntityManager = this.dataSource.manager): Promise<AccrualDay[]> {
    const rows = (await manager.query(
      `SELECT business_date::text AS date, rate_per_unit::text AS rate FROM fund_income_rates
       WHERE fund_id = $1 AND ($2::date IS NULL OR business_date > $2::date) AND ($3::date IS NULL OR business_date <= $3::date) ORDER BY business_date`,
      [fund.id, after, through],
    )) as { date: string; rate: string }[];
    return rows.map((row) => ({ date: row.date, rate: numericToScaled(row.rate, RATE_DECIMALS), ...dayPeriod(row.date, fund.timezone) }));
  }

  /** Each holder's share, in the currency's smallest unit, of the income of `days` up to `asOf` (seconds). */
  allocate(fund: FundEntity, events: readonly AccrualEvent[], days: readonly AccrualDay[], asOf?: number): { total: bigint; items: Allocation[] } {
    return allocate(accrue(events, days, asOf), accrualDenominator(fund.unitDecimals), currencyDecimals(fund.currency));
  }

  /**
   * Income per address up to `asOf`: the items of the distributions whose record time has passed
   * (what they allocated, to the smallest unit), plus the open period since the latest of them;
   * and of that, what was distributed (minted or recorded payable).
   */
  async accruals(fund: FundEntity, asOf: Date): Promise<{ total: bigint; byAddress: Map<string, { accrued: bigint; distributed: bigint }> }> {
    const seconds = Math.floor(asOf.getTime() / 1000);
    const byAddress = new Map<string, { accrued: bigint; distributed: bigint }>();
    const entry = (address: string) => {
      let found = byAddress.get(address);
      if (!found) byAddress.set(address, (found = { accrued: 0n, distributed: 0n }));
      return found;
    };
    const distributions = (await this.dataSource.query(
      `SELECT id, record_date::text AS record_date FROM fund_distributions WHERE fund_id = $1 AND status <> 'PENDING' AND record_time <= $2 ORDER BY record_date`,
      [fund.id, asOf],
    )) as { id: string; record_date: string }[];
    let total = 0n;
    const items = (await this.dataSource.query(
      `SELECT i.address, sum(i.amount)::text AS amount, sum(CASE WHEN i.status IN ('MINTED', 'CASH_PAYABLE') THEN i.amount ELSE 0 END)::text AS distributed
       FROM fund_distribution_items i JOIN fund_distributions d ON d.id = i.distribution_id
       WHERE d.fund_id = $1 AND d.status <> 'PENDING' AND d.record_time <= $2 GROUP BY i.address`,
      [fund.id, asOf],
    )) as { address: string; amount: string; distributed: string }[];
    for (const row of items) {
      const found = entry(row.address);
      found.accrued += BigInt(row.amount);
      found.distributed += BigInt(row.distributed);
      total += BigInt(row.amount);
    }
    const open = await this.days(fund, distributions.at(-1)?.record_date ?? null, null);
    const started = open.filter((day) => day.start < seconds);
    if (started.length > 0) {
      const allocation = this.allocate(fund, await this.journal(fund.id, Math.min(seconds, started.at(-1)!.end)), started, seconds);
      for (const item of allocation.items) entry(item.address).accrued += item.amount;
      total += allocation.total;
    }
    return { total, byAddress };
  }

  /** Attributes addresses to their wallet's investor and distributor (latest binding), with the controls on them now. */
  async attribute(addresses: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, Attribution>> {
    const out = new Map<string, Attribution>();
    for (let i = 0; i < addresses.length; i += ADDRESS_CHUNK) {
      const rows = (await manager.query(
        `SELECT a.address, w.id AS wallet_id, w.investor_id, i.distributor_id, i.distribution_preference, w.status AS wallet_status, coalesce(w.frozen, false) AS frozen,
                (i.kyc_status = 'APPROVED' AND i.kyc_expires_at > now()) AS kyc_approved,
                EXISTS (SELECT 1 FROM kyt_blocklist b WHERE b.address = a.address) AS blocklisted
         FROM unnest($1::char(42)[]) AS a(address)
         LEFT JOIN LATERAL (SELECT id, investor_id, status, frozen FROM wallets WHERE address = a.address ORDER BY created_at DESC, id DESC LIMIT 1) w ON true
         LEFT JOIN investors i ON i.id = w.investor_id`,
        [addresses.slice(i, i + ADDRESS_CHUNK)],
      )) as {
        address: string;
        wallet_id: string | null;
        investor_id: string | null;
        distributor_id: string | null;
        distribution_preference: 'REINVEST' | 'CASH' | null;
        wallet_status: string | null;
        frozen: boolean;
        kyc_approved: boolean | null;
        blocklisted: boolean;
      }[];
      for (const row of rows) {
        out.set(row.address, {
          address: row.address,
          walletId: row.wallet_id,
          investorId: row.investor_id,
          distributorId: row.distributor_id,
          preference: row.distribution_preference,
          walletStatus: row.wallet_status,
          frozen: row.frozen,
          kycApproved: row.kyc_approved === true,
          blocklisted: row.blocklisted,
        });
      }
    }
    return out;
  }
}
