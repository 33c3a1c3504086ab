import { Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { BlockNotFoundError, getAddress, parseEventLogs, zeroAddress, type Address, type Hex } from 'viem';
import type { DataSource, EntityManager } from 'typeorm';
import { ChainClients, decodeStablecoinLegs, fundSettlementAbi, fundTokenAbi, type StablecoinLeg } from '@rwa/chain';
import { FundsService } from '@rwa/funds';
import type { PrescreenedAddresses } from '@rwa/kyt';
import { SettlementContracts } from '@rwa/stablecoins';
import { ChainIndexCheckpointEntity } from './holdings.entities.js';
import { TransferScreeningService } from './transfer-screening.service.js';

/** Blocks read per getLogs call: node providers cap the range of one call. */
const BLOCK_RANGE = 5_000n;
/** Checkpoint hashes kept per token: how far back a rollback can find the common ancestor by hash. */
const KEPT_BLOCK_HASHES = 1_000;
/** Journal rows per INSERT (9 parameters each; Postgres allows 65,535 per statement). */
const JOURNAL_CHUNK = 1_000;
/** Block headers read at once for their timestamps. */
const BLOCK_TIME_CONCURRENCY = 16;

export interface IndexReport {
  tokens: number;
  transfers: number;
  /** The last block applied, per token. */
  checkpoints: Record<string, string>;
  /** Reorged ranges rolled back during this run. */
  rollbacks: number;
}

/** A token's checkpoint as read before any lock is taken (RPC calls run outside transactions). */
interface Checkpoint {
  lastBlock: bigint;
  lastBlockHash: Hex | null;
  journalFromBlock: bigint;
}

/** One Transfer event with a value (a zero-value transfer moves nothing and is ignored). */
interface AppliedEvent {
  blockNumber: bigint;
  blockHash: Hex;
  txHash: Hex;
  logIndex: number;
  from: Address;
  to: Address;
  value: bigint;
  /** The block's timestamp, seconds (income is time-weighted by it). */
  time: bigint;
}

/** Holder to holder: a mint or a burn (the zero address) is not a transfer between holders. */
function holderToHolder(event: AppliedEvent): boolean {
  return event.from !== zeroAddress && event.to !== zeroAddress;
}

type Step = { kind: 'applied'; transfers: number; lastBlock: bigint } | { kind: 'rolled-back' } | { kind: 'raced' } | null;

/**
 * Follows the Transfer events of every fund token (mints and burns are transfers from and to the
 * zero address) up to the block with the configured number of confirmations, keeps the holder
 * register, and records and screens holder-to-holder transfers.
 *
 * - Each block range is applied in ONE transaction together with the checkpoint that moves past
 *   it (its last block's number AND hash) and a journal of every event applied: a crash applies
 *   all of a range or none of it, and a restart resumes after the last committed block.
 * - Each pass first compares the stored hash of the checkpoint block with the chain. On a
 *   mismatch (a reorg deeper than the confirmations, or a node that lost blocks) it finds the
 *   common ancestor among the stored checkpoint hashes, undoes the journaled events above it
 *   (holdings, transfers), moves the checkpoint back there and applies the canonical range again.
 * - Zero-value transfers are ignored: they move no units, and anyone can send one to any address.
 * - No RPC call runs inside a transaction: the chain is read first, and the transaction checks
 *   that the checkpoint is still the one read. Several workers may run it: a token's checkpoint
 *   row is claimed with SKIP LOCKED.
 */
@Injectable()
export class ChainIndexerService {
  private readonly logger = new Logger(ChainIndexerService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clients: ChainClients,
    private readonly funds: FundsService,
    private readonly transfers: TransferScreeningService,
    @Optional() private readonly settlementContracts?: SettlementContracts,
  ) {}

  /** Applies every confirmed event not yet applied, token by token, rolling back reorged ranges first. */
  async indexOnce(): Promise<IndexReport> {
    // Never viem's cached block number: a stale head would leave just-confirmed events for a later run.
    const head = await this.clients.publicClient.getBlockNumber({ cacheTime: 0 });
    const safe = head - BigInt(this.clients.confirmations) + 1n;
    const report: IndexReport = { tokens: 0, transfers: 0, checkpoints: {}, rollbacks: 0 };
    for (const fund of await this.funds.deployedTokens()) {
      const token = getAddress(fund.tokenAddress);
      await this.dataSource.query(
        'INSERT INTO chain_index_checkpoints (token_address, fund_id, last_block) VALUES ($1, $2, -1) ON CONFLICT (token_address) DO NOTHING',
        [token, fund.fundId],
      );
      report.tokens += 1;
      for (;;) {
        const step = await this.step(token, fund.fundId, head, safe);
        if (!step) break;
        if (step.kind === 'raced') continue;
        if (step.kind === 'rolled-back') {
          report.rollbacks += 1;
          await this.transfers.refresh();
          continue;
        }
        if (step.transfers > 0) await this.transfers.refresh();
        report.transfers += step.transfers;
        report.checkpoints[token] = step.lastBlock.toString();
      }
    }
    return report;
  }

  /** One range applied or one rollback; null when caught up, claimed elsewhere, or the chain moved under the read. */
  private async step(token: Address, fundId: string, head: bigint, safe: bigint): Promise<Step> {
    const checkpoint = await this.readCheckpoint(token);
    if (checkpoint.lastBlock >= 0n && checkpoint.lastBlockHash !== null) {
      // Another worker may have moved the checkpoint past this run's head, read before it did: the head
      // is read again, so a block this run has not seen yet is not taken for one a reorg removed.
      const current = checkpoint.lastBlock <= head ? head : await this.clients.publicClient.getBlockNumber({ cacheTime: 0 });
      const canonical = checkpoint.lastBlock <= current ? await this.blockHash(checkpoint.lastBlock) : null;
      if (canonical !== checkpoint.lastBlockHash) return this.rollBack(token, fundId, checkpoint, current);
    }
    const fromBlock = checkpoint.lastBlock + 1n;
    if (fromBlock > safe) return null;
    const toBlock = fromBlock + BLOCK_RANGE - 1n < safe ? fromBlock + BLOCK_RANGE - 1n : safe;
    // The range's last block has the same hash before and after the logs are read: the logs come
    // from the chain whose hash the checkpoint stores.
    const before = await this.blockHash(toBlock);
    const logs = await this.clients.publicClient.getContractEvents({ address: token, abi: fundTokenAbi, eventName: 'Transfer', fromBlock, toBlock });
    const legs = await this.stablecoinLegs(token, fromBlock, toBlock);
    const after = await this.blockHash(toBlock);
    if (before === null || before !== after) return null;
    const events: AppliedEvent[] = [];
    const times = await this.blockTimes(logs.filter((log) => (log.args as { value: bigint }).value !== 0n).map((log) => log.blockNumber));
    for (const log of logs) {
      const { from, to, value } = log.args as { from: Address; to: Address; value: bigint };
      if (value === 0n) continue;
      events.push({ blockNumber: log.blockNumber, blockHash: log.blockHash, txHash: log.transactionHash, logIndex: log.logIndex, from: getAddress(from), to: getAddress(to), value, time: times.get(log.blockNumber)! });
    }
    // An external screening provider is asked before the transaction: no HTTP call under the claim.
    const prescreened = await this.transfers.prescreen(events.filter(holderToHolder).map((event) => ({ fromAddress: event.from, toAddress: event.to })));
    return this.dataSource.transaction(async (manager) => {
      const claim = await this.claim(manager, token, checkpoint);
      if (claim !== 'mine') return claim === 'busy' ? null : ({ kind: 'raced' } as const);
      await this.apply(manager, fundId, events, prescreened);
      await this.recordLegs(manager, fundId, legs);
      await manager.update(ChainIndexCheckpointEntity, { tokenAddress: token }, { lastBlock: toBlock.toString(), lastBlockHash: after });
      await manager.query(
        'INSERT INTO chain_index_blocks (token_address, block_number, block_hash) VALUES ($1, $2, $3) ON CONFLICT (token_address, block_number) DO UPDATE SET block_hash = EXCLUDED.block_hash',
        [token, toBlock.toString(), after],
      );
      await manager.query(
        `DELETE FROM chain_index_blocks WHERE token_address = $1 AND block_number <
           (SELECT block_number FROM chain_index_blocks WHERE token_address = $1 ORDER BY block_number DESC OFFSET $2 LIMIT 1)`,
        [token, KEPT_BLOCK_HASHES],
      );
      return { kind: 'applied', transfers: events.length, lastBlock: toBlock } as const;
    });
  }

  /**
   * The checkpoint block is no longer canonical: finds the highest stored checkpoint block that
   * still is (a binary search: every block below a canonical one is canonical too), undoes what was
   * applied above it, and moves the checkpoint back there.
   * @throws when the common ancestor lies below the journal (events applied before it existed)
   */
  private async rollBack(token: Address, fundId: string, checkpoint: Checkpoint, head: bigint): Promise<Step> {
    const stored = (await this.dataSource.query(
      'SELECT block_number::text AS block_number, block_hash FROM chain_index_blocks WHERE token_address = $1 AND block_number <= $2 ORDER BY chain_index_blocks.block_number ASC',
      [token, checkpoint.lastBlock.toString()],
    )) as { block_number: string; block_hash: Hex }[];
    let ancestor: { block: bigint; hash: Hex | null } = { block: -1n, hash: null };
    for (let low = 0, high = stored.length - 1; low <= high; ) {
      const middle = (low + high) >> 1;
      const block = BigInt(stored[middle]!.block_number);
      if (block <= head && (await this.blockHash(block)) === stored[middle]!.block_hash) {
        ancestor = { block, hash: stored[middle]!.block_hash };
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    if (ancestor.block + 1n < checkpoint.journalFromBlock) {
      throw new Error(
        `Token ${token}: a reorg reaches below block ${checkpoint.journalFromBlock}, where the index journal starts; ` +
          'the register of this fund cannot be rolled back and must be rebuilt (delete its checkpoint, holdings and transfers rows)',
      );
    }
    return this.dataSource.transaction(async (manager) => {
      const claim = await this.claim(manager, token, checkpoint);
      if (claim !== 'mine') return claim === 'busy' ? null : ({ kind: 'raced' } as const);
      const undone = (await manager.query(
        'DELETE FROM chain_index_events WHERE fund_id = $1 AND block_number > $2 RETURNING from_address, to_address, units::text AS units',
        [fundId, ancestor.block.toString()],
      )) as [{ from_address: Address; to_address: Address; units: string }[], number];
      const rows = undone[0];
      // The same events applied backwards: the sender gets its units back, the recipient loses them.
      await this.applyDeltas(manager, fundId, rows.map((row) => ({ from: row.to_address, to: row.from_address, value: BigInt(row.units) })));
      await manager.query('DELETE FROM chain_transfers WHERE fund_id = $1 AND block_number > $2', [fundId, ancestor.block.toString()]);
      await manager.query('DELETE FROM stablecoin_legs WHERE fund_id = $1 AND block_number > $2', [fundId, ancestor.block.toString()]);
      await manager.query('DELETE FROM chain_index_blocks WHERE token_address = $1 AND block_number > $2', [token, ancestor.block.toString()]);
      await manager.update(ChainIndexCheckpointEntity, { tokenAddress: token }, { lastBlock: ancestor.block.toString(), lastBlockHash: ancestor.hash });
      await manager.query('INSERT INTO chain_index_reorgs (token_address, fund_id, common_ancestor, rolled_back_to, events_undone) VALUES ($1, $2, $3, $4, $5)', [
        token,
        fundId,
        ancestor.block.toString(),
        checkpoint.lastBlock.toString(),
        rows.length,
      ]);
      this.logger.warn(`Reorg on token ${token}: block ${checkpoint.lastBlock} changed; rolled back ${rows.length} events to the common ancestor ${ancestor.block}`);
      return { kind: 'rolled-back' } as const;
    });
  }

  /**
   * The stablecoin legs of the token's settlements in the range: the settlement contract's events
   * (one per leg: a settled deposit pays the treasury and may refund the investor), when the chain
   * has a settlement contract. A subscription's or redemption's event is decoded with the rest of its
   * transaction's logs (the mint or burn and the stablecoin transfer it names), read from the receipt.
   */
  private async stablecoinLegs(token: Address, fromBlock: bigint, toBlock: bigint): Promise<(StablecoinLeg & { blockHash: Hex })[]> {
    const settlement = await this.settlementContracts?.get();
    if (!settlement) return [];
    const own = await this.clients.publicClient.getLogs({ address: settlement, fromBlock, toBlock });
    const hashes = new Map(own.map((log) => [log.blockNumber, log.blockHash]));
    const atomic = new Set(
      parseEventLogs({ abi: fundSettlementAbi, logs: own })
        .filter((event) => (event.eventName === 'Subscribed' || event.eventName === 'Redeemed') && getAddress(event.args.token) === token)
        .map((event) => event.transactionHash),
    );
    const receipts = await Promise.all([...atomic].map((hash) => this.clients.publicClient.getTransactionReceipt({ hash })));
    const withMovements = new Map(receipts.map((receipt) => [receipt.transactionHash, receipt.logs]));
    const logs = own.flatMap((log) => {
      const receiptLogs = withMovements.get(log.transactionHash);
      if (!receiptLogs) return [log];
      // The receipt's logs stand for all of the transaction's, once.
      withMovements.delete(log.transactionHash);
      return receiptLogs;
    });
    return decodeStablecoinLegs(settlement, logs, token).map((leg) => ({ ...leg, blockHash: hashes.get(leg.blockNumber)! }));
  }

  /** Records one range's stablecoin legs, in the caller's transaction (a range applied again records nothing twice). */
  private async recordLegs(manager: EntityManager, fundId: string, legs: readonly (StablecoinLeg & { blockHash: Hex })[]): Promise<void> {
    const ordinals = new Map<string, number>();
    for (const leg of legs) {
      const key = `${leg.transactionHash}:${leg.logIndex}`;
      const ordinal = ordinals.get(key) ?? 0;
      ordinals.set(key, ordinal + 1);
      await manager.query(
        `INSERT INTO stablecoin_legs (tx_hash, log_index, leg, fund_id, token_address, kind, order_ref, reference_seq, stablecoin, payer, payee, amount, units, nav, block_number, block_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) ON CONFLICT DO NOTHING`,
        [
          leg.transactionHash,
          leg.logIndex,
          ordinal,
          fundId,
          getAddress(leg.token),
          leg.kind,
          leg.orderRef,
          leg.referenceSeq.toString(),
          getAddress(leg.stablecoin),
          getAddress(leg.payer),
          getAddress(leg.payee),
          leg.amount.toString(),
          leg.units.toString(),
          leg.nav.toString(),
          leg.blockNumber.toString(),
          leg.blockHash,
        ],
      );
    }
  }

  /** Journals, records (holder to holder) and applies one range's events, in the caller's transaction. */
  private async apply(manager: EntityManager, fundId: string, events: readonly AppliedEvent[], prescreened: PrescreenedAddresses): Promise<void> {
    for (let i = 0; i < events.length; i += JOURNAL_CHUNK) {
      const chunk = events.slice(i, i + JOURNAL_CHUNK);
      const values = chunk.map(
        (_event, j) => `($${j * 9 + 1}::uuid, $${j * 9 + 2}::bigint, $${j * 9 + 3}, $${j * 9 + 4}, $${j * 9 + 5}::int, $${j * 9 + 6}, $${j * 9 + 7}, $${j * 9 + 8}::numeric, to_timestamp($${j * 9 + 9}::bigint))`,
      );
      await manager.query(
        `INSERT INTO chain_index_events (fund_id, block_number, block_hash, tx_hash, log_index, from_address, to_address, units, block_time) VALUES ${values.join(', ')}`,
        chunk.flatMap((event) => [fundId, event.blockNumber.toString(), event.blockHash, event.txHash, event.logIndex, event.from, event.to, event.value.toString(), event.time.toString()]),
      );
    }
    for (const event of events.filter(holderToHolder)) {
      await this.transfers.record(manager, {
        txHash: event.txHash,
        logIndex: event.logIndex,
        fundId,
        blockNumber: event.blockNumber.toString(),
        fromAddress: event.from,
        toAddress: event.to,
        units: event.value.toString(),
      }, prescreened);
    }
    await this.applyDeltas(manager, fundId, events);
  }

  /** Moves units between holders of the register (the zero address is mint and burn: not a holder). */
  private async applyDeltas(manager: EntityManager, fundId: string, movements: readonly { from: Address; to: Address; value: bigint }[]): Promise<void> {
    const deltas = new Map<Address, bigint>();
    for (const { from, to, value } of movements) {
      if (from !== zeroAddress) deltas.set(getAddress(from), (deltas.get(getAddress(from)) ?? 0n) - value);
      if (to !== zeroAddress) deltas.set(getAddress(to), (deltas.get(getAddress(to)) ?? 0n) + value);
    }
    for (const [address, delta] of deltas) {
      if (delta > 0n) {
        await manager.query(
          `INSERT INTO fund_holdings (fund_id, address, units) VALUES ($1, $2, $3)
           ON CONFLICT (fund_id, address) DO UPDATE SET units = fund_holdings.units + EXCLUDED.units, updated_at = now()`,
          [fundId, address, delta.toString()],
        );
      } else if (delta < 0n) {
        // An outflow always follows the inflow that funded it, in this range or an earlier one.
        const [, affected] = (await manager.query('UPDATE fund_holdings SET units = units + $3, updated_at = now() WHERE fund_id = $1 AND address = $2', [
          fundId,
          address,
          delta.toString(),
        ])) as [unknown, number];
        if (affected !== 1) throw new Error(`${address} sends units of fund ${fundId} that the register never saw arrive`);
      }
    }
    await manager.query('DELETE FROM fund_holdings WHERE fund_id = $1 AND units = 0', [fundId]);
  }

  /** The timestamps of `blocks` (seconds), read before any transaction. */
  private async blockTimes(blocks: readonly bigint[]): Promise<Map<bigint, bigint>> {
    const wanted = [...new Set(blocks)];
    const times = new Map<bigint, bigint>();
    for (let i = 0; i < wanted.length; i += BLOCK_TIME_CONCURRENCY) {
      const headers = await Promise.all(wanted.slice(i, i + BLOCK_TIME_CONCURRENCY).map((blockNumber) => this.clients.publicClient.getBlock({ blockNumber })));
      for (const header of headers) times.set(header.number, header.timestamp);
    }
    return times;
  }

  /**
   * Fills the timestamps of journaled events indexed before the journal kept them (rows of an older
   * platform version), reading the headers outside any transaction. Returns how many rows it filled.
   */
  async backfillBlockTimes(fundId: string): Promise<number> {
    let filled = 0;
    for (;;) {
      const rows = (await this.dataSource.query('SELECT DISTINCT block_number::text AS block FROM chain_index_events WHERE fund_id = $1 AND block_time IS NULL LIMIT 500', [fundId])) as { block: string }[];
      if (rows.length === 0) return filled;
      const times = await this.blockTimes(rows.map((row) => BigInt(row.block)));
      for (const [block, time] of times) {
        const [, affected] = (await this.dataSource.query('UPDATE chain_index_events SET block_time = to_timestamp($3::bigint) WHERE fund_id = $1 AND block_number = $2 AND block_time IS NULL', [
          fundId,
          block.toString(),
          time.toString(),
        ])) as [unknown, number];
        filled += affected;
      }
    }
  }

  private async readCheckpoint(token: Address): Promise<Checkpoint> {
    const row = await this.dataSource.getRepository(ChainIndexCheckpointEntity).findOneByOrFail({ tokenAddress: token });
    return { lastBlock: BigInt(row.lastBlock), lastBlockHash: row.lastBlockHash, journalFromBlock: BigInt(row.journalFromBlock) };
  }

  /**
   * Locks the token's checkpoint for the caller's transaction: `busy` when another worker holds it
   * (it does this work), `changed` when it moved since it was read (read it again).
   */
  private async claim(manager: EntityManager, token: Address, expected: Checkpoint): Promise<'mine' | 'busy' | 'changed'> {
    const [claimed] = await manager
      .createQueryBuilder(ChainIndexCheckpointEntity, 'checkpoint')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .where('checkpoint.token_address = :token', { token })
      .getMany();
    if (!claimed) return 'busy';
    return BigInt(claimed.lastBlock) === expected.lastBlock && claimed.lastBlockHash === expected.lastBlockHash ? 'mine' : 'changed';
  }

  /** The canonical hash at `blockNumber`, or null when the chain has no such block (any more). */
  private async blockHash(blockNumber: bigint): Promise<Hex | null> {
    try {
      return (await this.clients.publicClient.getBlock({ blockNumber })).hash;
    } catch (error) {
      if (error instanceof BlockNotFoundError) return null;
      throw error;
    }
  }
}
