import type { DataSource } from 'typeorm';
import { AuditEventEntity } from './audit-event.entity.js';
import { GENESIS_HASH, hashAuditRow } from './audit-hash.js';

/** The first row where the chain breaks, and how. */
export interface BrokenAuditRow {
  seq: string;
  id: string;
  /** HASH_MISMATCH: the row was changed; PREV_HASH_MISMATCH: a row before it was removed, inserted or rehashed. */
  problem: 'HASH_MISMATCH' | 'PREV_HASH_MISMATCH';
  expected: string;
  found: string | null;
}

export interface AuditVerification {
  valid: boolean;
  checkedRows: number;
  /** Rows written but not sealed into their chain yet (AuditSealer seals them within moments). */
  unsealedRows: number;
  firstBroken: BrokenAuditRow | null;
  verifiedAt: string;
}

const BATCH = 2000;

/**
 * Walks each chain in order and recomputes every hash: a row changed by hand no longer matches its
 * hash, and a row removed or inserted breaks the link to the next one of its chain (moving a row to
 * another chain breaks both). Reads in keyset batches, so memory stays flat however long the trail
 * is. Verifies sealed rows; AuditService.verify seals what is committed first.
 */
export async function verifyAuditChain(dataSource: DataSource): Promise<AuditVerification> {
  const repository = dataSource.getRepository(AuditEventEntity);
  let after = { chain: -1, pos: '0' };
  let previous = { chain: -1, hash: GENESIS_HASH };
  let checkedRows = 0;
  const [{ unsealed }] = (await dataSource.query('SELECT count(*)::int AS unsealed FROM audit_events WHERE chain_pos IS NULL')) as [{ unsealed: number }];
  for (;;) {
    const rows = await repository
      .createQueryBuilder('event')
      .where('event.chain_pos IS NOT NULL AND (event.chain, event.chain_pos) > (:chain, :pos)', after)
      .orderBy('event.chain', 'ASC')
      .addOrderBy('event.chain_pos', 'ASC')
      .limit(BATCH)
      .getMany();
    for (const row of rows) {
      checkedRows += 1;
      const expectedPrevious = previous.chain === row.chain ? previous.hash : GENESIS_HASH;
      if (row.prevHash !== expectedPrevious) return broken(checkedRows, unsealed, { seq: row.seq, id: row.id, problem: 'PREV_HASH_MISMATCH', expected: expectedPrevious, found: row.prevHash });
      const expected = hashAuditRow({ ...row, prevHash: expectedPrevious });
      if (row.hash !== expected) return broken(checkedRows, unsealed, { seq: row.seq, id: row.id, problem: 'HASH_MISMATCH', expected, found: row.hash });
      previous = { chain: row.chain, hash: expected };
      after = { chain: row.chain, pos: row.chainPos! };
    }
    if (rows.length < BATCH) return { valid: true, checkedRows, unsealedRows: unsealed, firstBroken: null, verifiedAt: new Date().toISOString() };
  }
}

function broken(checkedRows: number, unsealedRows: number, firstBroken: BrokenAuditRow): AuditVerification {
  return { valid: false, checkedRows, unsealedRows, firstBroken, verifiedAt: new Date().toISOString() };
}
