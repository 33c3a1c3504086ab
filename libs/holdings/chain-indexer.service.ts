import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { getAddress, zeroAddress, type Address } from 'viem';
import type { DataSource, EntityManager } from 'typeorm';
import { ChainClients, fundTokenAbi } from '@rwa/chain';
import { FundsService } from '@rwa/funds';
import { ChainIndexCheckpointEntity } from './holdings.entities.js';
import { TransferScreeningService } from './transfer-screening.service.js';

/** Blocks read per getLogs call: node providers cap the range of one call. */
const BLOCK_RANGE = 5_000n;

export interface IndexReport {
  tokens: number;
  transfers: number;
  /** The last block applied, per token. */
  checkpoints: Record<string, string>;
}

/**
 * Follows the Transfer events of every ACTIVE fund token (mints and burns are transfers from and
 * to the zero address) up to the block with the configured number of confirmations, keeps the
 * holder register, and records and screens holder-to-holder transfers. Each block range is applied in ONE transaction together with the
 * checkpoint that moves past it: a crash applies all of a range or none of it, and a restart
 * resumes after the last committed block, so nothing is skipped or counted twice. Several workers
 * may run it: a token's checkpoint row is claimed with SKIP LOCKED.
 */
@Injectable()
export class ChainIndexerService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clients: ChainClients,
    private readonly funds: FundsService,
    private readonly transfers: TransferScreeningService,
  ) {}

  /** Applies every confirmed event not yet applied, token by token. */
  async indexOnce(): Promise<IndexReport> {
    // Never viem's cached block number: a stale head would leave just-confirmed events for a later run.
    const head = await this.clients.publicClient.getBlockNumber({ cacheTime: 0 });
    const safe = head - BigInt(this.clients.confirmations) + 1n;
    const report: IndexReport = { tokens: 0, transfers: 0, checkpoints: {} };
    for (const fund of await this.funds.activeTokens()) {
      const token = getAddress(fund.tokenAddress);
      await this.dataSource.query(
        'INSERT INTO chain_index_checkpoints (token_address, fund_id, last_block) VALUES ($1, $2, -1) ON CONFLICT (token_address) DO NOTHING',
        [token, fund.fundId],
      );
      report.tokens += 1;
      for (;;) {
        const step = await this.dataSource.transaction((manager) => this.applyNextRange(manager, token, fund.fundId, safe));
        if (!step) break;
        if (step.transfers > 0) await this.transfers.refresh();
        report.transfers += step.transfers;
        report.checkpoints[token] = step.lastBlock.toString();
      }
    }
    return report;
  }

  /** One range of blocks and its checkpoint, in the caller's transaction; null when caught up or claimed elsewhere. */
  private async applyNextRange(manager: EntityManager, token: Address, fundId: string, safe: bigint): Promise<{ transfers: number; lastBlock: bigint } | null> {
    const [checkpoint] = await manager
      .createQueryBuilder(ChainIndexCheckpointEntity, 'checkpoint')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .where('checkpoint.token_address = :token', { token })
      .getMany();
    if (!checkpoint) return null;
    const fromBlock = BigInt(checkpoint.lastBlock) + 1n;
    if (fromBlock > safe) return null;
    const toBlock = fromBlock + BLOCK_RANGE - 1n < safe ? fromBlock + BLOCK_RANGE - 1n : safe;
    const events = await this.clients.publicClient.getContractEvents({ address: token, abi: fundTokenAbi, eventName: 'Transfer', fromBlock, toBlock });
    const deltas = new Map<Address, bigint>();
    for (const event of events) {
      const { from, to, value } = event.args as { from: Address; to: Address; value: bigint };
      if (from !== zeroAddress) deltas.set(getAddress(from), (deltas.get(getAddress(from)) ?? 0n) - value);
      if (to !== zeroAddress) deltas.set(getAddress(to), (deltas.get(getAddress(to)) ?? 0n) + value);
      if (from !== zeroAddress && to !== zeroAddress) {
        await this.transfers.record(manager, {
          txHash: event.transactionHash,
          logIndex: event.logIndex,
          fundId,
          blockNumber: event.blockNumber.toString(),
          fromAddress: getAddress(from),
          toAddress: getAddress(to),
          units: value.toString(),
        });
      }
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
    await manager.update(ChainIndexCheckpointEntity, { tokenAddress: token }, { lastBlock: toBlock.toString() });
    return { transfers: events.length, lastBlock: toBlock };
  }
}
