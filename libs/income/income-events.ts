import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** `fund.distribution_completed` (api-contract.md, event types). */
export interface DistributionCompletedEvent {
  distributionId: string;
  fundId: string;
  recordDate: string;
  holders: number;
  totalAmount: string;
  unitsReinvested: string;
  cashPayable: string;
  heldAmount: string;
}

/** `reconciliation.break` (api-contract.md, event types). */
export interface ReconciliationBreakEvent {
  breakId: string;
  reconciliationId: string;
  fundId: string;
  kind: string;
  address: string;
  register: string | null;
  chain: string | null;
  ledger: string | null;
}

/**
 * THE seam where income's events leave the module: each method is called inside the transaction
 * that made the change, so the event feed (built separately) writes its outbox row atomically
 * with it. Today they do nothing else: the audit trail already records both changes.
 */
@Injectable()
export class IncomeEvents {
  /** A distribution finished: every item minted, recorded as cash payable, or held by a control. */
  async distributionCompleted(_manager: EntityManager, _event: DistributionCompletedEvent): Promise<void> {
    // The event feed hooks in here (fund.distribution_completed).
  }

  /** A reconciliation found a new break (one event per break, not per run that finds it again). */
  async reconciliationBreak(_manager: EntityManager, _event: ReconciliationBreakEvent): Promise<void> {
    // The event feed hooks in here (reconciliation.break).
  }
}
