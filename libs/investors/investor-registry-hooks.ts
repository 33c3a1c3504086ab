import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { InvestorEntity } from './investor.entity.js';

/** How far the on-chain identities of an investor's wallets follow the investor. */
export enum RegistrySync {
  /** Every registered wallet holds the investor's current version on chain. */
  SYNCED = 'SYNCED',
  /** A registration or an update of a wallet's identity is on its way. */
  PENDING = 'PENDING',
  /** The chain refused an update of a wallet's identity: an alert is open for it. */
  FAILED = 'FAILED',
}

/**
 * Called in the transaction that changes what the registry holds of an investor, after the change
 * and its new `registryVersion` are written: the wallets module queues the on-chain updates.
 */
export type RegistryChangeListener = (manager: EntityManager, investor: InvestorEntity) => Promise<void>;

/** Reports the registry sync state of an investor (the wallets module knows its wallets). */
export type RegistrySyncSource = (manager: EntityManager, investor: InvestorEntity) => Promise<RegistrySync>;

/**
 * The investors module's side of the registry sync. The wallets module imports investors, so it
 * registers here (as KYT subject handlers do) and investors never import wallets.
 */
@Injectable()
export class InvestorRegistryHooks {
  private readonly listeners: RegistryChangeListener[] = [];
  private source: RegistrySyncSource | null = null;

  onRegistryChange(listener: RegistryChangeListener): void {
    this.listeners.push(listener);
  }

  provideSyncState(source: RegistrySyncSource): void {
    this.source = source;
  }

  async notifyChanged(manager: EntityManager, investor: InvestorEntity): Promise<void> {
    for (const listener of this.listeners) await listener(manager, investor);
  }

  /** SYNCED when no wallets module is loaded: then nothing is registered on chain either. */
  async syncState(manager: EntityManager, investor: InvestorEntity): Promise<RegistrySync> {
    return this.source ? this.source(manager, investor) : RegistrySync.SYNCED;
  }
}
