import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { AuditEventEntity, AuditSealer, AuditService, verifyAuditChain } from '@rwa/audit';
import { dataSourceOptions } from '@rwa/database';
import { useIntegrationEnvironment } from './support/environment.js';

/**
 * The verification walks the hash chain. It runs on a database of its own: rows are changed by
 * hand here, and the other suites check the shared chain.
 */
describe('audit chain verification', () => {
  const name = `rwa_it_audit_${process.pid}_${Date.now()}`;
  let adminUrl: URL;
  let dataSource: DataSource;
  let audit: AuditService;

  beforeAll(async () => {
    adminUrl = new URL(useIntegrationEnvironment().databaseUrl);
    await withAdmin((client) => client.query(`CREATE DATABASE ${name}`));
    const url = new URL(adminUrl.href);
    url.pathname = `/${name}`;
    dataSource = await new DataSource({ ...dataSourceOptions(url.href), entities: [AuditEventEntity] }).initialize();
    await dataSource.runMigrations();
    audit = new AuditService(dataSource, new AuditSealer(dataSource));
    // One chain (entity ids starting 00): a deleted row then breaks the link of the next one.
    for (let index = 0; index < 5; index += 1) {
      const entityId = `00${randomUUID().slice(2)}`;
      await dataSource.transaction((manager) =>
        audit.record(manager, { entityType: 'order', entityId, action: 'status-changed', fromStatus: 'A', toStatus: `S${index}`, actor: 'system', data: { index } }),
      );
    }
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  });

  async function withAdmin(work: (client: pg.Client) => Promise<unknown>): Promise<void> {
    const url = new URL(adminUrl.href);
    url.pathname = '/postgres';
    const client = new pg.Client({ connectionString: url.href });
    await client.connect();
    try {
      await work(client);
    } finally {
      await client.end();
    }
  }

  const seqs = async () => ((await dataSource.query('SELECT seq FROM audit_events ORDER BY seq')) as { seq: string }[]).map((row) => row.seq);

  it('should seal the rows written and find the untouched chain valid', async () => {
    expect(await verifyAuditChain(dataSource)).toMatchObject({ valid: true, checkedRows: 0, unsealedRows: 5 });

    expect(await audit.verify()).toMatchObject({ valid: true, checkedRows: 5, unsealedRows: 0, firstBroken: null });
  });

  it('should report the first row changed by hand, and only that one', async () => {
    const [, second, third] = await seqs();
    await dataSource.query(`UPDATE audit_events SET reason = 'nothing happened' WHERE seq = $1`, [third]);
    await dataSource.query(`UPDATE audit_events SET actor = 'someone-else' WHERE seq = $1`, [second]);

    const verification = await verifyAuditChain(dataSource);

    expect(verification).toMatchObject({ valid: false, checkedRows: 2, firstBroken: { seq: second, problem: 'HASH_MISMATCH' } });
  });

  it('should report the row after one that was deleted', async () => {
    await dataSource.query('UPDATE audit_events SET actor = $1, reason = NULL WHERE seq IN (SELECT seq FROM audit_events ORDER BY seq LIMIT 3)', ['system']);
    expect((await verifyAuditChain(dataSource)).valid).toBe(true);
    const [, second, third] = await seqs();
    await dataSource.query('DELETE FROM audit_events WHERE seq = $1', [second]);

    const verification = await verifyAuditChain(dataSource);

    expect(verification.valid).toBe(false);
    expect(verification.firstBroken).toMatchObject({ seq: third, problem: 'PREV_HASH_MISMATCH' });
  });
});
