import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The platform spine: organisations, funds, investors, wallets, orders, KYT, outbox, chain records, audit. */
export class InitialSchema1764190000000 implements MigrationInterface {
  name = 'InitialSchema1764190000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY,
        type varchar(16) NOT NULL CHECK (type IN ('PLATFORM', 'ISSUER', 'DISTRIBUTOR')),
        name varchar(200) NOT NULL,
        jurisdiction char(2) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX uq_organizations_single_platform ON organizations (type) WHERE type = 'PLATFORM';

      CREATE TABLE api_keys (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        label varchar(200) NOT NULL,
        role varchar(16) NOT NULL CHECK (role IN ('ADMIN', 'COMPLIANCE', 'ISSUER', 'DISTRIBUTOR')),
        key_hash char(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      );
      CREATE UNIQUE INDEX uq_api_keys_key_hash ON api_keys (key_hash);
      CREATE INDEX idx_api_keys_organization ON api_keys (organization_id);

      CREATE TABLE idempotency_records (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        key varchar(255) NOT NULL,
        request_hash char(64) NOT NULL,
        status_code int,
        response_body json,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, key)
      );

      CREATE TABLE audit_events (
        seq bigserial PRIMARY KEY,
        id uuid NOT NULL UNIQUE,
        entity_type varchar(32) NOT NULL,
        entity_id uuid NOT NULL,
        action varchar(64) NOT NULL,
        from_status varchar(32),
        to_status varchar(32),
        actor varchar(100) NOT NULL,
        reason text,
        data jsonb NOT NULL DEFAULT '{}',
        at timestamptz NOT NULL,
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL
      );
      CREATE INDEX idx_audit_events_entity ON audit_events (entity_type, entity_id, seq);

      CREATE TABLE outbox_messages (
        id bigserial PRIMARY KEY,
        job_id varchar(200) NOT NULL,
        job_name varchar(64) NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        enqueued_at timestamptz,
        completed_at timestamptz
      );
      CREATE UNIQUE INDEX uq_outbox_messages_job_id ON outbox_messages (job_id);
      CREATE INDEX idx_outbox_messages_open ON outbox_messages (id) WHERE completed_at IS NULL;

      CREATE TABLE chain_deployments (
        chain_id int PRIMARY KEY,
        genesis_hash char(66) NOT NULL,
        identity_registry char(42) NOT NULL,
        fund_token_implementation char(42) NOT NULL,
        fund_factory char(42) NOT NULL,
        deployed_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE signer_nonces (
        chain_id int NOT NULL,
        signer char(42) NOT NULL,
        next_nonce bigint NOT NULL,
        PRIMARY KEY (chain_id, signer)
      );

      CREATE TABLE chain_transactions (
        id uuid PRIMARY KEY,
        intent_key varchar(200) NOT NULL,
        chain_id int NOT NULL,
        signer char(42) NOT NULL,
        nonce bigint NOT NULL,
        hash char(66) NOT NULL,
        raw_transaction text NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('SIGNED', 'SUBMITTED', 'CONFIRMED', 'REVERTED')),
        block_number bigint,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX uq_chain_transactions_intent ON chain_transactions (chain_id, intent_key);
      CREATE UNIQUE INDEX uq_chain_transactions_nonce ON chain_transactions (chain_id, signer, nonce);

      CREATE TABLE funds (
        id uuid PRIMARY KEY,
        issuer_id uuid NOT NULL REFERENCES organizations (id),
        name varchar(200) NOT NULL,
        symbol varchar(16) NOT NULL,
        currency char(3) NOT NULL,
        unit_decimals smallint NOT NULL,
        nav numeric(38, 8) NOT NULL,
        nav_as_of date NOT NULL,
        min_subscription numeric(38, 8) NOT NULL,
        cut_off_time char(5) NOT NULL,
        timezone varchar(64) NOT NULL,
        settlement_days smallint NOT NULL,
        pricing varchar(16) NOT NULL,
        eligible_jurisdictions char(2)[] NOT NULL,
        eligible_investor_classes varchar(16)[] NOT NULL,
        max_holders int,
        status varchar(24) NOT NULL,
        chain_id int NOT NULL,
        token_address char(42),
        next_reference_seq bigint NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX idx_funds_issuer ON funds (issuer_id, created_at, id);

      CREATE TABLE fund_navs (
        fund_id uuid NOT NULL REFERENCES funds (id) ON DELETE CASCADE,
        as_of date NOT NULL,
        nav numeric(38, 8) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (fund_id, as_of)
      );

      CREATE TABLE fund_distributors (
        fund_id uuid NOT NULL REFERENCES funds (id) ON DELETE CASCADE,
        distributor_id uuid NOT NULL REFERENCES organizations (id),
        status varchar(16) NOT NULL CHECK (status IN ('ACTIVE', 'REMOVED')),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (fund_id, distributor_id)
      );
      CREATE INDEX idx_fund_distributors_distributor ON fund_distributors (distributor_id) WHERE status = 'ACTIVE';

      CREATE TABLE investors (
        id uuid PRIMARY KEY,
        distributor_id uuid NOT NULL REFERENCES organizations (id),
        external_ref varchar(200) NOT NULL,
        type varchar(16) NOT NULL,
        jurisdiction char(2) NOT NULL,
        investor_class varchar(16) NOT NULL,
        kyc_status varchar(16) NOT NULL,
        kyc_expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX uq_investors_external_ref ON investors (distributor_id, external_ref);

      CREATE TABLE wallet_challenges (
        id uuid PRIMARY KEY,
        investor_id uuid NOT NULL REFERENCES investors (id) ON DELETE CASCADE,
        address char(42) NOT NULL,
        chain_id int NOT NULL,
        nonce varchar(128) NOT NULL,
        message text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE wallets (
        id uuid PRIMARY KEY,
        investor_id uuid NOT NULL REFERENCES investors (id),
        distributor_id uuid NOT NULL REFERENCES organizations (id),
        address char(42) NOT NULL,
        chain_id int NOT NULL,
        status varchar(24) NOT NULL,
        onchain varchar(16) NOT NULL,
        frozen boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX uq_wallets_live_address ON wallets (chain_id, address) WHERE status NOT IN ('REJECTED', 'REVOKED');
      CREATE INDEX idx_wallets_investor ON wallets (investor_id);

      CREATE TABLE kyt_blocklist (
        address char(42) PRIMARY KEY,
        reason text NOT NULL,
        source varchar(100) NOT NULL,
        added_by varchar(100) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE kyt_alerts (
        id uuid PRIMARY KEY,
        severity varchar(8) NOT NULL,
        status varchar(24) NOT NULL,
        subject_type varchar(16) NOT NULL,
        subject_id uuid NOT NULL,
        reasons jsonb NOT NULL,
        assignee varchar(100),
        pending_decision varchar(8),
        decided_by varchar(100),
        decision_reason text,
        comments jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX idx_kyt_alerts_status ON kyt_alerts (status, created_at, id);
      CREATE INDEX idx_kyt_alerts_subject ON kyt_alerts (subject_type, subject_id);

      CREATE TABLE orders (
        id uuid PRIMARY KEY,
        type varchar(16) NOT NULL,
        status varchar(24) NOT NULL,
        distributor_id uuid NOT NULL REFERENCES organizations (id),
        issuer_id uuid NOT NULL REFERENCES organizations (id),
        fund_id uuid NOT NULL REFERENCES funds (id),
        investor_id uuid NOT NULL REFERENCES investors (id),
        wallet_id uuid NOT NULL REFERENCES wallets (id),
        amount numeric(38, 8),
        units numeric(78, 0),
        nav numeric(38, 8),
        cash_remainder numeric(38, 8),
        dealing_date date NOT NULL,
        reference_seq bigint,
        payment_reference varchar(200),
        tx_hash char(66),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX idx_orders_distributor ON orders (distributor_id, created_at, id);
      CREATE INDEX idx_orders_issuer ON orders (issuer_id, created_at, id);
      CREATE UNIQUE INDEX uq_orders_reference_seq ON orders (fund_id, reference_seq);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE orders, kyt_alerts, kyt_blocklist, wallets, wallet_challenges, investors, fund_distributors,
        fund_navs, funds, chain_transactions, signer_nonces, chain_deployments, outbox_messages, audit_events,
        idempotency_records, api_keys, organizations;
    `);
  }
}
