import { createHash } from 'node:crypto';
import { canonicalJson } from '@rwa/common';
import type { AuditEventEntity } from './audit-event.entity.js';

/** The previous hash of the first row of each chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields a row's hash covers: every field of the entry and the previous row's hash. */
export type HashedAuditFields = Omit<AuditEventEntity, 'seq' | 'hash' | 'chain' | 'chainPos' | 'prevHash'> & { prevHash: string };

/** The hash of a row covers every field and the previous row's hash. */
export function hashAuditRow(row: HashedAuditFields): string {
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
}

/** The fields a row's hash covers, read from its database row, linked to `prevHash`. */
export function hashedFieldsOf(row: AuditEventRow, prevHash: string): HashedAuditFields {
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
    prevHash,
  };
}
