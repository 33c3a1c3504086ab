import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { decodeKeyCursor, encodeKeyCursor, formatDecimal, InputValidationException, toPage, type Actor, type Page, type PageRequest } from '@rwa/common';
import { FundsService } from '@rwa/funds';
import { WalletsService } from '@rwa/wallets';
import { FundHoldingEntity } from './holdings.entities.js';

export interface HolderDto {
  address: string;
  /** The investor whose wallet this is; null for an address the platform never bound. */
  investorId: string | null;
  units: string;
}

/** The holder register of a fund, as the chain indexer keeps it. */
@Injectable()
export class HoldingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly funds: FundsService,
    private readonly wallets: WalletsService,
  ) {}

  /**
   * The fund's holders, largest first, a page at a time (a register of 100,000 holders once went out
   * whole, its addresses in one IN list); the issuer's own funds only (others: not found).
   */
  async holders(actor: Actor, fundId: string, page: PageRequest): Promise<Page<HolderDto>> {
    const fund = await this.funds.get(actor, fundId);
    const query = this.dataSource
      .getRepository(FundHoldingEntity)
      .createQueryBuilder('h')
      .where('h.fund_id = :fundId', { fundId })
      .orderBy('h.units', 'DESC')
      .addOrderBy('h.address', 'ASC')
      .limit(page.limit + 1);
    if (page.cursor !== undefined) {
      const [units, address] = decodeKeyCursor(page.cursor, 2) ?? [];
      if (units === undefined || address === undefined || !/^\d{1,78}$/.test(units) || !/^0x[0-9a-fA-F]{40}$/.test(address)) {
        throw new InputValidationException([{ field: 'cursor', message: 'cursor is not valid' }]);
      }
      query.andWhere('(h.units < CAST(:units AS numeric) OR (h.units = CAST(:units AS numeric) AND h.address > :address))', { units, address });
    }
    const rows = await query.getMany();
    const investors = await this.wallets.investorsByAddress(rows.slice(0, page.limit).map((row) => row.address));
    return toPage(
      rows,
      page.limit,
      (row) => ({ address: row.address, investorId: investors.get(row.address) ?? null, units: formatDecimal(BigInt(row.units), fund.unitDecimals) }),
      (row) => encodeKeyCursor([String(row.units), row.address]),
    );
  }
}
