import { createHash } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AlertSubjectType, KytService, KytSubjectHandlers } from '@rwa/kyt';
import { ChainTransferEntity } from './holdings.entities.js';

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
export class TransferScreeningService implements OnModuleInit {
  constructor(
    private readonly kyt: KytService,
    private readonly kytSubjects: KytSubjectHandlers,
  ) {}

  onModuleInit(): void {
    this.kytSubjects.provideCounterparties((manager, address) => this.counterpartiesOf(manager, address));
    this.kytSubjects.register(AlertSubjectType.TRANSFER, {
      onAlertDecided: async () => undefined,
      rescreen: async (manager, subjectId) => {
        const transfer = await manager.findOneBy(ChainTransferEntity, { id: subjectId });
        return transfer ? this.kyt.screenAddresses(manager, [transfer.fromAddress, transfer.toAddress]) : null;
      },
    });
  }

  /** Records and screens one transfer, in the indexer's transaction; a transfer seen again is ignored. */
  async record(manager: EntityManager, transfer: Omit<ChainTransferEntity, 'id'>): Promise<void> {
    const id = transferId(transfer.txHash, transfer.logIndex);
    const inserted = await manager.createQueryBuilder().insert().into(ChainTransferEntity).values({ ...transfer, id }).orIgnore().returning(['id']).execute();
    if ((inserted.raw as unknown[]).length === 0) return;
    const screening = await this.kyt.screenAddresses(manager, [transfer.fromAddress, transfer.toAddress]);
    if (!screening.clean) await this.kyt.raiseAlert(manager, AlertSubjectType.TRANSFER, id, screening);
  }

  private async counterpartiesOf(manager: EntityManager, address: `0x${string}`): Promise<`0x${string}`[]> {
    const rows = (await manager.query(
      `SELECT to_address AS counterparty FROM chain_transfers WHERE from_address = $1
       UNION SELECT from_address FROM chain_transfers WHERE to_address = $1`,
      [address],
    )) as { counterparty: `0x${string}` }[];
    return rows.map((row) => row.counterparty);
  }
}
