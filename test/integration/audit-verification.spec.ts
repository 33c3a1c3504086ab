import { jest } from '@jest/globals';
import { createHash, randomUUID } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { toHex } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { AuditAnchorModule, AuditAnchorService, AuditModule, AuditSealer, AuditService, AuditVerificationService, verifyAuditChain, type AuditVerification } from '@rwa/audit';
import { ChainModule, TransactionManager } from '@rwa/chain';
import { canonicalJson } from '@rwa/common';
import { AppConfig, ConfigModule } from '@rwa/config';
import { DatabaseModule } from '@rwa/database';
import { useIntegrationEnvironment } from './support/environment.js';
import { migrate } from './support/platform-fixture.js';

/** Hardhat's development account #9: this suite's own signer, so its nonces never meet another suite's on the shared node. */
const SIGNER_KEY = toHex(mnemonicToAccount('test test test test test test test test test test test junk', { addressIndex: 9 }).getHdKey().privateKey!);

/**
 * The audit trail under attack (issue 11): the trigger that keeps it append-only for every role,
 * keyed seals, and the heads anchored on chain that expose a cut or rewritten tail. It runs on a
 * database of its own: rows are changed here by an "attacker" who disables the trigger as a
 * superuser can, and the other suites check the shared trail. Each test works in a chain of its
 * own (the entity id's first byte picks the chain), so their damage does not mix.
 */
describe('audit trail verification', () => {
  const name = `rwa_it_audit_${process.pid}_${Date.now()}`;
  let adminUrl: URL;
  let databaseUrl: string;
  let module: TestingModule;
  let dataSource: DataSource;
  let audit: AuditService;

  beforeAll(async () => {
    adminUrl = new URL(useIntegrationEnvironment().databaseUrl);
    await withClient(maintenanceUrl(), (client) => client.query(`CREATE DATABASE ${name}`));
    const url = new URL(adminUrl.href);
    url.pathname = `/${name}`;
    databaseUrl = url.href;
    useIntegrationEnvironment({ DATABASE_URL: databaseUrl, SIGNER_PRIVATE_KEY: SIGNER_KEY });
    module = await Test.createTestingModule({ imports: [ConfigModule, DatabaseModule, AuditModule, ChainModule, AuditAnchorModule] }).compile();
    dataSource = module.get(DataSource);
    await migrate(dataSource);
    await module.init();
    audit = module.get(AuditService);
  });

  afterAll(async () => {
    await module?.close();
    await withClient(maintenanceUrl(), (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  });

  function maintenanceUrl(): string {
    const url = new URL(adminUrl.href);
    url.pathname = '/postgres';
    return url.href;
  }

  async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  /** What someone with superuser access to the database can do: disable the trigger, change rows, enable it again. */
  async function asAttacker(statements: (client: pg.Client) => Promise<unknown>): Promise<void> {
    await withClient(databaseUrl, async (client) => {
      await client.query('BEGIN');
      await client.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only');
      await statements(client);
      await client.query('ALTER TABLE audit_events ENABLE ALWAYS TRIGGER audit_events_append_only');
      await client.query('COMMIT');
    });
  }

  /** Writes `count` rows into chain `chain` and seals them; their seqs, oldest first. */
  async function writeChain(chain: number, count: number): Promise<string[]> {
    const entityId = `0${chain.toString(16)}${randomUUID().slice(2)}`;
    for (let index = 0; index < count; index += 1) {
      await dataSource.transaction((manager) =>
        audit.record(manager, { entityType: 'order', entityId, action: 'status-changed', fromStatus: 'A', toStatus: `S${index}`, actor: 'system', data: { index } }),
      );
    }
    await module.get(AuditSealer).sealAll();
    const rows = (await dataSource.query('SELECT seq FROM audit_events WHERE entity_id = $1 ORDER BY chain_pos', [entityId])) as { seq: string }[];
    return rows.map((row) => row.seq);
  }

  const verify = (): Promise<AuditVerification> => module.get(AuditVerificationService).verify();
  const problemOf = (verification: { problems: AuditVerification['problems'] }, chain: number) => verification.problems.find((problem) => problem.chain === chain) ?? null;
  const positionOf = async (seq: string) => ((await dataSource.query('SELECT chain_pos FROM audit_events WHERE seq = $1', [seq])) as { chain_pos: string }[])[0]!.chain_pos;

  describe('the append-only trigger', () => {
    let seqs: string[];

    beforeAll(async () => {
      seqs = await writeChain(1, 3);
    });

    it.each([
      ['delete a row', 'DELETE FROM audit_events WHERE seq = $1'],
      ['change a sealed row', `UPDATE audit_events SET reason = 'nothing happened' WHERE seq = $1`],
      ['null a seal', 'UPDATE audit_events SET chain_pos = NULL, prev_hash = NULL, hash = NULL WHERE seq = $1'],
      ['re-seal a sealed row', `UPDATE audit_events SET hash = repeat('a', 64) WHERE seq = $1`],
    ])('should refuse to %s, as the superuser and with session_replication_role = replica too', async (_what, sql) => {
      const seq = seqs.at(-1)!;
      await expect(dataSource.query(sql, [seq])).rejects.toThrow(/audit_events is append-only/);
      await withClient(databaseUrl, async (client) => {
        await client.query('SET session_replication_role = replica');
        await expect(client.query(sql, [seq])).rejects.toThrow(/audit_events is append-only/);
      });
      expect((await verify()).problems).toEqual([]);
    });

    it('should refuse TRUNCATE', async () => {
      await expect(dataSource.query('TRUNCATE audit_events')).rejects.toThrow(/cannot be truncated/);
    });

    it('should let an unsealed row be sealed once, and only without changing it', async () => {
      const entityId = `01${randomUUID().slice(2)}`;
      await dataSource.transaction((manager) => audit.record(manager, { entityType: 'order', entityId, action: 'test', actor: 'system' }));
      const [row] = (await dataSource.query('SELECT seq FROM audit_events WHERE entity_id = $1', [entityId])) as { seq: string }[];
      const seal = `UPDATE audit_events SET chain_pos = 999999, prev_hash = repeat('0', 64), hash = repeat('b', 64)`;

      await expect(dataSource.query(`${seal}, actor = 'someone-else' WHERE seq = $1`, [row!.seq])).rejects.toThrow(/may not change its content/);
      await expect(dataSource.query(`UPDATE audit_events SET actor = 'someone-else' WHERE seq = $1`, [row!.seq])).rejects.toThrow(/may only be sealed/);
      await expect(dataSource.query(`DELETE FROM audit_events WHERE seq = $1`, [row!.seq])).rejects.toThrow(/cannot be deleted/);

      expect(await module.get(AuditSealer).sealAll()).toBe(1);
      expect((await verify()).problems).toEqual([]);
    });
  });

  it('should seal the rows written and find the untouched trail valid, keyed with AUDIT_SEAL_KEY', async () => {
    const entityId = `00${randomUUID().slice(2)}`;
    for (let index = 0; index < 5; index += 1) {
      await dataSource.transaction((manager) => audit.record(manager, { entityType: 'order', entityId, action: 'status-changed', toStatus: `S${index}`, actor: 'system' }));
    }
    const before = await verifyAuditChain(dataSource, module.get(AppConfig).audit.sealKey);
    expect(before.unsealedRows).toBe(5);

    const verification = await verify();

    expect(verification).toMatchObject({ valid: true, unsealedRows: 0, firstBroken: null, problems: [] });
    expect(verification.checkedRows).toBe(before.checkedRows + 5);
    expect(verification.chains.find((chain) => chain.chain === 0)).toMatchObject({ rows: 5, headPosition: '5' });
    // Under another key, every chain fails at its first row.
    expect(problemOf(await verifyAuditChain(dataSource, 'another-key-of-at-least-32-characters'), 0)).toMatchObject({ position: '1', problem: 'HASH_MISMATCH' });
  });

  it('should report the first row changed by hand, and only that one', async () => {
    const [, second, third] = await writeChain(2, 4);
    await asAttacker(async (client) => {
      await client.query(`UPDATE audit_events SET reason = 'nothing happened' WHERE seq = $1`, [third]);
      await client.query(`UPDATE audit_events SET actor = 'someone-else' WHERE seq = $1`, [second]);
    });

    const verification = await verify();

    expect(verification.valid).toBe(false);
    expect(problemOf(verification, 2)).toMatchObject({ seq: second, position: '2', problem: 'HASH_MISMATCH' });
    expect(verification.chains.find((chain) => chain.chain === 2)).toMatchObject({ rows: 2 });
  });

  it('should report the row after one that was deleted', async () => {
    const [, second, third] = await writeChain(3, 4);
    await asAttacker((client) => client.query('DELETE FROM audit_events WHERE seq = $1', [second]));

    expect(problemOf(await verify(), 3)).toMatchObject({ seq: third, position: '3', problem: 'PREV_HASH_MISMATCH' });
  });

  it('should detect a whole chain rewritten consistently, every seal recomputed without the key', async () => {
    const seqs = await writeChain(4, 4);
    await asAttacker(async (client) => {
      // The attacker changes the first row, then recomputes every seal of the chain in order the
      // only way open without AUDIT_SEAL_KEY (here the unkeyed SHA-256 the trail used before).
      await client.query(`UPDATE audit_events SET reason = 'rewritten' WHERE seq = $1`, [seqs[0]]);
      let previous = '0'.repeat(64);
      for (const seq of seqs) {
        const { rows } = await client.query('SELECT * FROM audit_events WHERE seq = $1', [seq]);
        const row = rows[0];
        const hash = createHash('sha256')
          .update(canonicalJson([row.chain, row.chain_pos, previous, row.id, row.entity_type, row.entity_id, row.action, row.from_status, row.to_status, row.actor, row.reason, row.data, row.at.toISOString()]))
          .digest('hex');
        await client.query('UPDATE audit_events SET prev_hash = $1, hash = $2 WHERE seq = $3', [previous, hash, seq]);
        previous = hash;
      }
    });

    expect(problemOf(await verify(), 4)).toMatchObject({ seq: seqs[0], position: '1', problem: 'HASH_MISMATCH' });
  });

  describe('with the heads anchored on chain', () => {
    const anchor = () => module.get(AuditAnchorService).anchorHeads();

    it('should deploy the AuditAnchor contract once and anchor the heads that moved', async () => {
      await writeChain(5, 2);

      const pass = await anchor();
      const verification = await verify();

      expect(pass.anchored).toContain(5);
      // The chains broken by the tests above are refused, not anchored.
      expect(pass.refused.map((broken) => broken.chain).sort()).toEqual([2, 3, 4]);
      expect(verification.anchor).toMatchObject({ status: 'CHECKED', address: expect.stringMatching(/^0x[0-9a-fA-F]{40}$/) });
      expect(verification.chains.find((chain) => chain.chain === 5)).toMatchObject({ headPosition: '2', anchoredPosition: '2' });
      expect((await anchor()).anchored).toEqual([]);
      const [{ contracts }] = (await dataSource.query(`SELECT count(*)::int AS contracts FROM chain_transactions WHERE intent_key = 'platform-audit-anchor'`)) as [{ contracts: number }];
      expect(contracts).toBe(1);
    });

    it('should detect the deletion of the newest row of a chain', async () => {
      const seqs = await writeChain(6, 3);
      await anchor();
      await asAttacker((client) => client.query('DELETE FROM audit_events WHERE seq = $1', [seqs.at(-1)]));

      const verification = await verify();

      expect(verification.valid).toBe(false);
      expect(problemOf(verification, 6)).toMatchObject({ position: '3', seq: null, problem: 'TAIL_MISSING' });
      // Nor is the cut chain anchored again.
      expect((await anchor()).refused.find((broken) => broken.chain === 6)).toMatchObject({ problem: 'TAIL_MISSING' });
    });

    it('should detect a chain deleted entirely', async () => {
      const seqs = await writeChain(7, 2);
      await anchor();
      await asAttacker((client) => client.query('DELETE FROM audit_events WHERE seq = ANY($1::bigint[])', [seqs]));

      expect(problemOf(await verify(), 7)).toMatchObject({ position: '1', problem: 'TAIL_MISSING' });
    });

    it('should detect a row whose seal was nulled and that the sealer sealed again with other content', async () => {
      const seqs = await writeChain(8, 3);
      await anchor();
      const newest = seqs.at(-1)!;
      const position = await positionOf(newest);
      await asAttacker((client) =>
        client.query(`UPDATE audit_events SET chain_pos = NULL, prev_hash = NULL, hash = NULL, reason = 'never happened' WHERE seq = $1`, [newest]),
      );

      const verification = await verify();

      // verify() sealed the row again, at its old position and with a valid keyed seal: only the anchor tells.
      expect(await positionOf(newest)).toBe(position);
      expect(problemOf(verification, 8)).toMatchObject({ seq: newest, position, problem: 'ANCHOR_MISMATCH' });
    });

    it('should fail verification when the recorded anchor address is changed to a contract that is not AuditAnchor', async () => {
      const [{ address }] = (await dataSource.query('SELECT address FROM audit_anchor_contracts')) as [{ address: string }];
      await dataSource.query('UPDATE audit_anchor_contracts SET address = $1', [SIGNER_KEY.slice(0, 42)]);
      try {
        const verification = await verify();

        expect(verification).toMatchObject({ valid: false, anchor: { status: 'INVALID_CONTRACT' } });
      } finally {
        await dataSource.query('UPDATE audit_anchor_contracts SET address = $1', [address]);
      }
    });

    it('should anchor once when two processes anchor at the same time', async () => {
      await writeChain(9, 2);
      const [{ before }] = (await dataSource.query('SELECT count(*)::int AS before FROM audit_anchors')) as [{ before: number }];

      const passes = await Promise.all([anchor(), anchor()]);

      const [{ after }] = (await dataSource.query('SELECT count(*)::int AS after FROM audit_anchors')) as [{ after: number }];
      expect(after - before).toBe(1);
      expect(passes.flatMap((pass) => pass.anchored)).toContain(9);
      expect((await verify()).chains.find((chain) => chain.chain === 9)).toMatchObject({ anchoredPosition: '2' });
    });

    it('should resume an anchoring whose transaction failed to go out, with one transaction', async () => {
      await writeChain(10, 2);
      const execute = jest.spyOn(module.get(TransactionManager), 'execute').mockRejectedValueOnce(new Error('RPC unavailable'));
      try {
        await expect(anchor()).rejects.toThrow('RPC unavailable');
        expect(((await dataSource.query(`SELECT status FROM audit_anchors ORDER BY id DESC LIMIT 1`)) as { status: string }[])[0]!.status).toBe('PENDING');

        expect((await anchor()).anchored).toContain(10);
      } finally {
        execute.mockRestore();
      }
      const [{ id, status }] = (await dataSource.query(`SELECT id, status FROM audit_anchors ORDER BY id DESC LIMIT 1`)) as [{ id: string; status: string }];
      expect(status).toBe('ANCHORED');
      const [{ sent }] = (await dataSource.query(`SELECT count(*)::int AS sent FROM chain_transactions WHERE intent_key = $1`, [`audit-anchor-${id}`])) as [{ sent: number }];
      expect(sent).toBe(1);
    });
  });
});
