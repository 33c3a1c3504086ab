import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@rwa/audit';
import { actorName, ceilDiv, fractionDigits, parseDecimal, pow10, SYSTEM_ACTOR, type Actor } from '@rwa/common';
import { ComplianceGateway } from '@rwa/chain';
import { EventsService } from '@rwa/events';
import { FundsService } from '@rwa/funds';
import { KytService } from '@rwa/kyt';
import { JobName, OutboxService } from '@rwa/queue';
import { raiseChainWriteRefused, revertCodeOf } from './chain-outcome.js';
import type { FreezeWalletRequestDto, UnfreezeWalletRequestDto } from './dtos/wallet.dto.js';
import { walletFreezeEvent } from './wallet-events.js';
import { WalletEntity } from './wallet.entities.js';
import { WalletsErrorCode, WalletsException } from './wallets.exception.js';

/** `failed`: the contract refused a write of this version; the wallet shows freezeSync FAILED and an alert is open. */
export type FreezeSyncOutcome = 'done' | 'skipped' | 'failed';

/** The target freeze of a wallet: whole, partial (units), or none. */
export interface FreezeTarget {
  frozen: boolean;
  units: string | null;
  /** A whole freeze put on by a KYT finding, pending review (lifted when its alert is cleared). */
  pendingReview?: boolean;
}

/**
 * Officers' freezes of wallets. The row holds the target state and a version; a job per version
 * brings every fund token (paused and closed funds included) to that state through the
 * TransactionManager (exactly once per version and fund), so freeze, unfreeze, freeze again are
 * three distinct on-chain intents. A write the contract refuses ends the job: freezeSync FAILED
 * and an alert, never a retry loop.
 */
@Injectable()
export class WalletFreezeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly funds: FundsService,
    private readonly compliance: ComplianceGateway,
    private readonly kyt: KytService,
    private readonly events: EventsService,
  ) {}

  async freeze(actor: Actor, walletId: string, request: FreezeWalletRequestDto): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const wallet = await this.lock(manager, walletId);
      await this.apply(manager, wallet, { frozen: request.units === undefined, units: request.units ?? null }, request.reason, actorName(actor));
    });
  }

  async unfreeze(actor: Actor, walletId: string, request: UnfreezeWalletRequestDto): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const wallet = await this.lock(manager, walletId);
      if (!wallet.frozen && wallet.frozenUnits === null) throw new WalletsException(WalletsErrorCode.WALLET_NOT_FROZEN, `Wallet ${walletId} is not frozen`);
      await this.apply(manager, wallet, { frozen: false, units: null }, request.reason, actorName(actor));
    });
  }

  /**
   * Sets the wallet's freeze target with its audit row and on-chain intent, in the caller's
   * transaction (the wallet row locked by the caller).
   */
  async apply(manager: EntityManager, wallet: WalletEntity, target: FreezeTarget, reason: string, actor: string): Promise<void> {
    const version = wallet.freezeVersion + 1;
    const changes = { frozen: target.frozen, frozenUnits: target.units, freezeVersion: version, freezeSyncError: null, frozenPendingReview: target.frozen && target.pendingReview === true };
    await manager.update(WalletEntity, { id: wallet.id }, changes);
    await this.audit.record(manager, {
      entityType: 'wallet',
      entityId: wallet.id,
      action: target.frozen ? 'frozen' : target.units !== null ? 'partially-frozen' : 'unfrozen',
      actor,
      reason,
      data: { address: wallet.address, units: target.units, version },
    });
    await this.outbox.add(manager, { name: JobName.SYNC_WALLET_FREEZE, data: { walletId: wallet.id, version } });
    Object.assign(wallet, changes);
    await this.events.emit(manager, walletFreezeEvent(wallet));
  }

  /** Worker side. Idempotent; a version that is no longer current is skipped (a newer job follows). */
  async handleSyncWalletFreeze(walletId: string, version: number): Promise<FreezeSyncOutcome> {
    const job = { name: JobName.SYNC_WALLET_FREEZE, data: { walletId, version } } as const;
    const wallet = await this.dataSource.getRepository(WalletEntity).findOneBy({ id: walletId });
    if (!wallet || wallet.freezeVersion !== version) {
      await this.outbox.complete(this.dataSource.manager, job);
      return 'skipped';
    }
    const transactions: string[] = [];
    try {
      for (const fund of await this.funds.deployedTokens()) {
        const intent = `wallet-freeze-${wallet.id}-v${version}-${fund.fundId}`;
        // Reads skip writes that would change nothing; a retry after a crash re-reads and, if the
        // write happened, skips it too (or the TransactionManager returns the recorded receipt).
        if ((await this.compliance.isFrozen(fund.tokenAddress, wallet.address)) !== wallet.frozen) {
          transactions.push(await this.compliance.setAddressFrozen(`${intent}-address`, fund.tokenAddress, wallet.address, wallet.frozen));
        }
        const units = wallet.frozenUnits === null ? 0n : unitsIn(wallet.frozenUnits, fund.unitDecimals);
        if ((await this.compliance.frozenTokens(fund.tokenAddress, wallet.address)) !== units) {
          transactions.push(await this.compliance.setFrozenTokens(`${intent}-units`, fund.tokenAddress, wallet.address, units));
        }
      }
    } catch (error) {
      const code = revertCodeOf(error);
      if (!code) throw error;
      await this.dataSource.transaction(async (tx) => {
        await tx.query('UPDATE wallets SET freeze_sync_error = $3 WHERE id = $1 AND freeze_version = $2', [walletId, version, code]);
        await this.audit.record(tx, { entityType: 'wallet', entityId: walletId, action: 'freeze-sync-failed', actor: SYSTEM_ACTOR, reason: code, data: { version, transactions } });
        await raiseChainWriteRefused(this.kyt, tx, walletId, `The freeze of ${wallet.address} (version ${version}) was refused on chain: ${code}`);
        await this.outbox.complete(tx, job);
      });
      return 'failed';
    }
    await this.dataSource.transaction(async (tx) => {
      await tx.query(
        `UPDATE wallets SET freeze_synced_version = GREATEST(freeze_synced_version, $2),
           freeze_sync_error = CASE WHEN freeze_version = $2 THEN NULL ELSE freeze_sync_error END WHERE id = $1`,
        [walletId, version],
      );
      await this.audit.record(tx, { entityType: 'wallet', entityId: walletId, action: 'freeze-synced-on-chain', actor: SYSTEM_ACTOR, data: { version, frozen: wallet.frozen, units: wallet.frozenUnits, transactions } });
      await this.outbox.complete(tx, job);
    });
    return 'done';
  }

  private async lock(manager: EntityManager, walletId: string): Promise<WalletEntity> {
    const wallet = await manager.findOne(WalletEntity, { where: { id: walletId }, lock: { mode: 'pessimistic_write' } });
    if (!wallet) throw new WalletsException(WalletsErrorCode.WALLET_NOT_FOUND, `Wallet ${walletId} not found`);
    return wallet;
  }
}

/** Units in a fund's smallest denomination, rounded up: a freeze never holds less than asked. */
function unitsIn(units: string, unitDecimals: number): bigint {
  const [whole, fraction = ''] = units.split('.');
  const trimmed = fraction.replace(/0+$/, '');
  const scale = Math.max(unitDecimals, fractionDigits(trimmed ? `${whole}.${trimmed}` : whole!));
  const scaled = parseDecimal(trimmed ? `${whole}.${trimmed}` : whole!, scale);
  return ceilDiv(scaled, pow10(scale - unitDecimals));
}
