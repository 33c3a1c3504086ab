import { Logger } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { createPublicClient, http } from 'viem';
import { loadConfig } from '@rwa/config';
import { dataSourceOptions } from '@rwa/database';
import { DEV_CHAIN_FLAG, LEGACY_RESET_FLAG, parseSetupArguments, runSetup, SetupRefusedError } from '../../apps/worker/src/platform-setup.js';
import { startIsolatedChain, type IsolatedChain } from './support/isolated-chain.js';

/**
 * Setup against a chain that lacks the contracts the database remembers: it never destroys data by
 * itself. Only the development chain `npm start` started itself (its flag, chain 31337) is reset.
 * On a chain of this suite's own: setup deploys the platform contracts there.
 */
describe('setup against a chain that does not match the database', () => {
  let chain: IsolatedChain;
  const databases: string[] = [];
  const adminUrl = () => {
    const url = new URL(chain.databaseUrl);
    url.pathname = '/postgres';
    return url.href;
  };
  const quiet = new Logger('Setup');
  quiet.warn = () => undefined;
  quiet.log = () => undefined;
  const warnings: string[] = [];
  const recording = new Logger('Setup');
  recording.warn = (message: unknown) => void warnings.push(String(message));
  recording.log = () => undefined;

  beforeAll(async () => {
    chain = await startIsolatedChain();
  }, 90_000);

  afterAll(async () => {
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    await chain?.stop();
  }, 60_000);

  async function freshDatabase(): Promise<string> {
    const name = `${new URL(chain.databaseUrl).pathname.slice(1)}_setup_${databases.length}`;
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    databases.push(name);
    const url = new URL(chain.databaseUrl);
    url.pathname = `/${name}`;
    return url.href;
  }

  const configFor = (databaseUrl: string, extra: Record<string, string> = {}) =>
    loadConfig({ DATABASE_URL: databaseUrl, CHAIN_RPC_URL: chain.rpcUrl, CHAIN_ID: '31337', CONFIRMATIONS: '1', PLATFORM_ADMIN_KEY: 'rwa_admin_setup_guard_test_key_000000', ...extra });

  /**
   * A database of a platform whose contracts the chain does not have: every migration but the last
   * applied, a deployment row, and a business row. `genesis`: the chain's own (a lagging or reset
   * node answering 0x for the contracts) or another one (a replaced chain).
   */
  async function databaseRemembering(genesis: 'same' | 'other'): Promise<{ url: string; snapshot: () => Promise<unknown> }> {
    const url = await freshDatabase();
    const dataSource = await new DataSource(dataSourceOptions(url)).initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.undoLastMigration({ transaction: 'each' });
    const client = createPublicClient({ transport: http(chain.rpcUrl) });
    const genesisHash = genesis === 'same' ? (await client.getBlock({ blockNumber: 0n })).hash : `0x${'ab'.repeat(32)}`;
    await dataSource.query(
      `INSERT INTO chain_deployments (chain_id, genesis_hash, identity_registry, fund_token_implementation, fund_factory, deployed_at)
       VALUES (31337, $1, '0x00000000000000000000000000000000000000a1', '0x00000000000000000000000000000000000000a2', '0x00000000000000000000000000000000000000a3', now())`,
      [genesisHash],
    );
    await dataSource.query("INSERT INTO organizations (id, type, name, jurisdiction) VALUES ('6f1c1d3e-4a65-4a2b-9b1e-0d5a1c2b3e4f', 'ISSUER', 'Harbour Asset Management', 'HK')");
    await dataSource.destroy();
    const snapshot = async () => {
      const reader = await new DataSource(dataSourceOptions(url)).initialize();
      try {
        return {
          migrations: await reader.query('SELECT name FROM schema_migrations ORDER BY id'),
          deployments: await reader.query('SELECT chain_id, genesis_hash, identity_registry FROM chain_deployments'),
          organizations: await reader.query('SELECT id, name FROM organizations'),
          tables: await reader.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1"),
        };
      } finally {
        await reader.destroy();
      }
    };
    return { url, snapshot };
  }

  it('should refuse, naming the fix, and touch nothing when the RPC answers 0x for a remembered contract', async () => {
    const { url, snapshot } = await databaseRemembering('same');
    const before = await snapshot();

    const refusal = runSetup(configFor(url), parseSetupArguments([], quiet), quiet);

    await expect(refusal).rejects.toBeInstanceOf(SetupRefusedError);
    await expect(refusal).rejects.toMatchObject({
      exitCode: 3,
      message: expect.stringMatching(/^PLATFORM_CONTRACT_MISSING: the database remembers the identity registry at 0x0{38}a1 on chain 31337, but http:\/\/127\.0\.0\.1:\d+ answers no code \(0x\)[\s\S]*wait until it has caught up, or point CHAIN_RPC_URL at a synced node[\s\S]*DATABASE_URL[\s\S]*never resets a database on its own/),
    });
    expect(await snapshot()).toEqual(before);
  }, 60_000);

  it('should refuse a chain with another genesis block the same way, even with the reset flag of earlier versions', async () => {
    const { url, snapshot } = await databaseRemembering('other');
    const before = await snapshot();

    const refusal = runSetup(configFor(url), parseSetupArguments([LEGACY_RESET_FLAG], recording), quiet);

    await expect(refusal).rejects.toMatchObject({ message: expect.stringMatching(/^CHAIN_REPLACED: .*genesis block 0x(ab){32}.*Point CHAIN_RPC_URL at the chain this database belongs to, or DATABASE_URL at a fresh database/) });
    expect(await snapshot()).toEqual(before);
    expect(warnings.some((warning) => warning.includes(`${LEGACY_RESET_FLAG} is ignored`))).toBe(true);
  }, 60_000);

  it('should refuse the development-chain flag on any chain but 31337 before it connects to anything', async () => {
    const config = configFor('postgres://nobody@127.0.0.1:1/none', {
      CHAIN_ID: '8453',
      SIGNER_PRIVATE_KEY: `0x${'22'.repeat(32)}`,
      // Chains other than 31337 need the server secrets too (issue 11).
      API_KEY_PEPPER: 'setup-guard-test-pepper-000000000000',
      AUDIT_SEAL_KEY: 'setup-guard-test-seal-key-0000000000',
      WEBHOOK_SECRET_ENCRYPTION_KEY: 'setup-guard-test-webhook-key-0000000',
    });
    await expect(runSetup(config, { devChainStartedByNpmStart: true }, quiet)).rejects.toThrow(`${DEV_CHAIN_FLAG} is only for the local development chain (chain id 31337), not chain 8453: remove it`);
  }, 60_000);

  it('should reset the database, and say so, only for the development chain npm start started itself', async () => {
    const { url, snapshot } = await databaseRemembering('same');

    const deployment = await runSetup(configFor(url), parseSetupArguments([DEV_CHAIN_FLAG], quiet), recording);

    expect(warnings.some((warning) => warning.includes('is the development chain npm start started itself') && warning.includes('the platform database is reset'))).toBe(true);
    const after = (await snapshot()) as { organizations: { name: string }[]; deployments: { identity_registry: string }[] };
    expect(after.organizations.map((row) => row.name)).not.toContain('Harbour Asset Management');
    expect(after.deployments).toEqual([expect.objectContaining({ identity_registry: deployment.identityRegistry })]);
    const code = await createPublicClient({ transport: http(chain.rpcUrl) }).getCode({ address: deployment.identityRegistry });
    expect(code && code.length > 2).toBe(true);
    // Now it matches: a second run (without the flag) changes nothing and succeeds.
    await expect(runSetup(configFor(url), parseSetupArguments([], quiet), quiet)).resolves.toMatchObject({ identityRegistry: deployment.identityRegistry });
  }, 90_000);
});
