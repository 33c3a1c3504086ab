import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { formatDecimal, InputValidationException, type Actor, type Page, type PageRequest } from '@rwa/common';
import { FundsService } from '@rwa/funds';
import { WalletsService } from '@rwa/wallets';

export interface HolderDto {
  address: string;
  /** The investor whose wallet this is; null for an address the platform never bound. */
  investorId: string | null;
  units: string;
}

/** Where a page of the register ends: the last holder's units (smallest denomination) and address. */
interface HolderCursor {
  units: string;
  address: string;
}

const UNITS = /^(0|[1-9][0-9]{0,77})$/;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/** The holder register of a fund, as the chain indexer keeps it. */
@Injectable()
export class HoldingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly funds: FundsService,
    private readonly wallets: WalletsService,
  ) {}

  /**
   * The fund's holders, largest first (ties by address), one page at a time: a keyset over
   * (units, address) on the register's index, and each holder's investor found by one index probe
   * per row, so the answer costs the same with ten holders or ten million (no list of all holders
   * is ever built). The issuer's own funds only (others: not found).
   * @throws InputValidationException for a cursor that is not one of ours
   */
  async holders(actor: Actor, fundId: string, page: PageRequest): Promise<Page<HolderDto>> {
    const after = page.cursor === undefined ? undefined : decodeHolderCursor(page.cursor);
    const fund = await this.funds.get(actor, fundId);
    const parameters: unknown[] = [fundId, page.limit + 1];
    let keyset = '';
    if (after) {
      parameters.push(after.units, after.address);
      keyset = 'AND (h.units < $3::numeric OR (h.units = $3::numeric AND h.address > $4))';
    }
    const rows = (await this.dataSource.query(
      `SELECT h.address, h.units::text AS units, ${this.wallets.investorOfAddressSql('h.address')} AS investor_id
       FROM fund_holdings h WHERE h.fund_id = $1 ${keyset}
       ORDER BY h.units DESC, h.address ASC LIMIT $2`,
      parameters,
    )) as { address: string; units: string; investor_id: string | null }[];
    const items = rows.slice(0, page.limit);
    const last = items.at(-1);
    return {
      items: items.map((row) => ({ address: row.address, investorId: row.investor_id, units: formatDecimal(BigInt(row.units), fund.unitDecimals) })),
      nextCursor: rows.length > page.limit && last ? encodeHolderCursor({ units: last.units, address: last.address }) : null,
    };
  }
}

function encodeHolderCursor(cursor: HolderCursor): string {
  return Buffer.from(JSON.stringify([cursor.units, cursor.address])).toString('base64url');
}

function decodeHolderCursor(raw: string): HolderCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === 'string' && typeof parsed[1] === 'string' && UNITS.test(parsed[0]) && ADDRESS.test(parsed[1])) {
      return { units: parsed[0], address: parsed[1] };
    }
  } catch {
    // reported below
  }
  throw new InputValidationException([{ field: 'cursor', message: 'cursor is not a nextCursor of this list' }]);
}
