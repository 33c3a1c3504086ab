import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { canonicalJson } from '@rwa/common';
import { AuditEventEntity } from './audit-event.entity.js';
import { verifyAuditChain, type AuditVerification } from './audit-verifier.js';

/** What happened to which entity, by whom and why. */
export interface AuditEntry {
  entityType: 'organization' | 'api_key' | 'fund' | 'investor' | 'wallet' | 'order' | 'kyt_alert' | 'blocklist' | 'kyt_fund_rules';
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
  prevHash: string;
  hash: string;
}

/** A status change as the API shows it in an entity's history. */
export interface StatusEvent {
  from: string | null;
  to: string | null;
  at: string;
  reason: string | null;
  actor: string;
}

/** The previous hash of the first row. */
export const GENESIS_HASH = '0'.repeat(64);
/**
 * The trail is AUDIT_CHAINS hash chains rather than one, so concurrent transactions do not all
 * queue on one lock: each chain has its own (two-key advisory lock, namespace 7_240_001), and each
 * row links to the previous row of its chain. A transaction appends all its rows to one chain,
 * taking one lock, so two transactions can never wait on each other's chains (no deadlock).
 */
export const AUDIT_CHAINS = 16;
const AUDIT_CHAIN_LOCK_NAMESPACE = 7_240_001;

/**
 * The append-only, hash-chained audit trail. Every state change writes one row in the same
 * transaction as the change itself, so the trail can never disagree with the state.
 */
@Injectable()
export class AuditService {
  /** The chain each open transaction appends to (its manager is unique to it). */
  private readonly chainOfTransaction = new WeakMap<EntityManager, number>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Appends an entry inside the caller's transaction. */
  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    let chain = this.chainOfTransaction.get(manager);
    if (chain === undefined) {
      chain = chainOf(entry.entityId);
      this.chainOfTransaction.set(manager, chain);
      await manager.query('SELECT pg_advisory_xact_lock($1, $2)', [AUDIT_CHAIN_LOCK_NAMESPACE, chain]);
    }
    const [last] = (await manager.query('SELECT hash FROM audit_events WHERE chain = $1 ORDER BY seq DESC LIMIT 1', [chain])) as { hash: string }[];
    const row = {
      id: randomUUID(),
      entityType: entry.entityType,
      entityId: entry.entityId,
      action: entry.action,
      fromStatus: entry.fromStatus ?? null,
      toStatus: entry.toStatus ?? null,
      actor: entry.actor,
      reason: entry.reason ?? null,
      data: entry.data ?? {},
      at: new Date(),
      prevHash: last?.hash ?? GENESIS_HASH,
    };
    await manager.insert(AuditEventEntity, { ...row, chain, data: row.data as never, hash: hashAuditRow(row) });
  }

  /**
   * Appends several entries, in order, inside the caller's transaction (one row per entry, exactly as
   * record() would write them). A loop over record() for now, so every row keeps record()'s
   * guarantees; bulk callers (settling a whole mint batch) need not change when record() does.
   */
  async recordMany(manager: EntityManager, entries: readonly AuditEntry[]): Promise<void> {
    for (const entry of entries) await this.record(manager, entry);
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

  /** Recomputes the whole chain and reports the first broken row, if any. */
  verify(): Promise<AuditVerification> {
    return verifyAuditChain(this.dataSource);
  }

  /** The status history of one entity, oldest first. */
  async statusHistory(manager: EntityManager, entityType: AuditEntry['entityType'], entityId: string): Promise<StatusEvent[]> {
    const rows = await manager.find(AuditEventEntity, { where: { entityType, entityId }, order: { seq: 'ASC' } });
    return rows
      .filter((row) => row.toStatus !== null)
      .map((row) => ({ from: row.fromStatus, to: row.toStatus, at: row.at.toISOString(), reason: row.reason, actor: row.actor }));
  }
}

/** Spreads transactions over the chains by the first entity they record. */
function chainOf(entityId: string): number {
  return Number.parseInt(entityId.slice(0, 2), 16) % AUDIT_CHAINS;
}

/** The hash of a row covers every field and the previous row's hash. */
export function hashAuditRow(row: Omit<AuditEventEntity, 'seq' | 'hash' | 'chain'>): string {
  const canonical = canonicalJson([
    row.prevHash,
    row.id,
    row.entityType,
    row.entityId,
    row.action,
    row.fromStatus,
    row.toStatus,
    row.actor,
    row.reason,
    row.data,
    row.at.toISOString(),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
