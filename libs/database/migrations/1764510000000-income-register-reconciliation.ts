import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Income, the register at a past time, distributions and three-way reconciliation:
 * - chain_index_events gains the block's timestamp (income is time-weighted to the second);
 * - fund_income_rates: the income per unit the issuer published for a business day;
 * - fund_distributions, their items (one per holder, idempotent by its reference) and the register
 *   snapshot at the record date they use and keep;
 * - reconciliations and the breaks they find (kept, OPEN until a later run no longer finds them).
 */
export class IncomeRegisterReconciliation1764510000000 implements MigrationInterface {
  name = 'IncomeRegisterReconciliation1764510000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE chain_index_events ADD COLUMN block_time timestamptz;
      CREATE INDEX idx_chain_index_events_fund_time ON chain_index_events (fund_id, block_time);
      -- The reconciliation bounds the platform's ledger at a block by its transactions' blocks.
      CREATE INDEX idx_chain_transactions_hash ON chain_transactions (hash);

      CREATE TABLE fund_income_rates (
        fund_id uuid NOT NULL REFERENCES funds (id) ON DELETE CASCADE,
        business_date date NOT NULL,
        rate_per_unit numeric(38, 18) NOT NULL CHECK (rate_per_unit >= 0),
        period_start timestamptz NOT NULL,
        period_end timestamptz NOT NULL CHECK (period_end > period_start),
        published_by varchar(200) NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (fund_id, business_date)
      );

      CREATE TABLE fund_distributions (
        id uuid PRIMARY KEY,
        fund_id uuid NOT NULL REFERENCES funds (id) ON DELETE CASCADE,
        record_date date NOT NULL,
        record_time timestamptz NOT NULL,
        status varchar(16) NOT NULL,
        block bigint,
        nav numeric(38, 8),
        holders int NOT NULL DEFAULT 0,
        total_amount numeric(78, 0) NOT NULL DEFAULT 0,
        units_reinvested numeric(78, 0) NOT NULL DEFAULT 0,
        cash_payable numeric(78, 0) NOT NULL DEFAULT 0,
        held_amount numeric(78, 0) NOT NULL DEFAULT 0,
        created_by varchar(200) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        CONSTRAINT uq_fund_distributions_record_date UNIQUE (fund_id, record_date)
      );

      CREATE TABLE fund_distribution_items (
        distribution_id uuid NOT NULL REFERENCES fund_distributions (id) ON DELETE CASCADE,
        fund_id uuid NOT NULL,
        address char(42) NOT NULL,
        investor_id uuid,
        distributor_id uuid,
        wallet_id uuid,
        amount numeric(78, 0) NOT NULL CHECK (amount > 0),
        method varchar(16) NOT NULL,
        units numeric(78, 0) NOT NULL DEFAULT 0,
        status varchar(16) NOT NULL,
        held_reason varchar(300),
        reference_seq bigint,
        tx_hash char(66),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (distribution_id, address)
      );
      CREATE UNIQUE INDEX uq_fund_distribution_items_reference ON fund_distribution_items (fund_id, reference_seq) WHERE reference_seq IS NOT NULL;
      CREATE INDEX idx_fund_distribution_items_investor ON fund_distribution_items (investor_id, fund_id);
      CREATE INDEX idx_fund_distribution_items_distributor ON fund_distribution_items (distributor_id, fund_id);
      CREATE INDEX idx_fund_distribution_items_fund ON fund_distribution_items (fund_id, address);

      CREATE TABLE register_snapshots (
        distribution_id uuid NOT NULL REFERENCES fund_distributions (id) ON DELETE CASCADE,
        fund_id uuid NOT NULL,
        address char(42) NOT NULL,
        units numeric(78, 0) NOT NULL,
        investor_id uuid,
        distributor_id uuid,
        PRIMARY KEY (distribution_id, address)
      );

      CREATE TABLE reconciliations (
        id uuid PRIMARY KEY,
        fund_id uuid NOT NULL REFERENCES funds (id) ON DELETE CASCADE,
        status varchar(16) NOT NULL,
        trigger varchar(16) NOT NULL,
        block bigint,
        holders_checked int NOT NULL DEFAULT 0,
        error varchar(500),
        requested_by varchar(200) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz
      );
      CREATE INDEX idx_reconciliations_fund ON reconciliations (fund_id, created_at DESC);

      CREATE TABLE reconciliation_breaks (
        id uuid PRIMARY KEY,
        fund_id uuid NOT NULL REFERENCES funds (id) ON DELETE CASCADE,
        kind varchar(32) NOT NULL,
        address char(42) NOT NULL,
        status varchar(16) NOT NULL,
        alert_id uuid,
        first_reconciliation_id uuid NOT NULL REFERENCES reconciliations (id) ON DELETE CASCADE,
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        resolved_by_reconciliation_id uuid REFERENCES reconciliations (id) ON DELETE SET NULL,
        resolved_at timestamptz
      );
      CREATE UNIQUE INDEX uq_reconciliation_breaks_open ON reconciliation_breaks (fund_id, kind, address) WHERE status = 'OPEN';

      CREATE TABLE reconciliation_findings (
        reconciliation_id uuid NOT NULL REFERENCES reconciliations (id) ON DELETE CASCADE,
        break_id uuid NOT NULL REFERENCES reconciliation_breaks (id) ON DELETE CASCADE,
        register numeric(78, 0),
        chain numeric(78, 0),
        ledger numeric(78, 0),
        PRIMARY KEY (reconciliation_id, break_id)
      );
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE reconciliation_findings, reconciliation_breaks, reconciliations, register_snapshots, fund_distribution_items, fund_distributions, fund_income_rates;
      DROP INDEX idx_chain_transactions_hash, idx_chain_index_events_fund_time;
      ALTER TABLE chain_index_events DROP COLUMN block_time;
    `);
  }
}
