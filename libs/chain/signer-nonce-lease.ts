import type { Address } from 'viem';

/** Advisory-lock namespace of the signer nonce lease (the key is hashtext('<chainId>:<signer>')). */
export const SIGNER_LOCK_NAMESPACE = 7_240_003;

/** The part of a database session the lease needs: one connection, plain SQL. */
export interface SqlSession {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * Exclusive ownership of one (chain, signer) nonce stream, held as a Postgres session advisory
 * lock. Only the holder allocates nonces, so several worker processes never hand out the same
 * one; the lock dies with the session, so a killed worker never leaves it held.
 */
export class SignerNonceLease {
  private constructor(
    private readonly session: SqlSession,
    readonly chainId: number,
    readonly signer: Address,
  ) {}

  /** Waits until no other session owns the signer's nonces, then owns them. */
  static async acquire(session: SqlSession, chainId: number, signer: Address): Promise<SignerNonceLease> {
    await session.query('SELECT pg_advisory_lock($1, hashtext($2))', [SIGNER_LOCK_NAMESPACE, `${chainId}:${signer}`]);
    return new SignerNonceLease(session, chainId, signer);
  }

  /**
   * Takes the lease if nobody holds it, else returns null at once. Waiters that poll this, with
   * their connection back in the pool between tries, cannot starve the holder of the second
   * connection it needs to persist (blocking waiters each holding a pooled connection can).
   */
  static async tryAcquire(session: SqlSession, chainId: number, signer: Address): Promise<SignerNonceLease | null> {
    const [row] = (await session.query('SELECT pg_try_advisory_lock($1, hashtext($2)) AS acquired', [SIGNER_LOCK_NAMESPACE, `${chainId}:${signer}`])) as { acquired: boolean }[];
    return row?.acquired ? new SignerNonceLease(session, chainId, signer) : null;
  }

  async release(): Promise<void> {
    await this.session.query('SELECT pg_advisory_unlock($1, hashtext($2))', [SIGNER_LOCK_NAMESPACE, `${this.chainId}:${this.signer}`]);
  }

  /** The next nonce our records say is free, or null before the first transaction. */
  async storedNext(): Promise<number | null> {
    const rows = (await this.session.query('SELECT next_nonce FROM signer_nonces WHERE chain_id = $1 AND signer = $2', [this.chainId, this.signer])) as {
      next_nonce: string;
    }[];
    return rows[0] ? Number(rows[0].next_nonce) : null;
  }

  /**
   * The nonce to sign with: our next free one, or the chain's if it is ahead (the key was used
   * by another tool, or our records are older than the chain): never a nonce the chain has used.
   */
  async allocate(chainPendingNonce: number): Promise<number> {
    return Math.max((await this.storedNext()) ?? 0, chainPendingNonce);
  }

  /**
   * Records `nonce` as used, in the caller's transaction (the one that persists the signed bytes),
   * so a nonce is spent exactly when its transaction record exists.
   */
  async markUsed(executor: SqlSession, nonce: number): Promise<void> {
    await executor.query(
      `INSERT INTO signer_nonces (chain_id, signer, next_nonce) VALUES ($1, $2, $3)
       ON CONFLICT (chain_id, signer) DO UPDATE SET next_nonce = GREATEST(signer_nonces.next_nonce, EXCLUDED.next_nonce)`,
      [this.chainId, this.signer, nonce + 1],
    );
  }
}
