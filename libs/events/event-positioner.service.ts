import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

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
      const created = (await manager.query(
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
         ON CONFLICT (event_id, subscription_id) DO NOTHING
         RETURNING id, subscription_id, subject_id, event_position`,
        [rows.map((row) => row.seq), rows.map((_row, index) => (first + BigInt(index)).toString())],
      )) as { id: string; subscription_id: string; subject_id: string; event_position: string }[];
      await this.readyHeads(manager, created);
      return rows.length;
    });
  }

  /**
   * Marks ready each new delivery that heads its subject's line to its endpoint: the first of its
   * (subscription, subject) in this batch, with no earlier one PENDING. The earlier ones are locked
   * first (FOR SHARE, in line order, as a worker locks them: the delivery it records, then the next
   * one): a worker recording one of them concurrently either committed before (and the check sees it
   * done) or waits for this commit (and then readies the next one itself), so no line is left without
   * a ready head.
   */
  private async readyHeads(manager: EntityManager, created: { id: string; subscription_id: string; subject_id: string; event_position: string }[]): Promise<void> {
    if (created.length === 0) return;
    const heads = new Map<string, (typeof created)[number]>();
    for (const delivery of created) {
      const key = `${delivery.subscription_id}/${delivery.subject_id}`;
      const head = heads.get(key);
      if (!head || BigInt(delivery.event_position) < BigInt(head.event_position)) heads.set(key, delivery);
    }
    const candidates = [...heads.values()];
    await manager.query(
      `SELECT d.id FROM webhook_deliveries d
       JOIN unnest($1::uuid[], $2::uuid[], $3::bigint[]) AS c(subscription_id, subject_id, position) ON d.subscription_id = c.subscription_id AND d.subject_id = c.subject_id
       WHERE d.status = 'PENDING' AND d.event_position < c.position
       ORDER BY d.subscription_id, d.subject_id, d.event_position
       FOR SHARE OF d`,
      [candidates.map((c) => c.subscription_id), candidates.map((c) => c.subject_id), candidates.map((c) => c.event_position)],
    );
    // A later statement: it sees what committed while the locks were awaited.
    const still = (await manager.query(
      `SELECT DISTINCT d.subscription_id, d.subject_id FROM webhook_deliveries d
       JOIN unnest($1::uuid[], $2::uuid[], $3::bigint[]) AS c(subscription_id, subject_id, position) ON d.subscription_id = c.subscription_id AND d.subject_id = c.subject_id
       WHERE d.status = 'PENDING' AND d.event_position < c.position`,
      [candidates.map((c) => c.subscription_id), candidates.map((c) => c.subject_id), candidates.map((c) => c.event_position)],
    )) as { subscription_id: string; subject_id: string }[];
    const blocked = new Set(still.map((row) => `${row.subscription_id}/${row.subject_id}`));
    const ready = candidates.filter((c) => !blocked.has(`${c.subscription_id}/${c.subject_id}`)).map((c) => c.id);
    if (ready.length > 0) await manager.query('UPDATE webhook_deliveries SET ready = true WHERE id = ANY($1::uuid[])', [ready]);
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
