import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { formatDecimal } from '@rwa/common';
import { FundsService } from '@rwa/funds';
import { AlertSubjectType, BlocklistIndex, KytSubjectHandlers, type AlertSubjectContextSections, type ContextTransferPartyDto } from '@rwa/kyt';
import { WalletsService } from '@rwa/wallets';
import { ChainTransferEntity, FundHoldingEntity } from './holdings.entities.js';

/** The most counterparties an officer is shown for one wallet (the most recent first). */
const COUNTERPARTIES_SHOWN = 100;

interface CounterpartyRow {
  fund_id: string;
  address: `0x${string}`;
  sent: string;
  received: string;
  units_sent: string;
  units_received: string;
  last_block: string;
}

/**
 * What the chain index tells a compliance officer about an alert's subject: a wallet's units per
 * fund and the addresses it exchanged units with; a transfer and its two parties.
 */
@Injectable()
export class HoldingsAlertContext implements OnModuleInit {
  constructor(
    private readonly kytSubjects: KytSubjectHandlers,
    private readonly wallets: WalletsService,
    private readonly funds: FundsService,
    private readonly blocklist: BlocklistIndex,
  ) {}

  onModuleInit(): void {
    this.kytSubjects.describeWith(AlertSubjectType.WALLET, (manager, walletId) => this.describeWallet(manager, walletId));
    this.kytSubjects.describeWith(AlertSubjectType.TRANSFER, (manager, transferId) => this.describeTransfer(manager, transferId));
  }

  async describeWallet(manager: EntityManager, walletId: string): Promise<AlertSubjectContextSections> {
    const wallet = await this.wallets.findById(manager, walletId);
    if (!wallet) return {};
    const address = wallet.address;
    const holdings = await manager.find(FundHoldingEntity, { where: { address }, order: { fundId: 'ASC' } });
    const rows = (await manager.query(
      `SELECT fund_id, CASE WHEN from_address = $1 THEN to_address ELSE from_address END AS address,
              count(*) FILTER (WHERE from_address = $1) AS sent, count(*) FILTER (WHERE to_address = $1) AS received,
              coalesce(sum(units) FILTER (WHERE from_address = $1), 0) AS units_sent,
              coalesce(sum(units) FILTER (WHERE to_address = $1), 0) AS units_received, max(block_number) AS last_block
         FROM chain_transfers WHERE from_address = $1 OR to_address = $1
        GROUP BY 1, 2 ORDER BY max(block_number) DESC, 2 LIMIT ${COUNTERPARTIES_SHOWN}`,
      [address],
    )) as CounterpartyRow[];
    const funds = await this.funds.findByIds([...holdings.map((row) => row.fundId), ...rows.map((row) => row.fund_id)], manager);
    const bound = await this.wallets.walletsByAddress(
      rows.map((row) => row.address),
      manager,
    );
    const decimals = (fundId: string) => funds.get(fundId)?.unitDecimals ?? 0;
    return {
      holdings: holdings.map((row) => ({
        fundId: row.fundId,
        fundName: funds.get(row.fundId)?.name ?? '',
        symbol: funds.get(row.fundId)?.symbol ?? '',
        units: formatDecimal(BigInt(row.units), decimals(row.fundId)),
      })),
      counterparties: await Promise.all(
        rows.map(async (row) => ({
          address: row.address,
          fundId: row.fund_id,
          sent: Number(row.sent),
          received: Number(row.received),
          unitsSent: formatDecimal(BigInt(row.units_sent), decimals(row.fund_id)),
          unitsReceived: formatDecimal(BigInt(row.units_received), decimals(row.fund_id)),
          lastBlock: row.last_block,
          investorId: bound.get(row.address)?.investorId ?? null,
          blocklisted: await this.blocklist.has(row.address),
        })),
      ),
    };
  }

  async describeTransfer(manager: EntityManager, transferId: string): Promise<AlertSubjectContextSections> {
    const transfer = await manager.findOneBy(ChainTransferEntity, { id: transferId });
    if (!transfer) return {};
    const [funds, bound] = await Promise.all([this.funds.findByIds([transfer.fundId], manager), this.wallets.walletsByAddress([transfer.fromAddress, transfer.toAddress], manager)]);
    const fund = funds.get(transfer.fundId);
    const party = async (address: `0x${string}`): Promise<ContextTransferPartyDto> => ({
      address,
      walletId: bound.get(address)?.id ?? null,
      investorId: bound.get(address)?.investorId ?? null,
      blocklisted: await this.blocklist.has(address),
    });
    return {
      transfer: {
        id: transfer.id,
        fundId: transfer.fundId,
        txHash: transfer.txHash,
        logIndex: transfer.logIndex,
        blockNumber: transfer.blockNumber,
        units: formatDecimal(BigInt(transfer.units), fund?.unitDecimals ?? 0),
        from: await party(transfer.fromAddress),
        to: await party(transfer.toAddress),
      },
      ...(fund ? { fund: { id: fund.id, name: fund.name, symbol: fund.symbol, currency: fund.currency, tokenAddress: fund.tokenAddress } } : {}),
    };
  }
}
