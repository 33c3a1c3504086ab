import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { returnedRows } from '@rwa/common';

const BATCH = 1000;

/**
 * Wallet ownership challenges are single-use and short-lived: once expired (used or not) they prove
 * nothing, and the binding they served keeps its own record (the wallet row and its audit trail).
 */
@Injectable()
export class ChallengeRetentionService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Deletes challenges that expired before `expiredBefore`, in batches; returns how many. */
  async pruneExpired(expiredBefore: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = returnedRows(await this.dataSource.query(
        `DELETE FROM wallet_challenges WHERE id IN (
           SELECT id FROM wallet_challenges WHERE expires_at < $1 ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED
         ) RETURNING id`,
        [expiredBefore, BATCH],
      ));
      total += rows.length;
      if (rows.length < BATCH) return total;
    }
  }
}
