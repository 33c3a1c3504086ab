import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig } from '@rwa/config';
import { GENESIS_HASH, hashAuditRow, hashedFieldsOf, type AuditEventRow } from './audit-hash.js';

/** One sealer at a time across every process: the chains' heads are read and extended under it. */
const AUDIT_SEAL_LOCK = 7_240_003;
const SEAL_BATCH = 5000;

interface UnsealedRow extends AuditEventRow {
  seq: string;
}

/**
 * Links committed, unsealed audit rows into their hash chains, in the order it finds them (seq
 * within one pass). A row still uncommitted when a pass runs is simply sealed by a later pass,
 * after rows with a higher seq: its chain position, not its seq, is its place in the chain.
 * Sealing is the one UPDATE the audit_events trigger allows (unsealed -> sealed, nothing else
 * changed); seals are keyed with AUDIT_SEAL_KEY (hashAuditRow).
 */
@Injectable()
export class AuditSealer {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /**
   * Seals up to SEAL_BATCH rows. Without `wait`, answers 0 at once when another process is sealing
   * (the periodic sealer); with it, waits for that process (verification).
   */
  async sealBatch(wait = false): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      if (wait) await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_SEAL_LOCK]);
      else {
        const [{ locked }] = (await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [AUDIT_SEAL_LOCK])) as [{ locked: boolean }];
        if (!locked) return 0;
      }
      const rows = (await manager.query(
        `SELECT seq, id, entity_type, entity_id, action, from_status, to_status, actor, reason, data, at, chain
         FROM audit_events WHERE chain_pos IS NULL ORDER BY seq LIMIT $1`,
        [SEAL_BATCH],
      )) as UnsealedRow[];
      if (rows.length === 0) return 0;
      const heads = new Map<number, { pos: bigint; hash: string }>();
      const chains = [...new Set(rows.map((row) => row.chain))];
      const headRows = (await manager.query(
        // One index probe per chain (the last sealed row), whatever the trail's length: a DISTINCT ON
        // over the chains would read every sealed row of them on each pass.
        `SELECT c.chain, head.chain_pos, head.hash FROM unnest($1::smallint[]) AS c(chain)
         CROSS JOIN LATERAL (
           SELECT chain_pos, hash FROM audit_events WHERE chain = c.chain AND chain_pos IS NOT NULL ORDER BY chain_pos DESC LIMIT 1
         ) head`,
        [chains],
      )) as { chain: number; chain_pos: string; hash: string }[];
      for (const head of headRows) heads.set(head.chain, { pos: BigInt(head.chain_pos), hash: head.hash });
      const seqs: string[] = [];
      const positions: string[] = [];
      const prevHashes: string[] = [];
      const hashes: string[] = [];
      for (const row of rows) {
        const head = heads.get(row.chain) ?? { pos: 0n, hash: GENESIS_HASH };
        const hash = hashAuditRow(this.config.audit.sealKey, hashedFieldsOf(row, (head.pos + 1n).toString(), head.hash));
        seqs.push(row.seq);
        positions.push((head.pos + 1n).toString());
        prevHashes.push(head.hash);
        hashes.push(hash);
        heads.set(row.chain, { pos: head.pos + 1n, hash });
      }
      await manager.query(
        `UPDATE audit_events a SET chain_pos = s.pos, prev_hash = s.prev_hash, hash = s.hash
         FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS s(seq, pos, prev_hash, hash)
         WHERE a.seq = s.seq AND a.chain_pos IS NULL`,
        [seqs, positions, prevHashes, hashes],
      );
      return rows.length;
    });
  }

  /** Seals until nothing committed is left unsealed (waiting for a sealer running elsewhere). */
  async sealAll(): Promise<number> {
    return this.sealWhileFull(true);
  }

  /**
   * The periodic sealer's pass: seals what is committed, unless another process is sealing (it
   * answers 0 at once then, instead of holding a pooled connection while it waits).
   */
  async sealPending(): Promise<number> {
    return this.sealWhileFull(false);
  }

  private async sealWhileFull(wait: boolean): Promise<number> {
    let sealed = 0;
    for (;;) {
      const batch = await this.sealBatch(wait);
      sealed += batch;
      if (batch < SEAL_BATCH) return sealed;
    }
  }
}
