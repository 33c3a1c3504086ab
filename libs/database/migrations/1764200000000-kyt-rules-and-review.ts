import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * KYT rules per fund, the blocklist change log, KYT's own record of screened orders (velocity and structuring look back on
 * it, so KYT never reads the orders table), alert due times and coded resolutions, travel-rule
 * information on orders, and the freeze generation of wallets (one on-chain intent per change).
 */
export class KytRulesAndReview1764200000000 implements MigrationInterface {
  name = 'KytRulesAndReview1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE kyt_fund_rules (
        fund_id uuid PRIMARY KEY REFERENCES funds (id) ON DELETE CASCADE,
        travel_rule_threshold numeric NOT NULL CHECK (travel_rule_threshold > 0),
        velocity_max_orders int NOT NULL CHECK (velocity_max_orders > 0),
        velocity_window_minutes int NOT NULL CHECK (velocity_window_minutes > 0),
        structuring_min_orders int NOT NULL CHECK (structuring_min_orders > 1),
        structuring_band_percent int NOT NULL CHECK (structuring_band_percent BETWEEN 1 AND 99),
        fresh_wallet_hours int NOT NULL CHECK (fresh_wallet_hours >= 0),
        fresh_wallet_large_amount numeric NOT NULL CHECK (fresh_wallet_large_amount > 0),
        updated_by varchar(100) NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      -- Every blocklist change in order: processes keep an in-memory index of the blocklist and
      -- catch up from their last seq instead of reloading the whole list.
      CREATE TABLE kyt_blocklist_changes (
        seq bigserial PRIMARY KEY,
        address char(42) NOT NULL,
        op varchar(8) NOT NULL CHECK (op IN ('ADDED', 'REMOVED')),
        at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE kyt_order_screenings (
        order_id uuid PRIMARY KEY,
        fund_id uuid NOT NULL,
        investor_id uuid NOT NULL,
        amount numeric NOT NULL,
        score int NOT NULL,
        level varchar(8) NOT NULL,
        screened_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX idx_kyt_order_screenings_investor ON kyt_order_screenings (investor_id, screened_at);

      ALTER TABLE kyt_alerts ADD COLUMN score int NOT NULL DEFAULT 0;
      ALTER TABLE kyt_alerts ADD COLUMN resolution_code varchar(32);
      ALTER TABLE kyt_alerts ADD COLUMN due_at timestamptz;
      UPDATE kyt_alerts SET due_at = created_at + CASE severity
        WHEN 'SEVERE' THEN interval '4 hours' WHEN 'HIGH' THEN interval '24 hours'
        WHEN 'MEDIUM' THEN interval '72 hours' ELSE interval '168 hours' END;
      ALTER TABLE kyt_alerts ALTER COLUMN due_at SET NOT NULL;
      CREATE INDEX idx_kyt_alerts_due ON kyt_alerts (due_at) WHERE status NOT IN ('CLEARED', 'CONFIRMED');

      ALTER TABLE orders ADD COLUMN travel_rule jsonb;

      ALTER TABLE wallets ADD COLUMN freeze_version int NOT NULL DEFAULT 0;
      ALTER TABLE wallets ADD COLUMN frozen_units numeric;
      CREATE INDEX idx_wallets_address ON wallets (address);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP INDEX idx_wallets_address;
      ALTER TABLE wallets DROP COLUMN frozen_units, DROP COLUMN freeze_version;
      ALTER TABLE orders DROP COLUMN travel_rule;
      DROP INDEX idx_kyt_alerts_due;
      ALTER TABLE kyt_alerts DROP COLUMN due_at, DROP COLUMN resolution_code, DROP COLUMN score;
      DROP TABLE kyt_order_screenings, kyt_blocklist_changes, kyt_fund_rules;
    `);
  }
}
