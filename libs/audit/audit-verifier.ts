import type { DataSource } from 'typeorm';
import { AuditEventEntity } from './audit-event.entity.js';
import { GENESIS_HASH, hashAuditRow } from './audit.service.js';

/** The first row where the chain breaks, and how. */
export interface BrokenAuditRow {
  seq: string;
  id: string;
  /** HASH_MISMATCH: the row was changed; PREV_HASH_MISMATCH: a row before it was removed, inserted or rehashed. */
  problem: 'HASH_MISMATCH' | 'PREV_HASH_MISMATCH';
  expected: string;
  found: string;
}

export interface AuditVerification {
  valid: boolean;
  checkedRows: number;
  firstBroken: BrokenAuditRow | null;
  verifiedAt: string;
}

const BATCH = 2000;

/**
 * Walks the audit trail in order and recomputes every hash: a row changed by hand no longer
 * matches its hash, and a row removed or inserted breaks the link to the next one of its chain
 * (moving a row to another chain breaks both). Reads in keyset batches, so memory stays flat
 * however long the trail is.
 */
export async function verifyAuditChain(dataSource: DataSource): Promise<AuditVerification> {
  const repository = dataSource.getRepository(AuditEventEntity);
  const previousHash = new Map<number, string>();
  let lastSeq = '0';
  let checkedRows = 0;
  for (;;) {
    const rows = await repository.createQueryBuilder('event').where('event.seq > :lastSeq', { lastSeq }).orderBy('event.seq', 'ASC').limit(BATCH).getMany();
    for (const row of rows) {
      checkedRows += 1;
      const expectedPrevious = previousHash.get(row.chain) ?? GENESIS_HASH;
      if (row.prevHash !== expectedPrevious) return broken(checkedRows, { seq: row.seq, id: row.id, problem: 'PREV_HASH_MISMATCH', expected: expectedPrevious, found: row.prevHash });
      const expected = hashAuditRow(row);
      if (row.hash !== expected) return broken(checkedRows, { seq: row.seq, id: row.id, problem: 'HASH_MISMATCH', expected, found: row.hash });
      previousHash.set(row.chain, row.hash);
      lastSeq = row.seq;
    }
    if (rows.length < BATCH) return { valid: true, checkedRows, firstBroken: null, verifiedAt: new Date().toISOString() };
  }
}

function broken(checkedRows: number, firstBroken: BrokenAuditRow): AuditVerification {
  return { valid: false, checkedRows, firstBroken, verifiedAt: new Date().toISOString() };
}
