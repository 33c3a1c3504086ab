import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** One positioner at a time across every process: positions are handed out under it. */
const EVENT_POSITION_LOCK = 7_240_013;
const POSITION_BATCH = 2000;

/**
 * Gives committed events their feed position, and creates their deliveries. An event's `seq` is
 * taken when it is inserted, so a transaction that commits late leaves a lower seq behind events
 * already visible: a feed read by seq would skip it. Positions are handed out instead by one
 * positioner at a time (an advisory lock), to the rows it can see, which are committed ones only,
 * in seq order, each after the highest position so far; its transaction commits them all at once
 * before the next positioner takes the lock. A reader of `position > cursor` therefore never misses
 * a row: none can be given a position below one already visible. (As AuditSealer links rows into
 * their chains.) The deliveries of each event to the matching enabled subscriptions are created in
 * the same transaction: an event positioned is an event whose deliveries exist.
 */
@Injectable()
export class EventPositioner {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Positions up to POSITION_BATCH events; 0 at once when another process is positioning. */
  async positionBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = (await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [EVENT_POSITION_LOCK])) as [{ locked: boolean }];
      if (!locked) return 0;
      const rows = (await manager.query('SELECT seq FROM events WHERE position IS NULL ORDER BY seq LIMIT $1', [POSITION_BATCH])) as { seq: string }[];
      if (rows.length === 0) return 0;
      const [{ head }] = (await manager.query('SELECT coalesce(max(position), 0)::text AS head FROM events')) as [{ head: string }];
      const first = BigInt(head) + 1n;
      await manager.query(
        `WITH positioned AS (
           UPDATE events e SET position = p.position, positioned_at = now()
           FROM unnest($1::bigint[], $2::bigint[]) AS p(seq, position)
           WHERE e.seq = p.seq AND e.position IS NULL
           RETURNING e.id, e.type, e.subject_id, e.position, e.issuer_id, e.distributor_id, e.organization_id, e.compliance, e.subscription_id
         )
         INSERT INTO webhook_deliveries (id, event_id, subscription_id, event_type, event_position, subject_id)
         SELECT gen_random_uuid(), p.id, w.id, p.type, p.position, p.subject_id
         FROM positioned p JOIN webhook_subscriptions w
           ON p.subscription_id = w.id
           OR (p.subscription_id IS NULL AND w.enabled AND p.type = ANY(w.events)
               AND (w.organization_id IN (p.issuer_id, p.distributor_id, p.organization_id) OR (p.compliance AND w.role = 'COMPLIANCE')))
         ORDER BY p.position
         ON CONFLICT (event_id, subscription_id) DO NOTHING`,
        [rows.map((row) => row.seq), rows.map((_row, index) => (first + BigInt(index)).toString())],
      );
      return rows.length;
    });
  }

  /** Positions everything committed and unpositioned (a full batch: more may be waiting). */
  async positionPending(): Promise<number> {
    let total = 0;
    for (;;) {
      const batch = await this.positionBatch();
      total += batch;
      if (batch < POSITION_BATCH) return total;
    }
  }
}
