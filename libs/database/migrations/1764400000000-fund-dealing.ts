import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Running a fund day to day (docs/fund-dealing.md): business-day calendars, the fund settings that
 * the token and the order path enforce, NAV governance (status, who published and approved), each
 * order's dealing schedule and the NAV date that priced it, refunds, and payment references that
 * one confirmation call of an issuer uses at most once (a constraint, so concurrent calls cannot
 * both win).
 *
 * The HK calendar row is created empty (version 0): the funds module fills it from its data file
 * (libs/funds/data) at start-up, once, so that the list lives in one place and an ADMIN's later
 * PUT is never overwritten.
 */
export class FundDealing1764400000000 implements MigrationInterface {
  name = 'FundDealing1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE calendars (
        code varchar(16) PRIMARY KEY,
        name varchar(200) NOT NULL,
        holidays date[] NOT NULL DEFAULT '{}',
        weekend_days smallint[] NOT NULL DEFAULT '{6,0}',
        version int NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      INSERT INTO calendars (code, name) VALUES ('HK', 'Hong Kong general holidays');

      ALTER TABLE funds
        ADD COLUMN calendar varchar(16) NOT NULL DEFAULT 'HK' REFERENCES calendars (code),
        ADD COLUMN max_units_per_holder numeric(78, 0) CHECK (max_units_per_holder > 0),
        ADD COLUMN lockup_days smallint CHECK (lockup_days >= 0),
        ADD COLUMN nav_tolerance_percent numeric(5, 2) NOT NULL DEFAULT 2 CHECK (nav_tolerance_percent > 0),
        ADD COLUMN income_mode varchar(16) NOT NULL DEFAULT 'ACCUMULATING',
        ADD COLUMN rules_version int NOT NULL DEFAULT 0,
        ADD COLUMN rules_synced_version int NOT NULL DEFAULT 0,
        ADD COLUMN token_pause_target boolean NOT NULL DEFAULT false,
        ADD COLUMN token_paused boolean NOT NULL DEFAULT false,
        ADD COLUMN lifecycle_version int NOT NULL DEFAULT 0,
        ADD COLUMN chain_admin_lease_until timestamptz;

      ALTER TABLE fund_navs
        ADD COLUMN status varchar(24) NOT NULL DEFAULT 'PUBLISHED' CHECK (status IN ('PUBLISHED', 'PENDING_APPROVAL')),
        ADD COLUMN published_by varchar(200),
        ADD COLUMN approved_by varchar(200),
        ADD COLUMN published_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN approved_at timestamptz;

      ALTER TABLE orders
        ADD COLUMN cut_off_at timestamptz,
        ADD COLUMN settlement_date date,
        ADD COLUMN nav_as_of date,
        ADD COLUMN refund_reference varchar(200);
      UPDATE orders o SET cut_off_at = (o.dealing_date + f.cut_off_time::time) AT TIME ZONE f.timezone, settlement_date = o.dealing_date
        FROM funds f WHERE f.id = o.fund_id;
      ALTER TABLE orders ALTER COLUMN cut_off_at SET NOT NULL, ALTER COLUMN settlement_date SET NOT NULL;
      CREATE INDEX idx_orders_fund_dealing ON orders (fund_id, dealing_date);
      CREATE INDEX idx_orders_wallet_fund ON orders (wallet_id, fund_id);
      CREATE INDEX idx_orders_fund_pricing ON orders (fund_id, dealing_date) WHERE status = 'PRICING';

      CREATE TABLE payment_references (
        issuer_id uuid NOT NULL REFERENCES organizations (id),
        reference varchar(200) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (issuer_id, reference)
      );
      INSERT INTO payment_references (issuer_id, reference)
        SELECT DISTINCT issuer_id, payment_reference FROM orders WHERE type = 'SUBSCRIPTION' AND payment_reference IS NOT NULL
        ON CONFLICT DO NOTHING;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE payment_references;
      DROP INDEX idx_orders_fund_pricing;
      DROP INDEX idx_orders_wallet_fund;
      DROP INDEX idx_orders_fund_dealing;
      ALTER TABLE orders DROP COLUMN refund_reference, DROP COLUMN nav_as_of, DROP COLUMN settlement_date, DROP COLUMN cut_off_at;
      ALTER TABLE fund_navs DROP COLUMN approved_at, DROP COLUMN published_at, DROP COLUMN approved_by, DROP COLUMN published_by, DROP COLUMN status;
      ALTER TABLE funds DROP COLUMN chain_admin_lease_until, DROP COLUMN lifecycle_version, DROP COLUMN token_paused, DROP COLUMN token_pause_target, DROP COLUMN rules_synced_version,
        DROP COLUMN rules_version, DROP COLUMN income_mode, DROP COLUMN nav_tolerance_percent, DROP COLUMN lockup_days,
        DROP COLUMN max_units_per_holder, DROP COLUMN calendar;
      DROP TABLE calendars;
    `);
  }
}
