import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { SqlStatement } from '@rwa/database';
import { DataSource, In, Raw, type EntityManager } from 'typeorm';
import { createSiweMessage, generateSiweNonce } from 'viem/siwe';
import type { Hex } from 'viem';
import { AuditService } from '@rwa/audit';
import { actorName, assertTransition, Role, type Actor } from '@rwa/common';
import { ChainClients } from '@rwa/chain';
import { AppConfig } from '@rwa/config';
import { EventsService } from '@rwa/events';
import { InvestorRegistryHooks, InvestorsService, RegistrySync, type InvestorEntity } from '@rwa/investors';
import { AlertSeverity, AlertSubjectType, KytReasonCode, KytService, KytSubjectHandlers, type AlertOutcome, type ListedAddress, type PrescreenedAddresses } from '@rwa/kyt';
import { JobName, OutboxService } from '@rwa/queue';
import type { BindWalletRequestDto, CreateWalletChallengeRequestDto, FreezeWalletRequestDto, UnfreezeWalletRequestDto, WalletChallengeResponseDto, WalletResponseDto } from './dtos/wallet.dto.js';
import { WalletFreezeService } from './wallet-freeze.service.js';
import { WalletRevocationChecks } from './wallet-revocation-checks.js';
import { WalletUnitsReader } from './wallet-units.service.js';
import { walletEvent, walletView } from './wallet-events.js';
import { FreezeSync, OnchainRegistration, WALLET_STATE_MACHINE, WalletChallengeEntity, WalletEntity, WalletStatus } from './wallet.entities.js';
import { WalletsErrorCode, WalletsException } from './wallets.exception.js';

const UNIQUE_VIOLATION = '23505';
/** Addresses per lookup of bound wallets when a list is imported (Postgres allows 65,535 parameters). */
const HOLDER_LOOKUP_CHUNK = 5000;

/** Wallet binding: ownership challenge, signature proof, screening, and the registration intent. */
@Injectable()
export class WalletsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly investors: InvestorsService,
    private readonly kyt: KytService,
    private readonly kytSubjects: KytSubjectHandlers,
    private readonly outbox: OutboxService,
    private readonly clients: ChainClients,
    private readonly config: AppConfig,
    private readonly freezes: WalletFreezeService,
    private readonly registryHooks: InvestorRegistryHooks,
    private readonly revocationChecks: WalletRevocationChecks,
    private readonly units: WalletUnitsReader,
    private readonly events: EventsService,
  ) {}

  onModuleInit(): void {
    this.kytSubjects.register(AlertSubjectType.WALLET, {
      onAlertDecided: (manager, walletId, outcome, actor) => this.onAlertDecided(manager, walletId, outcome, actor),
      rescreen: {
        prescreen: (walletId) => this.prescreenHeld(walletId),
        screen: (manager, walletId, prescreened) => this.rescreen(manager, walletId, prescreened),
      },
    });
    this.kytSubjects.onAddressesListed({
      prepare: (addresses) => this.holdersAmong(addresses),
      listed: (manager, listed, actor, holders) => this.rescreenListed(manager, listed, actor, holders),
    });
    this.registryHooks.onRegistryChange((manager, investor) => this.followInvestor(manager, investor));
    this.registryHooks.provideSyncState((manager, investor) => this.registrySyncOf(manager, investor));
  }

  /** An officer freezes the wallet on chain, in every ACTIVE fund (whole, or `units` of it). */
  async freeze(actor: Actor, walletId: string, request: FreezeWalletRequestDto): Promise<WalletResponseDto> {
    await this.freezes.freeze(actor, walletId, request);
    return this.get(actor, walletId);
  }

  async unfreeze(actor: Actor, walletId: string, request: UnfreezeWalletRequestDto): Promise<WalletResponseDto> {
    await this.freezes.unfreeze(actor, walletId, request);
    return this.get(actor, walletId);
  }

  /** Issues a one-time EIP-4361 message naming the address, chain, a nonce and the expiry. */
  async createChallenge(actor: Actor, investorId: string, request: CreateWalletChallengeRequestDto): Promise<WalletChallengeResponseDto> {
    await this.investors.findOwned(this.dataSource.manager, actor.organizationId, investorId);
    if (request.chainId !== this.config.chain.chainId) {
      throw new WalletsException(WalletsErrorCode.WRONG_CHAIN, `This platform holds units on chain ${this.config.chain.chainId}, not ${request.chainId}`);
    }
    const address = request.address as `0x${string}`;
    const issuedAt = new Date();
    const expiresAt = new Date(issuedAt.getTime() + this.config.wallets.challengeTtlSeconds * 1000);
    const nonce = generateSiweNonce();
    const message = createSiweMessage({
      address,
      chainId: request.chainId,
      domain: this.config.wallets.siweDomain,
      uri: this.config.wallets.siweUri,
      version: '1',
      nonce,
      issuedAt,
      expirationTime: expiresAt,
      statement: 'I confirm that I control this wallet and ask for it to be bound to my investor account.',
    });
    const challenge = this.dataSource.getRepository(WalletChallengeEntity).create({ id: randomUUID(), investorId, address, chainId: request.chainId, nonce, message, expiresAt, usedAt: null });
    await this.dataSource.getRepository(WalletChallengeEntity).insert(challenge);
    return { challengeId: challenge.id, message, expiresAt: expiresAt.toISOString() };
  }

  /**
   * Binds the wallet whose owner signed the challenge. The wallet is screened at once: clean, its
   * registration on chain is queued (VERIFIED once confirmed); flagged, it waits for review.
   */
  async bind(actor: Actor, investorId: string, request: BindWalletRequestDto): Promise<WalletResponseDto> {
    const investor = await this.investors.findOwned(this.dataSource.manager, actor.organizationId, investorId);
    const challenge = await this.dataSource.getRepository(WalletChallengeEntity).findOneBy({ id: request.challengeId, investorId });
    if (!challenge) throw new WalletsException(WalletsErrorCode.CHALLENGE_NOT_FOUND, `Challenge ${request.challengeId} not found`);
    this.assertChallengeUsable(challenge);
    if (!(await this.signatureMatches(challenge, request.signature as Hex))) {
      throw new WalletsException(WalletsErrorCode.SIGNATURE_MISMATCH, `The signature was not made by ${challenge.address}`);
    }
    if (!investor.isKycValid(new Date())) {
      throw new WalletsException(WalletsErrorCode.KYC_NOT_APPROVED, 'The investor has no approved, unexpired KYC');
    }
    // The external provider (if any) is asked before the transaction: no HTTP call under its locks.
    const prescreened = await this.kyt.prescreenAddresses([challenge.address]);
    try {
      const wallet = await this.dataSource.transaction(async (manager) => {
        const locked = await manager.findOneOrFail(WalletChallengeEntity, { where: { id: challenge.id }, lock: { mode: 'pessimistic_write' } });
        this.assertChallengeUsable(locked);
        await manager.update(WalletChallengeEntity, { id: challenge.id }, { usedAt: new Date() });
        // A freeze is held on chain per address, whichever binding put it there: a new binding of
        // the address starts frozen as the last one was (frozen stays frozen), and checks the chain.
        const previous = await manager.findOne(WalletEntity, { where: { chainId: challenge.chainId, address: challenge.address }, order: { createdAt: 'DESC' } });
        const inheritsFreeze = previous !== null && (previous.frozen || previous.frozenUnits !== null);
        const entity = manager.create(WalletEntity, {
          id: randomUUID(),
          investorId,
          distributorId: actor.organizationId,
          address: challenge.address,
          chainId: challenge.chainId,
          status: WalletStatus.PENDING_SCREENING,
          onchain: OnchainRegistration.PENDING,
          onchainError: null,
          identityVersion: '0',
          identitySyncError: null,
          frozen: inheritsFreeze ? previous.frozen : false,
          frozenUnits: inheritsFreeze ? previous.frozenUnits : null,
          frozenPendingReview: inheritsFreeze ? previous.frozenPendingReview : false,
          freezeVersion: inheritsFreeze ? 1 : 0,
          freezeSyncedVersion: 0,
          freezeSyncError: null,
        });
        await manager.insert(WalletEntity, entity);
        if (inheritsFreeze) await this.outbox.add(manager, { name: JobName.SYNC_WALLET_FREEZE, data: { walletId: entity.id, version: 1 } });
        await this.audit.record(manager, { entityType: 'wallet', entityId: entity.id, action: 'bound', toStatus: entity.status, actor: actorName(actor), data: { address: entity.address } });
        await this.events.emit(manager, walletEvent(Object.assign(new WalletEntity(), entity, { createdAt: entity.createdAt ?? new Date() })));
        const screening = await this.kyt.screenAddresses(manager, [entity.address], prescreened);
        if (screening.clean) {
          await this.outbox.add(manager, { name: JobName.REGISTER_WALLET, data: { walletId: entity.id } });
        } else {
          await this.kyt.raiseAlert(manager, AlertSubjectType.WALLET, entity.id, screening);
          await this.transition(manager, entity, WalletStatus.PENDING_REVIEW, 'KYT alert raised', 'system');
        }
        return entity;
      });
      return this.map(await this.dataSource.getRepository(WalletEntity).findOneByOrFail({ id: wallet.id }));
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new WalletsException(WalletsErrorCode.WALLET_ALREADY_BOUND, `${challenge.address} is already bound to an investor`);
      }
      throw error;
    }
  }

  /**
   * Revokes a verified wallet: it can no longer be used for orders at once, and its removal from
   * the on-chain registry is queued (onchain turns REMOVED when confirmed). Refused with
   * WALLET_HOLDS_UNITS while the wallet holds units of any fund (read from the chain before any row
   * is locked), or while an order of it is in flight (checked under the wallet's lock by the
   * checks other modules register): revoked, those units could never be redeemed.
   */
  async revoke(actor: Actor, walletId: string): Promise<WalletResponseDto> {
    const wallet = await this.dataSource.getRepository(WalletEntity).findOneBy({ id: walletId, distributorId: actor.organizationId });
    if (!wallet) throw new WalletsException(WalletsErrorCode.WALLET_NOT_FOUND, `Wallet ${walletId} not found`);
    if (wallet.status === WalletStatus.VERIFIED) {
      const held = await this.units.fundsHeldBy(wallet.address);
      if (held.length > 0) {
        throw new WalletsException(WalletsErrorCode.WALLET_HOLDS_UNITS, `Wallet ${walletId} holds units of fund ${held.join(', ')}: redeem them before revoking it`);
      }
    }
    await this.dataSource.transaction(async (manager) => {
      const locked = await manager.findOne(WalletEntity, { where: { id: walletId, distributorId: actor.organizationId }, lock: { mode: 'pessimistic_write' } });
      if (!locked) throw new WalletsException(WalletsErrorCode.WALLET_NOT_FOUND, `Wallet ${walletId} not found`);
      assertTransition(WALLET_STATE_MACHINE, locked.status, WalletStatus.REVOKED);
      const blocker = await this.revocationChecks.blocker(manager, walletId);
      if (blocker) throw new WalletsException(WalletsErrorCode.WALLET_HOLDS_UNITS, `Wallet ${walletId} cannot be revoked yet: ${blocker}`);
      await this.transition(manager, locked, WalletStatus.REVOKED, 'revoked by the distributor', actorName(actor));
      await this.outbox.add(manager, { name: JobName.REMOVE_WALLET, data: { walletId } });
    });
    return this.get(actor, walletId);
  }

  /** A distributor sees its own wallets; compliance sees all. */
  async get(actor: Actor, walletId: string): Promise<WalletResponseDto> {
    const wallet = await this.dataSource.getRepository(WalletEntity).findOneBy({ id: walletId });
    if (!wallet || (actor.role !== Role.COMPLIANCE && wallet.distributorId !== actor.organizationId)) {
      throw new WalletsException(WalletsErrorCode.WALLET_NOT_FOUND, `Wallet ${walletId} not found`);
    }
    return this.map(wallet);
  }

  /**
   * The distributor's wallet of an investor, for an order in the caller's transaction; locked when
   * orders on it must be serialised (redemptions check the units left).
   * @throws WALLET_NOT_FOUND for an unknown wallet, another distributor's, or another investor's
   */
  async findForOrder(manager: EntityManager, distributorId: string, investorId: string, walletId: string, lock = false): Promise<WalletEntity> {
    const wallet = await manager.findOne(WalletEntity, { where: { id: walletId, distributorId, investorId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!wallet) throw new WalletsException(WalletsErrorCode.WALLET_NOT_FOUND, `Wallet ${walletId} not found for investor ${investorId}`);
    return wallet;
  }

  /**
   * A boolean SQL expression for a statement that places an order into `wallet` as the caller read
   * it (maybe from a cache): true while it is still VERIFIED and not frozen. Its owner, address and
   * binding time never change. The owners are compared with IS NOT DISTINCT FROM so that a generic
   * plan probes the primary key, never the index of the investor's wallets.
   */
  orderableSql(statement: SqlStatement, wallet: WalletEntity): string {
    return `EXISTS (SELECT 1 FROM wallets WHERE id = ${statement.param(wallet.id, 'uuid')} AND investor_id IS NOT DISTINCT FROM ${statement.param(wallet.investorId, 'uuid')}
      AND distributor_id IS NOT DISTINCT FROM ${statement.param(wallet.distributorId, 'uuid')} AND status = 'VERIFIED' AND NOT frozen)`;
  }

  /**
   * A SQL expression, for a statement of another module that lists addresses (the holder
   * register): the investor of the address `addressSql` gives, by its latest binding; NULL for an
   * address never bound. One index probe per row, never a list of every address.
   */
  investorOfAddressSql(addressSql: string): string {
    return `(SELECT w.investor_id FROM wallets w WHERE w.address = ${addressSql} ORDER BY w.created_at DESC, w.id DESC LIMIT 1)`;
  }

  /** The wallet bound at each address (the latest binding when an address was bound again). */
  async walletsByAddress(addresses: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, { id: string; investorId: string }>> {
    if (addresses.length === 0) return new Map();
    // One array parameter, never an IN list of one parameter per address (Postgres allows 65,535 per statement).
    const wallets = await manager.getRepository(WalletEntity).find({ where: { address: Raw((column) => `${column} = ANY(:addresses)`, { addresses: [...addresses] }) as never }, order: { createdAt: 'ASC' } });
    return new Map(wallets.map((wallet) => [wallet.address, { id: wallet.id, investorId: wallet.investorId }]));
  }

  /** A SQL expression, for a statement assembled by a hot path: the address of the wallet whose id `walletIdSql` gives. */
  addressSql(walletIdSql: string): string {
    return `(SELECT address FROM wallets WHERE id = ${walletIdSql})`;
  }

  /**
   * A SQL expression, for a statement of a step that moves value: the wallet's address, status and
   * freeze as JSON (`{address, status, frozen}`), read in that statement.
   */
  stateSql(walletIdSql: string): string {
    return `(SELECT json_build_object('address', address, 'status', status, 'frozen', frozen) FROM wallets WHERE id = ${walletIdSql})`;
  }

  async findById(manager: EntityManager, walletId: string): Promise<WalletEntity | null> {
    return manager.findOneBy(WalletEntity, { id: walletId });
  }

  /** Moves a wallet along its state machine with its audit row, in the caller's transaction. */
  async transition(manager: EntityManager, wallet: WalletEntity, to: WalletStatus, reason: string, actor: string, changes: Partial<WalletEntity> = {}): Promise<void> {
    assertTransition(WALLET_STATE_MACHINE, wallet.status, to);
    await manager.update(WalletEntity, { id: wallet.id }, { ...changes, status: to });
    await this.audit.record(manager, { entityType: 'wallet', entityId: wallet.id, action: 'status-changed', fromStatus: wallet.status, toStatus: to, actor, reason });
    wallet.status = to;
    await this.events.emit(manager, walletEvent(Object.assign(new WalletEntity(), wallet, changes)));
  }

  map(wallet: WalletEntity): WalletResponseDto {
    return walletView(wallet);
  }


  private async onAlertDecided(manager: EntityManager, walletId: string, outcome: AlertOutcome, actor: string): Promise<void> {
    const wallet = await manager.findOneOrFail(WalletEntity, { where: { id: walletId }, lock: { mode: 'pessimistic_write' } });
    if (wallet.status === WalletStatus.VERIFIED) return this.onHolderAlertDecided(manager, wallet, outcome, actor);
    if (wallet.status !== WalletStatus.PENDING_REVIEW) return;
    if (outcome === 'CONFIRMED') {
      await this.transition(manager, wallet, WalletStatus.REJECTED, 'KYT alert confirmed', actor);
      // Registered while its review was open (the alert came after the registration was sent).
      if (wallet.onchain === OnchainRegistration.REGISTERED) await this.outbox.add(manager, { name: JobName.REMOVE_WALLET, data: { walletId } });
    } else if (wallet.onchain === OnchainRegistration.REGISTERED) {
      if (!(await this.kyt.hasOpenAlert(manager, AlertSubjectType.WALLET, walletId))) await this.transition(manager, wallet, WalletStatus.VERIFIED, 'KYT alert cleared; registered on chain', actor);
    } else {
      // Cleared: the wallet turns VERIFIED once its registration is confirmed on chain.
      await this.outbox.add(manager, { name: JobName.REGISTER_WALLET, data: { walletId } });
    }
  }

  /** The external part of screening a held wallet again, before any lock (undefined when it is gone or no longer held). */
  private async prescreenHeld(walletId: string): Promise<PrescreenedAddresses> {
    const wallet = await this.dataSource.getRepository(WalletEntity).findOneBy({ id: walletId });
    if (!wallet || wallet.status !== WalletStatus.PENDING_REVIEW) return undefined;
    return this.kyt.prescreenAddresses([wallet.address]);
  }

  /** A wallet held for review, screened again (its alert was raised because no provider answered). */
  private async rescreen(manager: EntityManager, walletId: string, prescreened: PrescreenedAddresses) {
    const wallet = await manager.findOne(WalletEntity, { where: { id: walletId }, lock: { mode: 'pessimistic_write' } });
    if (!wallet || wallet.status !== WalletStatus.PENDING_REVIEW) return null;
    return this.kyt.screenAddresses(manager, [wallet.address], prescreened);
  }

  /**
   * A registered wallet may hold units: CONFIRM freezes it on chain (if it is not already) for good;
   * CLEAR lifts only a freeze put on pending review, once no other alert holds the wallet. An
   * officer's freeze stays: frozen stays frozen until an officer unfreezes it.
   */
  private async onHolderAlertDecided(manager: EntityManager, wallet: WalletEntity, outcome: AlertOutcome, actor: string): Promise<void> {
    if (outcome === 'CONFIRMED' && !wallet.frozen) await this.freezes.apply(manager, wallet, { frozen: true, units: wallet.frozenUnits }, 'KYT alert confirmed', actor);
    else if (outcome === 'CONFIRMED' && wallet.frozenPendingReview) {
      await manager.update(WalletEntity, { id: wallet.id }, { frozenPendingReview: false });
      await this.audit.record(manager, { entityType: 'wallet', entityId: wallet.id, action: 'freeze-confirmed', actor, reason: 'KYT alert confirmed' });
    }
    if (outcome === 'CLEARED' && wallet.frozen && wallet.frozenPendingReview && !(await this.kyt.hasOpenAlert(manager, AlertSubjectType.WALLET, wallet.id))) {
      await this.freezes.apply(manager, wallet, { frozen: false, units: wallet.frozenUnits }, 'KYT alert cleared', actor);
    }
  }

  /** In the transaction of an investor change: every registered wallet's identity follows by a job. */
  private async followInvestor(manager: EntityManager, investor: InvestorEntity): Promise<void> {
    const wallets = await manager.find(WalletEntity, {
      where: { investorId: investor.id, onchain: OnchainRegistration.REGISTERED, status: In([WalletStatus.PENDING_REVIEW, WalletStatus.VERIFIED]) },
      select: { id: true },
    });
    for (const wallet of wallets) {
      await this.outbox.add(manager, { name: JobName.SYNC_WALLET_IDENTITY, data: { walletId: wallet.id, version: investor.registryVersion } });
    }
  }

  /** FAILED if the chain refused an update of a live wallet; PENDING while a registration or an update is on its way. */
  private async registrySyncOf(manager: EntityManager, investor: InvestorEntity): Promise<RegistrySync> {
    const [state] = (await manager.query(
      `SELECT bool_or(onchain = 'REGISTERED' AND identity_sync_error IS NOT NULL) AS failed,
              bool_or((onchain = 'REGISTERED' AND identity_version < $2) OR (onchain = 'PENDING' AND status = 'PENDING_SCREENING')) AS pending
       FROM wallets WHERE investor_id = $1 AND status IN ('PENDING_SCREENING', 'PENDING_REVIEW', 'VERIFIED')`,
      [investor.id, investor.registryVersion],
    )) as { failed: boolean | null; pending: boolean | null }[];
    return state?.failed ? RegistrySync.FAILED : state?.pending ? RegistrySync.PENDING : RegistrySync.SYNCED;
  }

  /**
   * Blocklist changed: bound wallets at newly listed addresses are held. A holder's wallet (units
   * in any ACTIVE fund) gets a SEVERE alert and is frozen on chain at once, pending review. Any
   * other wallet gets a HIGH alert: one still being screened waits for review; a registered one
   * without units has every new order held by order screening (a blocklist hit) until decided.
   */
  private async rescreenListed(manager: EntityManager, listed: readonly ListedAddress[], actor: string, holders: ReadonlySet<string>): Promise<void> {
    const byAddress = new Map(listed.map((entry) => [entry.address, entry]));
    const wallets = await manager.find(WalletEntity, {
      where: { address: Raw((column) => `${column} = ANY(:addresses)`, { addresses: [...byAddress.keys()] }), status: In([WalletStatus.PENDING_SCREENING, WalletStatus.PENDING_REVIEW, WalletStatus.VERIFIED]) },
      lock: { mode: 'pessimistic_write' },
    });
    for (const wallet of wallets) {
      const entry = byAddress.get(wallet.address)!;
      const holder = wallet.status === WalletStatus.VERIFIED && holders.has(wallet.address.toLowerCase());
      await this.kyt.raiseAlert(manager, AlertSubjectType.WALLET, wallet.id, {
        clean: false,
        severity: holder ? AlertSeverity.SEVERE : AlertSeverity.HIGH,
        score: 100,
        reasons: [{ code: KytReasonCode.BLOCKLIST_MATCH, message: `${wallet.address} was blocklisted (${entry.source}): ${entry.reason}` }],
      });
      if (holder && !wallet.frozen) {
        await this.freezes.apply(manager, wallet, { frozen: true, units: wallet.frozenUnits, pendingReview: true }, `blocklisted (${entry.source}); frozen pending review`, actor);
      } else if (wallet.status === WalletStatus.PENDING_SCREENING) {
        await this.transition(manager, wallet, WalletStatus.PENDING_REVIEW, 'KYT alert raised: blocklisted', actor);
      }
    }
  }

  /**
   * Before the listing transaction: which of these addresses belong to a VERIFIED bound wallet that
   * holds units (read from the chain, so never under a row lock). Lower case.
   */
  private async holdersAmong(addresses: readonly `0x${string}`[]): Promise<ReadonlySet<string>> {
    const holders = new Set<string>();
    // Stored as the blocklist stores them (rescreenListed matches them exactly).
    const candidates = [...new Set(addresses)];
    for (let start = 0; start < candidates.length; start += HOLDER_LOOKUP_CHUNK) {
      const wallets = await this.dataSource.getRepository(WalletEntity).find({
        where: { address: In(candidates.slice(start, start + HOLDER_LOOKUP_CHUNK)), status: WalletStatus.VERIFIED },
        select: { address: true },
      });
      for (const wallet of wallets) if (await this.units.holdsUnits(wallet.address)) holders.add(wallet.address.toLowerCase());
    }
    return holders;
  }

  private assertChallengeUsable(challenge: WalletChallengeEntity): void {
    if (challenge.usedAt) throw new WalletsException(WalletsErrorCode.CHALLENGE_USED, 'This challenge was already used; ask for a new one');
    if (challenge.expiresAt.getTime() <= Date.now()) throw new WalletsException(WalletsErrorCode.CHALLENGE_EXPIRED, 'This challenge has expired; ask for a new one');
  }

  /** EOA signatures (EIP-191) and contract wallets (EIP-1271, and ERC-6492 before deployment). */
  private async signatureMatches(challenge: WalletChallengeEntity, signature: Hex): Promise<boolean> {
    try {
      return await this.clients.publicClient.verifyMessage({ address: challenge.address, message: challenge.message, signature });
    } catch {
      // A malformed signature is a signature that does not match.
      return false;
    }
  }
}
