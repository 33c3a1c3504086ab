import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { zeroAddress } from 'viem';
import { decodeKeyCursor, encodeKeyCursor, formatDecimal, InputValidationException, toPage, type Actor, type PageRequest } from '@rwa/common';
import { FundsService } from '@rwa/funds';
import type { RegisterHolderDto, RegisterResponseDto } from './dtos/income.dto.js';

const UNITS = /^(0|[1-9][0-9]{0,77})$/;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/** The latest binding of the address `column` names, its investor and that investor's distributor (one index probe per row). */
const ATTRIBUTION_SQL = (column: string) => `LEFT JOIN LATERAL (
    SELECT w.investor_id, i.distributor_id FROM wallets w JOIN investors i ON i.id = w.investor_id
    WHERE w.address = ${column} ORDER BY w.created_at DESC, w.id DESC LIMIT 1) who ON true`;

/** Balances from the chain index journal: every transfer up to the time `$2` (mints and burns move from and to no one). */
const BALANCES_AT_SQL = `SELECT address, sum(units) AS units FROM (
    SELECT to_address AS address, units FROM chain_index_events WHERE fund_id = $1 AND block_time <= $2 AND to_address <> '${zeroAddress}'
    UNION ALL
    SELECT from_address, -units FROM chain_index_events WHERE fund_id = $1 AND block_time <= $2 AND from_address <> '${zeroAddress}'
  ) moves GROUP BY address HAVING sum(units) <> 0`;

/**
 * The holder register a regulator reads: at any past time (from the chain index journal, which
 * keeps every transfer with its block's time) or now (the register the indexer keeps), each
 * address attributed to its investor and distributor, largest holding first, keyset-paged;
 * and the record-date snapshots distributions keep.
 */
@Injectable()
export class RegisterService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly funds: FundsService,
  ) {}

  /** One page of the issuer's own fund's register, now or at `asOf`. */
  async holders(actor: Actor, fundId: string, asOf: string | undefined, page: PageRequest): Promise<RegisterResponseDto> {
    const after = page.cursor === undefined ? undefined : decodeCursor(page.cursor);
    const fund = await this.funds.findOwnedByIssuer(actor, fundId);
    const parameters: unknown[] = [fundId];
    let source: string;
    let block: string | null;
    if (asOf === undefined) {
      source = 'SELECT address, units FROM fund_holdings WHERE fund_id = $1';
      const [checkpoint] = (await this.dataSource.query('SELECT last_block::text AS block FROM chain_index_checkpoints WHERE fund_id = $1', [fundId])) as { block: string }[];
      block = checkpoint && BigInt(checkpoint.block) >= 0n ? checkpoint.block : null;
    } else {
      parameters.push(new Date(asOf));
      source = BALANCES_AT_SQL;
      const [row] = (await this.dataSource.query('SELECT max(block_number)::text AS block FROM chain_index_events WHERE fund_id = $1 AND block_time <= $2', parameters)) as { block: string | null }[];
      block = row?.block ?? null;
    }
    let keyset = '';
    if (after) {
      parameters.push(after.units, after.address);
      const u = parameters.length - 1;
      keyset = `WHERE (h.units < $${u}::numeric OR (h.units = $${u}::numeric AND h.address > $${u + 1}))`;
    }
    parameters.push(page.limit + 1);
    const rows = (await this.dataSource.query(
      `SELECT h.address, h.units::text AS units, who.investor_id, who.distributor_id FROM (${source}) h ${ATTRIBUTION_SQL('h.address')}
       ${keyset} ORDER BY h.units DESC, h.address ASC LIMIT $${parameters.length}`,
      parameters,
    )) as { address: string; units: string; investor_id: string | null; distributor_id: string | null }[];
    const shown = toPage(
      rows,
      page.limit,
      (row): RegisterHolderDto => ({ address: row.address, investorId: row.investor_id, distributorId: row.distributor_id, units: formatDecimal(BigInt(row.units), fund.unitDecimals) }),
      (row) => encodeKeyCursor([row.units, row.address]),
    );
    return { asOf: asOf === undefined ? null : new Date(asOf).toISOString(), block, ...shown };
  }

  /**
   * Keeps the register at `recordTime` as the distribution's snapshot, inside the caller's
   * transaction (one INSERT ... SELECT: no list of holders passes through the process).
   * Returns the holders kept.
   */
  async snapshot(manager: EntityManager, distributionId: string, fundId: string, recordTime: Date): Promise<number> {
    const [, count] = (await manager.query(
      `INSERT INTO register_snapshots (distribution_id, fund_id, address, units, investor_id, distributor_id)
       SELECT $3, $1, h.address, h.units, who.investor_id, who.distributor_id FROM (${BALANCES_AT_SQL.replaceAll('block_time <= $2', 'block_time < $2')}) h ${ATTRIBUTION_SQL('h.address')}
       WHERE h.units > 0 ON CONFLICT DO NOTHING`,
      [fundId, recordTime, distributionId],
    )) as [unknown, number];
    return count;
  }
}

/** A page of the register as CSV (RFC 4180; every field is an address, a UUID or a decimal: nothing to quote). */
export function registerCsv(page: RegisterResponseDto): string {
  const lines = ['address,investorId,distributorId,units', ...page.items.map((item) => [item.address, item.investorId ?? '', item.distributorId ?? '', item.units].join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

function decodeCursor(raw: string): { units: string; address: string } {
  const parts = decodeKeyCursor(raw, 2);
  if (parts && UNITS.test(parts[0]!) && ADDRESS.test(parts[1]!)) return { units: parts[0]!, address: parts[1]! };
  throw new InputValidationException([{ field: 'cursor', message: 'cursor is not a nextCursor of this list' }]);
}
