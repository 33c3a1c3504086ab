import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditService } from '@rwa/audit';
import { SYSTEM_ACTOR } from '@rwa/common';
import { investorIdHash, TokenGateway } from '@rwa/chain';
import { InvestorsService } from '@rwa/investors';
import { AlertSubjectType, KytService } from '@rwa/kyt';
import { JobName, OutboxService } from '@rwa/queue';
import { OnchainRegistration, WalletEntity, WalletStatus } from './wallet.entities.js';
import { WalletsService } from './wallets.service.js';

export type RegistrationOutcome = 'done' | 'skipped';

/** Registers screened wallets in the on-chain identity registry (worker side). */
@Injectable()
export class WalletRegistrationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly wallets: WalletsService,
    private readonly investors: InvestorsService,
    private readonly kyt: KytService,
    private readonly gateway: TokenGateway,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  /** Idempotent: a wallet already registered, rejected or still under review is left alone. */
  async handleRegisterWallet(walletId: string): Promise<RegistrationOutcome> {
    const job = { name: JobName.REGISTER_WALLET, data: { walletId } } as const;
    const manager = this.dataSource.manager;
    const wallet = await this.wallets.findById(manager, walletId);
    const registrable =
      wallet &&
      wallet.onchain === OnchainRegistration.PENDING &&
      (wallet.status === WalletStatus.PENDING_SCREENING || wallet.status === WalletStatus.PENDING_REVIEW) &&
      !(await this.kyt.hasOpenAlert(manager, AlertSubjectType.WALLET, walletId));
    const investor = wallet && (await this.investors.findById(manager, wallet.investorId));
    if (!registrable || !investor) {
      await this.outbox.complete(manager, job);
      return 'skipped';
    }
    const txHash = await this.gateway.registerIdentity(`register-wallet-${wallet.id}`, {
      wallet: wallet.address,
      investorIdHash: investorIdHash(investor.id),
      jurisdiction: investor.jurisdiction,
      investorClass: investor.investorClass,
      expiresAt: investor.kycExpiresAt,
    });
    await this.dataSource.transaction(async (tx) => {
      const locked = await tx.findOneOrFail(WalletEntity, { where: { id: walletId }, lock: { mode: 'pessimistic_write' } });
      if (locked.onchain === OnchainRegistration.PENDING) {
        await this.wallets.transition(tx, locked, WalletStatus.VERIFIED, `registered on chain in ${txHash}`, SYSTEM_ACTOR, { onchain: OnchainRegistration.REGISTERED });
      }
      await this.outbox.complete(tx, job);
    });
    return 'done';
  }

  /** Idempotent: removes a revoked wallet from the registry once. */
  async handleRemoveWallet(walletId: string): Promise<RegistrationOutcome> {
    const job = { name: JobName.REMOVE_WALLET, data: { walletId } } as const;
    const wallet = await this.wallets.findById(this.dataSource.manager, walletId);
    if (!wallet || wallet.status !== WalletStatus.REVOKED || wallet.onchain !== OnchainRegistration.REGISTERED) {
      await this.outbox.complete(this.dataSource.manager, job);
      return 'skipped';
    }
    const txHash = await this.gateway.removeIdentity(`remove-wallet-${wallet.id}`, wallet.address);
    await this.dataSource.transaction(async (tx) => {
      await tx.update(WalletEntity, { id: walletId }, { onchain: OnchainRegistration.REMOVED });
      await this.audit.record(tx, { entityType: 'wallet', entityId: walletId, action: 'removed-on-chain', actor: SYSTEM_ACTOR, reason: `removed in ${txHash}` });
      await this.outbox.complete(tx, job);
    });
    return 'done';
  }
}
