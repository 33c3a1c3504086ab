import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@rwa/audit';
import { SYSTEM_ACTOR } from '@rwa/common';
import { IdentityRegistryGateway, investorIdHash } from '@rwa/chain';
import { InvestorsService, type InvestorEntity } from '@rwa/investors';
import { AlertSubjectType, KytService } from '@rwa/kyt';
import { JobName, OutboxService, type JobItem } from '@rwa/queue';
import { raiseChainWriteRefused, revertCodeOf } from './chain-outcome.js';
import { registryIdentityOf } from './wallet-identity.js';
import { WalletUnitsReader } from './wallet-units.service.js';
import { OnchainRegistration, WalletEntity, WalletStatus } from './wallet.entities.js';
import { WalletsService } from './wallets.service.js';

/**
 * - `done`: the chain now holds what the job asked for;
 * - `skipped`: nothing to do (already done, or the wallet moved on);
 * - `superseded`: a newer binding of the address holds the registry entry, or it was removed already;
 * - `held`: a revoked wallet still holds units, so it stays registered (an alert is open);
 * - `failed`: the contract refused the write: a permanent outcome with an alert, never retried.
 */
export type RegistrationOutcome = 'done' | 'skipped' | 'superseded' | 'held' | 'failed';

/** The registry refused an update or removal because another binding (or none) holds the wallet now. */
const BINDING_MISMATCH = 'IDENTITY_REGISTRY_BINDING_MISMATCH';
/** The registry already holds a newer version of the identity. */
const STALE_VERSION = 'IDENTITY_REGISTRY_STALE_VERSION';
/** Statuses whose wallet may be registered on chain while its review is still open. */
const SCREENING = [WalletStatus.PENDING_SCREENING, WalletStatus.PENDING_REVIEW];
/** Statuses whose registered identity follows the investor (a revoked or rejected one is being removed). */
export const FOLLOWING = [WalletStatus.PENDING_REVIEW, WalletStatus.VERIFIED];

/**
 * The on-chain registry entries of wallets (worker side): registration of a screened wallet, its
 * identity following every investor change, and removal of a revoked or rejected one. Every write
 * names the wallet's binding number, which the registry checks, so a job of an ended binding that
 * lands late (a removal after the address was bound again) cannot touch the newer binding.
 */
@Injectable()
export class WalletRegistrationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly wallets: WalletsService,
    private readonly investors: InvestorsService,
    private readonly kyt: KytService,
    private readonly registry: IdentityRegistryGateway,
    private readonly units: WalletUnitsReader,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Registers the wallet with the investor's current identity and registry version. Idempotent: a
   * wallet already registered, rejected or still under review is left alone; a registration found
   * on chain (the outcome of an earlier attempt) is recorded without sending again.
   */
  async handleRegisterWallet(walletId: string): Promise<RegistrationOutcome> {
    const job: JobItem = { name: JobName.REGISTER_WALLET, data: { walletId } };
    const manager = this.dataSource.manager;
    const wallet = await this.wallets.findById(manager, walletId);
    const registrable =
      wallet && wallet.onchain === OnchainRegistration.PENDING && SCREENING.includes(wallet.status) && !(await this.kyt.hasOpenAlert(manager, AlertSubjectType.WALLET, walletId));
    const investor = wallet && (await this.investors.findById(manager, wallet.investorId));
    if (!registrable || !investor) return this.skip(job);

    const bindingId = BigInt(wallet.bindingSeq);
    const onChain = await this.registry.bindingOf(wallet.address);
    let version = onChain.version;
    let txHash: string | null = null;
    if (onChain.bindingId !== bindingId || !onChain.registered) {
      version = BigInt(investor.registryVersion);
      try {
        txHash = await this.registry.registerBoundIdentity(`register-wallet-${wallet.id}`, {
          wallet: wallet.address,
          bindingId,
          version,
          investorIdHash: investorIdHash(investor.id),
          ...registryIdentityOf(investor),
        });
      } catch (error) {
        const code = revertCodeOf(error);
        if (!code) throw error;
        await this.failRegistration(wallet, code, job);
        return 'failed';
      }
    }
    await this.dataSource.transaction(async (tx) => {
      const locked = await tx.findOneOrFail(WalletEntity, { where: { id: walletId }, lock: { mode: 'pessimistic_write' } });
      if (locked.onchain === OnchainRegistration.PENDING) {
        const changes = { onchain: OnchainRegistration.REGISTERED, identityVersion: version.toString(), onchainError: null };
        const reason = txHash ? `registered on chain in ${txHash}` : 'found registered on chain';
        if (locked.status === WalletStatus.PENDING_SCREENING || (locked.status === WalletStatus.PENDING_REVIEW && !(await this.kyt.hasOpenAlert(tx, AlertSubjectType.WALLET, walletId)))) {
          await this.wallets.transition(tx, locked, WalletStatus.VERIFIED, reason, SYSTEM_ACTOR, changes);
        } else {
          // An alert opened (or was confirmed) while the registration was on its way: the wallet
          // waits for its decision registered, or leaves the registry again if it was rejected.
          await tx.update(WalletEntity, { id: walletId }, changes);
          await this.audit.record(tx, { entityType: 'wallet', entityId: walletId, action: 'registered-on-chain', actor: SYSTEM_ACTOR, reason });
          if (locked.status === WalletStatus.REJECTED) await this.outbox.add(tx, { name: JobName.REMOVE_WALLET, data: { walletId } });
        }
        await this.followInvestor(tx, locked, version);
      }
      await this.outbox.complete(tx, job);
    });
    return 'done';
  }

  /**
   * Brings the wallet's on-chain identity to its investor's current registry version (the job of
   * `version` reads the current state, so a late job never writes old data; the registry refuses
   * an older version in any case). Only a registered, live wallet follows its investor: a
   * registration still on its way queues this job itself if the investor changed meanwhile.
   */
  async handleSyncWalletIdentity(walletId: string, version: string): Promise<RegistrationOutcome> {
    const job: JobItem = { name: JobName.SYNC_WALLET_IDENTITY, data: { walletId, version } };
    const manager = this.dataSource.manager;
    const wallet = await this.wallets.findById(manager, walletId);
    const investor = wallet && (await this.investors.findById(manager, wallet.investorId));
    if (!wallet || !investor || !FOLLOWING.includes(wallet.status) || wallet.onchain !== OnchainRegistration.REGISTERED) return this.skip(job);
    const target = BigInt(investor.registryVersion);
    if (BigInt(wallet.identityVersion) >= target) return this.skip(job);

    const bindingId = BigInt(wallet.bindingSeq);
    const onChain = await this.registry.bindingOf(wallet.address);
    let synced = onChain.version;
    let txHash: string | null = null;
    if (onChain.bindingId !== bindingId || !onChain.registered) {
      await this.failIdentitySync(wallet, BINDING_MISMATCH, job);
      return 'failed';
    }
    if (onChain.version < target) {
      try {
        txHash = await this.registry.updateBoundIdentity(`wallet-identity-${wallet.id}-v${target}`, { wallet: wallet.address, bindingId, version: target, ...registryIdentityOf(investor) });
        synced = target;
      } catch (error) {
        const code = revertCodeOf(error);
        if (!code) throw error;
        if (code !== STALE_VERSION) {
          await this.failIdentitySync(wallet, code, job);
          return 'failed';
        }
        // A newer version landed first (its own job): the chain is ahead of this one.
        synced = (await this.registry.bindingOf(wallet.address)).version;
      }
    }
    await this.dataSource.transaction(async (tx) => {
      await tx.query('UPDATE wallets SET identity_version = GREATEST(identity_version, $2), identity_sync_error = NULL WHERE id = $1', [walletId, synced.toString()]);
      await this.audit.record(tx, {
        entityType: 'wallet',
        entityId: walletId,
        action: 'identity-synced-on-chain',
        actor: SYSTEM_ACTOR,
        reason: txHash ? `updated on chain in ${txHash}` : 'found up to date on chain',
        data: { registryVersion: synced.toString() },
      });
      await this.outbox.complete(tx, job);
    });
    return 'done';
  }

  /**
   * Removes a revoked (or rejected) wallet from the registry, once, and only its own binding's
   * entry: the registry refuses the removal if the address was bound again since. A wallet that
   * received units after its revocation was checked stays registered (removed, they could never
   * move again) and raises an alert.
   */
  async handleRemoveWallet(walletId: string): Promise<RegistrationOutcome> {
    const job: JobItem = { name: JobName.REMOVE_WALLET, data: { walletId } };
    const wallet = await this.wallets.findById(this.dataSource.manager, walletId);
    const removable = wallet && (wallet.status === WalletStatus.REVOKED || wallet.status === WalletStatus.REJECTED) && wallet.onchain === OnchainRegistration.REGISTERED;
    if (!removable) return this.skip(job);

    // Read before any lock is taken: balances come from the chain.
    const held = await this.units.fundsHeldBy(wallet.address);
    if (held.length > 0) {
      await this.dataSource.transaction(async (tx) => {
        await this.audit.record(tx, { entityType: 'wallet', entityId: walletId, action: 'removal-held', actor: SYSTEM_ACTOR, reason: 'the wallet holds units', data: { funds: held } });
        await raiseChainWriteRefused(this.kyt, tx, walletId, `${wallet.address} holds units of ${held.length} fund(s) after its revocation; it stays in the on-chain registry`);
        await this.outbox.complete(tx, job);
      });
      return 'held';
    }
    const bindingId = BigInt(wallet.bindingSeq);
    const onChain = await this.registry.bindingOf(wallet.address);
    if (onChain.bindingId !== bindingId || !onChain.registered) return this.markRemoved(wallet, job, `binding ${bindingId} no longer holds the registry entry (binding ${onChain.bindingId} does)`, 'superseded');
    let txHash: string;
    try {
      txHash = await this.registry.removeBoundIdentity(`remove-wallet-${wallet.id}`, wallet.address, bindingId);
    } catch (error) {
      const code = revertCodeOf(error);
      if (!code) throw error;
      if (code === BINDING_MISMATCH) return this.markRemoved(wallet, job, `binding ${bindingId} no longer holds the registry entry`, 'superseded');
      await this.dataSource.transaction(async (tx) => {
        await tx.update(WalletEntity, { id: walletId }, { onchain: OnchainRegistration.FAILED, onchainError: code });
        await this.audit.record(tx, { entityType: 'wallet', entityId: walletId, action: 'removal-failed-on-chain', actor: SYSTEM_ACTOR, reason: code });
        await raiseChainWriteRefused(this.kyt, tx, walletId, `The removal of ${wallet.address} from the registry was refused on chain: ${code}`);
        await this.outbox.complete(tx, job);
      });
      return 'failed';
    }
    return this.markRemoved(wallet, job, `removed in ${txHash}`, 'done');
  }

  /** A registration the contract refused: the wallet is REJECTED (onchain FAILED), an alert opens, the job ends. */
  private async failRegistration(wallet: WalletEntity, code: string, job: JobItem): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const locked = await tx.findOneOrFail(WalletEntity, { where: { id: wallet.id }, lock: { mode: 'pessimistic_write' } });
      const changes = { onchain: OnchainRegistration.FAILED, onchainError: code };
      if (SCREENING.includes(locked.status)) await this.wallets.transition(tx, locked, WalletStatus.REJECTED, `registration refused on chain: ${code}`, SYSTEM_ACTOR, changes);
      else await tx.update(WalletEntity, { id: wallet.id }, changes);
      await raiseChainWriteRefused(this.kyt, tx, wallet.id, `The registration of ${wallet.address} was refused on chain: ${code}`);
      await this.outbox.complete(tx, job);
    });
  }

  /** An identity update the contract refused: the investor shows registrySync FAILED, an alert opens, the job ends. */
  private async failIdentitySync(wallet: WalletEntity, code: string, job: JobItem): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await tx.update(WalletEntity, { id: wallet.id }, { identitySyncError: code });
      await this.audit.record(tx, { entityType: 'wallet', entityId: wallet.id, action: 'identity-sync-failed', actor: SYSTEM_ACTOR, reason: code });
      await raiseChainWriteRefused(this.kyt, tx, wallet.id, `The identity update of ${wallet.address} was refused on chain: ${code}`);
      await this.outbox.complete(tx, job);
    });
  }

  private async markRemoved(wallet: WalletEntity, job: JobItem, reason: string, outcome: RegistrationOutcome): Promise<RegistrationOutcome> {
    await this.dataSource.transaction(async (tx) => {
      await tx.update(WalletEntity, { id: wallet.id }, { onchain: OnchainRegistration.REMOVED, onchainError: null });
      await this.audit.record(tx, { entityType: 'wallet', entityId: wallet.id, action: 'removed-on-chain', actor: SYSTEM_ACTOR, reason });
      await this.outbox.complete(tx, job);
    });
    return outcome;
  }

  /** The investor changed while the registration was on its way: its identity follows by a job. */
  private async followInvestor(manager: EntityManager, wallet: WalletEntity, registered: bigint): Promise<void> {
    const investor: InvestorEntity | null = await this.investors.findById(manager, wallet.investorId);
    if (investor && BigInt(investor.registryVersion) > registered) {
      await this.outbox.add(manager, { name: JobName.SYNC_WALLET_IDENTITY, data: { walletId: wallet.id, version: investor.registryVersion } });
    }
  }

  private async skip(job: JobItem): Promise<RegistrationOutcome> {
    await this.outbox.complete(this.dataSource.manager, job);
    return 'skipped';
  }
}
