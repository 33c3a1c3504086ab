import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { formatDecimal, type Actor } from '@rwa/common';
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

  /** The fund's holders, largest first; the issuer's own funds only (others: not found). */
  async holders(actor: Actor, fundId: string): Promise<{ items: HolderDto[] }> {
    const fund = await this.funds.get(actor, fundId);
    const rows = await this.dataSource.getRepository(FundHoldingEntity).find({ where: { fundId }, order: { units: 'DESC', address: 'ASC' } });
    const investors = await this.wallets.investorsByAddress(rows.map((row) => row.address));
    return {
      items: rows.map((row) => ({ address: row.address, investorId: investors.get(row.address) ?? null, units: formatDecimal(BigInt(row.units), fund.unitDecimals) })),
    };
  }
}
