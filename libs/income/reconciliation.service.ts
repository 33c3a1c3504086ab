import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { getAddress, zeroAddress, type Address } from 'viem';
import { AuditService } from '@rwa/audit';
import { ChainClients, fundTokenAbi } from '@rwa/chain';
import { actorName, formatDecimal, Role, type Actor } from '@rwa/common';
import { FundsErrorCode, FundsException, FundsService, type FundEntity } from '@rwa/funds';
import { AlertSeverity, AlertSubjectType, KytService, KytSubjectHandlers } from '@rwa/kyt';
import { JobName, OutboxService } from '@rwa/queue';
import { StablecoinLedger, type StablecoinNet } from '@rwa/stablecoins';
import { BreakKind, ReconciliationStatus, type ReconciliationAcceptedDto, type ReconciliationBreakDto, type ReconciliationResponseDto } from './dtos/income.dto.js';
import { IncomeEvents } from './income-events.js';
import { ADDRESS_CHUNK } from './income-ledger.js';
import { IncomeErrorCode, IncomeException } from './income.exception.js';

/** balanceOf calls in flight at once (outside any transaction). */
const BALANCE_CONCURRENCY = 32;

/** What one address holds by each of the three sources, in the smallest unit. */
export interface ThreeWay {
  address: string;
  register: bigint;
  chain: bigint;
  ledger: bigint;
  /** The address is bound to an investor of the platform. */
  known: boolean;
}

/** The breaks of one address: every source that disagrees with the chain, and units nobody on the platform owns. */
export function breaksOf(row: ThreeWay): BreakKind[] {
  const kinds: BreakKind[] = [];
  if (row.register !== row.chain) kinds.push(BreakKind.REGISTER_VS_CHAIN);
  if (row.ledger !== row.chain) kinds.push(BreakKind.LEDGER_VS_CHAIN);
  if (row.chain > 0n && !row.known) kinds.push(BreakKind.UNKNOWN_HOLDER);
  return kinds;
}

/** One break as recorded: units of the fund, or (with `stablecoin`) base units of that stablecoin. */
export interface Finding {
  kind: BreakKind;
  address: string;
  /** The stablecoin's address, for a break of the stablecoin legs. */
  stablecoin: string | null;
  register: bigint | null;
  chain: bigint;
  ledger: bigint;
}

/** A (wallet, stablecoin) whose net stablecoin paid to the fund differs between the platform's payments and the settlement's legs on chain. */
export function stablecoinBreakOf(net: StablecoinNet): Finding | null {
  if (net.chain === net.ledger) return null;
  return { kind: BreakKind.STABLECOIN_LEDGER_VS_CHAIN, address: net.address, stablecoin: net.stablecoin, register: null, chain: net.chain, ledger: net.ledger };
}

/** A break's amount as answered: units of the fund, or a stablecoin break's in that coin (raw when its decimals are unknown). */
function breakAmount(value: bigint | null, stablecoin: string | null, unitDecimals: number, stablecoinDecimals: number | null | undefined): string | null {
  if (value === null) return null;
  if (stablecoin === null) return formatDecimal(value, unitDecimals);
  return stablecoinDecimals === null || stablecoinDecimals === undefined ? value.toString() : formatDecimal(value, stablecoinDecimals);
}

/**
 * The platform's own ledger at block `$2`: what it minted (settled subscriptions, reinvested
 * distributions), burned (redemptions) and the transfers between wallets it bound, each counted
 * once its transaction is in a block at or below `$2`.
 */
const LEDGER_SQL = `SELECT address, sum(units)::text AS units FROM (
    SELECT w.address, CASE WHEN o.type = 'SUBSCRIPTION' THEN o.units ELSE -o.units END AS units
    FROM orders o JOIN wallets w ON w.id = o.wallet_id
    WHERE o.fund_id = $1 AND o.tx_hash IS NOT NULL AND o.units IS NOT NULL
      AND ((o.type = 'SUBSCRIPTION' AND o.status = 'SETTLED') OR (o.type = 'REDEMPTION' AND o.status IN ('PAYOUT_PENDING', 'SETTLED')))
      AND EXISTS (SELECT 1 FROM chain_transactions ct WHERE ct.hash = o.tx_hash AND ct.block_number <= $2)
    UNION ALL
    SELECT i.address, i.units FROM fund_distribution_items i
    WHERE i.fund_id = $1 AND i.status = 'MINTED' AND EXISTS (SELECT 1 FROM chain_transactions ct WHERE ct.hash = i.tx_hash AND ct.block_number <= $2)
    UNION ALL
    SELECT m.address, m.units FROM chain_transfers t
    CROSS JOIN LATERAL (VALUES (t.to_address, t.units), (t.from_address, -t.units)) m(address, units)
    WHERE t.fund_id = $1 AND t.block_number <= $2
      AND EXISTS (SELECT 1 FROM wallets w WHERE w.address = t.from_address) AND EXISTS (SELECT 1 FROM wallets w WHERE w.address = t.to_address)
  ) moves GROUP BY address`;

/**
 * Three-way reconciliation of a fund at a block: the token's balances on chain, the register the
 * indexer keeps, and the platform's ledger. Each difference is a break with its kind, raised once
 * as a compliance alert (subject RECONCILIATION) and kept OPEN until a later reconciliation no
 * longer finds it. The register and the ledger are read in one repeatable-read snapshot together
 * with the indexer's checkpoint (the block); the chain is read at that block afterwards, outside
 * any transaction. The stablecoin legs the indexer recorded are compared, in the same snapshot, with the
 * platform's stablecoin payments (what each wallet paid the fund, net, per stablecoin).
 */
@Injectable()
export class ReconciliationService implements OnModuleInit {
  private readonly logger = new Logger(ReconciliationService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clients: ChainClients,
    private readonly funds: FundsService,
    private readonly kyt: KytService,
    private readonly subjects: KytSubjectHandlers,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly events: IncomeEvents,
    private readonly stablecoinLedger: StablecoinLedger,
  ) {}

  onModuleInit(): void {
    // A break alert holds nothing: the officer's decision is recorded on the alert, the break itself
    // stays OPEN until the three sources agree again.
    this.subjects.register(AlertSubjectType.RECONCILIATION, { onAlertDecided: async () => undefined });
  }

  /** An on-demand reconciliation (ISSUER of the fund, or COMPLIANCE): 202, run by the worker. */
  async request(actor: Actor, fundId: string): Promise<ReconciliationAcceptedDto> {
    const fund = await this.visibleFund(actor, fundId);
    const id = await this.dataSource.transaction((manager) => this.enqueue(manager, fund.id, 'ON_DEMAND', actorName(actor)));
    return { id, status: ReconciliationStatus.PENDING };
  }

  /**
   * The scheduled runs: a reconciliation for every fund with a token whose latest reconciliation is
   * older than `intervalMs` (so several workers, or a restart, make one per interval). Returns how many.
   */
  async schedule(intervalMs: number): Promise<number> {
    const due = (await this.dataSource.query(
      `SELECT f.id FROM funds f WHERE f.token_address IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM reconciliations r WHERE r.fund_id = f.id AND r.trigger = 'SCHEDULED' AND r.created_at > now() - make_interval(secs => $1::double precision / 1000))`,
      [intervalMs],
    )) as { id: string }[];
    let made = 0;
    for (const { id } of due) {
      made += await this.dataSource.transaction(async (manager) => {
        // One scheduler at a time per fund: the second waits, then sees the first one's row.
        await manager.query('SELECT 1 FROM funds WHERE id = $1 FOR UPDATE', [id]);
        const [recent] = (await manager.query(
          `SELECT 1 FROM reconciliations WHERE fund_id = $1 AND trigger = 'SCHEDULED' AND created_at > now() - make_interval(secs => $2::double precision / 1000)`,
          [id, intervalMs],
        )) as unknown[];
        if (recent) return 0;
        await this.enqueue(manager, id, 'SCHEDULED', 'system');
        return 1;
      });
    }
    return made;
  }

  async get(actor: Actor, fundId: string, reconciliationId: string): Promise<ReconciliationResponseDto> {
    const fund = await this.visibleFund(actor, fundId);
    const [row] = (await this.dataSource.query(
      `SELECT id, fund_id, status, trigger, block::text AS block, holders_checked, error, created_at, completed_at FROM reconciliations WHERE id = $1 AND fund_id = $2`,
      [reconciliationId, fund.id],
    )) as { id: string; fund_id: string; status: ReconciliationStatus; trigger: string; block: string | null; holders_checked: number; error: string | null; created_at: Date; completed_at: Date | null }[];
    if (!row) throw new IncomeException(IncomeErrorCode.RECONCILIATION_NOT_FOUND, `Reconciliation ${reconciliationId} not found`);
    const breaks = (await this.dataSource.query(
      `SELECT b.id, b.kind, b.address, b.stablecoin, b.status, b.alert_id, f.register::text AS register, f.chain::text AS chain, f.ledger::text AS ledger,
              (SELECT s.decimals FROM stablecoins s WHERE s.chain_id = $2 AND lower(s.address) = lower(b.stablecoin)) AS decimals
       FROM reconciliation_findings f JOIN reconciliation_breaks b ON b.id = f.break_id WHERE f.reconciliation_id = $1 ORDER BY b.address, b.kind, b.stablecoin`,
      [row.id, this.clients.chain.id],
    )) as { id: string; kind: BreakKind; address: string; stablecoin: string | null; status: string; alert_id: string | null; register: string | null; chain: string | null; ledger: string | null; decimals: number | null }[];
    const amount = (b: { stablecoin: string | null; decimals: number | null }, value: string | null) => breakAmount(value === null ? null : BigInt(value), b.stablecoin, fund.unitDecimals, b.decimals);
    return {
      id: row.id,
      fundId: row.fund_id,
      status: row.status,
      trigger: row.trigger,
      block: row.block,
      holdersChecked: row.holders_checked,
      breaks: breaks.map(
        (b): ReconciliationBreakDto => ({
          id: b.id,
          kind: b.kind,
          address: b.address,
          stablecoin: b.stablecoin,
          register: amount(b, b.register),
          chain: amount(b, b.chain),
          ledger: amount(b, b.ledger),
          status: b.status,
          alertId: b.alert_id,
        }),
      ),
      error: row.error,
      createdAt: row.created_at.toISOString(),
      completedAt: row.completed_at ? row.completed_at.toISOString() : null,
    };
  }

  /**
   * The job: reconciles once (a completed run is not repeated), then marks its outbox intent done
   * (a crash in between runs it again, which finds the run completed).
   */
  async handleReconcileFund(reconciliationId: string): Promise<string> {
    const outcome = await this.reconcile(reconciliationId);
    await this.outbox.complete(this.dataSource.manager, { name: JobName.RECONCILE_FUND, data: { reconciliationId } });
    return outcome;
  }

  private async reconcile(reconciliationId: string): Promise<string> {
    const [row] = (await this.dataSource.query('SELECT fund_id, status FROM reconciliations WHERE id = $1', [reconciliationId])) as { fund_id: string; status: ReconciliationStatus }[];
    if (!row) return 'missing';
    if (row.status === ReconciliationStatus.COMPLETED || row.status === ReconciliationStatus.FAILED) return `already ${row.status.toLowerCase()}`;
    const fund = (await this.funds.findById(row.fund_id))!;
    if (!fund.tokenAddress) {
      await this.dataSource.query(`UPDATE reconciliations SET status = 'FAILED', error = 'the fund has no token on chain', completed_at = now() WHERE id = $1`, [reconciliationId]);
      return 'failed: no token';
    }
    await this.dataSource.query(`UPDATE reconciliations SET status = 'RUNNING' WHERE id = $1 AND status = 'PENDING'`, [reconciliationId]);
    const started = performance.now();
    const { block, rows, stablecoins } = await this.compare(fund);
    const findings = [
      ...rows.flatMap((row) => breaksOf(row).map((kind): Finding => ({ kind, address: row.address, stablecoin: null, register: row.register, chain: row.chain, ledger: row.ledger }))),
      ...stablecoins.flatMap((net) => stablecoinBreakOf(net) ?? []),
    ];
    await this.record(fund, reconciliationId, block, rows.length, findings, new Map(stablecoins.map((net) => [net.stablecoin, net.decimals])));
    return `block ${block}: ${rows.length} holders, ${stablecoins.length} stablecoin wallets, ${findings.length} breaks (${Math.round(performance.now() - started)} ms)`;
  }

  /** Reads the three sources at the index's block and lines them up per address (and the stablecoin nets per wallet). */
  async compare(fund: FundEntity): Promise<{ block: bigint; rows: ThreeWay[]; stablecoins: StablecoinNet[] }> {
    const snapshot = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const [checkpoint] = (await manager.query('SELECT last_block::text AS block FROM chain_index_checkpoints WHERE fund_id = $1', [fund.id])) as { block: string }[];
      const block = checkpoint ? BigInt(checkpoint.block) : -1n;
      const register = (await manager.query('SELECT address, units::text AS units FROM fund_holdings WHERE fund_id = $1', [fund.id])) as { address: string; units: string }[];
      const ledger = (await manager.query(LEDGER_SQL, [fund.id, block.toString()])) as { address: string; units: string }[];
      // Every address the journal saw up to the block: a holder the register lost is still read on chain.
      const seen = (await manager.query(
        `SELECT DISTINCT address FROM (SELECT to_address AS address FROM chain_index_events WHERE fund_id = $1 AND block_number <= $2 UNION SELECT from_address FROM chain_index_events WHERE fund_id = $1 AND block_number <= $2) a WHERE address <> $3`,
        [fund.id, block.toString(), zeroAddress],
      )) as { address: string }[];
      const stablecoins = await this.stablecoinLedger.nets(manager, fund.id, block, this.clients.chain.id);
      return { block, register, ledger, seen, stablecoins };
    });
    const byAddress = new Map<string, ThreeWay>();
    const entry = (raw: string): ThreeWay => {
      const address = getAddress(raw.trim());
      let row = byAddress.get(address);
      if (!row) byAddress.set(address, (row = { address, register: 0n, chain: 0n, ledger: 0n, known: false }));
      return row;
    };
    for (const row of snapshot.register) entry(row.address).register += BigInt(row.units);
    for (const row of snapshot.ledger) entry(row.address).ledger += BigInt(row.units);
    for (const row of snapshot.seen) entry(row.address);
    const rows = [...byAddress.values()];
    if (snapshot.block < 0n) return { block: snapshot.block, rows, stablecoins: [] };
    await this.readChain(fund.tokenAddress!, snapshot.block, rows);
    await this.markKnown(rows);
    return { block: snapshot.block, rows, stablecoins: snapshot.stablecoins };
  }

  /** balanceOf at `block` for every row, BALANCE_CONCURRENCY calls at a time, outside any transaction. */
  private async readChain(token: Address, block: bigint, rows: ThreeWay[]): Promise<void> {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < rows.length) {
        const row = rows[next++]!;
        row.chain = await this.clients.publicClient.readContract({ address: token, abi: fundTokenAbi, functionName: 'balanceOf', args: [row.address as Address], blockNumber: block });
      }
    };
    await Promise.all(Array.from({ length: Math.min(BALANCE_CONCURRENCY, rows.length) }, worker));
  }

  private async markKnown(rows: ThreeWay[]): Promise<void> {
    for (let i = 0; i < rows.length; i += ADDRESS_CHUNK) {
      const chunk = rows.slice(i, i + ADDRESS_CHUNK);
      const known = (await this.dataSource.query('SELECT DISTINCT a.address FROM unnest($1::char(42)[]) a(address) JOIN wallets w ON w.address = a.address', [chunk.map((row) => row.address)])) as {
        address: string;
      }[];
      const set = new Set(known.map((row) => row.address));
      for (const row of chunk) row.known = set.has(row.address);
    }
  }

  /**
   * Keeps the findings: new breaks raise an alert (and the event), known ones are found again, the rest resolve.
   * `decimals` formats a stablecoin break's amounts (base units of that stablecoin; the others are the fund's units).
   */
  private async record(fund: FundEntity, reconciliationId: string, block: bigint, holdersChecked: number, findings: readonly Finding[], decimals: ReadonlyMap<string, number | null>): Promise<void> {
    const keyOf = (kind: string, address: string, stablecoin: string | null) => `${kind}:${address.toLowerCase()}:${stablecoin?.toLowerCase() ?? ''}`;
    const format = (finding: Finding, value: bigint | null) => breakAmount(value, finding.stablecoin, fund.unitDecimals, finding.stablecoin === null ? null : decimals.get(finding.stablecoin));
    await this.dataSource.transaction(async (manager) => {
      const [locked] = (await manager.query('SELECT status FROM reconciliations WHERE id = $1 FOR UPDATE', [reconciliationId])) as { status: ReconciliationStatus }[];
      if (locked?.status !== ReconciliationStatus.RUNNING) return;
      // One recorder per fund at a time: two runs never open the same break twice.
      await manager.query('SELECT 1 FROM funds WHERE id = $1 FOR UPDATE', [fund.id]);
      const open = (await manager.query(`SELECT id, kind, address, stablecoin FROM reconciliation_breaks WHERE fund_id = $1 AND status = 'OPEN'`, [fund.id])) as {
        id: string;
        kind: BreakKind;
        address: string;
        stablecoin: string | null;
      }[];
      const openByKey = new Map(open.map((row) => [keyOf(row.kind, row.address, row.stablecoin), row.id]));
      const stillOpen = new Set<string>();
      for (const finding of findings) {
        const { kind, address, stablecoin } = finding;
        let breakId = openByKey.get(keyOf(kind, address, stablecoin));
        if (!breakId) {
          breakId = randomUUID();
          await manager.query(`INSERT INTO reconciliation_breaks (id, fund_id, kind, address, stablecoin, status, first_reconciliation_id) VALUES ($1, $2, $3, $4, $5, 'OPEN', $6)`, [
            breakId,
            fund.id,
            kind,
            address,
            stablecoin,
            reconciliationId,
          ]);
          const what = stablecoin === null ? 'smallest units' : `base units of the stablecoin ${stablecoin}`;
          const alert = await this.kyt.raiseAlert(manager, AlertSubjectType.RECONCILIATION, breakId, {
            clean: false,
            severity: AlertSeverity.HIGH,
            score: 0,
            reasons: [{ code: kind, message: `${kind} at ${address} of fund ${fund.symbol} at block ${block}: register ${finding.register ?? '-'}, chain ${finding.chain}, ledger ${finding.ledger} (${what})` }],
          });
          await manager.query('UPDATE reconciliation_breaks SET alert_id = $2 WHERE id = $1', [breakId, alert.id]);
          await this.audit.record(manager, {
            entityType: 'reconciliation_break',
            entityId: breakId,
            action: 'opened',
            toStatus: 'OPEN',
            actor: 'system',
            data: {
              fundId: fund.id,
              reconciliationId,
              kind,
              address,
              stablecoin,
              block: block.toString(),
              register: finding.register?.toString() ?? null,
              chain: finding.chain.toString(),
              ledger: finding.ledger.toString(),
              alertId: alert.id,
            },
          });
          await this.events.reconciliationBreak(manager, {
            breakId,
            reconciliationId,
            fundId: fund.id,
            kind,
            address,
            stablecoin,
            register: format(finding, finding.register),
            chain: format(finding, finding.chain),
            ledger: format(finding, finding.ledger),
          });
        }
        stillOpen.add(breakId);
        await manager.query('INSERT INTO reconciliation_findings (reconciliation_id, break_id, register, chain, ledger) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING', [
          reconciliationId,
          breakId,
          finding.register?.toString() ?? null,
          finding.chain.toString(),
          finding.ledger.toString(),
        ]);
      }
      for (const row of open) {
        if (stillOpen.has(row.id)) continue;
        await manager.query(`UPDATE reconciliation_breaks SET status = 'RESOLVED', resolved_by_reconciliation_id = $2, resolved_at = now() WHERE id = $1`, [row.id, reconciliationId]);
        await this.audit.record(manager, { entityType: 'reconciliation_break', entityId: row.id, action: 'resolved', fromStatus: 'OPEN', toStatus: 'RESOLVED', actor: 'system', data: { reconciliationId } });
      }
      await manager.query(`UPDATE reconciliations SET status = 'COMPLETED', block = $2, holders_checked = $3, completed_at = now() WHERE id = $1`, [reconciliationId, block.toString(), holdersChecked]);
      await this.audit.record(manager, {
        entityType: 'reconciliation',
        entityId: reconciliationId,
        action: 'completed',
        fromStatus: ReconciliationStatus.RUNNING,
        toStatus: ReconciliationStatus.COMPLETED,
        actor: 'system',
        data: { fundId: fund.id, block: block.toString(), holdersChecked, breaks: findings.length },
      });
    });
    if (findings.length > 0) this.logger.warn(`Reconciliation ${reconciliationId} of fund ${fund.id} at block ${block}: ${findings.length} breaks`);
  }

  private async enqueue(manager: EntityManager, fundId: string, trigger: 'ON_DEMAND' | 'SCHEDULED', requestedBy: string): Promise<string> {
    const id = randomUUID();
    await manager.query('INSERT INTO reconciliations (id, fund_id, status, trigger, requested_by) VALUES ($1, $2, $3, $4, $5)', [id, fundId, ReconciliationStatus.PENDING, trigger, requestedBy]);
    await this.audit.record(manager, { entityType: 'reconciliation', entityId: id, action: 'requested', toStatus: ReconciliationStatus.PENDING, actor: requestedBy, data: { fundId, trigger } });
    await this.outbox.add(manager, { name: JobName.RECONCILE_FUND, data: { reconciliationId: id } });
    return id;
  }

  /** ISSUER: its own fund; COMPLIANCE: any fund. */
  private async visibleFund(actor: Actor, fundId: string): Promise<FundEntity> {
    if (actor.role === Role.ISSUER) return this.funds.findOwnedByIssuer(actor, fundId);
    const fund = await this.funds.findById(fundId);
    if (!fund) throw new FundsException(FundsErrorCode.FUND_NOT_FOUND, `Fund ${fundId} not found`);
    return fund;
  }
}
