import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stablecoin settlement (libs/stablecoins): the stablecoins the platform accepts per chain, the ones
 * each fund enabled (treasury and instant redemption caps, as configured on its settlement
 * contract), the settlement contract of each chain, and the stablecoin leg of every order paid or
 * paid out in stablecoin.
 */
export class StablecoinSettlement1764520000000 implements MigrationInterface {
  name = 'StablecoinSettlement1764520000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE stablecoins (
      id uuid PRIMARY KEY,
      chain_id int NOT NULL,
      address char(42) NOT NULL,
      symbol varchar NOT NULL,
      decimals smallint NOT NULL CHECK (decimals BETWEEN 0 AND 36),
      issuer varchar NOT NULL,
      licence varchar,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await queryRunner.query('CREATE UNIQUE INDEX uq_stablecoins_chain_address ON stablecoins (chain_id, lower(address))');
    await queryRunner.query(`CREATE TABLE settlement_contracts (
      chain_id int PRIMARY KEY,
      address char(42) NOT NULL,
      deployed_at timestamptz NOT NULL DEFAULT now()
    )`);
    await queryRunner.query(`CREATE TABLE fund_stablecoins (
      fund_id uuid NOT NULL REFERENCES funds(id) ON DELETE CASCADE,
      stablecoin_id uuid NOT NULL REFERENCES stablecoins(id) ON DELETE RESTRICT,
      status varchar NOT NULL,
      treasury char(42) NOT NULL,
      instant_redemption_daily_cap numeric(78,0) NOT NULL,
      instant_redemption_per_investor_daily_cap numeric(78,0) NOT NULL,
      version int NOT NULL DEFAULT 1,
      synced_version int NOT NULL DEFAULT 0,
      tx_hash char(66),
      failure_code varchar,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (fund_id, stablecoin_id)
    )`);
    await queryRunner.query(`CREATE TABLE stablecoin_payments (
      order_id uuid PRIMARY KEY REFERENCES orders(id) ON DELETE CASCADE,
      fund_id uuid NOT NULL,
      investor_id uuid NOT NULL,
      stablecoin_id uuid NOT NULL REFERENCES stablecoins(id) ON DELETE RESTRICT,
      direction varchar NOT NULL,
      instant boolean NOT NULL DEFAULT false,
      amount numeric(78,0) NOT NULL,
      method varchar,
      signature varchar,
      deadline bigint,
      tx_hash char(66),
      settled_amount numeric(78,0),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    // The stablecoin legs of the funds' settlements as the chain indexer reads them (reorg-safe: a
    // rolled-back range deletes its legs with the token's other indexed events).
    await queryRunner.query(`CREATE TABLE stablecoin_legs (
      tx_hash char(66) NOT NULL,
      log_index int NOT NULL,
      leg smallint NOT NULL,
      fund_id uuid NOT NULL,
      token_address char(42) NOT NULL,
      kind varchar NOT NULL,
      order_ref char(66) NOT NULL,
      reference_seq numeric(78,0) NOT NULL,
      stablecoin char(42) NOT NULL,
      payer char(42) NOT NULL,
      payee char(42) NOT NULL,
      amount numeric(78,0) NOT NULL,
      units numeric(78,0) NOT NULL,
      nav numeric(78,0) NOT NULL,
      block_number bigint NOT NULL,
      block_hash char(66) NOT NULL,
      PRIMARY KEY (tx_hash, log_index, leg)
    )`);
    await queryRunner.query('CREATE INDEX idx_stablecoin_legs_fund_block ON stablecoin_legs (fund_id, block_number)');
    await queryRunner.query(
      `CREATE INDEX idx_stablecoin_payments_instant_day ON stablecoin_payments (fund_id, stablecoin_id, created_at) WHERE instant`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE stablecoin_legs');
    await queryRunner.query('DROP TABLE stablecoin_payments');
    await queryRunner.query('DROP TABLE fund_stablecoins');
    await queryRunner.query('DROP TABLE settlement_contracts');
    await queryRunner.query('DROP TABLE stablecoins');
  }
}
