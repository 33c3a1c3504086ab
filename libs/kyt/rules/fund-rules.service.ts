import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '@rwa/audit';
import { actorName, InputValidationException, isDecimalString, type Actor } from '@rwa/common';
import { AppConfig } from '@rwa/config';
import { FundsService } from '@rwa/funds';
import type { FundRulesDto } from '../dtos/fund-rules.dto.js';
import { KytFundRulesEntity } from '../kyt-rules.entities.js';
import { KytErrorCode, KytException } from '../kyt.exception.js';
import { DEFAULT_FUND_RULES, type FundRules } from './fund-rules.js';

const FOREIGN_KEY_VIOLATION = '23503';

/** Each fund's KYT thresholds, with platform defaults for funds that set none. */
@Injectable()
export class FundRulesService {
  /**
   * Every order is screened against its fund's thresholds, which change rarely: they are cached
   * per process for KYT_BLOCKLIST_REFRESH_MS (a change reaches other processes within that time,
   * like a blocklist change), and dropped at once in the process that changed them.
   */
  private readonly cache = new Map<string, { rules: FundRules; loadedAt: number }>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly funds: FundsService,
  ) {}

  /** The fund's thresholds (cached; see above). */
  async forFund(manager: EntityManager, fundId: string): Promise<FundRules> {
    const cached = this.cache.get(fundId);
    if (cached && Date.now() - cached.loadedAt < this.config.kyt.blocklistRefreshMs) return { ...cached.rules };
    const row = await manager.findOneBy(KytFundRulesEntity, { fundId });
    const rules = row ? pickRules(row) : { ...DEFAULT_FUND_RULES };
    this.cache.set(fundId, { rules, loadedAt: Date.now() });
    return { ...rules };
  }

  async get(fundId: string): Promise<FundRulesDto> {
    // The defaults apply to funds that set none, not to funds that do not exist (api-contract: unknown ids answer 404).
    if (!(await this.funds.findByIds([fundId])).has(fundId)) throw new KytException(KytErrorCode.FUND_NOT_FOUND, `Fund ${fundId} not found`);
    return { fundId, ...(await this.forFund(this.dataSource.manager, fundId)) };
  }

  /** Replaces the fund's thresholds; the previous and new values go to the audit trail. */
  async put(actor: Actor, fundId: string, request: FundRules): Promise<FundRulesDto> {
    const rules = pickRules(request);
    const zero = (['travelRuleThreshold', 'freshWalletLargeAmount'] as const).filter((field) => !isDecimalString(rules[field]) || /^0(\.0*)?$/.test(rules[field]));
    if (zero.length > 0) throw new InputValidationException(zero.map((field) => ({ field, message: `${field} must be greater than zero` })));
    try {
      await this.dataSource.transaction(async (manager) => {
        this.cache.delete(fundId);
        const before = await this.forFund(manager, fundId);
        await manager.upsert(KytFundRulesEntity, { fundId, ...rules, updatedBy: actorName(actor) }, ['fundId']);
        await this.audit.record(manager, { entityType: 'kyt_fund_rules', entityId: fundId, action: 'rules-updated', actor: actorName(actor), data: { before, after: rules } });
      });
    } catch (error) {
      if ((error as { code?: string }).code === FOREIGN_KEY_VIOLATION) throw new KytException(KytErrorCode.FUND_NOT_FOUND, `Fund ${fundId} not found`);
      throw error;
    }
    this.cache.delete(fundId);
    return this.get(fundId);
  }
}

/** Only the rule fields (a DTO or entity may carry more). */
function pickRules(row: FundRules): FundRules {
  return {
    travelRuleThreshold: row.travelRuleThreshold,
    velocityMaxOrders: row.velocityMaxOrders,
    velocityWindowMinutes: row.velocityWindowMinutes,
    structuringMinOrders: row.structuringMinOrders,
    structuringBandPercent: row.structuringBandPercent,
    freshWalletHours: row.freshWalletHours,
    freshWalletLargeAmount: row.freshWalletLargeAmount,
  };
}
