import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { encodeDeployData, encodeFunctionData, getAddress, type Address, type Hex } from 'viem';
import type { DataSource } from 'typeorm';
import { auditAnchorAbi, auditAnchorBytecode, ChainClients, ChainErrorCode, ChainException, TransactionManager } from '@rwa/chain';
import { AppConfig } from '@rwa/config';
import { AuditEventEntity } from '../audit-event.entity.js';
import { AuditChainCheck, type AuditChainHead, type BrokenAuditRow } from '../audit-verifier.js';
import { ALL_AUDIT_CHAINS, AuditAnchorReader } from './audit-anchor-reader.js';
import { AuditAnchorContractEntity, AuditAnchorEntity } from './audit-anchor.entity.js';

/** One anchoring pass at a time across processes (the transaction itself is exactly-once by its intent key). */
const AUDIT_ANCHOR_LOCK = 7_240_420;
/** Rows checked per chain and pass: a long backlog is anchored over several passes. */
const MAX_ROWS_PER_CHAIN = 20_000;

/** What one anchoring pass did. */
export interface AuditAnchorPass {
  /** The chains whose heads were anchored (or whose pending anchoring was completed). */
  anchored: number[];
  /** Chains that were not anchored because their rows no longer extend the anchored head. */
  refused: BrokenAuditRow[];
}

/**
 * Anchors each chain's head (position and seal) in the AuditAnchor contract, outside the database.
 *
 * A head is anchored only if it extends the head anchored before: the row at the anchored position
 * still carries the anchored seal, and every row after it checks (AuditChainCheck). A chain whose
 * tail was cut or rewritten is therefore never anchored again (the contract would refuse a lower
 * position or another hash at the same one anyway); it is logged as an error and verification
 * reports it. Each anchoring is an intent row written before its transaction, sent through the
 * TransactionManager under the intent key `audit-anchor-<id>`: exactly once, with the signer's
 * nonce rules, resumed after a crash.
 */
@Injectable()
export class AuditAnchorService {
  private readonly logger = new Logger(AuditAnchorService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clients: ChainClients,
    private readonly transactions: TransactionManager,
    private readonly reader: AuditAnchorReader,
    private readonly config: AppConfig,
  ) {}

  /** The AuditAnchor contract of the configured chain, deployed (once, as an intent) if there is none. */
  async ensureContract(): Promise<Address> {
    const recorded = await this.reader.contractAddress();
    if (recorded) return recorded;
    const receipt = await this.transactions.execute('platform-audit-anchor', { data: encodeDeployData({ abi: auditAnchorAbi, bytecode: auditAnchorBytecode }) });
    if (!receipt.contractAddress) throw new Error('The AuditAnchor deployment produced no contract address');
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(AuditAnchorContractEntity)
      .values({ chainId: this.clients.chain.id, address: getAddress(receipt.contractAddress) })
      .orIgnore()
      .execute();
    this.logger.log(`AuditAnchor contract on chain ${this.clients.chain.id}: ${receipt.contractAddress}`);
    return (await this.reader.contractAddress())!;
  }

  /**
   * One pass: completes a pending anchoring, or anchors every chain whose sealed head moved past
   * the anchored one. Throws on RPC trouble (the next pass tries again).
   */
  async anchorHeads(): Promise<AuditAnchorPass> {
    // One pass at a time across processes; a pass that finds another running skips (the other one
    // anchors the same heads). A session lock on a connection of its own: no transaction stays
    // open while the chain is called.
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [AUDIT_ANCHOR_LOCK])) as [{ locked: boolean }];
      if (!locked) return { anchored: [], refused: [] };
      try {
        return await this.anchorUnderLock();
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [AUDIT_ANCHOR_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }

  private async anchorUnderLock(): Promise<AuditAnchorPass> {
    const address = await this.ensureContract();
    const pending = await this.pendingAnchor();
    if (pending) return { anchored: await this.send(address, pending), refused: [] };

    const anchored = await this.reader.headsAt(address);
    const refused: BrokenAuditRow[] = [];
    const moved: { chain: number; head: AuditChainHead }[] = [];
    for (const chain of ALL_AUDIT_CHAINS) {
      const outcome = await this.extension(chain, anchored.get(chain) ?? null);
      if ('broken' in outcome) refused.push(outcome.broken);
      else if (outcome.head) moved.push({ chain, head: outcome.head });
    }
    for (const broken of refused) {
      this.logger.error(
        `Audit chain ${broken.chain} no longer extends its anchored head (${broken.problem} at position ${broken.position}): not anchored; run npm run audit:verify`,
      );
    }
    if (moved.length === 0) return { anchored: [], refused };
    const intent = await this.createIntent(moved);
    return { anchored: intent ? await this.send(address, intent) : [], refused };
  }

  /**
   * The new head of `chain` if its sealed rows move past `anchored` and check from there, nothing if
   * they do not move, or the problem that stops it from being anchored.
   */
  private async extension(chain: number, anchored: AuditChainHead | null): Promise<{ head: AuditChainHead | null } | { broken: BrokenAuditRow }> {
    const repository = this.dataSource.getRepository(AuditEventEntity);
    const from = anchored ?? undefined;
    if (anchored) {
      const row = await repository.findOneBy({ chain, chainPos: anchored.position.toString() });
      if (!row || row.hash !== anchored.hash) {
        return {
          broken: {
            chain,
            position: anchored.position.toString(),
            seq: row?.seq ?? null,
            id: row?.id ?? null,
            problem: row ? 'ANCHOR_MISMATCH' : 'TAIL_MISSING',
            expected: anchored.hash,
            found: row?.hash ?? null,
          },
        };
      }
    }
    const rows = await repository
      .createQueryBuilder('event')
      .where('event.chain = :chain AND event.chain_pos > :pos', { chain, pos: (anchored?.position ?? 0n).toString() })
      .orderBy('event.chain_pos', 'ASC')
      .limit(MAX_ROWS_PER_CHAIN)
      .getMany();
    if (rows.length === 0) return { head: null };
    const check = new AuditChainCheck(this.config.audit.sealKey, chain, from);
    for (const row of rows) {
      const broken = check.next(row);
      if (broken) return { broken };
    }
    return { head: check.head };
  }

  private async pendingAnchor(): Promise<AuditAnchorEntity | null> {
    return this.dataSource.getRepository(AuditAnchorEntity).findOne({ where: { chainId: this.clients.chain.id, status: 'PENDING' }, order: { id: 'ASC' } });
  }

  /** Records the intent (before anything is sent), unless one is pending already (that one goes first). */
  private async createIntent(moved: { chain: number; head: AuditChainHead }[]): Promise<AuditAnchorEntity | null> {
    return this.dataSource.transaction(async (manager) => {
      if (await manager.existsBy(AuditAnchorEntity, { chainId: this.clients.chain.id, status: 'PENDING' })) return null;
      const intent = manager.create(AuditAnchorEntity, {
        chainId: this.clients.chain.id,
        chains: moved.map((entry) => entry.chain),
        positions: moved.map((entry) => entry.head.position.toString()),
        hashes: moved.map((entry) => entry.head.hash),
        status: 'PENDING',
        txHash: null,
        blockNumber: null,
        error: null,
        anchoredAt: null,
      });
      await manager.insert(AuditAnchorEntity, intent);
      return intent;
    });
  }

  /** Sends the intent's transaction (or waits for the one sent before) and records the outcome. */
  private async send(address: Address, intent: AuditAnchorEntity): Promise<number[]> {
    const data = encodeFunctionData({
      abi: auditAnchorAbi,
      functionName: 'anchor',
      args: [intent.chains.map(Number), intent.positions.map((position) => BigInt(position)), intent.hashes.map((hash) => `0x${hash}` as Hex)],
    });
    const repository = this.dataSource.getRepository(AuditAnchorEntity);
    try {
      const receipt = await this.transactions.execute(`audit-anchor-${intent.id}`, { to: address, data });
      await repository.update({ id: intent.id }, { status: 'ANCHORED', txHash: receipt.transactionHash, blockNumber: String(receipt.blockNumber), anchoredAt: new Date() });
      return intent.chains.map(Number);
    } catch (error) {
      if (!(error instanceof ChainException) || error.code !== ChainErrorCode.CONTRACT_REVERTED) throw error;
      // The contract refused: a head moved back or changed under an anchored one (the checks above
      // make that a tampered trail, or two databases anchoring with one signer).
      this.logger.error(`Anchoring ${intent.id} was refused by the AuditAnchor contract: ${error.message}`);
      await repository.update({ id: intent.id }, { status: 'FAILED', error: error.message });
      return [];
    }
  }
}
