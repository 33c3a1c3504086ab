import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The entity the trail's own events are recorded under (chain 0). */
const AUDIT_TRAIL_ENTITY_ID = '00000000-0000-0000-0000-000000000000';

/**
 * An audit trail that cannot be rewritten unnoticed (issue 11).
 *
 * - A trigger refuses DELETE, TRUNCATE and every UPDATE of audit_events except sealing an unsealed
 *   row once (seal columns NULL -> values, nothing else changed). It is ENABLE ALWAYS, so it also
 *   holds with `session_replication_role = replica`, whatever role connects (the superuser
 *   included); only dropping or disabling it (DDL, which a table owner or superuser can do) gets
 *   past it, and verification then shows what was done.
 * - Seals become keyed (HMAC-SHA256 with AUDIT_SEAL_KEY, kept outside the database) and cover the
 *   row's position. Rows sealed before, with the unkeyed SHA-256, are unsealed here and sealed
 *   again under the key by the next sealer pass, in seq order; the heads of the retired unkeyed
 *   chains are first recorded in an audit row of their own (entity `audit_trail`), which is then
 *   sealed under the key like any other.
 * - audit_anchors and audit_anchor_contracts: the anchoring of the chains' heads in the AuditAnchor
 *   contract (libs/audit/anchor).
 */
export class AuditAppendOnly1764420000001 implements MigrationInterface {
  name = 'AuditAppendOnly1764420000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `INSERT INTO audit_events (id, entity_type, entity_id, action, actor, reason, data, at, chain)
       SELECT gen_random_uuid(), 'audit_trail', $1::uuid, 'unkeyed-seals-retired', 'system',
              'rows sealed with the unkeyed SHA-256 are sealed again under AUDIT_SEAL_KEY',
              jsonb_build_object('heads', jsonb_agg(jsonb_build_object('chain', chain, 'position', chain_pos::text, 'hash', hash) ORDER BY chain)),
              now(), 0
       FROM (SELECT DISTINCT ON (chain) chain, chain_pos, hash FROM audit_events WHERE chain_pos IS NOT NULL ORDER BY chain, chain_pos DESC) heads
       HAVING count(*) > 0`,
      [AUDIT_TRAIL_ENTITY_ID],
    );
    await queryRunner.query(`
      UPDATE audit_events SET chain_pos = NULL, prev_hash = NULL, hash = NULL WHERE chain_pos IS NOT NULL;

      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          RAISE EXCEPTION 'audit_events is append-only: it cannot be truncated' USING ERRCODE = 'insufficient_privilege';
        ELSIF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'audit_events is append-only: row % cannot be deleted', OLD.seq USING ERRCODE = 'insufficient_privilege';
        ELSIF OLD.chain_pos IS NOT NULL OR OLD.prev_hash IS NOT NULL OR OLD.hash IS NOT NULL THEN
          RAISE EXCEPTION 'audit_events is append-only: row % is sealed and cannot change', OLD.seq USING ERRCODE = 'insufficient_privilege';
        ELSIF NEW.chain_pos IS NULL OR NEW.prev_hash IS NULL OR NEW.hash IS NULL THEN
          RAISE EXCEPTION 'audit_events is append-only: unsealed row % may only be sealed', OLD.seq USING ERRCODE = 'insufficient_privilege';
        ELSIF to_jsonb(NEW) - 'chain_pos' - 'prev_hash' - 'hash' IS DISTINCT FROM to_jsonb(OLD) - 'chain_pos' - 'prev_hash' - 'hash' THEN
          -- Every column but the seal, including any added later.
          RAISE EXCEPTION 'audit_events is append-only: sealing row % may not change its content', OLD.seq USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
      ALTER TABLE audit_events ENABLE ALWAYS TRIGGER audit_events_append_only;
      ALTER TABLE audit_events ENABLE ALWAYS TRIGGER audit_events_no_truncate;

      CREATE TABLE audit_anchor_contracts (
        chain_id int PRIMARY KEY,
        address char(42) NOT NULL,
        deployed_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE audit_anchors (
        id bigserial PRIMARY KEY,
        chain_id int NOT NULL,
        chains smallint[] NOT NULL,
        positions bigint[] NOT NULL,
        hashes char(64)[] NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('PENDING', 'ANCHORED', 'FAILED')),
        tx_hash char(66),
        block_number bigint,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        anchored_at timestamptz,
        CHECK (cardinality(chains) = cardinality(positions) AND cardinality(chains) = cardinality(hashes))
      );
      CREATE INDEX idx_audit_anchors_pending ON audit_anchors (chain_id, id) WHERE status = 'PENDING';
    `);
  }

  /** The rows keep their keyed seals (the previous release's verifier reports them as changed) and the retirement row. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE audit_anchors;
      DROP TABLE audit_anchor_contracts;
      DROP TRIGGER audit_events_no_truncate ON audit_events;
      DROP TRIGGER audit_events_append_only ON audit_events;
      DROP FUNCTION audit_events_append_only();
    `);
  }
}
