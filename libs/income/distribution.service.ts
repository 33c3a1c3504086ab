import { createHash, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Address } from 'viem';
import { AuditService, type AuditEntry } from '@rwa/audit';
import { actorName, currencyDecimals, decodeKeyCursor, encodeKeyCursor, formatDecimal, InputValidationException, NAV_DECIMALS, numericToScaled, toPage, type Actor, type PageRequest } from '@rwa/common';
import { TokenGateway } from '@rwa/chain';
import { AppConfig } from '@rwa/config';
import { FundsService, todayIn, type FundEntity } from '@rwa/funds';
import { JobName, OutboxService } from '@rwa/queue';
import { DistributionStatus, type DistributionAcceptedDto, type DistributionItemDto, type DistributionItemsResponseDto, type DistributionResponseDto } from './dtos/income.dto.js';
import { IncomeEvents } from './income-events.js';
import { dayPeriod, IncomeLedger, type Attribution } from './income-ledger.js';
import { IncomeErrorCode, IncomeException } from './income.exception.js';
import { IncomeService } from './income.service.js';
import { RegisterService } from './register.service.js';

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
/** Item rows per INSERT (one array parameter per column). */
const ITEM_CHUNK = 5_000;

interface DistributionRow {
  id: string;
  fund_id: string;
  record_date: string;
  record_time: Date;
  status: DistributionStatus;
  block: string | null;
  holders: number;
  total_amount: string;
  units_reinvested: string;
  cash_payable: string;
  held_amount: string;
  completed_at: Date | null;
}

interface ItemRow {
  address: Address;
  investor_id: string | null;
  distributor_id: string | null;
  wallet_id: string | null;
  amount: string;
  method: 'REINVEST' | 'CASH';
  units: string;
  status: 'PENDING' | 'MINTED' | 'CASH_PAYABLE' | 'HELD';
  held_reason: string | null;
  reference_seq: string | null;
  tx_hash: string | null;
}

/** A stable UUID per item (distribution, holder): its audit entity id and its on-chain mint reference. */
export function distributionItemId(distributionId: string, address: string): string {
  const hex = createHash('sha256').update(`${distributionId}:${address.toLowerCase()}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The control that holds a payment now, or null: every control re-checked at payment time, as an
 * order's mint re-checks them (blocklist, freeze, wallet state, KYC); an address no investor is
 * bound to is held too (its owner is unknown).
 */
export function heldBy(who: Attribution | undefined): string | null {
  if (!who?.investorId) return 'UNKNOWN_HOLDER';
  if (who.blocklisted) return 'BLOCKLISTED';
  if (who.frozen) return 'WALLET_FROZEN';
  if (who.walletStatus !== 'VERIFIED') return 'WALLET_NOT_VERIFIED';
  if (!who.kycApproved) return 'KYC_NOT_APPROVED';
  return null;
}

/**
 * Distributions at a record date: every holder that accrued income since the previous record date
 * is paid what it accrued (to the smallest unit, remainders carried), reinvested as new units
 * through batched mints with one on-chain reference per holder, or recorded as cash payable through
 * its distributor, per its investor's distributionPreference.
 *
 * Exactly once: one distribution per (fund, record date); its items are written once (PENDING ->
 * PROCESSING under the row lock); a holder's mint reference is assigned once, with the controls
 * checked in that transaction, and the token skips a reference it has seen (ReferenceSkipped);
 * each batch is one TransactionManager intent, persisted before it is sent. The job may run any
 * number of times.
 */
@Injectable()
export class DistributionService {
  private readonly logger = new Logger(DistributionService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly income: IncomeService,
    private readonly ledger: IncomeLedger,
    private readonly register: RegisterService,
    private readonly funds: FundsService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly gateway: TokenGateway,
    private readonly events: IncomeEvents,
    private readonly config: AppConfig,
  ) {}

  /**
   * Asks for a distribution at `recordDate` (202): a day that is over (fund time zone) and after
   * the latest distribution's record date. The same record date again is 409 DISTRIBUTION_EXISTS.
   */
  async create(actor: Actor, fundId: string, recordDate: string): Promise<DistributionAcceptedDto> {
    const fund = await this.income.distributingFund(actor, fundId);
    const recordTime = dayPeriod(recordDate, fund.timezone).end;
    const now = await this.ledger.now();
    // NaN: a date past the year 9999, whose next day no Date can hold.
    if (!Number.isFinite(recordTime) || recordTime * 1000 > now.getTime()) throw new IncomeException(IncomeErrorCode.RECORD_DATE_NOT_ALLOWED, `Record date ${recordDate} is not over yet in ${fund.timezone}`);
    if (recordDate < todayIn(fund.timezone, fund.createdAt)) throw new IncomeException(IncomeErrorCode.RECORD_DATE_NOT_ALLOWED, `Record date ${recordDate} is before the fund was created`);
    const id = randomUUID();
    const person = actorName(actor);
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT 1 FROM funds WHERE id = $1 FOR UPDATE', [fund.id]);
      const [latest] = (await manager.query('SELECT id, record_date::text AS record_date FROM fund_distributions WHERE fund_id = $1 ORDER BY record_date DESC LIMIT 1', [fund.id])) as {
        id: string;
        record_date: string;
      }[];
      if (latest && latest.record_date === recordDate) throw new IncomeException(IncomeErrorCode.DISTRIBUTION_EXISTS, `Distribution ${latest.id} has record date ${recordDate} already`);
      if (latest && latest.record_date > recordDate) throw new IncomeException(IncomeErrorCode.RECORD_DATE_NOT_ALLOWED, `Record date ${recordDate} is before the latest distribution's (${latest.record_date})`);
      await manager.query('INSERT INTO fund_distributions (id, fund_id, record_date, record_time, status, created_by) VALUES ($1, $2, $3, to_timestamp($4), $5, $6)', [
        id,
        fund.id,
        recordDate,
        recordTime,
        DistributionStatus.PENDING,
        person,
      ]);
      await this.audit.record(manager, { entityType: 'fund_distribution', entityId: id, action: 'requested', toStatus: DistributionStatus.PENDING, actor: person, data: { fundId: fund.id, recordDate } });
      await this.outbox.add(manager, { name: JobName.DISTRIBUTE_INCOME, data: { distributionId: id } });
    });
    return { id, status: DistributionStatus.PENDING };
  }

  async get(actor: Actor, fundId: string, distributionId: string): Promise<DistributionResponseDto> {
    const fund = await this.income.distributingFund(actor, fundId);
    return this.map(fund, await this.find(fund.id, distributionId));
  }

  /** The distribution's items (one per holder paid), by address, paged. */
  async items(actor: Actor, fundId: string, distributionId: string, page: PageRequest): Promise<DistributionItemsResponseDto> {
    const after = page.cursor === undefined ? undefined : decodeKeyCursor(page.cursor, 1)?.[0];
    if (page.cursor !== undefined && (after === undefined || !ADDRESS.test(after))) throw new InputValidationException([{ field: 'cursor', message: 'cursor is not a nextCursor of this list' }]);
    const fund = await this.income.distributingFund(actor, fundId);
    await this.find(fund.id, distributionId);
    const rows = (await this.dataSource.query(
      `SELECT address, investor_id, distributor_id, wallet_id, amount::text AS amount, method, units::text AS units, status, held_reason, reference_seq::text AS reference_seq, tx_hash
       FROM fund_distribution_items WHERE distribution_id = $1 AND ($2::char(42) IS NULL OR address > $2) ORDER BY address LIMIT $3`,
      [distributionId, after ?? null, page.limit + 1],
    )) as ItemRow[];
    return toPage(rows, page.limit, (row) => this.mapItem(fund, row), (row) => encodeKeyCursor([row.address]));
  }

  /** The job: prepares the items once, pays them batch by batch, completes. Safe to run again at any point. */
  async handleDistributeIncome(distributionId: string): Promise<string> {
    let row = await this.load(distributionId);
    if (!row) return 'missing';
    if (row.status === DistributionStatus.COMPLETED) return 'already completed';
    const fund = (await this.funds.findById(row.fund_id))!;
    if (row.status === DistributionStatus.PENDING) {
      await this.prepare(fund, row);
      row = (await this.load(distributionId))!;
    }
    let minted = 0;
    for (;;) {
      const step = await this.payStep(fund, row);
      if (step === 'done') break;
      minted += step;
    }
    await this.complete(fund, row.id);
    return `completed (${minted} minted now)`;
  }

  /** Allocates the period's income to the holders, keeps the register snapshot, writes the items: PENDING -> PROCESSING. */
  private async prepare(fund: FundEntity, row: DistributionRow): Promise<void> {
    const recordTime = Math.floor(row.record_time.getTime() / 1000);
    const indexed = await this.ledger.indexedUntil(fund.id);
    // The index must have applied every block up to the record time: a transfer not yet indexed would be missed.
    if (!indexed || indexed.time < recordTime) throw new IncomeException(IncomeErrorCode.INDEX_BEHIND, `The chain index of fund ${fund.id} has not reached the record time of distribution ${row.id} yet`);
    const [previous] = (await this.dataSource.query('SELECT max(record_date)::text AS record_date FROM fund_distributions WHERE fund_id = $1 AND record_date < $2', [fund.id, row.record_date])) as {
      record_date: string | null;
    }[];
    const days = await this.ledger.days(fund, previous?.record_date ?? null, row.record_date);
    const allocation = this.ledger.allocate(fund, await this.ledger.journal(fund.id, recordTime), days);
    const who = await this.ledger.attribute(allocation.items.map((item) => item.address));
    const block = await this.ledger.blockAt(fund.id, recordTime);
    const navRow = await this.funds.navFor(this.dataSource.manager, fund.id, row.record_date);
    const nav = navRow?.nav ?? numericToScaled(fund.nav, NAV_DECIMALS);
    const cashScale = 10n ** BigInt(currencyDecimals(fund.currency));
    const items = allocation.items.map((item) => {
      const attribution = who.get(item.address);
      // amount / nav in units: amount (smallest cash unit) x 10^unitDecimals x 10^8 / (10^cashDecimals x nav), rounded down.
      const units = (item.amount * 10n ** BigInt(fund.unitDecimals) * 10n ** BigInt(NAV_DECIMALS)) / (cashScale * nav);
      const method: 'REINVEST' | 'CASH' = attribution?.preference === 'CASH' || units === 0n ? 'CASH' : 'REINVEST';
      return { ...item, attribution, method, units: method === 'REINVEST' ? units : 0n };
    });
    await this.dataSource.transaction(async (manager) => {
      const [locked] = (await manager.query('SELECT status FROM fund_distributions WHERE id = $1 FOR UPDATE', [row.id])) as { status: DistributionStatus }[];
      if (locked?.status !== DistributionStatus.PENDING) return; // another run prepared it
      for (let i = 0; i < items.length; i += ITEM_CHUNK) {
        const chunk = items.slice(i, i + ITEM_CHUNK);
        await manager.query(
          `INSERT INTO fund_distribution_items (distribution_id, fund_id, address, investor_id, distributor_id, wallet_id, amount, method, units, status)
           SELECT $1, $2, unnest($3::char(42)[]), unnest($4::uuid[]), unnest($5::uuid[]), unnest($6::uuid[]), unnest($7::numeric[]), unnest($8::varchar[]), unnest($9::numeric[]), 'PENDING'`,
          [
            row.id,
            fund.id,
            chunk.map((item) => item.address),
            chunk.map((item) => item.attribution?.investorId ?? null),
            chunk.map((item) => item.attribution?.distributorId ?? null),
            chunk.map((item) => item.attribution?.walletId ?? null),
            chunk.map((item) => item.amount.toString()),
            chunk.map((item) => item.method),
            chunk.map((item) => item.units.toString()),
          ],
        );
      }
      const kept = await this.register.snapshot(manager, row.id, fund.id, row.record_time);
      await manager.query(
        `UPDATE fund_distributions SET status = $2, block = $3, nav = $4, holders = $5, total_amount = $6, updated_at = now() WHERE id = $1`,
        [row.id, DistributionStatus.PROCESSING, block, formatDecimal(nav, NAV_DECIMALS), items.length, allocation.total.toString()],
      );
      await this.audit.recordMany(manager, [
        {
          entityType: 'fund_distribution',
          entityId: row.id,
          action: 'prepared',
          fromStatus: DistributionStatus.PENDING,
          toStatus: DistributionStatus.PROCESSING,
          actor: 'system',
          data: { fundId: fund.id, recordDate: row.record_date, incomeDays: days.length, holders: items.length, holdersOfRecord: kept, totalAmount: allocation.total.toString(), block },
        },
        ...items.map(
          (item): AuditEntry => ({
            entityType: 'fund_distribution_item',
            entityId: distributionItemId(row.id, item.address),
            action: 'allocated',
            toStatus: 'PENDING',
            actor: 'system',
            data: { distributionId: row.id, address: item.address, investorId: item.attribution?.investorId ?? null, amount: item.amount.toString(), method: item.method, units: item.units.toString() },
          }),
        ),
      ]);
    });
  }

  /**
   * One step of paying: mints the next batch whose references are assigned (the same batch again
   * after a crash: same intent key), or assigns the next batch's references after checking the
   * controls (held and cash items are settled there). Returns how many units were minted, or 'done'.
   */
  private async payStep(fund: FundEntity, row: DistributionRow): Promise<number | 'done'> {
    const batch = this.config.income.distributionMintBatch;
    const assigned = (await this.dataSource.query(
      `SELECT address, units::text AS units, reference_seq::text AS reference_seq FROM fund_distribution_items
       WHERE distribution_id = $1 AND status = 'PENDING' AND reference_seq IS NOT NULL ORDER BY reference_seq LIMIT $2`,
      [row.id, batch],
    )) as { address: Address; units: string; reference_seq: string }[];
    if (assigned.length > 0) {
      const intentKey = `distribution-${row.id}-${assigned[0]!.reference_seq}-${assigned.at(-1)!.reference_seq}`;
      // Outside any transaction: the TransactionManager persists the intent before it signs.
      const applied = await this.gateway.batchMintUnits(
        intentKey,
        fund.tokenAddress!,
        assigned.map((item) => ({ to: item.address, amount: BigInt(item.units), referenceSeq: BigInt(item.reference_seq), orderId: distributionItemId(row.id, item.address) })),
      );
      await this.dataSource.transaction(async (manager) => {
        const done = assigned.filter((item) => applied.has(BigInt(item.reference_seq)));
        const [updated] = (await manager.query(
          `UPDATE fund_distribution_items i SET status = 'MINTED', tx_hash = v.tx_hash, updated_at = now()
           FROM (SELECT unnest($2::char(42)[]) AS address, unnest($3::char(66)[]) AS tx_hash) v WHERE i.distribution_id = $1 AND i.address = v.address AND i.status = 'PENDING' RETURNING i.address`,
          [row.id, done.map((item) => item.address), done.map((item) => applied.get(BigInt(item.reference_seq))!)],
        )) as [{ address: string }[], number];
        // Only the rows this run moved: a concurrent run of the same batch records nothing twice.
        const moved = new Set(updated.map((item) => item.address.trim()));
        await this.audit.recordMany(
          manager,
          done.filter((item) => moved.has(item.address)).map((item) => ({
            entityType: 'fund_distribution_item',
            entityId: distributionItemId(row.id, item.address),
            action: 'minted',
            fromStatus: 'PENDING',
            toStatus: 'MINTED',
            actor: 'system',
            data: { distributionId: row.id, units: item.units, referenceSeq: item.reference_seq, txHash: applied.get(BigInt(item.reference_seq))! },
          })),
        );
        if (done.length < assigned.length) throw new Error(`Distribution ${row.id}: ${assigned.length - done.length} references of intent ${intentKey} were not applied`);
      });
      return assigned.length;
    }
    const next = (await this.dataSource.query(
      `SELECT address, method FROM fund_distribution_items WHERE distribution_id = $1 AND status = 'PENDING' AND reference_seq IS NULL ORDER BY address LIMIT $2`,
      [row.id, batch],
    )) as { address: Address; method: 'REINVEST' | 'CASH' }[];
    if (next.length === 0) return 'done';
    await this.dataSource.transaction(async (manager) => {
      // Controls as they are now, read in the transaction that commits to paying.
      const who = await this.ledger.attribute(
        next.map((item) => item.address),
        manager,
      );
      const held = next.filter((item) => heldBy(who.get(item.address)) !== null);
      const cash = next.filter((item) => item.method === 'CASH' && heldBy(who.get(item.address)) === null);
      const mint = next.filter((item) => item.method === 'REINVEST' && heldBy(who.get(item.address)) === null);
      const entries: AuditEntry[] = [];
      for (const item of held) {
        const reason = heldBy(who.get(item.address))!;
        await manager.query(`UPDATE fund_distribution_items SET status = 'HELD', held_reason = $3, updated_at = now() WHERE distribution_id = $1 AND address = $2`, [row.id, item.address, reason]);
        entries.push({ entityType: 'fund_distribution_item', entityId: distributionItemId(row.id, item.address), action: 'held', fromStatus: 'PENDING', toStatus: 'HELD', actor: 'system', reason, data: { distributionId: row.id } });
      }
      if (cash.length > 0) {
        await manager.query(`UPDATE fund_distribution_items SET status = 'CASH_PAYABLE', updated_at = now() WHERE distribution_id = $1 AND address = ANY($2::char(42)[])`, [row.id, cash.map((item) => item.address)]);
        for (const item of cash) {
          entries.push({ entityType: 'fund_distribution_item', entityId: distributionItemId(row.id, item.address), action: 'cash-payable', fromStatus: 'PENDING', toStatus: 'CASH_PAYABLE', actor: 'system', data: { distributionId: row.id, distributorId: who.get(item.address)!.distributorId } });
        }
      }
      if (mint.length > 0) {
        await manager.query(
          `UPDATE fund_distribution_items i SET reference_seq = v.seq, updated_at = now()
           FROM (SELECT a.address, nextval('${this.funds.referenceSequenceName(fund.id)}') AS seq FROM unnest($2::char(42)[]) WITH ORDINALITY AS a(address, n) ORDER BY a.n) v WHERE i.distribution_id = $1 AND i.address = v.address`,
          [row.id, mint.map((item) => item.address)],
        );
      }
      await this.audit.recordMany(manager, entries);
    });
    return 0;
  }

  private async complete(fund: FundEntity, distributionId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [locked] = (await manager.query('SELECT status, record_date::text AS record_date FROM fund_distributions WHERE id = $1 FOR UPDATE', [distributionId])) as {
        status: DistributionStatus;
        record_date: string;
      }[];
      if (locked?.status !== DistributionStatus.PROCESSING) return;
      const [totals] = (await manager.query(
        `SELECT count(*)::int AS holders, coalesce(sum(amount), 0)::text AS total, coalesce(sum(units) FILTER (WHERE status = 'MINTED'), 0)::text AS units,
                coalesce(sum(amount) FILTER (WHERE status = 'CASH_PAYABLE'), 0)::text AS cash, coalesce(sum(amount) FILTER (WHERE status = 'HELD'), 0)::text AS held
         FROM fund_distribution_items WHERE distribution_id = $1`,
        [distributionId],
      )) as { holders: number; total: string; units: string; cash: string; held: string }[];
      await manager.query(
        `UPDATE fund_distributions SET status = $2, units_reinvested = $3, cash_payable = $4, held_amount = $5, completed_at = now(), updated_at = now() WHERE id = $1`,
        [distributionId, DistributionStatus.COMPLETED, totals!.units, totals!.cash, totals!.held],
      );
      await this.audit.record(manager, {
        entityType: 'fund_distribution',
        entityId: distributionId,
        action: 'completed',
        fromStatus: DistributionStatus.PROCESSING,
        toStatus: DistributionStatus.COMPLETED,
        actor: 'system',
        data: { fundId: fund.id, holders: totals!.holders, totalAmount: totals!.total, unitsReinvested: totals!.units, cashPayable: totals!.cash, heldAmount: totals!.held },
      });
      const decimals = currencyDecimals(fund.currency);
      await this.events.distributionCompleted(manager, {
        distributionId,
        fundId: fund.id,
        recordDate: locked.record_date,
        holders: totals!.holders,
        totalAmount: formatDecimal(BigInt(totals!.total), decimals),
        unitsReinvested: formatDecimal(BigInt(totals!.units), fund.unitDecimals),
        cashPayable: formatDecimal(BigInt(totals!.cash), decimals),
        heldAmount: formatDecimal(BigInt(totals!.held), decimals),
      });
    });
    this.logger.log(`Distribution ${distributionId} of fund ${fund.id} completed`);
  }

  private async load(distributionId: string): Promise<DistributionRow | undefined> {
    const [row] = (await this.dataSource.query(
      `SELECT id, fund_id, record_date::text AS record_date, record_time, status, block::text AS block, holders, total_amount::text AS total_amount, units_reinvested::text AS units_reinvested,
              cash_payable::text AS cash_payable, held_amount::text AS held_amount, completed_at FROM fund_distributions WHERE id = $1`,
      [distributionId],
    )) as DistributionRow[];
    return row;
  }

  private async find(fundId: string, distributionId: string): Promise<DistributionRow> {
    const row = await this.load(distributionId);
    if (!row || row.fund_id !== fundId) throw new IncomeException(IncomeErrorCode.DISTRIBUTION_NOT_FOUND, `Distribution ${distributionId} not found`);
    return row;
  }

  private map(fund: FundEntity, row: DistributionRow): DistributionResponseDto {
    const decimals = currencyDecimals(fund.currency);
    return {
      id: row.id,
      fundId: row.fund_id,
      status: row.status,
      recordDate: row.record_date,
      recordTime: row.record_time.toISOString(),
      block: row.block,
      holders: row.holders,
      totalAmount: formatDecimal(BigInt(row.total_amount), decimals),
      unitsReinvested: formatDecimal(BigInt(row.units_reinvested), fund.unitDecimals),
      cashPayable: formatDecimal(BigInt(row.cash_payable), decimals),
      heldAmount: formatDecimal(BigInt(row.held_amount), decimals),
      completedAt: row.completed_at ? row.completed_at.toISOString() : null,
    };
  }

  private mapItem(fund: FundEntity, row: ItemRow): DistributionItemDto {
    return {
      address: row.address,
      investorId: row.investor_id,
      distributorId: row.distributor_id,
      amount: formatDecimal(BigInt(row.amount), currencyDecimals(fund.currency)),
      method: row.method,
      units: formatDecimal(BigInt(row.units), fund.unitDecimals),
      status: row.status,
      heldReason: row.held_reason,
      txHash: row.tx_hash,
    };
  }
}
