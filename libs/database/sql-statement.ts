import { createHash } from 'node:crypto';
import type { Pool, QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';
import { ambientClient } from './transaction-context.js';

/**
 * One SQL statement assembled from fragments that several modules contribute (each writes only its
 * own tables), numbering the parameters as they are added. It lets a hot path commit a whole change
 * in one round trip, as one atomic statement, without any module writing another module's tables.
 */
export class SqlStatement {
  private readonly values: unknown[] = [];

  /** A placeholder for `value`, optionally cast (`uuid`, `timestamptz`, ...). */
  param(value: unknown, cast?: string): string {
    this.values.push(value);
    return cast ? `$${this.values.length}::${cast}` : `$${this.values.length}`;
  }

  get params(): readonly unknown[] {
    return this.values;
  }

  /**
   * Runs `text` (built with this statement's placeholders) as a named prepared statement: a hot
   * path's statements have few shapes, and Postgres then plans each shape once per connection
   * instead of on every call (planning is a large share of a short statement's cost). Inside an
   * ambient transaction (TransactionContext.run) it runs on that transaction's connection.
   */
  async execute<T extends QueryResultRow>(dataSource: DataSource, text: string): Promise<T[]> {
    const name = `rwa_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    const client = (await ambientClient()) ?? (dataSource.driver as unknown as { master: Pool }).master;
    const result = await client.query<T>({ name, text, values: [...this.values] });
    return result.rows;
  }

  /**
   * As execute, in a transaction of its own whose `preamble` (SQL without parameters, e.g. taking
   * advisory locks) runs first, sent with the BEGIN in one round trip: a statement's snapshot is
   * taken before the locks it takes itself, so whatever must see the work of the lock's previous
   * holder has to be a later statement.
   */
  async executeAfter<T extends QueryResultRow>(dataSource: DataSource, preamble: string, text: string): Promise<T[]> {
    const name = `rwa_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    const client = await (dataSource.driver as unknown as { master: Pool }).master.connect();
    try {
      await client.query(`BEGIN; ${preamble}`);
      const result = await client.query<T>({ name, text, values: [...this.values] });
      await client.query('COMMIT');
      return result.rows;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
