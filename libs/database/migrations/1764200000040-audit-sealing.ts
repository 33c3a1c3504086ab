import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit rows are written unsealed (no hashes) in the transaction of their change, and a sealer
 * links them into their chain shortly after, in the order it finds them committed (`chain_pos`).
 * Writers no longer read the chain's head or hold its lock until they commit, so the trail stops
 * being the write path's bottleneck. Existing rows keep their hashes; their position in the chain
 * is the order they were written in.
 */
export class AuditSealing1764200000040 implements MigrationInterface {
  name = 'AuditSealing1764200000040';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE audit_events ADD COLUMN chain_pos bigint;
      ALTER TABLE audit_events ALTER COLUMN prev_hash DROP NOT NULL, ALTER COLUMN hash DROP NOT NULL;
      UPDATE audit_events a SET chain_pos = ranked.pos
        FROM (SELECT seq, row_number() OVER (PARTITION BY chain ORDER BY seq) AS pos FROM audit_events) ranked
        WHERE ranked.seq = a.seq;
      ALTER TABLE audit_events ADD CONSTRAINT chk_audit_events_sealed
        CHECK ((chain_pos IS NULL AND prev_hash IS NULL AND hash IS NULL) OR (chain_pos IS NOT NULL AND prev_hash IS NOT NULL AND hash IS NOT NULL));
      CREATE UNIQUE INDEX uq_audit_events_chain_pos ON audit_events (chain, chain_pos);
      CREATE INDEX idx_audit_events_unsealed ON audit_events (seq) WHERE chain_pos IS NULL;
      DROP INDEX idx_audit_events_chain;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const [{ unsealed }] = (await queryRunner.query('SELECT count(*)::int AS unsealed FROM audit_events WHERE chain_pos IS NULL')) as [{ unsealed: number }];
    if (unsealed > 0) throw new Error(`${unsealed} audit rows are not sealed yet: run the worker (or AuditService.seal) before reverting this migration`);
    await queryRunner.query(`
      CREATE INDEX idx_audit_events_chain ON audit_events (chain, seq);
      DROP INDEX idx_audit_events_unsealed;
      DROP INDEX uq_audit_events_chain_pos;
      ALTER TABLE audit_events DROP CONSTRAINT chk_audit_events_sealed;
      ALTER TABLE audit_events ALTER COLUMN prev_hash SET NOT NULL, ALTER COLUMN hash SET NOT NULL;
      ALTER TABLE audit_events DROP COLUMN chain_pos;
    `);
  }
}
