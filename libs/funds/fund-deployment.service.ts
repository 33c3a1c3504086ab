import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { SYSTEM_ACTOR } from '@rwa/common';
import { ChainErrorCode, ChainException, TokenGateway, type InvestorClassName } from '@rwa/chain';
import { JobName, OutboxService, type JobItem } from '@rwa/queue';
import { FundEntity, FundStatus } from './fund.entity.js';
import { FundTokenAdmin, type TokenRules } from './fund-token-admin.js';
import { FundsService } from './funds.service.js';

/** What a job handler did, for the queue's records. */
export type JobOutcome = 'done' | 'skipped' | 'failed';

/** Another job of the same fund holds its chain-admin lease: this one retries after the backoff. */
export class FundChainBusyError extends Error {}

/** How long a job may hold a fund's chain-admin lease (a worker that died frees it after this). */
const LEASE_SECONDS = 120;

/** Turns a fund's intents into token transactions (worker side): deployment, rule changes, pause and unpause. */
@Injectable()
export class FundDeploymentService {
  private readonly logger = new Logger(FundDeploymentService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly funds: FundsService,
    private readonly gateway: TokenGateway,
    private readonly admin: FundTokenAdmin,
    private readonly outbox: OutboxService,
  ) {}

  /** Idempotent: a fund no longer pending is left as it is. The token starts with the fund's rules as they are now. */
  async handleDeployFund(fundId: string): Promise<JobOutcome> {
    const job = { name: JobName.DEPLOY_FUND, data: { fundId } } as const;
    const fund = await this.funds.findById(fundId);
    if (!fund || fund.status !== FundStatus.PENDING_DEPLOYMENT) {
      await this.outbox.complete(this.dataSource.manager, job);
      return 'skipped';
    }
    const rules = rulesOf(fund);
    try {
      const { tokenAddress, txHash } = await this.gateway.createFundToken(`deploy-fund-${fund.id}`, {
        fundId: fund.id,
        name: fund.name,
        symbol: fund.symbol,
        unitDecimals: fund.unitDecimals,
        eligibleJurisdictions: rules.eligibleJurisdictions,
        eligibleInvestorClasses: rules.eligibleInvestorClasses,
        maxHolders: rules.maxHolders,
        maxBalancePerHolder: rules.maxUnitsPerHolder,
        lockupSeconds: (rules.lockupDays ?? 0) * 86_400,
      });
      await this.dataSource.transaction(async (manager) => {
        const current = (await manager.findOne(FundEntity, { where: { id: fund.id }, lock: { mode: 'pessimistic_write' } }))!;
        await this.funds.transition(manager, current, FundStatus.ACTIVE, { tokenAddress, rulesSyncedVersion: fund.rulesVersion }, txHash ? `token deployed in ${txHash}` : 'token found deployed', SYSTEM_ACTOR);
        // A rule changed while the token was being created: the token follows by a job.
        if (current.rulesVersion !== fund.rulesVersion) await this.outbox.add(manager, { name: JobName.SYNC_FUND_RULES, data: { fundId: fund.id, version: current.rulesVersion } });
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

  /**
   * Brings the token's rules to the fund's rules of `version`. A job of an older version is
   * skipped (a newer job carries the newer rules); jobs of one fund hold its chain-admin lease in
   * turn, so an older job can never land its rules after a newer one.
   */
  async handleSyncFundRules(fundId: string, version: number): Promise<JobOutcome> {
    const job: JobItem = { name: JobName.SYNC_FUND_RULES, data: { fundId, version } };
    return this.withLease(fundId, job, async (fund) => {
      if (fund.rulesVersion !== version || fund.rulesSyncedVersion >= version || !fund.tokenAddress) return null;
      const hashes = await this.admin.setRules(`fund-rules-${fund.id}-${version}`, fund.tokenAddress, rulesOf(fund));
      return async (manager) => {
        await manager.query('UPDATE funds SET rules_synced_version = greatest(rules_synced_version, $2) WHERE id = $1', [fund.id, version]);
        await this.funds.recordChainChange(manager, fund.id, 'rules-synced', `token rules of version ${version} set in ${hashes.join(', ')}`);
      };
    });
  }

  /**
   * Brings the token's pause state to the fund's lifecycle of `version`: pause() for PAUSED,
   * unpause() for a resume or a close. When the unpause of a resume is confirmed, the fund turns
   * ACTIVE; the fund's status follows the chain from then on.
   */
  async handleSyncFundLifecycle(fundId: string, version: number): Promise<JobOutcome> {
    const job: JobItem = { name: JobName.SYNC_FUND_LIFECYCLE, data: { fundId, version } };
    return this.withLease(fundId, job, async (fund) => {
      if (fund.lifecycleVersion !== version || !fund.tokenAddress) return null;
      const target = fund.tokenPauseTarget;
      const txHash = (await this.admin.paused(fund.tokenAddress)) === target ? null : await this.admin.setPaused(`fund-lifecycle-${fund.id}-${version}`, fund.tokenAddress, target);
      return async (manager) => {
        const current = (await manager.findOne(FundEntity, { where: { id: fund.id }, lock: { mode: 'pessimistic_write' } }))!;
        if (current.lifecycleVersion !== version) return; // a newer pause, resume or close follows
        await manager.update(FundEntity, { id: fund.id }, { tokenPaused: target });
        const done = `token ${target ? 'paused' : 'unpaused'}${txHash ? ` in ${txHash}` : ' (already so on chain)'}`;
        if (current.status === FundStatus.PAUSED && !target) await this.funds.transition(manager, current, FundStatus.ACTIVE, { tokenPaused: false }, `resumed: ${done}`, SYSTEM_ACTOR);
        else await this.funds.recordChainChange(manager, fund.id, 'lifecycle-synced', done);
      };
    });
  }

  /**
   * Runs `work` under the fund's chain-admin lease (a lease column, not a row lock: no lock is held
   * while a transaction is sent and confirmed). `work` returns what to write once its transaction
   * is confirmed, or null when there is nothing to do; either way the job is completed.
   */
  private async withLease(fundId: string, job: JobItem, work: (fund: FundEntity) => Promise<((manager: EntityManager) => Promise<void>) | null>): Promise<JobOutcome> {
    const [taken] = (await this.dataSource.query(
      `WITH taken AS (UPDATE funds SET chain_admin_lease_until = now() + make_interval(secs => $2)
         WHERE id = $1 AND (chain_admin_lease_until IS NULL OR chain_admin_lease_until < now()) RETURNING id)
       SELECT id FROM taken`,
      [fundId, LEASE_SECONDS],
    )) as { id: string }[];
    const fund = await this.funds.findById(fundId);
    if (!fund) {
      await this.outbox.complete(this.dataSource.manager, job);
      return 'skipped';
    }
    if (!taken) throw new FundChainBusyError(`Fund ${fundId} has another chain job under way`);
    try {
      const write = await work(fund);
      await this.dataSource.transaction(async (manager) => {
        if (write) await write(manager);
        await this.outbox.complete(manager, job);
      });
      return write ? 'done' : 'skipped';
    } catch (error) {
      if (!(error instanceof ChainException && error.code === ChainErrorCode.CONTRACT_REVERTED)) throw error;
      // The platform's signer holds every role these calls need: a revert is a bug to look at, not to retry forever.
      this.logger.error(`${job.name} for fund ${fundId} reverted: ${error.message}`);
      await this.dataSource.transaction(async (manager) => {
        await this.funds.recordChainChange(manager, fundId, `${job.name}-reverted`, `transaction reverted: ${error.errorName ?? 'unknown'}`);
        await this.outbox.complete(manager, job);
      });
      return 'failed';
    } finally {
      await this.dataSource.query('UPDATE funds SET chain_admin_lease_until = NULL WHERE id = $1', [fundId]);
    }
  }
}

/** The token rules of a fund as stored. */
function rulesOf(fund: FundEntity): TokenRules {
  return {
    eligibleJurisdictions: fund.eligibleJurisdictions,
    eligibleInvestorClasses: fund.eligibleInvestorClasses as InvestorClassName[],
    maxHolders: fund.maxHolders,
    maxUnitsPerHolder: fund.maxUnitsPerHolder === null ? null : BigInt(fund.maxUnitsPerHolder),
    lockupDays: fund.lockupDays,
  };
}
