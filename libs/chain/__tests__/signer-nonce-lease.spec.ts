import { SIGNER_LOCK_NAMESPACE, SignerNonceLease, type SqlSession } from '../signer-nonce-lease.js';

const SIGNER = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';

/** A fake session that records its SQL and answers the next_nonce query with `stored`. */
function fakeSession(stored: number | null) {
  const calls: { sql: string; parameters?: unknown[] }[] = [];
  const session: SqlSession = {
    query: async (sql, parameters) => {
      calls.push({ sql, parameters });
      if (sql.startsWith('SELECT next_nonce')) return stored === null ? [] : [{ next_nonce: String(stored) }];
      return [];
    },
  };
  return { session, calls };
}

describe(SignerNonceLease.name, () => {
  describe('acquire', () => {
    it('should take the advisory lock of exactly this (chain, signer)', async () => {
      const { session, calls } = fakeSession(null);

      const sut = await SignerNonceLease.acquire(session, 31337, SIGNER);
      await sut.release();

      expect(calls.map((call) => call.sql)).toEqual(['SELECT pg_advisory_lock($1, hashtext($2))', 'SELECT pg_advisory_unlock($1, hashtext($2))']);
      expect(calls[0]!.parameters).toEqual([SIGNER_LOCK_NAMESPACE, `31337:${SIGNER}`]);
      expect(calls[1]!.parameters).toEqual(calls[0]!.parameters);
    });
  });

  describe('tryAcquire', () => {
    it('should own the lease when the try-lock succeeds and answer null at once when it does not', async () => {
      const answering = (acquired: boolean): SqlSession => ({ query: async () => [{ acquired }] });

      expect(await SignerNonceLease.tryAcquire(answering(true), 31337, SIGNER)).toBeInstanceOf(SignerNonceLease);
      expect(await SignerNonceLease.tryAcquire(answering(false), 31337, SIGNER)).toBeNull();
    });
  });

  describe('allocate', () => {
    it('should start from the chain when nothing is stored', async () => {
      const sut = await SignerNonceLease.acquire(fakeSession(null).session, 31337, SIGNER);
      expect(await sut.allocate(4)).toBe(4);
    });

    it('should hand out our next nonce when the chain has not seen it yet', async () => {
      const sut = await SignerNonceLease.acquire(fakeSession(9).session, 31337, SIGNER);
      expect(await sut.allocate(7)).toBe(9);
    });

    it('should never reuse a nonce the chain has already used (the key was used elsewhere)', async () => {
      const sut = await SignerNonceLease.acquire(fakeSession(3).session, 31337, SIGNER);
      expect(await sut.allocate(11)).toBe(11);
    });
  });

  describe('markUsed', () => {
    it('should move next_nonce forward only, in the caller transaction', async () => {
      const lease = fakeSession(null);
      const transaction = fakeSession(null);
      const sut = await SignerNonceLease.acquire(lease.session, 31337, SIGNER);

      await sut.markUsed(transaction.session, 12);

      expect(transaction.calls).toHaveLength(1);
      expect(transaction.calls[0]!.sql).toContain('GREATEST(signer_nonces.next_nonce, EXCLUDED.next_nonce)');
      expect(transaction.calls[0]!.parameters).toEqual([31337, SIGNER, 13]);
      expect(lease.calls.map((call) => call.sql)).toEqual(['SELECT pg_advisory_lock($1, hashtext($2))']);
    });
  });
});
