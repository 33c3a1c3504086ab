import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, Optional, type OnModuleInit } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { AppConfig } from '@rwa/config';
import { FundDeploymentService } from '@rwa/funds';
import { DistributionService, ReconciliationService } from '@rwa/income';
import { OrderSettlementService } from '@rwa/orders';
import { StablecoinsService } from '@rwa/stablecoins';
import { runInRequestContext } from '@rwa/logging';
import { PlatformMetrics } from '@rwa/metrics';
import { JobName, QueueName, jobMetaOf, type JobPayloads } from '@rwa/queue';
import { WalletFreezeService, WalletRegistrationService } from '@rwa/wallets';

/**
 * A thin adapter: each chain job calls one idempotent service method (style.md E15).
 * A short lock (renewed every 5 s while the worker lives) and a frequent stalled-job check hand
 * the job of a killed worker to another within about 10 s instead of BullMQ's default 30-60 s.
 */
@Processor(QueueName.CHAIN, { lockDuration: 10_000, stalledInterval: 5_000 })
export class ChainProcessor extends WorkerHost implements OnModuleInit {
  private readonly logger = new Logger(ChainProcessor.name);

  constructor(
    private readonly config: AppConfig,
    private readonly fundDeployment: FundDeploymentService,
    private readonly walletRegistration: WalletRegistrationService,
    private readonly orderSettlement: OrderSettlementService,
    private readonly walletFreeze: WalletFreezeService,
    private readonly stablecoins: StablecoinsService,
    private readonly distributions: DistributionService,
    private readonly reconciliations: ReconciliationService,
    @Optional() private readonly metrics?: PlatformMetrics,
  ) {
    super();
  }

  onModuleInit(): void {
    this.worker.concurrency = this.config.queue.concurrency;
  }

  /**
   * Runs one attempt in the job's request context: every log line made meanwhile names the job and
   * the request that asked for it (the outbox carried its id), and the attempt is timed and counted
   * by job name.
   */
  process(job: Job): Promise<string> {
    const { requestId } = jobMetaOf(job.data);
    const context = { requestId, job: job.name, jobId: job.id ?? '' };
    return runInRequestContext({ ...context, logBindings: { ...(requestId ? { requestId } : {}), job: job.name, jobId: context.jobId } }, () => this.attempt(job));
  }

  private async attempt(job: Job): Promise<string> {
    const labels = { queue: QueueName.CHAIN, job: job.name };
    const started = performance.now();
    try {
      const outcome = await this.dispatch(job);
      this.metrics?.jobDuration.observe({ ...labels, outcome: 'completed' }, (performance.now() - started) / 1000);
      this.logger.log(`${job.name} ${job.id} done: ${outcome} (${Math.round(performance.now() - started)} ms)`);
      return outcome;
    } catch (error) {
      const permanent = error instanceof UnrecoverableError || error instanceof TypeError || error instanceof RangeError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      this.metrics?.jobDuration.observe({ ...labels, outcome: 'failed' }, (performance.now() - started) / 1000);
      this.metrics?.jobFailures.inc({ ...labels, kind: permanent ? 'permanent' : 'retry' });
      this.logger.warn(`${job.name} ${job.id} attempt ${job.attemptsMade + 1} failed: ${(error as Error).message.split('\n')[0]}`);
      if (error instanceof TypeError || error instanceof RangeError) throw new UnrecoverableError((error as Error).message);
      throw error;
    }
  }

  private dispatch(job: Job): Promise<string> {
    switch (job.name as JobName) {
      case JobName.DEPLOY_FUND:
        return this.fundDeployment.handleDeployFund((job.data as JobPayloads[JobName.DEPLOY_FUND]).fundId);
      case JobName.REGISTER_WALLET:
        return this.walletRegistration.handleRegisterWallet((job.data as JobPayloads[JobName.REGISTER_WALLET]).walletId);
      case JobName.REMOVE_WALLET:
        return this.walletRegistration.handleRemoveWallet((job.data as JobPayloads[JobName.REMOVE_WALLET]).walletId);
      case JobName.MINT_ORDER:
        return this.orderSettlement.handleMintOrder((job.data as JobPayloads[JobName.MINT_ORDER]).orderId);
      case JobName.BURN_ORDER:
        return this.orderSettlement.handleBurnOrder((job.data as JobPayloads[JobName.BURN_ORDER]).orderId);
      case JobName.SYNC_WALLET_IDENTITY: {
        const { walletId, version } = job.data as JobPayloads[JobName.SYNC_WALLET_IDENTITY];
        return this.walletRegistration.handleSyncWalletIdentity(walletId, version);
      }
      case JobName.SYNC_FUND_RULES: {
        const { fundId, version } = job.data as JobPayloads[JobName.SYNC_FUND_RULES];
        return this.fundDeployment.handleSyncFundRules(fundId, version);
      }
      case JobName.SYNC_FUND_LIFECYCLE: {
        const { fundId, version } = job.data as JobPayloads[JobName.SYNC_FUND_LIFECYCLE];
        return this.fundDeployment.handleSyncFundLifecycle(fundId, version);
      }
      case JobName.SYNC_WALLET_FREEZE: {
        const { walletId, version } = job.data as JobPayloads[JobName.SYNC_WALLET_FREEZE];
        return this.walletFreeze.handleSyncWalletFreeze(walletId, version);
      }
      case JobName.CONFIGURE_FUND_STABLECOIN: {
        const { fundId, stablecoinId, version } = job.data as JobPayloads[JobName.CONFIGURE_FUND_STABLECOIN];
        return this.stablecoins.handleConfigureFundStablecoin(fundId, stablecoinId, version);
      }
      case JobName.DISTRIBUTE_INCOME:
        return this.distributions.handleDistributeIncome((job.data as JobPayloads[JobName.DISTRIBUTE_INCOME]).distributionId);
      case JobName.RECONCILE_FUND:
        return this.reconciliations.handleReconcileFund((job.data as JobPayloads[JobName.RECONCILE_FUND]).reconciliationId);
      case JobName.REQUEST_STABLECOIN_DEPOSIT:
        return this.orderSettlement.handleRequestStablecoinDeposit((job.data as JobPayloads[JobName.REQUEST_STABLECOIN_DEPOSIT]).orderId);
      case JobName.CANCEL_STABLECOIN_DEPOSIT:
        return this.orderSettlement.handleCancelStablecoinDeposit((job.data as JobPayloads[JobName.CANCEL_STABLECOIN_DEPOSIT]).orderId);
      default:
        throw new UnrecoverableError(`Unknown job ${job.name}`);
    }
  }
}
