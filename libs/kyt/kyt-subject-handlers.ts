import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AlertSubjectType } from './kyt.entities.js';

/** The outcome of a compliance decision, for the module that owns the held subject. */
export type AlertOutcome = 'CLEARED' | 'CONFIRMED';

/**
 * What a module does when an alert on one of its subjects is decided: release or reject it, in
 * the same transaction as the decision. Modules that screen (wallets, orders) register one, so
 * KYT never depends on them.
 */
export interface KytSubjectHandler {
  onAlertDecided(manager: EntityManager, subjectId: string, outcome: AlertOutcome, actor: string): Promise<void>;
}

@Injectable()
export class KytSubjectHandlers {
  private readonly handlers = new Map<AlertSubjectType, KytSubjectHandler>();

  register(subjectType: AlertSubjectType, handler: KytSubjectHandler): void {
    this.handlers.set(subjectType, handler);
  }

  get(subjectType: AlertSubjectType): KytSubjectHandler | undefined {
    return this.handlers.get(subjectType);
  }
}
