import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { keccak256, parseTransaction, TransactionReceiptNotFoundError, type Address, type Hex, type TransactionReceipt } from 'viem';
import type { DataSource, EntityManager } from 'typeorm';
import { PlatformMetrics, type ReplacementReason } from '@rwa/metrics';
import { ChainClients } from './chain-clients.js';
import { ChainTransactionAttemptEntity, ChainTransactionEntity } from './chain-transaction.entity.js';
import { ChainErrorCode, ChainException } from './chain.exception.js';
import { decodeRevert } from './revert-decoder.js';
import { classifyRpcError, RpcErrorKind } from './rpc-errors.js';
import { SignerNonceLease } from './signer-nonce-lease.js';

/** A call to send: `to` absent means a contract deployment. */
export interface TransactionRequest {
  to?: Address;
  data: Hex;
}

/** Thrown when a transaction is not yet final; the job retries it later with the same bytes. */
export class TransactionPendingError extends Error {
  constructor(
    message: string,
    /** Why the last broadcast failed, when that is the reason. */
    readonly kind?: RpcErrorKind,
  ) {
    super(message);
  }
}

const GAS_HEADROOM_PERCENT = 125n;
const BROADCAST_ATTEMPTS = 5;
/** Shortest receipt wait, so a replacement that is due is never sent before looking for a receipt. */
const MIN_WAIT_MS = 200;
/** Gas of a plain value transfer: what a nonce-gap filler costs. */
const TRANSFER_GAS = 21_000n;

interface Fees {
  maxFeePerGas: bigint;
  maxPriorityFeePerGas: bigint;
}

/**
 * Sends each business intent to the chain exactly once.
 *
 * - Nonces are allocated per (chain, signer) under a SignerNonceLease (a Postgres advisory lock),
 *   so several worker processes never hand out the same nonce.
 * - The signed bytes are persisted before they are broadcast; a retry (after a crash, a lost
 *   job, a timeout) re-broadcasts the same bytes or reads the receipt, and never signs again.
 * - A transaction not mined within `replaceAfterMs` is replaced at the same nonce with higher
 *   fees; every attempt is recorded and whichever is mined counts.
 * - It is confirmed only at the configured depth; a receipt that disappears (reorg) puts it back
 *   to SUBMITTED and its bytes are sent again.
 * - RPC errors are classified by type (rpc-errors.ts); a revert is decoded into the contract's
 *   custom error and fails permanently.
 * - A CONFIRMED record is never trusted blindly: if the chain no longer has its receipt (a reorg
 *   deeper than the confirmations, or a node that lost its state, so the chain no longer counts its
 *   nonce), the same bytes are sent again and the receipt wait decides (a revert then fails the
 *   intent). The gap filler does the same for every nonce the chain stopped counting.
 */
@Injectable()
export class TransactionManager {
  private readonly logger = new Logger(TransactionManager.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clients: ChainClients,
    @Optional() private readonly metrics?: PlatformMetrics,
  ) {}

  /** The transaction recorded for an intent, if any. */
  async findByIntent(intentKey: string): Promise<ChainTransactionEntity | null> {
    return this.dataSource.getRepository(ChainTransactionEntity).findOneBy({ chainId: this.clients.chain.id, intentKey });
  }

  /** Every signed attempt of a transaction, newest first. */
  async attemptsOf(record: ChainTransactionEntity): Promise<ChainTransactionAttemptEntity[]> {
    return this.dataSource.getRepository(ChainTransactionAttemptEntity).find({ where: { transactionId: record.id }, order: { createdAt: 'DESC' } });
  }

  /**
   * Executes `request` for `intentKey` and returns its receipt once it has the configured
   * number of confirmations. Safe to call any number of times for the same intent.
   * @throws ChainException CONTRACT_REVERTED when the contract refuses (permanent)
   * @throws TransactionPendingError or an RPC error when it should be retried later
   */
  async execute(intentKey: string, request: TransactionRequest): Promise<TransactionReceipt> {
    let record = (await this.findByIntent(intentKey)) ?? (await this.signAndSend(intentKey, request));
    if (record.status === 'REVERTED') {
      throw new ChainException(ChainErrorCode.CONTRACT_REVERTED, `Transaction ${record.hash} for ${intentKey} reverted`, record.error ?? undefined);
    }
    if (record.status === 'CONFIRMED') record = await this.recheckConfirmed(record);
    if (record.status === 'SIGNED' || record.status === 'SUBMITTED') record = await this.broadcast(record, { mayResign: true });
    return this.awaitConfirmation(record);
  }

  /**
   * A CONFIRMED record whose receipt the chain no longer has is SUBMITTED again (its bytes go out
   * again: the nonce is free on the chain that lost it, or, if another transaction took it, the
   * broadcast's "nonce too low" signs the intent again at a fresh nonce).
   */
  private async recheckConfirmed(record: ChainTransactionEntity): Promise<ChainTransactionEntity> {
    if (await this.findMinedReceipt(record)) return record;
    this.logger.warn(`Confirmed ${record.hash} (${record.intentKey}, nonce ${record.nonce}) is no longer on chain; sending it again`);
    this.metrics?.transactionsReorged.inc();
    const changes = { status: 'SUBMITTED' as const, blockNumber: null, blockHash: null };
    await this.dataSource.getRepository(ChainTransactionEntity).update({ id: record.id, status: 'CONFIRMED' }, changes);
    return Object.assign(record, changes);
  }

  private async signAndSend(intentKey: string, request: TransactionRequest): Promise<ChainTransactionEntity> {
    const { publicClient, signer } = this.clients;
    let gas: bigint;
    try {
      gas = await publicClient.estimateGas({ account: signer, to: request.to, data: request.data });
    } catch (error) {
      const { kind, revert } = classifyRpcError(error);
      if (kind === RpcErrorKind.REVERTED) {
        // A caller racing this one may have sent the intent since it was looked for, and its mined
        // transaction be why this call would now revert: that record is the answer, not a refusal.
        const sent = await this.findByIntent(intentKey);
        if (sent) return sent;
        this.metrics?.transactionsFailed.inc();
        throw new ChainException(ChainErrorCode.CONTRACT_REVERTED, `${intentKey} would revert with ${revert!.errorName}`, revert!.errorName);
      }
      throw error;
    }
    const fees = await publicClient.estimateFeesPerGas();
    return this.withLease(async (lease) => {
      const existing = await this.findByIntent(intentKey);
      if (existing) return existing;
      const nonce = await lease.allocate(await publicClient.getTransactionCount({ address: signer.address, blockTag: 'pending' }));
      const record = await this.persistNew(lease, intentKey, { to: request.to, data: request.data, gas: (gas * GAS_HEADROOM_PERCENT) / 100n, nonce, fees });
      this.metrics?.transactionsSubmitted.inc();
      // One broadcast while still holding the lease, so transactions reach the node in nonce order
      // (an automining node rejects a nonce ahead of the next one). If a lower nonce of ours never
      // reached the node, send it (and everything after it, this one included) now, in order. Any
      // other failure leaves the record SIGNED: execute() retries the broadcast outside the lease,
      // so a struggling node does not hold up every other sender.
      try {
        return await this.broadcast(record, { mayResign: false, attempts: 1 });
      } catch (error) {
        if (!(error instanceof TransactionPendingError)) throw error;
        if (error.kind === RpcErrorKind.NONCE_TOO_HIGH) await this.fillGapsUnderLease(lease).catch(() => undefined);
        return record;
      }
    });
  }

  /** Signs at `nonce` and persists the record, its first attempt and the spent nonce in one transaction. */
  private async persistNew(
    lease: SignerNonceLease,
    intentKey: string,
    call: { to?: Address | null; data?: Hex; value?: bigint; gas: bigint; nonce: number; fees: Fees },
  ): Promise<ChainTransactionEntity> {
    const rawTransaction = await this.sign(call);
    const record = this.dataSource.manager.create(ChainTransactionEntity, {
      id: randomUUID(),
      intentKey,
      chainId: this.clients.chain.id,
      signer: this.clients.signer.address,
      nonce: String(call.nonce),
      hash: keccak256(rawTransaction),
      rawTransaction,
      status: 'SIGNED',
      blockNumber: null,
      blockHash: null,
      error: null,
      sentAt: null,
      replacements: 0,
    });
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(ChainTransactionEntity, record);
      await this.insertAttempt(manager, record);
      await lease.markUsed(manager, call.nonce);
    });
    return record;
  }

  private async sign(call: { to?: Address | null; data?: Hex; value?: bigint; gas: bigint; nonce: number; fees: Fees }): Promise<Hex> {
    return this.clients.signer.signTransaction({
      chainId: this.clients.chain.id,
      type: 'eip1559',
      to: call.to ?? null,
      data: call.data,
      value: call.value,
      nonce: call.nonce,
      gas: call.gas,
      maxFeePerGas: call.fees.maxFeePerGas,
      maxPriorityFeePerGas: call.fees.maxPriorityFeePerGas,
    });
  }

  private async insertAttempt(manager: EntityManager, record: ChainTransactionEntity): Promise<void> {
    await manager.query('INSERT INTO chain_transaction_attempts (hash, transaction_id, raw_transaction) VALUES ($1, $2, $3) ON CONFLICT (hash) DO NOTHING', [
      record.hash,
      record.id,
      record.rawTransaction,
    ]);
  }

  /**
   * Sends the current attempt's bytes. A node that already knows them (or an earlier attempt) is
   * fine. Too low a fee is answered with a replacement; a nonce used by someone else with a fresh
   * nonce (only when `mayResign`: never while holding the lease, which resigning takes).
   */
  private async broadcast(record: ChainTransactionEntity, options: { mayResign: boolean; attempts?: number }): Promise<ChainTransactionEntity> {
    const { publicClient } = this.clients;
    const attempts = options.attempts ?? BROADCAST_ATTEMPTS;
    for (let attempt = 1; ; attempt++) {
      try {
        await publicClient.sendRawTransaction({ serializedTransaction: record.rawTransaction });
        return this.markSent(record);
      } catch (error) {
        // Already mined or already in the pool: the receipt wait settles it.
        if (await this.anyAttemptKnown(record)) return this.markSent(record);
        const { kind } = classifyRpcError(error);
        if (kind === RpcErrorKind.NONCE_TOO_LOW && options.mayResign) return this.resynchronise(record);
        if (kind === RpcErrorKind.UNDERPRICED && attempt < attempts) {
          record = await this.replace(record, 'underpriced');
          continue;
        }
        if (attempt >= attempts) {
          if (attempts > 1) this.logger.warn(`Broadcast of ${record.hash} (${record.intentKey}, nonce ${record.nonce}) failed (${kind}): ${(error as Error).message.split('\n')[0]}`);
          throw new TransactionPendingError(`Transaction ${record.hash} could not be broadcast yet (${kind})`, kind);
        }
        // Outside the lease, a lower nonce that never reached the node is sent by the gap filler
        // now rather than at its next periodic run.
        if (kind === RpcErrorKind.NONCE_TOO_HIGH && options.mayResign && attempt === 2) await this.fillNonceGaps().catch(() => undefined);
        // NONCE_TOO_HIGH: a lower nonce of ours is still on its way (several workers); TIMEOUT and
        // UNAVAILABLE: the node is struggling. Both: back off and try again.
        await sleep(100 * 2 ** (attempt - 1));
      }
    }
  }

  private async markSent(record: ChainTransactionEntity): Promise<ChainTransactionEntity> {
    const status = record.status === 'SIGNED' ? 'SUBMITTED' : record.status;
    const sentAt = new Date();
    await this.dataSource.getRepository(ChainTransactionEntity).update({ id: record.id }, { status, sentAt });
    return Object.assign(record, { status, sentAt });
  }

  private async anyAttemptKnown(record: ChainTransactionEntity): Promise<boolean> {
    for (const hash of await this.hashesOf(record)) {
      const known = await this.clients.publicClient.getTransaction({ hash }).catch(() => undefined);
      if (known) return true;
    }
    return false;
  }

  private async hashesOf(record: ChainTransactionEntity): Promise<Hex[]> {
    const hashes = (await this.attemptsOf(record)).map((attempt) => attempt.hash);
    return hashes.includes(record.hash) ? hashes : [record.hash, ...hashes];
  }

  /**
   * "Nonce too low" and none of our attempts is known. If the chain has really moved past our
   * nonce and none of our attempts was mined there, another sender used it: our bytes can never be
   * mined, so the intent is signed again at a fresh nonce (its old attempts stay recorded; the
   * token's reference guard would stop a double effect even then). Otherwise it is a passing state.
   */
  private async resynchronise(record: ChainTransactionEntity): Promise<ChainTransactionEntity> {
    const { publicClient, signer } = this.clients;
    const mined = await publicClient.getTransactionCount({ address: signer.address, blockTag: 'latest' });
    if (mined <= Number(record.nonce) || (await this.findMinedReceipt(record))) return record;
    return this.withLease(async (lease) => {
      const current = (await this.findByIntent(record.intentKey))!;
      if (current.hash !== record.hash) return current;
      const parsed = parseTransaction(current.rawTransaction);
      const nonce = await lease.allocate(await publicClient.getTransactionCount({ address: signer.address, blockTag: 'pending' }));
      const rawTransaction = await this.sign({ to: parsed.to, data: parsed.data, value: parsed.value, gas: parsed.gas!, nonce, fees: await this.clients.publicClient.estimateFeesPerGas() });
      const changes = { nonce: String(nonce), hash: keccak256(rawTransaction), rawTransaction, status: 'SIGNED' as const, blockNumber: null, blockHash: null, sentAt: null };
      await this.dataSource.transaction(async (manager) => {
        await manager.update(ChainTransactionEntity, { id: current.id }, changes);
        await this.insertAttempt(manager, Object.assign(current, changes));
        await lease.markUsed(manager, nonce);
      });
      this.logger.warn(`Nonce ${record.nonce} of ${record.intentKey} was used by another sender; signed again at nonce ${nonce}`);
      return this.broadcast(current, { mayResign: false });
    });
  }

  /**
   * Signs the same call at the same nonce with higher fees (at least `feeBumpPercent` more on both
   * caps, which nodes require to accept a replacement, and never below the current estimate) and
   * records it before it is sent. If another process replaced it first, that one is used.
   */
  private async replace(record: ChainTransactionEntity, reason: ReplacementReason): Promise<ChainTransactionEntity> {
    const parsed = parseTransaction(record.rawTransaction);
    const estimate = await this.clients.publicClient.estimateFeesPerGas();
    const bump = (value: bigint | undefined) => ((value ?? 0n) * BigInt(100 + this.clients.policy.feeBumpPercent) + 99n) / 100n;
    const maxPriorityFeePerGas = max(bump(parsed.maxPriorityFeePerGas), estimate.maxPriorityFeePerGas);
    const maxFeePerGas = max(bump(parsed.maxFeePerGas), estimate.maxFeePerGas, maxPriorityFeePerGas);
    const rawTransaction = await this.sign({ to: parsed.to, data: parsed.data, value: parsed.value, gas: parsed.gas!, nonce: Number(record.nonce), fees: { maxFeePerGas, maxPriorityFeePerGas } });
    const hash = keccak256(rawTransaction);
    const replaced = await this.dataSource.transaction(async (manager) => {
      const result = await manager.update(ChainTransactionEntity, { id: record.id, hash: record.hash }, { hash, rawTransaction, replacements: record.replacements + 1, sentAt: null });
      if (!result.affected) return false;
      await this.insertAttempt(manager, { ...record, hash, rawTransaction });
      return true;
    });
    if (!replaced) return (await this.findByIntent(record.intentKey))!;
    this.metrics?.transactionsReplaced.inc({ reason });
    this.logger.warn(`Replaced ${record.hash} (${record.intentKey}, nonce ${record.nonce}, ${reason}) by ${hash} at max fee ${maxFeePerGas}`);
    return Object.assign(record, { hash, rawTransaction, replacements: record.replacements + 1, sentAt: null });
  }

  /**
   * Waits for any attempt to be mined, replaces the transaction if that takes longer than
   * `replaceAfterMs`, then waits for the configured depth while checking the receipt stays in the
   * canonical chain: if it disappears, the transaction is back to SUBMITTED and sent again.
   */
  private async awaitConfirmation(record: ChainTransactionEntity): Promise<TransactionReceipt> {
    const { publicClient, policy } = this.clients;
    const deadline = Date.now() + policy.receiptTimeoutMs;
    for (;;) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new TransactionPendingError(`No confirmed receipt for ${record.hash} (${record.intentKey}) yet`);
      let receipt: TransactionReceipt | null;
      try {
        const untilReplacement = record.sentAt ? record.sentAt.getTime() + policy.replaceAfterMs - Date.now() : policy.replaceAfterMs;
        receipt = await publicClient.waitForTransactionReceipt({ hash: record.hash, confirmations: 1, timeout: Math.max(MIN_WAIT_MS, Math.min(remaining, untilReplacement)) });
      } catch (error) {
        if (classifyRpcError(error).kind !== RpcErrorKind.TIMEOUT) {
          throw new TransactionPendingError(`No confirmed receipt for ${record.hash} yet: ${(error as Error).message.split('\n')[0]}`);
        }
        // An earlier attempt (before a replacement) may be the one mined.
        receipt = await this.findMinedReceipt(record).catch(() => null);
        if (!receipt) {
          if (record.status !== 'CONFIRMED' && Date.now() - (record.sentAt?.getTime() ?? 0) >= policy.replaceAfterMs && Date.now() < deadline) {
            record = await this.broadcast(await this.replace(record, 'timeout'), { mayResign: true });
          }
          continue;
        }
      }
      if (receipt.status === 'reverted') return this.failReverted(record, receipt);
      record = await this.recordMined(record, receipt);
      const confirmed = await this.awaitDepth(record, receipt, deadline);
      if (confirmed) {
        if (record.status !== 'CONFIRMED') {
          await this.dataSource.getRepository(ChainTransactionEntity).update({ id: record.id }, { status: 'CONFIRMED', blockNumber: String(confirmed.blockNumber), blockHash: confirmed.blockHash });
          record.status = 'CONFIRMED';
          this.metrics?.transactionsConfirmed.inc();
        }
        return confirmed;
      }
      // Reorged away before reaching depth: back to SUBMITTED, the same bytes go out again.
      this.logger.warn(`Receipt of ${record.hash} (${record.intentKey}) disappeared in a reorg; sending it again`);
      this.metrics?.transactionsReorged.inc();
      await this.dataSource.getRepository(ChainTransactionEntity).update({ id: record.id }, { status: 'SUBMITTED', blockNumber: null, blockHash: null });
      Object.assign(record, { status: 'SUBMITTED', blockNumber: null, blockHash: null });
      record = await this.broadcast(record, { mayResign: true });
    }
  }

  /**
   * Polls until the receipt is `confirmations` deep. Returns the receipt then, or null if it left
   * the canonical chain. Throws TransactionPendingError at the deadline.
   */
  private async awaitDepth(record: ChainTransactionEntity, receipt: TransactionReceipt, deadline: number): Promise<TransactionReceipt | null> {
    const { publicClient, policy } = this.clients;
    for (;;) {
      const current = await this.receiptOf(receipt.transactionHash);
      if (!current) return null;
      if (current.blockHash !== receipt.blockHash) {
        // Re-mined in another block (reorg and re-inclusion): count the depth from there.
        receipt = current;
        record = await this.recordMined(record, current);
      }
      const head = await publicClient.getBlockNumber({ cacheTime: 0 });
      if (head - current.blockNumber + 1n >= BigInt(policy.confirmations)) return current;
      if (Date.now() >= deadline) throw new TransactionPendingError(`${record.hash} (${record.intentKey}) has not reached ${policy.confirmations} confirmations yet`);
      await sleep(publicClient.pollingInterval);
    }
  }

  private async receiptOf(hash: Hex): Promise<TransactionReceipt | null> {
    try {
      return await this.clients.publicClient.getTransactionReceipt({ hash });
    } catch (error) {
      if (error instanceof TransactionReceiptNotFoundError) return null;
      throw new TransactionPendingError(`Could not read the receipt of ${hash}: ${(error as Error).message.split('\n')[0]}`);
    }
  }

  /** The receipt of whichever attempt was mined, if any. */
  private async findMinedReceipt(record: ChainTransactionEntity): Promise<TransactionReceipt | null> {
    for (const hash of await this.hashesOf(record)) {
      const receipt = await this.receiptOf(hash);
      if (receipt) return receipt;
    }
    return null;
  }

  /** Makes the mined attempt the record's current one and remembers where it was mined. */
  private async recordMined(record: ChainTransactionEntity, receipt: TransactionReceipt): Promise<ChainTransactionEntity> {
    const changes: Partial<ChainTransactionEntity> = { blockNumber: String(receipt.blockNumber), blockHash: receipt.blockHash };
    if (receipt.transactionHash !== record.hash) {
      const attempt = await this.dataSource.getRepository(ChainTransactionAttemptEntity).findOneBy({ hash: receipt.transactionHash });
      if (attempt) Object.assign(changes, { hash: attempt.hash, rawTransaction: attempt.rawTransaction });
    }
    if (record.status === 'SIGNED') changes.status = 'SUBMITTED';
    if (record.blockHash === changes.blockHash && !changes.hash && !changes.status) return record;
    await this.dataSource.getRepository(ChainTransactionEntity).update({ id: record.id }, changes);
    return Object.assign(record, changes);
  }

  private async failReverted(record: ChainTransactionEntity, receipt: TransactionReceipt): Promise<never> {
    const errorName = await this.replayRevert(receipt);
    await this.dataSource
      .getRepository(ChainTransactionEntity)
      .update({ id: record.id }, { status: 'REVERTED', hash: receipt.transactionHash, blockNumber: String(receipt.blockNumber), blockHash: receipt.blockHash, error: errorName });
    this.metrics?.transactionsFailed.inc();
    throw new ChainException(ChainErrorCode.CONTRACT_REVERTED, `Transaction ${receipt.transactionHash} reverted with ${errorName}`, errorName);
  }

  /** Re-runs a reverted transaction at its block to learn which custom error it hit. */
  private async replayRevert(receipt: TransactionReceipt): Promise<string> {
    const transaction = await this.clients.publicClient.getTransaction({ hash: receipt.transactionHash });
    try {
      await this.clients.publicClient.call({ account: transaction.from, to: transaction.to, data: transaction.input, blockNumber: receipt.blockNumber });
      return 'UnknownRevert';
    } catch (error) {
      return decodeRevert(error)?.errorName ?? 'UnknownRevert';
    }
  }

  /**
   * Unblocks the signer's nonce stream: every nonce between the chain's mined count and our next
   * free one must reach the node, in order, or the ones above it never get mined. A recorded
   * transaction still pending there is sent again; a nonce with no record at all (spent but never
   * signed, for instance after a restore of the database) is filled with a 0-value transfer to
   * ourselves. The worker runs this periodically.
   */
  async fillNonceGaps(): Promise<{ resent: number; filled: number }> {
    return this.withLease((lease) => this.fillGapsUnderLease(lease));
  }

  private async fillGapsUnderLease(lease: SignerNonceLease): Promise<{ resent: number; filled: number }> {
    const { publicClient, signer, chain } = this.clients;
    {
      const mined = await publicClient.getTransactionCount({ address: signer.address, blockTag: 'latest' });
      const next = (await lease.storedNext()) ?? mined;
      let resent = 0;
      let filled = 0;
      if (next <= mined) return { resent, filled };
      const records = await this.dataSource
        .getRepository(ChainTransactionEntity)
        .createQueryBuilder('t')
        .where('t.chainId = :chainId AND t.signer = :signer AND t.nonce >= :mined AND t.nonce < :next', { chainId: chain.id, signer: signer.address, mined, next })
        .getMany();
      const byNonce = new Map(records.map((record) => [Number(record.nonce), record]));
      for (let nonce = mined; nonce < next; nonce++) {
        let record = byNonce.get(nonce);
        // The chain does not count this nonce, so a final record of it is no longer true there.
        if (record?.status === 'CONFIRMED') record = await this.recheckConfirmed(record);
        if (record?.status === 'REVERTED') {
          if (await this.findMinedReceipt(record)) continue;
          await this.broadcast(await this.fillLostRevert(record), { mayResign: false, attempts: 2 });
          filled++;
          continue;
        }
        if (record?.status === 'CONFIRMED') continue;
        if (record) {
          await this.broadcast(record, { mayResign: false, attempts: 2 });
          resent++;
          continue;
        }
        const fees = await publicClient.estimateFeesPerGas();
        const filler = await this.persistNew(lease, `nonce-fill-${chain.id}-${signer.address}-${nonce}`, { to: signer.address, value: 0n, gas: TRANSFER_GAS, nonce, fees });
        await this.broadcast(filler, { mayResign: false, attempts: 2 });
        this.logger.warn(`Filled unused nonce ${nonce} of ${signer.address} with ${filler.hash}`);
        this.metrics?.nonceGapsFilled.inc();
        filled++;
      }
      return { resent, filled };
    }
  }

  /**
   * A reverted transaction the chain lost: its outcome (a refusal) is final for its intent, so its
   * call is not sent again (it might succeed now, after the platform acted on the refusal). The
   * nonce is filled with a 0-value transfer to ourselves, recorded as the record's current attempt;
   * the record stays REVERTED. A filler already in place is sent again as it is.
   */
  private async fillLostRevert(record: ChainTransactionEntity): Promise<ChainTransactionEntity> {
    const { signer } = this.clients;
    const current = parseTransaction(record.rawTransaction);
    if (current.to?.toLowerCase() === signer.address.toLowerCase() && (current.data === undefined || current.data === '0x')) return record;
    const fees = await this.clients.publicClient.estimateFeesPerGas();
    const rawTransaction = await this.sign({ to: signer.address, value: 0n, gas: TRANSFER_GAS, nonce: Number(record.nonce), fees });
    const changes = { hash: keccak256(rawTransaction), rawTransaction, blockNumber: null, blockHash: null, sentAt: null };
    await this.dataSource.transaction(async (manager) => {
      await manager.update(ChainTransactionEntity, { id: record.id }, changes);
      await this.insertAttempt(manager, Object.assign(record, changes));
    });
    this.logger.warn(`Reverted ${record.intentKey} (nonce ${record.nonce}) is no longer on chain; filled its nonce with ${changes.hash}`);
    this.metrics?.nonceGapsFilled.inc();
    return record;
  }

  /** Runs `work` as the signer's only nonce owner; waits by polling, without holding a pooled connection. */
  private async withLease<T>(work: (lease: SignerNonceLease) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const runner = this.dataSource.createQueryRunner();
      try {
        await runner.connect();
        const lease = await SignerNonceLease.tryAcquire(runner, this.clients.chain.id, this.clients.signer.address);
        if (lease) {
          try {
            return await work(lease);
          } finally {
            await lease.release().catch(() => undefined);
          }
        }
      } finally {
        await runner.release();
      }
      await sleep(Math.min(5 * 2 ** Math.min(attempt, 4), 50) * (0.5 + Math.random()));
    }
  }
}

function max(...values: bigint[]): bigint {
  return values.reduce((a, b) => (a > b ? a : b));
}
