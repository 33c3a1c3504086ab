import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Users, and API keys that belong to them, expire and record their last use (issue 11).
 *
 * - A key names its user through (organization_id, user_id), so it can only belong to a user of
 *   its own organisation.
 * - `hash_version`: existing keys keep their unkeyed SHA-256 (1) until their next successful use
 *   re-stores them as HMAC-SHA256 with API_KEY_PEPPER (2); a SHA-256 cannot be turned into the
 *   HMAC without the key itself. New keys are stored as 2.
 * - A trigger notifies `rwa_api_keys_changed` (payload: the key id) on every change that matters to
 *   authentication, whoever makes it (the API, an operator's SQL): each API process drops the key
 *   from its authentication cache when the change commits.
 */
export class PeopleAndKeys1764420000000 implements MigrationInterface {
  name = 'PeopleAndKeys1764420000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        name varchar(200) NOT NULL,
        email varchar(254) NOT NULL CHECK (email = lower(email)),
        role varchar(16) NOT NULL CHECK (role IN ('ADMIN', 'COMPLIANCE', 'ISSUER', 'DISTRIBUTOR')),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_users_organization_id UNIQUE (organization_id, id)
      );
      CREATE UNIQUE INDEX uq_users_organization_email ON users (organization_id, email);

      ALTER TABLE api_keys
        ADD COLUMN user_id uuid,
        ADD COLUMN expires_at timestamptz,
        ADD COLUMN last_used_at timestamptz,
        ADD COLUMN hash_version smallint NOT NULL DEFAULT 1 CHECK (hash_version IN (1, 2)),
        ADD CONSTRAINT fk_api_keys_user FOREIGN KEY (organization_id, user_id) REFERENCES users (organization_id, id);
      ALTER TABLE api_keys ALTER COLUMN hash_version DROP DEFAULT;
      CREATE INDEX idx_api_keys_user ON api_keys (user_id) WHERE user_id IS NOT NULL;

      CREATE FUNCTION api_keys_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('rwa_api_keys_changed', coalesce(NEW.id, OLD.id)::text);
        RETURN NULL;
      END $$;
      CREATE TRIGGER api_keys_notify_update AFTER UPDATE ON api_keys FOR EACH ROW
        WHEN ((OLD.revoked_at, OLD.expires_at, OLD.role, OLD.user_id, OLD.organization_id, OLD.key_hash)
              IS DISTINCT FROM (NEW.revoked_at, NEW.expires_at, NEW.role, NEW.user_id, NEW.organization_id, NEW.key_hash))
        EXECUTE FUNCTION api_keys_notify_change();
      CREATE TRIGGER api_keys_notify_delete AFTER DELETE ON api_keys FOR EACH ROW EXECUTE FUNCTION api_keys_notify_change();
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const [{ upgraded }] = (await queryRunner.query('SELECT count(*)::int AS upgraded FROM api_keys WHERE hash_version = 2 AND revoked_at IS NULL')) as [{ upgraded: number }];
    if (upgraded > 0) {
      throw new Error(`${upgraded} API keys are stored as HMAC-SHA256, which the previous release cannot check: revoke them before reverting this migration (and issue new keys after)`);
    }
    await queryRunner.query(`
      DROP TRIGGER api_keys_notify_delete ON api_keys;
      DROP TRIGGER api_keys_notify_update ON api_keys;
      DROP FUNCTION api_keys_notify_change();
      DROP INDEX idx_api_keys_user;
      ALTER TABLE api_keys DROP CONSTRAINT fk_api_keys_user, DROP COLUMN hash_version, DROP COLUMN last_used_at, DROP COLUMN expires_at, DROP COLUMN user_id;
      DROP TABLE users;
    `);
  }
}
