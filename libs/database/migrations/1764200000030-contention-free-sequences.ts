import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two hot spots of the write path lose their global serialisation:
 * - the audit trail becomes 16 hash chains (a transaction appends to one of them), so concurrent
 *   transactions no longer queue on one lock; existing rows form chain 0, as they were written;
 * - a fund's order references come from a sequence of its own instead of a counter on the fund
 *   row, which every payment confirmation of the fund had to lock until commit. A sequence never
 *   hands out a number twice; a rolled-back order leaves a gap, which the token's bitmap tolerates.
 */
export class ContentionFreeSequences1764200000030 implements MigrationInterface {
  name = 'ContentionFreeSequences1764200000030';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE audit_events ADD COLUMN chain smallint NOT NULL DEFAULT 0;
      CREATE INDEX idx_audit_events_chain ON audit_events (chain, seq);
      DO $$
      DECLARE fund record;
      BEGIN
        FOR fund IN SELECT id, next_reference_seq FROM funds LOOP
          EXECUTE format('CREATE SEQUENCE %I START %s', 'fund_ref_seq_' || replace(fund.id::text, '-', ''), fund.next_reference_seq);
        END LOOP;
      END $$;
      ALTER TABLE funds DROP COLUMN next_reference_seq;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE funds ADD COLUMN next_reference_seq bigint NOT NULL DEFAULT 1;
      DO $$
      DECLARE fund record;
      DECLARE next_value bigint;
      BEGIN
        FOR fund IN SELECT id FROM funds LOOP
          EXECUTE format('SELECT coalesce(max(reference_seq), 0) + 1 FROM orders WHERE fund_id = %L', fund.id) INTO next_value;
          UPDATE funds SET next_reference_seq = next_value WHERE id = fund.id;
          EXECUTE format('DROP SEQUENCE IF EXISTS %I', 'fund_ref_seq_' || replace(fund.id::text, '-', ''));
        END LOOP;
      END $$;
      DROP INDEX idx_audit_events_chain;
      ALTER TABLE audit_events DROP COLUMN chain;
    `);
  }
}
