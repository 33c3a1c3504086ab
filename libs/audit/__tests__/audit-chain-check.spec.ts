import { randomUUID } from 'node:crypto';
import { GENESIS_HASH, hashAuditRow } from '../audit-hash.js';
import { AuditChainCheck } from '../audit-verifier.js';

const KEY = 'k'.repeat(32);

/** A chain of `count` rows of chain 3, sealed with KEY. */
function sealedChain(count: number) {
  const rows = [];
  let prevHash = GENESIS_HASH;
  for (let index = 1; index <= count; index += 1) {
    const row = {
      seq: String(100 + index),
      id: randomUUID(),
      entityType: 'order',
      entityId: randomUUID(),
      action: 'status-changed',
      fromStatus: null,
      toStatus: `S${index}`,
      actor: 'system',
      reason: null,
      data: { index },
      at: new Date(1_700_000_000_000 + index),
      chain: 3,
      chainPos: String(index),
      prevHash,
      hash: '',
    };
    row.hash = hashAuditRow(KEY, row);
    prevHash = row.hash;
    rows.push(row);
  }
  return rows;
}

describe(AuditChainCheck.name, () => {
  describe('next', () => {
    it('should accept a chain sealed with the key, row by row, and end at its head', () => {
      const rows = sealedChain(3);
      const sut = new AuditChainCheck(KEY, 3);

      expect(rows.map((row) => sut.next(row))).toEqual([null, null, null]);
      expect(sut.end()).toBeNull();
      expect(sut.head).toEqual({ position: 3n, hash: rows[2]!.hash });
      expect(sut.rows).toBe(3);
    });

    it('should report HASH_MISMATCH for a changed row and for a chain sealed with another key', () => {
      const rows = sealedChain(2);
      const changed = new AuditChainCheck(KEY, 3);
      const otherKey = new AuditChainCheck('o'.repeat(32), 3);

      expect(changed.next({ ...rows[0]!, reason: 'edited' })).toMatchObject({ position: '1', problem: 'HASH_MISMATCH', found: rows[0]!.hash });
      expect(otherKey.next(rows[0]!)).toMatchObject({ position: '1', problem: 'HASH_MISMATCH' });
    });

    it('should report a row moved to another position as HASH_MISMATCH (its place is sealed too)', () => {
      const rows = sealedChain(2);
      const sut = new AuditChainCheck(KEY, 3, { position: 1n, hash: rows[0]!.hash });

      expect(sut.next({ ...rows[1]!, chain: 4 })).toMatchObject({ problem: 'HASH_MISMATCH' });
    });

    it('should report PREV_HASH_MISMATCH after a removed row and POSITION_GAP for a skipped position', () => {
      const rows = sealedChain(3);
      const removed = new AuditChainCheck(KEY, 3);
      const skipped = new AuditChainCheck(KEY, 3);
      removed.next(rows[0]!);
      skipped.next(rows[0]!);

      expect(removed.next(rows[2]!)).toMatchObject({ seq: rows[2]!.seq, position: '3', problem: 'PREV_HASH_MISMATCH', expected: rows[0]!.hash });
      expect(skipped.next({ ...rows[1]!, chainPos: '5' })).toMatchObject({ position: '5', problem: 'POSITION_GAP', expected: '2', found: '5' });
    });
  });

  describe('with an anchored head', () => {
    it('should report ANCHOR_MISMATCH when the row at the anchored position is another one', () => {
      const rows = sealedChain(2);
      const sut = new AuditChainCheck(KEY, 3, undefined, { position: 2n, hash: 'a'.repeat(64) });
      sut.next(rows[0]!);

      expect(sut.next(rows[1]!)).toMatchObject({ position: '2', problem: 'ANCHOR_MISMATCH', expected: 'a'.repeat(64), found: rows[1]!.hash });
    });

    it('should report TAIL_MISSING when the chain ends before the anchored head', () => {
      const rows = sealedChain(3);
      const sut = new AuditChainCheck(KEY, 3, undefined, { position: 3n, hash: rows[2]!.hash });
      sut.next(rows[0]!);
      sut.next(rows[1]!);

      expect(sut.end()).toEqual({ chain: 3, position: '3', seq: null, id: null, problem: 'TAIL_MISSING', expected: rows[2]!.hash, found: null });
    });

    it('should accept a chain that reaches its anchored head and goes on', () => {
      const rows = sealedChain(3);
      const sut = new AuditChainCheck(KEY, 3, undefined, { position: 2n, hash: rows[1]!.hash });

      expect(rows.map((row) => sut.next(row))).toEqual([null, null, null]);
      expect(sut.end()).toBeNull();
    });
  });
});
