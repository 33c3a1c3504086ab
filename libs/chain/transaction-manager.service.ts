import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { keccak256, type Address, type Hex, type TransactionReceipt } from 'viem';
import type { DataSource } from 'typeorm';
import { ChainClients } from './chain-clients.js';
import { ChainTransactionEntity } from './chain-transaction.entity.js';
import { ChainErrorCode, ChainException } from './chain.exception.js';
import { decodeRevert } from './revert-decoder.js';

/** A call to send: `to` absent means a contract deployment. */
export interface TransactionRequest {
  to?: Address;
  data: Hex;
}

/** Thrown when a transaction is not yet final; the job retries it later with the same bytes. */
export class TransactionPendingError extends Error {}

const SIGNER_LOCK_NAMESPACE = 7_240_003;
const GAS_HEADROOM_PERCENT = 125n;
const BROADCAST_ATTEMPTS = 5;

/**
 * Sends each business intent to the chain exactly once.
 *
 * - Nonces are allocated per (chain, signer) under a Postgres advisory lock, so several worker
 *   processes never hand out the same nonce.
 * - The signed bytes are persisted before they are broadcast; a retry (after a crash, a lost
 *   job, a timeout) re-broadcasts the same bytes or reads the receipt, and never signs again.
 * - A revert is decoded into the contract's custom error and fails permanently.
 */
@Injectable()
export class TransactionManager {
  private readonly logger = new Logger(TransactionManager.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clients: ChainClients,
  ) {}

  /** The transaction recorded for an intent, if any. */
  async findByIntent(intentKey: string): Promise<ChainTransactionEntity | null> {
    return this.dataSource.getRepository(ChainTransactionEntity).findOneBy({ chainId: this.clients.chain.id, intentKey });
  }

  /**
   * Executes `request` for `intentKey` and returns its receipt once it has the configured
   * number of confirmations. Safe to call any number of times for the same intent.
   * @throws ChainException CONTRACT_REVERTED when the contract refuses (permanent)
   * @throws TransactionPendingError or an RPC error when it should be retried later
   */
  async execute(intentKey: string, request: TransactionRequest): Promise<TransactionReceipt> {
    const record = (await this.findByIntent(intentKey)) ?? (await this.signAndSend(intentKey, request));
    if (record.status === 'REVERTED') {
      throw new ChainException(ChainErrorCode.CONTRACT_REVERTED, `Transaction ${record.hash} for ${intentKey} reverted`, record.error ?? undefined);
    }
    if (record.status === 'SIGNED' || record.status === 'SUBMITTED') await this.broadcast(record);
    return this.awaitConfirmation(record);
  }

  private async signAndSend(intentKey: string, request: TransactionRequest): Promise<ChainTransactionEntity> {
    const { publicClient, signer, chain } = this.clients;
    let gas: bigint;
    try {
      gas = await publicClient.estimateGas({ account: signer, to: request.to, data: request.data });
    } catch (error) {
      const revert = decodeRevert(error);
      if (revert) {
        throw new ChainException(ChainErrorCode.CONTRACT_REVERTED, `${intentKey} would revert with ${revert.errorName}`, revert.errorName);
      }
      throw error;
    }
    const fees = await publicClient.estimateFeesPerGas();

    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      // Session-level lock: held across persist and broadcast, so transactions reach the node in
      // nonce order (an automining node rejects a nonce ahead of the next one).
      await runner.query('SELECT pg_advisory_lock($1, hashtext($2))', [SIGNER_LOCK_NAMESPACE, `${chain.id}:${signer.address}`]);
      const existing = await runner.manager.findOneBy(ChainTransactionEntity, { chainId: chain.id, intentKey });
      if (existing) return existing;

      const [row] = (await runner.query('SELECT next_nonce FROM signer_nonces WHERE chain_id = $1 AND signer = $2', [chain.id, signer.address])) as {
        next_nonce: string;
      }[];
      const chainNonce = await publicClient.getTransactionCount({ address: signer.address, blockTag: 'pending' });
      // The chain may be ahead of our record (another tool used the key): never reuse its nonces.
      const nonce = Math.max(Number(row?.next_nonce ?? 0), chainNonce);
      const rawTransaction = await signer.signTransaction({
        chainId: chain.id,
        type: 'eip1559',
        to: request.to ?? null,
        data: request.data,
        nonce,
        gas: (gas * GAS_HEADROOM_PERCENT) / 100n,
        maxFeePerGas: fees.maxFeePerGas,
        maxPriorityFeePerGas: fees.maxPriorityFeePerGas,
      });
      const record = runner.manager.create(ChainTransactionEntity, {
        id: randomUUID(),
        intentKey,
        chainId: chain.id,
        signer: signer.address,
        nonce: String(nonce),
        hash: keccak256(rawTransaction),
        rawTransaction,
        status: 'SIGNED',
        blockNumber: null,
        error: null,
      });
      await runner.manager.transaction(async (manager) => {
        await manager.insert(ChainTransactionEntity, record);
        await manager.query(
          `INSERT INTO signer_nonces (chain_id, signer, next_nonce) VALUES ($1, $2, $3)
           ON CONFLICT (chain_id, signer) DO UPDATE SET next_nonce = EXCLUDED.next_nonce`,
          [chain.id, signer.address, nonce + 1],
        );
      });
      await this.broadcast(record);
      return record;
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1, hashtext($2))', [SIGNER_LOCK_NAMESPACE, `${chain.id}:${signer.address}`]).catch(() => undefined);
      await runner.release();
    }
  }

  /** Sends the recorded bytes; a node that already knows them, or mined them, is fine. */
  private async broadcast(record: ChainTransactionEntity): Promise<void> {
    const { publicClient } = this.clients;
    for (let attempt = 1; ; attempt++) {
      try {
        await publicClient.sendRawTransaction({ serializedTransaction: record.rawTransaction });
        break;
      } catch (error) {
        // Already mined or already in the pool: the receipt wait below settles it.
        const known = await publicClient.getTransaction({ hash: record.hash }).catch(() => undefined);
        if (known) break;
        if (attempt >= BROADCAST_ATTEMPTS) {
          this.logger.warn(`Broadcast of ${record.hash} (${record.intentKey}) failed: ${(error as Error).message.split('\n')[0]}`);
          throw new TransactionPendingError(`Transaction ${record.hash} could not be broadcast yet`);
        }
        // A lower nonce of ours may still be on its way (several workers): wait for it.
        await sleep(100 * attempt);
      }
    }
    if (record.status === 'SIGNED') {
      await this.dataSource.getRepository(ChainTransactionEntity).update({ id: record.id }, { status: 'SUBMITTED' });
      record.status = 'SUBMITTED';
    }
  }

  private async awaitConfirmation(record: ChainTransactionEntity): Promise<TransactionReceipt> {
    const { publicClient, confirmations, receiptTimeoutMs } = this.clients;
    let receipt: TransactionReceipt;
    try {
      receipt = await publicClient.waitForTransactionReceipt({ hash: record.hash, confirmations, timeout: receiptTimeoutMs });
    } catch (error) {
      throw new TransactionPendingError(`No confirmed receipt for ${record.hash} yet: ${(error as Error).message.split('\n')[0]}`);
    }
    const repository = this.dataSource.getRepository(ChainTransactionEntity);
    if (receipt.status === 'reverted') {
      const errorName = await this.replayRevert(record, receipt);
      await repository.update({ id: record.id }, { status: 'REVERTED', blockNumber: String(receipt.blockNumber), error: errorName });
      throw new ChainException(ChainErrorCode.CONTRACT_REVERTED, `Transaction ${record.hash} reverted with ${errorName}`, errorName);
    }
    if (record.status !== 'CONFIRMED') {
      await repository.update({ id: record.id }, { status: 'CONFIRMED', blockNumber: String(receipt.blockNumber) });
      record.status = 'CONFIRMED';
    }
    return receipt;
  }

  /** Re-runs a reverted transaction at its block to learn which custom error it hit. */
  private async replayRevert(record: ChainTransactionEntity, receipt: TransactionReceipt): Promise<string> {
    const transaction = await this.clients.publicClient.getTransaction({ hash: record.hash });
    try {
      await this.clients.publicClient.call({ account: transaction.from, to: transaction.to, data: transaction.input, blockNumber: receipt.blockNumber });
      return 'UnknownRevert';
    } catch (error) {
      return decodeRevert(error)?.errorName ?? 'UnknownRevert';
    }
  }
}
