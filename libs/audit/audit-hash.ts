import { createHmac } from 'node:crypto';
import { canonicalJson } from '@rwa/common';
import type { AuditEventEntity } from './audit-event.entity.js';

/** The previous hash of the first row of each chain. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The fields a row's seal covers: every field of the entry, its place (chain and position) and the
 * previous row's seal.
 */
export type HashedAuditFields = Omit<AuditEventEntity, 'seq' | 'hash' | 'chainPos' | 'prevHash'> & { chainPos: string; prevHash: string };

/**
 * The seal of a row: an HMAC-SHA256, keyed with AUDIT_SEAL_KEY (kept outside the database), of every
 * field, the row's place in its chain and the previous row's seal. Without the key nobody can
 * recompute a chain after changing, inserting, moving or removing a row, however consistently.
 */
export function hashAuditRow(sealKey: string, row: HashedAuditFields): string {
  const canonical = canonicalJson([
    row.chain,
    row.chainPos,
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
  return createHmac('sha256', sealKey).update(canonical).digest('hex');
}

/** An audit_events row as the database driver returns it (snake_case columns). */
export interface AuditEventRow {
  id: string;
  entity_type: string;
  entity_id: string;
  action: string;
  from_status: string | null;
  to_status: string | null;
  actor: string;
  reason: string | null;
  data: Record<string, unknown>;
  at: Date;
  chain: number;
}

/** The fields a row's seal covers, read from its database row, at `chainPos` after `prevHash`. */
export function hashedFieldsOf(row: AuditEventRow, chainPos: string, prevHash: string): HashedAuditFields {
  return {
    id: row.id,
    entityType: row.entity_type,
    entityId: row.entity_id,
    action: row.action,
    fromStatus: row.from_status,
    toStatus: row.to_status,
    actor: row.actor,
    reason: row.reason,
    data: row.data,
    at: row.at,
    chain: Number(row.chain),
    chainPos,
    prevHash,
  };
}
