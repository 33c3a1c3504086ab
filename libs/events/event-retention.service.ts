import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { returnedRows } from '@rwa/common';

const BATCH = 1000;

/**
 * Prunes events past EVENT_RETENTION_DAYS, with their deliveries (cascade), in short batches. An
 * event not yet positioned, or with a delivery still PENDING, is kept until it is done.
 */
@Injectable()
export class EventRetentionService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async pruneBefore(occurredBefore: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const count = returnedRows(await this.dataSource.query(
        `WITH doomed AS (
           SELECT seq FROM events e WHERE occurred_at < $1 AND position IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id AND d.status = 'PENDING')
           ORDER BY occurred_at LIMIT $2 FOR UPDATE SKIP LOCKED
         )
         DELETE FROM events e USING doomed WHERE e.seq = doomed.seq RETURNING e.seq`,
        [occurredBefore, BATCH],
      )).length;
      total += count;
      if (count < BATCH) return total;
    }
  }
}
