import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AlertSubjectType } from './kyt.entities.js';
import type { ScreeningResult } from './kyt.service.js';

/** The outcome of a compliance decision, for the module that owns the held subject. */
export type AlertOutcome = 'CLEARED' | 'CONFIRMED';

/**
 * What a module does when an alert on one of its subjects is decided: release or reject it, in
 * the same transaction as the decision. Modules that screen (wallets, orders) register one, so
 * KYT never depends on them.
 */
export interface KytSubjectHandler {
  onAlertDecided(manager: EntityManager, subjectId: string, outcome: AlertOutcome, actor: string): Promise<void>;
  /** Screens a held subject again (after the provider was unavailable); null when it is no longer held. */
  rescreen?(manager: EntityManager, subjectId: string): Promise<ScreeningResult | null>;
}

/** A newly blocklisted address, for the modules that must screen what they hold again. */
export interface ListedAddress {
  address: `0x${string}`;
  source: string;
  reason: string;
}

/**
 * Called in the transaction that adds addresses to the blocklist: the wallets module re-screens
 * the bound wallets it owns (KYT never reads their table).
 */
export type BlocklistListener = (manager: EntityManager, listed: readonly ListedAddress[], actor: string) => Promise<void>;

/** The addresses `address` has exchanged units with on chain (indexed transfers of a positive value: a zero-value transfer, which anyone can send to anyone, exposes no one). */
export type CounterpartySource = (manager: EntityManager, address: `0x${string}`) => Promise<`0x${string}`[]>;

@Injectable()
export class KytSubjectHandlers {
  private readonly handlers = new Map<AlertSubjectType, KytSubjectHandler>();
  private readonly blocklistListeners: BlocklistListener[] = [];
  private counterpartySource: CounterpartySource | null = null;

  /** The chain indexer provides the transfer history; KYT never reads its tables. */
  provideCounterparties(source: CounterpartySource): void {
    this.counterpartySource = source;
  }

  async counterpartiesOf(manager: EntityManager, address: `0x${string}`): Promise<`0x${string}`[]> {
    return this.counterpartySource ? this.counterpartySource(manager, address) : [];
  }

  register(subjectType: AlertSubjectType, handler: KytSubjectHandler): void {
    this.handlers.set(subjectType, handler);
  }

  get(subjectType: AlertSubjectType): KytSubjectHandler | undefined {
    return this.handlers.get(subjectType);
  }

  onAddressesListed(listener: BlocklistListener): void {
    this.blocklistListeners.push(listener);
  }

  async notifyListed(manager: EntityManager, listed: readonly ListedAddress[], actor: string): Promise<void> {
    for (const listener of this.blocklistListeners) await listener(manager, listed, actor);
  }
}
