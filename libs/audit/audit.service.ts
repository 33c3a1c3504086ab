import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { SqlStatement } from '@rwa/database';
import { AuditEventEntity } from './audit-event.entity.js';

/** What happened to which entity, by whom and why. */
export interface AuditEntry {
  entityType: 'organization' | 'user' | 'api_key' | 'audit_trail' | 'fund' | 'investor' | 'wallet' | 'order' | 'kyt_alert' | 'blocklist' | 'kyt_fund_rules' | 'calendar' | 'webhook' | 'stablecoin' | 'fund_distribution' | 'fund_distribution_item' | 'reconciliation' | 'reconciliation_break';
  entityId: string;
  action: string;
  fromStatus?: string | null;
  toStatus?: string | null;
  actor: string;
  reason?: string | null;
  data?: Record<string, unknown>;
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
}

/** An audit row as the API shows it. */
export interface AuditEventView {
  seq: string;
  id: string;
  entityType: string;
  entityId: string;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  actor: string;
  reason: string | null;
  data: Record<string, unknown>;
  at: string;
  /** Null until the row is sealed into its chain. */
  prevHash: string | null;
  hash: string | null;
}

/** A status change as the API shows it in an entity's history. */
export interface StatusEvent {
  from: string | null;
  to: string | null;
  at: string;
  reason: string | null;
  actor: string;
}

/**
 * The trail is AUDIT_CHAINS hash chains; a row goes to the chain of its entity, so one entity's
 * rows are linked in one chain. Chains can be verified (and, later, sealed) independently.
 */
export const AUDIT_CHAINS = 16;
const RECORD_CHUNK = 5000;

/**
 * The append-only, hash-chained audit trail. Every state change writes its row in the same
 * transaction as the change itself, so the trail can never disagree with the state. The row is
 * written unsealed (a plain insert: no lock, no read of the chain's head), and AuditSealer links
 * it into its chain once committed, within AUDIT_SEAL_INTERVAL_MS; verification seals first. Rows
 * can neither be changed nor deleted (a trigger, migration 1764420000001): sealing is the only
 * UPDATE it lets through.
 */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Appends an entry inside the caller's transaction. */
  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    await this.recordMany(manager, [entry]);
  }

  /** Appends several entries, in order (their seq follows it), inside the caller's transaction: one statement. */
  async recordMany(manager: EntityManager, entries: readonly AuditEntry[]): Promise<void> {
    const at = new Date();
    // Postgres takes at most 65,535 parameters per statement (11 per row).
    for (let start = 0; start < entries.length; start += RECORD_CHUNK) {
      const statement = new SqlStatement();
      const rows = this.valuesSql(statement, entries.slice(start, start + RECORD_CHUNK).map((entry) => ({ ...entry, at })));
      await manager.query(
        `INSERT INTO audit_events (id, entity_type, entity_id, action, from_status, to_status, actor, reason, data, at, chain)
         SELECT v.id, v.entity_type, v.entity_id, v.action, v.from_status, v.to_status, v.actor, v.reason, v.data, v.at, v.chain
         FROM (VALUES ${rows}) AS v(ord, id, entity_type, entity_id, action, from_status, to_status, actor, reason, data, at, chain) ORDER BY v.ord`,
        [...statement.params],
      );
    }
  }

  /**
   * An INSERT of audit rows for one statement assembled by a hot path: each entry is written only
   * if its entity's id is among the `id`s the CTE `from` returns (the changes that happened).
   */
  insertSql(statement: SqlStatement, from: string, entries: readonly (AuditEntry & { at: Date })[]): string {
    // Ordered, so each entity's rows take their seq (its history's order) in the order given.
    return `INSERT INTO audit_events (id, entity_type, entity_id, action, from_status, to_status, actor, reason, data, at, chain)
      SELECT v.id, v.entity_type, v.entity_id, v.action, v.from_status, v.to_status, v.actor, v.reason, v.data, v.at, v.chain
      FROM (VALUES ${this.valuesSql(statement, entries)}) AS v(ord, id, entity_type, entity_id, action, from_status, to_status, actor, reason, data, at, chain)
      WHERE v.entity_id IN (SELECT id FROM ${from}) ORDER BY v.ord`;
  }

  /** The VALUES rows of `entries`: (ord, id, entity_type, entity_id, action, from_status, to_status, actor, reason, data, at, chain). */
  private valuesSql(statement: SqlStatement, entries: readonly (AuditEntry & { at: Date })[]): string {
    return entries
      .map(
        (entry, index) =>
          `(${index}, ${statement.param(randomUUID(), 'uuid')}, ${statement.param(entry.entityType, 'varchar')}, ${statement.param(entry.entityId, 'uuid')}, ${statement.param(entry.action, 'varchar')}, ` +
          `${statement.param(entry.fromStatus ?? null, 'varchar')}, ${statement.param(entry.toStatus ?? null, 'varchar')}, ${statement.param(entry.actor, 'varchar')}, ` +
          `${statement.param(entry.reason ?? null, 'text')}, ${statement.param(JSON.stringify(entry.data ?? {}), 'jsonb')}, ${statement.param(entry.at, 'timestamptz')}, ` +
          `${statement.param(auditChainOf(entry.entityId), 'smallint')})`,
      )
      .join(', ');
  }

  /** The audit trail, oldest first, optionally of one entity type or entity; `cursor` is the last seq seen. */
  async list(filter: AuditFilter, page: { limit: number; cursor?: string }): Promise<{ items: AuditEventView[]; nextCursor: string | null }> {
    const query = this.dataSource.getRepository(AuditEventEntity).createQueryBuilder('event');
    if (filter.entityType) query.andWhere('event.entity_type = :entityType', { entityType: filter.entityType });
    if (filter.entityId) query.andWhere('event.entity_id = :entityId', { entityId: filter.entityId });
    if (page.cursor) query.andWhere('event.seq > :seq', { seq: page.cursor });
    const rows = await query.orderBy('event.seq', 'ASC').limit(page.limit + 1).getMany();
    const items = rows.slice(0, page.limit);
    return {
      items: items.map((row) => ({
        seq: row.seq,
        id: row.id,
        entityType: row.entityType,
        entityId: row.entityId,
        action: row.action,
        fromStatus: row.fromStatus,
        toStatus: row.toStatus,
        actor: row.actor,
        reason: row.reason,
        data: row.data,
        at: row.at.toISOString(),
        prevHash: row.prevHash,
        hash: row.hash,
      })),
      nextCursor: rows.length > page.limit ? items.at(-1)!.seq : null,
    };
  }

  /**
   * A SQL expression, for a statement assembled by a hot path, of the status history of the entity
   * whose id `entityIdSql` gives, as JSON; statusHistoryFrom turns it into what statusHistory answers.
   */
  statusHistorySql(statement: SqlStatement, entityType: AuditEntry['entityType'], entityIdSql: string): string {
    return `(SELECT coalesce(json_agg(json_build_object('from', from_status, 'to', to_status, 'at', at, 'reason', reason, 'actor', actor) ORDER BY seq), '[]')
      FROM audit_events WHERE entity_type = ${statement.param(entityType, 'varchar')} AND entity_id = ${entityIdSql} AND to_status IS NOT NULL)`;
  }

  /** The history a statusHistorySql expression selected. */
  statusHistoryFrom(selected: StatusEvent[]): StatusEvent[] {
    return selected.map((event) => ({ ...event, at: new Date(event.at).toISOString() }));
  }

  /** The status history of one entity, oldest first. */
  async statusHistory(manager: EntityManager, entityType: AuditEntry['entityType'], entityId: string): Promise<StatusEvent[]> {
    const statement = new SqlStatement();
    const text = `SELECT ${this.statusHistorySql(statement, entityType, statement.param(entityId, 'uuid'))} AS history`;
    const [{ history }] = (await manager.query(text, [...statement.params])) as [{ history: StatusEvent[] }];
    return this.statusHistoryFrom(history);
  }
}

/** The chain of an entity's rows. */
export function auditChainOf(entityId: string): number {
  return Number.parseInt(entityId.slice(0, 2), 16) % AUDIT_CHAINS;
}
