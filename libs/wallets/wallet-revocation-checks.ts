import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * Says why a wallet cannot be revoked now (for instance an order of it still in flight), or null.
 * Runs in the revocation's transaction, with the wallet row locked.
 */
export type WalletRevocationCheck = (manager: EntityManager, walletId: string) => Promise<string | null>;

/**
 * Checks that modules owning a wallet's business (orders, which import wallets) register, so that
 * wallets never import them back; as KytSubjectHandlers does for KYT.
 */
@Injectable()
export class WalletRevocationChecks {
  private readonly checks: WalletRevocationCheck[] = [];

  register(check: WalletRevocationCheck): void {
    this.checks.push(check);
  }

  /** The first reason a registered check gives, or null when the wallet may be revoked. */
  async blocker(manager: EntityManager, walletId: string): Promise<string | null> {
    for (const check of this.checks) {
      const reason = await check(manager, walletId);
      if (reason) return reason;
    }
    return null;
  }
}
