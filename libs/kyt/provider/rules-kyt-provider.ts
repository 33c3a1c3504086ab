import { Injectable } from '@nestjs/common';
import { MoreThan, type EntityManager } from 'typeorm';
import { BlocklistIndex } from '../blocklist/blocklist-index.js';
import { KytSubjectHandlers } from '../kyt-subject-handlers.js';
import { AlertSeverity } from '../kyt.entities.js';
import { KytOrderScreeningEntity } from '../kyt-rules.entities.js';
import { FundRulesService } from '../rules/fund-rules.service.js';
import { STRUCTURING_WINDOW_MS, type FundRules } from '../rules/fund-rules.js';
import { freshWalletRule, structuringRule, velocityRule, type PastOrder } from '../rules/order-rules.js';
import { assess, KytReasonCode, type KytProvider, type OrderScreeningRequest, type RiskAssessment, type RiskReason } from './kyt-provider.js';

/**
 * The built-in provider: the platform's blocklist (direct hits), and order patterns (velocity,
 * structuring, large amounts into fresh wallets) against each fund's thresholds.
 */
@Injectable()
export class RulesKytProvider implements KytProvider {
  readonly name = 'rules';

  constructor(
    private readonly fundRules: FundRulesService,
    private readonly blocklist: BlocklistIndex,
    private readonly subjects: KytSubjectHandlers,
  ) {}

  async screenAddress(manager: EntityManager, address: `0x${string}`): Promise<RiskAssessment> {
    const exposure = await this.indirectExposure(manager, address);
    return assess([...(await this.blocklistReasons([address])), ...(exposure ? [exposure] : [])]);
  }

  /** A counterparty of the address's on-chain transfers is blocklisted. */
  private async indirectExposure(manager: EntityManager, address: `0x${string}`): Promise<RiskReason | null> {
    const listed: string[] = [];
    for (const counterparty of await this.subjects.counterpartiesOf(manager, address)) if (await this.blocklist.has(counterparty)) listed.push(counterparty);
    if (listed.length === 0) return null;
    return {
      code: KytReasonCode.INDIRECT_EXPOSURE,
      message: `${address} exchanged units with blocklisted ${listed.slice(0, 3).join(', ')}${listed.length > 3 ? ` and ${listed.length - 3} more` : ''}`,
      level: AlertSeverity.MEDIUM,
      score: 50,
    };
  }

  async screenOrder(manager: EntityManager, order: OrderScreeningRequest): Promise<RiskAssessment> {
    const rules = await this.fundRules.forFund(manager, order.fundId);
    const lookBackMs = Math.max(STRUCTURING_WINDOW_MS, rules.velocityWindowMinutes * 60_000);
    const rows = await manager.find(KytOrderScreeningEntity, {
      where: { investorId: order.investorId, screenedAt: MoreThan(new Date(order.at.getTime() - lookBackMs)) },
    });
    const past: PastOrder[] = rows
      .filter((row) => row.orderId !== order.orderId)
      .map((row) => ({ fundId: row.fundId, amount: BigInt(row.amount), at: row.screenedAt }));
    const findings = [
      ...(await this.findingsWithoutHistory(manager, order, rules)),
      velocityRule(past, order.at, rules),
      structuringRule(past, order, rules, order.cashDecimals),
    ];
    return assess(findings.filter((finding): finding is RiskReason => finding !== null));
  }

  /**
   * The findings that need no earlier orders: the blocklist, indirect exposure and the fresh-wallet
   * rule, all answered in memory (the blocklist index and the counterparties the indexer loaded).
   */
  async findingsWithoutHistory(manager: EntityManager, order: OrderScreeningRequest, rules: FundRules): Promise<RiskReason[]> {
    const findings = [...(await this.blocklistReasons([order.walletAddress])), await this.indirectExposure(manager, order.walletAddress), freshWalletRule(order, rules, order.cashDecimals)];
    return findings.filter((finding): finding is RiskReason => finding !== null);
  }

  /** Answered from the in-memory index alone; the listing's reason is in GET /v1/kyt/blocklist. */
  private async blocklistReasons(addresses: `0x${string}`[]): Promise<RiskReason[]> {
    const reasons: RiskReason[] = [];
    for (const address of addresses) {
      const source = await this.blocklist.sourceOf(address);
      if (source !== undefined) reasons.push({ code: KytReasonCode.BLOCKLIST_MATCH, message: `${address} is blocklisted (${source})`, level: AlertSeverity.HIGH, score: 100 });
    }
    return reasons;
  }
}
