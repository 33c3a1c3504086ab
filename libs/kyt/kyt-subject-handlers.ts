import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AlertSubjectContextSections } from './dtos/alert-context.dto.js';
import type { AlertSubjectType } from './kyt.entities.js';
import type { ScreeningResult } from './kyt.service.js';

/** The outcome of a compliance decision, for the module that owns the held subject. */
export type AlertOutcome = 'CLEARED' | 'CONFIRMED';

/**
 * What a module does when an alert on one of its subjects is decided: release or reject it, in
 * the same transaction as the decision. Modules that screen (wallets, orders) register one, so
 * KYT never depends on them.
 */
export interface KytSubjectHandler<Prescreened = unknown> {
  onAlertDecided(manager: EntityManager, subjectId: string, outcome: AlertOutcome, actor: string): Promise<void>;
  /**
   * Screening a held subject again (after the provider was unavailable) in two steps: `prescreen`
   * asks the external provider before any transaction (KytService.prescreenAddresses or
   * prescreenOrder; reads without locks), `screen` runs in the transaction that locks the subject and
   * its alert, with that answer; null when the subject is no longer held.
   */
  rescreen?: {
    prescreen(subjectId: string): Promise<Prescreened>;
    screen(manager: EntityManager, subjectId: string, prescreened: Prescreened): Promise<ScreeningResult | null>;
  };
}

/** A newly blocklisted address, for the modules that must screen what they hold again. */
export interface ListedAddress {
  address: `0x${string}`;
  source: string;
  reason: string;
}

/**
 * Told when addresses are added to the blocklist: the wallets module re-screens the bound wallets
 * it owns (KYT never reads their table). `prepare` runs before the transaction that lists them
 * (reads over RPC belong there, never under a row lock); `listed` runs in it, with what `prepare` read.
 */
export interface BlocklistListener<Prepared = unknown> {
  prepare(addresses: readonly `0x${string}`[]): Promise<Prepared>;
  listed(manager: EntityManager, listed: readonly ListedAddress[], actor: string, prepared: Prepared): Promise<void>;
}

/** What each blocklist listener read before the listing transaction, in listener order (KytSubjectHandlers.prepareListing). */
export type PreparedListing = readonly unknown[];

/** The addresses `address` has exchanged units with on chain (indexed transfers of a positive value: a zero-value transfer, which anyone can send to anyone, exposes no one). */
export type CounterpartySource = (manager: EntityManager, address: `0x${string}`) => Promise<`0x${string}`[]>;

/**
 * Part of what an officer sees of an alert's subject, from the module that owns that part (the
 * wallet and its investor from wallets, its holdings and counterparties from the chain index).
 */
export type SubjectDescriber = (manager: EntityManager, subjectId: string) => Promise<AlertSubjectContextSections>;

@Injectable()
export class KytSubjectHandlers {
  private readonly handlers = new Map<AlertSubjectType, KytSubjectHandler<never>>();
  private readonly describers = new Map<AlertSubjectType, SubjectDescriber[]>();
  private readonly blocklistListeners: BlocklistListener<never>[] = [];
  private counterpartySource: CounterpartySource | null = null;

  /** The chain indexer provides the transfer history; KYT never reads its tables. */
  provideCounterparties(source: CounterpartySource): void {
    this.counterpartySource = source;
  }

  async counterpartiesOf(manager: EntityManager, address: `0x${string}`): Promise<`0x${string}`[]> {
    return this.counterpartySource ? this.counterpartySource(manager, address) : [];
  }

  register<Prescreened>(subjectType: AlertSubjectType, handler: KytSubjectHandler<Prescreened>): void {
    this.handlers.set(subjectType, handler as KytSubjectHandler<never>);
  }

  get(subjectType: AlertSubjectType): KytSubjectHandler<never> | undefined {
    return this.handlers.get(subjectType);
  }

  /** Adds a describer of `subjectType` subjects; several modules may describe one subject. */
  describeWith(subjectType: AlertSubjectType, describer: SubjectDescriber): void {
    this.describers.set(subjectType, [...(this.describers.get(subjectType) ?? []), describer]);
  }

  /** Every section the owners of the subject contribute, merged. */
  async describe(manager: EntityManager, subjectType: AlertSubjectType, subjectId: string): Promise<AlertSubjectContextSections> {
    const sections: AlertSubjectContextSections = {};
    for (const describer of this.describers.get(subjectType) ?? []) Object.assign(sections, await describer(manager, subjectId));
    return sections;
  }

  onAddressesListed<Prepared>(listener: BlocklistListener<Prepared>): void {
    this.blocklistListeners.push(listener as BlocklistListener<never>);
  }

  /** Before the transaction that lists `addresses`: what each listener must read outside it. */
  async prepareListing(addresses: readonly `0x${string}`[]): Promise<PreparedListing> {
    const prepared: unknown[] = [];
    for (const listener of this.blocklistListeners) prepared.push(await listener.prepare(addresses));
    return prepared;
  }

  /** In the transaction that listed the addresses, with prepareListing's answer for the same addresses (or more). */
  async notifyListed(manager: EntityManager, listed: readonly ListedAddress[], actor: string, prepared: PreparedListing): Promise<void> {
    for (const [index, listener] of this.blocklistListeners.entries()) await listener.listed(manager, listed, actor, prepared[index] as never);
  }
}
