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
