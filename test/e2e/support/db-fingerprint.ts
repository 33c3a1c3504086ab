// A fingerprint of the platform's business tables (row count and a checksum of the rows per table,
// plus the per-fund sequences), read straight from the suite's database: what a refused request
// must leave unchanged.
import pg from 'pg';
import type { E2eState } from './state.js';

/**
 * Tables a refused request may still change, or that change by themselves while the platform idles:
 * - schema_migrations: written by migrations only (excluded as not business data).
 * - chain_index_checkpoints: the chain indexer's progress, moved by every new block
 *   (other suites' transactions, gas funding), never by the API.
 * - idempotency_records: pruned of expired records by the API in the background.
 * - chain_index_blocks: the indexer's record of the block hashes it applied (like its checkpoints).
 * - audit_anchors, audit_anchor_contracts and signer_nonces: the workers deploy AuditAnchor and
 *   anchor the audit chains' heads on chain at intervals (AUDIT_ANCHOR_INTERVAL_MS), which records
 *   the anchor and spends a nonce.
 * Rows excluded within tables: the anchoring's own chain transactions and their attempts (every
 * other chain transaction is compared: a refused request must not cause one).
 * Columns excluded within tables: audit_events' seal columns (the worker seals committed rows
 * asynchronously; the rows themselves are compared), api_keys.last_used_at (an authenticated call,
 * refused or not, is a use of its key).
 */
export const EXCLUDED_TABLES = new Set(['schema_migrations', 'chain_index_checkpoints', 'chain_index_blocks', 'idempotency_records', 'audit_anchors', 'audit_anchor_contracts', 'signer_nonces']);
const ANCHOR_TRANSACTIONS = "SELECT id FROM chain_transactions WHERE intent_key LIKE 'audit-anchor-%'";
const EXCLUDED_ROWS: Record<string, string> = {
  chain_transactions: `t.intent_key NOT LIKE 'audit-anchor-%'`,
  chain_transaction_attempts: `t.transaction_id NOT IN (${ANCHOR_TRANSACTIONS})`,
};
const EXCLUDED_COLUMNS: Record<string, Set<string>> = {
  audit_events: new Set(['hash', 'prev_hash', 'chain_pos']),
  api_keys: new Set(['last_used_at']),
};

export type Fingerprint = Map<string, string>;

export class DatabaseFingerprint {
  private readonly client: pg.Client;
  private query: string | undefined;

  constructor(state: E2eState) {
    const url = new URL(state.maintenanceDatabaseUrl);
    url.pathname = `/${state.databaseName}`;
    this.client = new pg.Client({ connectionString: url.toString() });
  }

  async connect(): Promise<void> {
    await this.client.connect();
  }

  async close(): Promise<void> {
    await this.client.end();
  }

  private async build(): Promise<string> {
    const columns = await this.client.query<{ table_name: string; column_name: string }>(
      `SELECT c.table_name, c.column_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
       WHERE c.table_schema = 'public' ORDER BY c.table_name, c.ordinal_position`,
    );
    const byTable = new Map<string, string[]>();
    for (const { table_name: table, column_name: column } of columns.rows) {
      if (EXCLUDED_TABLES.has(table) || EXCLUDED_COLUMNS[table]?.has(column)) continue;
      byTable.set(table, [...(byTable.get(table) ?? []), column]);
    }
    const parts = [...byTable].map(([table, cols]) => {
      const row = `md5(row(${cols.map((c) => `t."${c}"`).join(', ')})::text)`;
      return `SELECT '${table}' AS name, count(*)::text || ':' || coalesce(md5(string_agg(${row}, '' ORDER BY ${row})), '') AS value FROM "${table}" t${EXCLUDED_ROWS[table] ? ` WHERE ${EXCLUDED_ROWS[table]}` : ''}`;
    });
    parts.push(`SELECT 'sequences' AS name, count(*)::text AS value FROM pg_class WHERE relkind = 'S' AND relnamespace = 'public'::regnamespace`);
    return parts.join(' UNION ALL ');
  }

  async take(): Promise<Fingerprint> {
    this.query ??= await this.build();
    const result = await this.client.query<{ name: string; value: string }>(this.query);
    return new Map(result.rows.map((row) => [row.name, row.value]));
  }

  /**
   * Waits until the workers finished what a 2xx started: no job intent open in the outbox, and
   * three fingerprints `intervalMs` apart agree.
   */
  async settle(timeoutMs = 30_000, intervalMs = 400): Promise<Fingerprint> {
    const deadline = Date.now() + timeoutMs;
    let previous = await this.take();
    let stable = 0;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
      const current = await this.take();
      const open = await this.client.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox_messages WHERE completed_at IS NULL');
      stable = differences(previous, current).length === 0 && open.rows[0]!.n === 0 ? stable + 1 : 0;
      if (stable >= 2 || Date.now() > deadline) return current;
      previous = current;
    }
  }
}

/** The tables whose fingerprint differs. */
export function differences(before: Fingerprint, after: Fingerprint): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name));
}
