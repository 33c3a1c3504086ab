import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EventsService, EventType } from '@rwa/events';

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
  /** The stablecoin of a STABLECOIN_LEDGER_VS_CHAIN break (its amounts are in it), else null. */
  stablecoin: string | null;
  register: string | null;
  chain: string | null;
  ledger: string | null;
}

/**
 * Where income's events leave the module: each method is called inside the transaction that made
 * the change, so the event is written atomically with it (the event outbox). The fund's issuer
 * sees both; a break also goes to compliance, which reviews it as an alert.
 */
@Injectable()
export class IncomeEvents {
  constructor(private readonly events: EventsService) {}

  /** A distribution finished: every item minted, recorded as cash payable, or held by a control. */
  async distributionCompleted(manager: EntityManager, event: DistributionCompletedEvent): Promise<void> {
    await this.events.emit(manager, {
      type: EventType.FUND_DISTRIBUTION_COMPLETED,
      subject: { type: 'distribution', id: event.distributionId },
      data: event,
      audience: { issuerId: await this.issuerOf(manager, event.fundId) },
    });
  }

  /** A reconciliation found a new break (one event per break, not per run that finds it again). */
  async reconciliationBreak(manager: EntityManager, event: ReconciliationBreakEvent): Promise<void> {
    await this.events.emit(manager, {
      type: EventType.RECONCILIATION_BREAK,
      subject: { type: 'reconciliation_break', id: event.breakId },
      data: event,
      audience: { issuerId: await this.issuerOf(manager, event.fundId), compliance: true },
    });
  }

  private async issuerOf(manager: EntityManager, fundId: string): Promise<string> {
    const [fund] = (await manager.query('SELECT issuer_id FROM funds WHERE id = $1', [fundId])) as { issuer_id: string }[];
    return fund!.issuer_id;
  }
}
