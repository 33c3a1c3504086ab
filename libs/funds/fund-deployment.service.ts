import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '@rwa/common';
import { ChainErrorCode, ChainException, TokenGateway } from '@rwa/chain';
import { JobName, OutboxService } from '@rwa/queue';
import { FundStatus } from './fund.entity.js';
import { FundsService } from './funds.service.js';

/** What a job handler did, for the queue's records. */
export type JobOutcome = 'done' | 'skipped' | 'failed';

/** Turns a fund's deployment intent into its token contract (worker side). */
@Injectable()
export class FundDeploymentService {
  private readonly logger = new Logger(FundDeploymentService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly funds: FundsService,
    private readonly gateway: TokenGateway,
    private readonly outbox: OutboxService,
  ) {}

  /** Idempotent: a fund no longer pending is left as it is. */
  async handleDeployFund(fundId: string): Promise<JobOutcome> {
    const job = { name: JobName.DEPLOY_FUND, data: { fundId } } as const;
    const fund = await this.funds.findById(fundId);
    if (!fund || fund.status !== FundStatus.PENDING_DEPLOYMENT) {
      await this.outbox.complete(this.dataSource.manager, job);
      return 'skipped';
    }
    try {
      const { tokenAddress, txHash } = await this.gateway.createFundToken(`deploy-fund-${fund.id}`, {
        fundId: fund.id,
        name: fund.name,
        symbol: fund.symbol,
        unitDecimals: fund.unitDecimals,
        eligibleJurisdictions: fund.eligibleJurisdictions,
        eligibleInvestorClasses: fund.eligibleInvestorClasses,
        maxHolders: fund.maxHolders,
      });
      await this.dataSource.transaction(async (manager) => {
        await this.funds.transition(manager, fund, FundStatus.ACTIVE, { tokenAddress }, txHash ? `token deployed in ${txHash}` : 'token found deployed', SYSTEM_ACTOR);
        await this.outbox.complete(manager, job);
      });
      return 'done';
    } catch (error) {
      if (!(error instanceof ChainException && error.code === ChainErrorCode.CONTRACT_REVERTED)) throw error;
      this.logger.error(`Fund ${fund.id} deployment reverted: ${error.message}`);
      await this.dataSource.transaction(async (manager) => {
        await this.funds.transition(manager, fund, FundStatus.FAILED, {}, `deployment reverted: ${error.errorName ?? 'unknown'}`, SYSTEM_ACTOR);
        await this.outbox.complete(manager, job);
      });
      return 'failed';
    }
  }
}
