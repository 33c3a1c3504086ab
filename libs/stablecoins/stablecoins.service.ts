import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { erc20Abi, getAddress, zeroAddress, type Address } from 'viem';
import { AuditService } from '@rwa/audit';
import { actorName, numericToScaled, pow10, SYSTEM_ACTOR, type Actor, type Page, type PageRequest } from '@rwa/common';
import { keysetPage } from '@rwa/database';
import { ChainClients, ChainErrorCode, ChainException, contractErrorCode, SettlementGateway } from '@rwa/chain';
import { FundPricing, FundsService, type FundEntity } from '@rwa/funds';
import { JobName, OutboxService, type JobItem } from '@rwa/queue';
import type { CreateStablecoinRequestDto, FundStablecoinRequestDto, FundStablecoinResponseDto, StablecoinResponseDto } from './dtos/stablecoin.dto.js';
import { SettlementContracts } from './settlement-contracts.service.js';
import { FundStablecoinEntity, FundStablecoinStatus, StablecoinEntity } from './stablecoin.entities.js';
import { StablecoinsErrorCode, StablecoinsException } from './stablecoins.exception.js';

/** The contract stores caps as whole coins in 64 bits, at most 96 bits in base units (FundSettlement._wholeCap). */
const UINT64_MAX = 2n ** 64n - 1n;
const UINT96_MAX = 2n ** 96n - 1n;

export type ConfigureOutcome = 'done' | 'skipped' | 'failed';

/**
 * Accepted stablecoins: registered per chain by the platform admin (checked on chain), enabled per
 * fund by its issuer with a treasury and instant redemption caps. Every stored setting goes to the
 * fund's settlement contract by a chain job (CONFIGURE_FUND_STABLECOIN), which enforces it; orders
 * may use the stablecoin once the contract has it (ACTIVE).
 */
@Injectable()
export class StablecoinsService implements OnModuleInit {
  private readonly logger = new Logger(StablecoinsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clients: ChainClients,
    private readonly audit: AuditService,
    private readonly funds: FundsService,
    private readonly outbox: OutboxService,
    private readonly settlement: SettlementGateway,
    private readonly settlementContracts: SettlementContracts,
  ) {}

  onModuleInit(): void {
    // The settlement contract prices STABLE_NAV subscriptions and redemptions at its own NAV: a new
    // NAV of the fund is a new version of each of its routes, whose job sets it on chain.
    this.funds.onNavPublished(async (manager, fundId) => {
      // A FORWARD fund's NAV is struck per dealing day by the settlement of its requests, not set on its routes.
      if ((await this.funds.findByIds([fundId], manager)).get(fundId)?.pricing !== FundPricing.STABLE_NAV) return;
      const updated = (await manager.query(
        `WITH bumped AS (UPDATE fund_stablecoins SET version = version + 1, updated_at = now() WHERE fund_id = $1 AND status IN ($2, $3) RETURNING stablecoin_id, version)
         SELECT stablecoin_id, version FROM bumped`,
        [fundId, FundStablecoinStatus.ACTIVE, FundStablecoinStatus.CONFIGURING],
      )) as { stablecoin_id: string; version: number }[];
      for (const row of updated) await this.outbox.add(manager, { name: JobName.CONFIGURE_FUND_STABLECOIN, data: { fundId, stablecoinId: row.stablecoin_id, version: row.version } });
    });
  }

  /**
   * Registers a stablecoin of the platform's chain after checking on chain that the address holds a
   * contract answering decimals() with the decimals given.
   * @throws STABLECOIN_NOT_ON_CHAIN, STABLECOIN_ALREADY_REGISTERED
   */
  async register(actor: Actor, request: CreateStablecoinRequestDto): Promise<StablecoinResponseDto> {
    const chainId = this.clients.chain.id;
    if (request.chainId !== chainId) throw new StablecoinsException(StablecoinsErrorCode.STABLECOIN_NOT_ON_CHAIN, `The platform runs on chain ${chainId}, not ${request.chainId}`);
    const address = getAddress(request.address);
    const code = await this.clients.publicClient.getCode({ address }).catch(() => undefined);
    if (!code || code === '0x') throw new StablecoinsException(StablecoinsErrorCode.STABLECOIN_NOT_ON_CHAIN, `No contract at ${address} on chain ${chainId}`);
    const decimals = await this.clients.publicClient.readContract({ address, abi: erc20Abi, functionName: 'decimals' }).catch(() => undefined);
    if (decimals === undefined) throw new StablecoinsException(StablecoinsErrorCode.STABLECOIN_NOT_ON_CHAIN, `The contract at ${address} answers no decimals()`);
    if (Number(decimals) !== request.decimals) {
      throw new StablecoinsException(StablecoinsErrorCode.STABLECOIN_NOT_ON_CHAIN, `The contract at ${address} has ${decimals} decimals, not ${request.decimals}`);
    }
    const entity = await this.dataSource.transaction(async (manager) => {
      const taken = (await manager.query('SELECT 1 FROM stablecoins WHERE chain_id = $1 AND lower(address) = lower($2)', [chainId, address])) as unknown[];
      if (taken.length > 0) throw new StablecoinsException(StablecoinsErrorCode.STABLECOIN_ALREADY_REGISTERED, `${address} is registered on chain ${chainId}`);
      const created = manager.create(StablecoinEntity, {
        id: randomUUID(),
        chainId,
        address,
        symbol: request.symbol,
        decimals: request.decimals,
        issuer: request.issuer,
        licence: request.licence ?? null,
      });
      await manager.insert(StablecoinEntity, created);
      await this.audit.record(manager, { entityType: 'stablecoin', entityId: created.id, action: 'registered', actor: actorName(actor), data: { chainId, address, symbol: request.symbol } });
      return created;
    });
    return this.map((await this.dataSource.getRepository(StablecoinEntity).findOneBy({ id: entity.id }))!);
  }

  async list(page: PageRequest): Promise<Page<StablecoinResponseDto>> {
    const builder = this.dataSource.getRepository(StablecoinEntity).createQueryBuilder('s').where('s.chain_id = :chainId', { chainId: this.clients.chain.id });
    return keysetPage(builder, page, (row) => this.map(row));
  }

  /** A registered stablecoin. @throws STABLECOIN_NOT_FOUND */
  async findById(stablecoinId: string, manager: EntityManager = this.dataSource.manager): Promise<StablecoinEntity> {
    const stablecoin = await manager.findOneBy(StablecoinEntity, { id: stablecoinId });
    if (!stablecoin) throw new StablecoinsException(StablecoinsErrorCode.STABLECOIN_NOT_FOUND, `Stablecoin ${stablecoinId} not found`);
    return stablecoin;
  }

  /**
   * The issuer enables a stablecoin for its fund, or changes its treasury and caps: stored as a new
   * version (CONFIGURING) whose chain job sets it on the settlement contract.
   * @throws FUND_NOT_FOUND, STABLECOIN_NOT_FOUND, STABLECOIN_SETTINGS_INVALID (what the contract would refuse)
   */
  async configure(actor: Actor, fundId: string, stablecoinId: string, request: FundStablecoinRequestDto): Promise<FundStablecoinResponseDto> {
    const fund = await this.funds.findOwnedByIssuer(actor, fundId);
    const stablecoin = await this.findById(stablecoinId);
    assertConfigurable(fund, stablecoin, request);
    const treasury = getAddress(request.treasury);
    const unit = pow10(stablecoin.decimals);
    const fundCap = (BigInt(request.instantRedemptionDailyCap) * unit).toString();
    const investorCap = (BigInt(request.instantRedemptionPerInvestorDailyCap) * unit).toString();
    await this.dataSource.transaction(async (manager) => {
      const [row] = (await manager.query(
        `INSERT INTO fund_stablecoins (fund_id, stablecoin_id, status, treasury, instant_redemption_daily_cap, instant_redemption_per_investor_daily_cap, version, synced_version)
         VALUES ($1, $2, $3, $4, $5, $6, 1, 0)
         ON CONFLICT (fund_id, stablecoin_id) DO UPDATE SET status = EXCLUDED.status, treasury = EXCLUDED.treasury,
           instant_redemption_daily_cap = EXCLUDED.instant_redemption_daily_cap,
           instant_redemption_per_investor_daily_cap = EXCLUDED.instant_redemption_per_investor_daily_cap,
           version = fund_stablecoins.version + 1, failure_code = NULL, updated_at = now()
         RETURNING version`,
        [fund.id, stablecoin.id, FundStablecoinStatus.CONFIGURING, treasury, fundCap, investorCap],
      )) as { version: number }[];
      await this.outbox.add(manager, { name: JobName.CONFIGURE_FUND_STABLECOIN, data: { fundId: fund.id, stablecoinId: stablecoin.id, version: row!.version } });
      await this.audit.record(manager, {
        entityType: 'fund',
        entityId: fund.id,
        action: 'stablecoin-configured',
        actor: actorName(actor),
        data: { stablecoinId: stablecoin.id, treasury, instantRedemptionDailyCap: request.instantRedemptionDailyCap, instantRedemptionPerInvestorDailyCap: request.instantRedemptionPerInvestorDailyCap, version: row!.version },
      });
    });
    return this.getForFund(actor, fundId, stablecoinId);
  }

  /** The issuer stops accepting a stablecoin for its fund (removed on chain by a job). @throws STABLECOIN_NOT_ACCEPTED when not enabled */
  async remove(actor: Actor, fundId: string, stablecoinId: string): Promise<void> {
    const fund = await this.funds.findOwnedByIssuer(actor, fundId);
    await this.dataSource.transaction(async (manager) => {
      const [row] = (await manager.query(
        `WITH removed AS (UPDATE fund_stablecoins SET status = $3, version = version + 1, updated_at = now() WHERE fund_id = $1 AND stablecoin_id = $2 AND status <> $3 RETURNING version)
         SELECT version FROM removed`,
        [fund.id, stablecoinId, FundStablecoinStatus.REMOVED],
      )) as { version: number }[];
      if (!row) throw new StablecoinsException(StablecoinsErrorCode.STABLECOIN_NOT_ACCEPTED, `Fund ${fund.id} does not accept stablecoin ${stablecoinId}`);
      await this.outbox.add(manager, { name: JobName.CONFIGURE_FUND_STABLECOIN, data: { fundId: fund.id, stablecoinId, version: row.version } });
      await this.audit.record(manager, { entityType: 'fund', entityId: fund.id, action: 'stablecoin-removed', actor: actorName(actor), data: { stablecoinId, version: row.version } });
    });
  }

  /** The fund's stablecoins (the issuer's own fund). */
  async listForFund(actor: Actor, fundId: string): Promise<{ items: FundStablecoinResponseDto[] }> {
    const fund = await this.funds.findOwnedByIssuer(actor, fundId);
    const rows = await this.dataSource.getRepository(FundStablecoinEntity).find({ where: { fundId: fund.id }, order: { createdAt: 'ASC' } });
    const settlement = await this.settlementContracts.get();
    const items: FundStablecoinResponseDto[] = [];
    for (const row of rows) items.push(this.mapRoute(row, await this.findById(row.stablecoinId), settlement));
    return { items };
  }

  async getForFund(actor: Actor, fundId: string, stablecoinId: string): Promise<FundStablecoinResponseDto> {
    const fund = await this.funds.findOwnedByIssuer(actor, fundId);
    const row = await this.dataSource.getRepository(FundStablecoinEntity).findOneBy({ fundId: fund.id, stablecoinId });
    if (!row) throw new StablecoinsException(StablecoinsErrorCode.STABLECOIN_NOT_ACCEPTED, `Fund ${fund.id} does not accept stablecoin ${stablecoinId}`);
    return this.mapRoute(row, await this.findById(stablecoinId), await this.settlementContracts.get());
  }

  /**
   * Worker: brings the settlement contract to the fund's stablecoin settings of `version`. The first
   * time, the settlement contract is deployed and allowed to mint and burn the fund's units (the
   * token's AGENT_ROLE), and the fund is set up as STABLE_NAV at its NAV. Each call is a
   * TransactionManager intent, so a retried job sends nothing twice; an older version is skipped. A
   * revert is recorded on the row (FAILED with the contract's error), not retried.
   */
  async handleConfigureFundStablecoin(fundId: string, stablecoinId: string, version: number): Promise<ConfigureOutcome> {
    const job: JobItem = { name: JobName.CONFIGURE_FUND_STABLECOIN, data: { fundId, stablecoinId, version } };
    const row = await this.dataSource.getRepository(FundStablecoinEntity).findOneBy({ fundId, stablecoinId });
    const fund = await this.funds.findById(fundId);
    if (!row || !fund?.tokenAddress || row.version !== version || row.syncedVersion >= version) {
      await this.outbox.complete(this.dataSource.manager, job);
      return 'skipped';
    }
    const stablecoin = await this.findById(stablecoinId);
    const intent = `fund-stablecoin-${fundId}-${stablecoinId}-v${version}`;
    let txHash: `0x${string}`;
    try {
      const settlement = await this.settlementContracts.ensureDeployed();
      const token = fund.tokenAddress;
      if (row.status === FundStablecoinStatus.REMOVED) {
        txHash = await this.settlement.removeStablecoin(intent, settlement, token, stablecoin.address);
      } else {
        await this.settlement.authorizeSettlement(`settlement-agent-${fundId}`, token, settlement);
        // A STABLE_NAV fund settles atomically at its NAV; a FORWARD fund takes requests into escrow, priced per dealing day.
        const forward = fund.pricing === FundPricing.FORWARD;
        await this.settlement.setFund(`${intent}-fund`, settlement, token, forward ? 'FORWARD' : 'STABLE_NAV');
        if (!forward) await this.settlement.setNav(`${intent}-nav`, settlement, token, numericToScaled(fund.nav, 8));
        txHash = await this.settlement.setStablecoin(intent, settlement, token, {
          stablecoin: stablecoin.address,
          decimals: stablecoin.decimals,
          treasury: row.treasury,
          fundDailyCap: BigInt(row.instantRedemptionDailyCap),
          investorDailyCap: BigInt(row.instantRedemptionPerInvestorDailyCap),
        });
      }
    } catch (error) {
      if (!(error instanceof ChainException && error.code === ChainErrorCode.CONTRACT_REVERTED)) throw error;
      this.logger.error(`Stablecoin ${stablecoinId} of fund ${fundId} (v${version}) reverted: ${error.message}`);
      await this.dataSource.transaction(async (manager) => {
        await manager.query('UPDATE fund_stablecoins SET status = $4, failure_code = $5, updated_at = now() WHERE fund_id = $1 AND stablecoin_id = $2 AND version = $3', [
          fundId,
          stablecoinId,
          version,
          FundStablecoinStatus.FAILED,
          contractErrorCode(error.errorName),
        ]);
        await this.audit.record(manager, { entityType: 'fund', entityId: fundId, action: 'stablecoin-configuration-reverted', actor: SYSTEM_ACTOR, data: { stablecoinId, version, error: error.errorName ?? null } });
        await this.outbox.complete(manager, job);
      });
      return 'failed';
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE fund_stablecoins SET synced_version = greatest(synced_version, $3), tx_hash = $4, updated_at = now(),
           status = CASE WHEN version = $3 AND status = $5 THEN $6 ELSE status END
         WHERE fund_id = $1 AND stablecoin_id = $2`,
        [fundId, stablecoinId, version, txHash, FundStablecoinStatus.CONFIGURING, FundStablecoinStatus.ACTIVE],
      );
      await this.audit.record(manager, { entityType: 'fund', entityId: fundId, action: 'stablecoin-synced', actor: SYSTEM_ACTOR, reason: `settlement configured in ${txHash}`, data: { stablecoinId, version } });
      await this.outbox.complete(manager, job);
    });
    return 'done';
  }

  map(stablecoin: StablecoinEntity): StablecoinResponseDto {
    return {
      id: stablecoin.id,
      chainId: stablecoin.chainId,
      address: stablecoin.address,
      symbol: stablecoin.symbol,
      decimals: stablecoin.decimals,
      issuer: stablecoin.issuer,
      licence: stablecoin.licence,
      createdAt: stablecoin.createdAt.toISOString(),
    };
  }

  private mapRoute(row: FundStablecoinEntity, stablecoin: StablecoinEntity, settlement: Address | null): FundStablecoinResponseDto {
    const unit = pow10(stablecoin.decimals);
    return {
      fundId: row.fundId,
      stablecoinId: row.stablecoinId,
      symbol: stablecoin.symbol,
      status: row.status,
      treasury: row.treasury,
      instantRedemptionDailyCap: (BigInt(row.instantRedemptionDailyCap) / unit).toString(),
      instantRedemptionPerInvestorDailyCap: (BigInt(row.instantRedemptionPerInvestorDailyCap) / unit).toString(),
      settlementContract: settlement,
      txHash: row.txHash,
      failureCode: row.failureCode,
    };
  }
}

/**
 * What the settlement contract would refuse, refused before anything is stored: a fund without a
 * token, the zero treasury, caps beyond
 * what the contract stores (64-bit whole coins, 96-bit base units).
 */
export function assertConfigurable(fund: FundEntity, stablecoin: StablecoinEntity, request: FundStablecoinRequestDto): void {
  const invalid = (message: string) => new StablecoinsException(StablecoinsErrorCode.STABLECOIN_SETTINGS_INVALID, message);
  if (!fund.tokenAddress) throw invalid(`Fund ${fund.id} has no token on chain yet`);
  if (getAddress(request.treasury) === zeroAddress) throw invalid('treasury must not be the zero address');
  const unit = pow10(stablecoin.decimals);
  for (const [field, value] of [
    ['instantRedemptionDailyCap', request.instantRedemptionDailyCap],
    ['instantRedemptionPerInvestorDailyCap', request.instantRedemptionPerInvestorDailyCap],
  ] as const) {
    const whole = BigInt(value);
    if (whole > UINT64_MAX || whole * unit > UINT96_MAX) throw invalid(`${field} is more than the settlement contract can hold for a coin of ${stablecoin.decimals} decimals`);
  }
}
