import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Registry sync, chain job outcomes and a reorg-safe chain index:
 * - investors: the version of what the on-chain registry holds of them (KYC status and expiry,
 *   class, jurisdiction), bumped by every change of those; the income distribution preference.
 * - wallets: a platform-wide binding number (the on-chain guard of registration, update and
 *   removal), the identity version confirmed on chain, and the outcome of failed chain jobs.
 * - orders: an index by wallet, for the "order in flight" check of a revocation.
 * - the chain index: block hashes with the checkpoints, and a journal of every applied Transfer
 *   event (mints and burns included), so a reorged range can be rolled back exactly.
 */
export class RegistrySyncAndReorgSafeIndex1764430000000 implements MigrationInterface {
  name = 'RegistrySyncAndReorgSafeIndex1764430000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE investors ADD COLUMN registry_version bigint NOT NULL DEFAULT 1;
      ALTER TABLE investors ADD COLUMN distribution_preference varchar(8) NOT NULL DEFAULT 'REINVEST';

      CREATE SEQUENCE wallet_binding_seq;
      ALTER TABLE wallets ADD COLUMN binding_seq bigint;
      UPDATE wallets SET binding_seq = numbered.seq
        FROM (SELECT id, nextval('wallet_binding_seq') AS seq FROM (SELECT id FROM wallets ORDER BY created_at, id) AS ordered) AS numbered
        WHERE wallets.id = numbered.id;
      ALTER TABLE wallets ALTER COLUMN binding_seq SET DEFAULT nextval('wallet_binding_seq');
      ALTER TABLE wallets ALTER COLUMN binding_seq SET NOT NULL;
      ALTER SEQUENCE wallet_binding_seq OWNED BY wallets.binding_seq;
      CREATE UNIQUE INDEX uq_wallets_binding_seq ON wallets (binding_seq);
      ALTER TABLE wallets ADD COLUMN identity_version bigint NOT NULL DEFAULT 0;
      UPDATE wallets SET identity_version = 1 WHERE onchain = 'REGISTERED';
      ALTER TABLE wallets ADD COLUMN identity_sync_error varchar(100);
      ALTER TABLE wallets ADD COLUMN onchain_error varchar(100);
      ALTER TABLE wallets ADD COLUMN freeze_synced_version int NOT NULL DEFAULT 0;
      UPDATE wallets SET freeze_synced_version = freeze_version;
      ALTER TABLE wallets ADD COLUMN freeze_sync_error varchar(100);
      ALTER TABLE wallets ADD COLUMN frozen_pending_review boolean NOT NULL DEFAULT false;

      CREATE INDEX idx_orders_wallet ON orders (wallet_id);

      ALTER TABLE chain_index_checkpoints ADD COLUMN last_block_hash char(66);
      -- Events below this block were applied before the journal existed: a reorg reaching below it
      -- cannot be rolled back and stops the indexer of that token with an error instead.
      ALTER TABLE chain_index_checkpoints ADD COLUMN journal_from_block bigint NOT NULL DEFAULT 0;
      UPDATE chain_index_checkpoints SET journal_from_block = last_block + 1;

      CREATE TABLE chain_index_blocks (
        token_address char(42) NOT NULL REFERENCES chain_index_checkpoints (token_address) ON DELETE CASCADE,
        block_number bigint NOT NULL,
        block_hash char(66) NOT NULL,
        PRIMARY KEY (token_address, block_number)
      );

      CREATE TABLE chain_index_events (
        fund_id uuid NOT NULL REFERENCES funds (id) ON DELETE CASCADE,
        block_number bigint NOT NULL,
        block_hash char(66) NOT NULL,
        tx_hash char(66) NOT NULL,
        log_index int NOT NULL,
        from_address char(42) NOT NULL,
        to_address char(42) NOT NULL,
        units numeric(78, 0) NOT NULL CHECK (units > 0),
        PRIMARY KEY (tx_hash, log_index)
      );
      CREATE INDEX idx_chain_index_events_fund_block ON chain_index_events (fund_id, block_number);

      CREATE TABLE chain_index_reorgs (
        id bigserial PRIMARY KEY,
        token_address char(42) NOT NULL,
        fund_id uuid NOT NULL,
        common_ancestor bigint NOT NULL,
        rolled_back_to bigint NOT NULL,
        events_undone int NOT NULL,
        detected_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE INDEX idx_chain_transfers_fund_block ON chain_transfers (fund_id, block_number);
      CREATE INDEX idx_fund_holdings_register ON fund_holdings (fund_id, units DESC, address);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP INDEX idx_fund_holdings_register;
      DROP INDEX idx_chain_transfers_fund_block;
      DROP TABLE chain_index_reorgs, chain_index_events, chain_index_blocks;
      ALTER TABLE chain_index_checkpoints DROP COLUMN journal_from_block, DROP COLUMN last_block_hash;
      DROP INDEX idx_orders_wallet;
      ALTER TABLE wallets DROP COLUMN frozen_pending_review, DROP COLUMN freeze_sync_error, DROP COLUMN freeze_synced_version,
        DROP COLUMN onchain_error, DROP COLUMN identity_sync_error, DROP COLUMN identity_version, DROP COLUMN binding_seq;
      ALTER TABLE investors DROP COLUMN distribution_preference, DROP COLUMN registry_version;
    `);
  }
}
