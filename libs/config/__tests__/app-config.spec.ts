import { ConfigValidationError, loadConfig } from '../app-config.js';

/** The server secrets a chain other than the local one requires. */
const SERVER_SECRETS = { API_KEY_PEPPER: 'p'.repeat(32), AUDIT_SEAL_KEY: 's'.repeat(32), WEBHOOK_SECRET_ENCRYPTION_KEY: 'w'.repeat(32) };

describe(loadConfig.name, () => {
  it('should take the local defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.http.port).toBe(3000);
    expect(config.chain.chainId).toBe(31337);
    expect(config.chain.rpcUrl).toBe('http://127.0.0.1:8545');
    expect(config.chain.signerPrivateKey).toMatch(/^0x[0-9a-f]{64}$/);
    expect(config.queue.backend).toBe('redis');
  });

  it('should require a signer key on any chain but the local one', () => {
    expect(() => loadConfig({ CHAIN_ID: '1' })).toThrow('SIGNER_PRIVATE_KEY is required when CHAIN_ID is not 31337');
  });

  it('should list every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', QUEUE_BACKEND: 'kafka', PLATFORM_ADMIN_KEY: 'short' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect((error as ConfigValidationError).problems).toEqual([
      'QUEUE_BACKEND must be one of redis, postgres, got "kafka"',
      'PLATFORM_ADMIN_KEY must be at least 24 characters',
      'PORT must be a whole number from 1 to 65535, got "eighty"',
      'DATABASE_URL must use postgres: or postgresql:, got mysql:',
    ]);
  });

  it('should read an empty signer key or server secret as unset (compose passes unset ones on empty)', () => {
    const config = loadConfig({ SIGNER_PRIVATE_KEY: '', API_KEY_PEPPER: '', AUDIT_SEAL_KEY: '', WEBHOOK_SECRET_ENCRYPTION_KEY: '' });
    expect(config.chain.signerPrivateKey).toMatch(/^0x[0-9a-f]{64}$/);
    expect(() => loadConfig({ CHAIN_ID: '1', ...SERVER_SECRETS, SIGNER_PRIVATE_KEY: '' })).toThrow('SIGNER_PRIVATE_KEY is required when CHAIN_ID is not 31337');
  });

  it('should never default the signer key off the local chain', () => {
    const key = `0x${'1'.repeat(64)}`;
    expect(loadConfig({ CHAIN_ID: '1', SIGNER_PRIVATE_KEY: key, ...SERVER_SECRETS }).chain.signerPrivateKey).toBe(key);
  });

  it('should require the screening service URL and key only with KYT_PROVIDER=http', () => {
    expect(loadConfig({}).kyt).toMatchObject({ provider: 'rules', http: null });
    expect(() => loadConfig({ KYT_PROVIDER: 'http' })).toThrow(/KYT_HTTP_URL is not a valid URL[\s\S]*KYT_HTTP_API_KEY is required when KYT_PROVIDER=http/);
    expect(loadConfig({ KYT_PROVIDER: 'http', KYT_HTTP_URL: 'https://kyt.example.com', KYT_HTTP_API_KEY: 'k' }).kyt.http).toEqual({
      url: 'https://kyt.example.com',
      apiKey: 'k',
      timeoutMs: 2000,
      retries: 2,
      breakerFailures: 5,
      breakerResetMs: 30_000,
    });
  });

  it('should default and validate the transaction policy (issue 5)', () => {
    expect(loadConfig({}).chain).toMatchObject({ confirmations: 1, replaceAfterMs: 30_000, feeBumpPercent: 20, nonceGapCheckMs: 10_000 });
    expect(loadConfig({ CHAIN_REPLACE_AFTER_MS: '5000', CHAIN_FEE_BUMP_PERCENT: '12' }).chain).toMatchObject({ replaceAfterMs: 5000, feeBumpPercent: 12 });
    // Nodes refuse a replacement that raises the fees by less than 10%.
    expect(() => loadConfig({ CHAIN_FEE_BUMP_PERCENT: '5' })).toThrow('CHAIN_FEE_BUMP_PERCENT must be a whole number from 10 to 1000, got "5"');
  });

  it('should default the API key pepper and the audit seal key on the local chain only (issue 11)', () => {
    const local = loadConfig({});
    expect(local.auth.apiKeyPepper.length).toBeGreaterThanOrEqual(32);
    expect(local.audit.sealKey.length).toBeGreaterThanOrEqual(32);
    expect(local.audit.sealKey).not.toBe(local.auth.apiKeyPepper);
    expect(() => loadConfig({ CHAIN_ID: '1', SIGNER_PRIVATE_KEY: `0x${'1'.repeat(64)}` })).toThrow(
      /API_KEY_PEPPER is required when CHAIN_ID is not 31337[\s\S]*AUDIT_SEAL_KEY is required when CHAIN_ID is not 31337/,
    );
    const remote = loadConfig({ CHAIN_ID: '1', SIGNER_PRIVATE_KEY: `0x${'1'.repeat(64)}`, ...SERVER_SECRETS });
    expect(remote.auth.apiKeyPepper).toBe(SERVER_SECRETS.API_KEY_PEPPER);
    expect(remote.audit.sealKey).toBe(SERVER_SECRETS.AUDIT_SEAL_KEY);
  });

  it('should refuse short server secrets, even on the local chain', () => {
    expect(() => loadConfig({ API_KEY_PEPPER: 'short', AUDIT_SEAL_KEY: 'x'.repeat(31) })).toThrow(
      /API_KEY_PEPPER must be at least 32 characters[\s\S]*AUDIT_SEAL_KEY must be at least 32 characters/,
    );
  });

  it('should anchor the audit heads every minute unless told otherwise (0: never)', () => {
    expect(loadConfig({}).audit.anchorIntervalMs).toBe(60_000);
    expect(loadConfig({ AUDIT_ANCHOR_INTERVAL_MS: '0' }).audit.anchorIntervalMs).toBe(0);
    expect(() => loadConfig({ AUDIT_ANCHOR_INTERVAL_MS: '-1' })).toThrow('AUDIT_ANCHOR_INTERVAL_MS must be a whole number');
  });

  it('should wait 12 confirmations by default on any chain but the local one, which never reorganises (issue 11)', () => {
    const key = `0x${'11'.repeat(32)}`;
    expect(loadConfig({ CHAIN_ID: '1', SIGNER_PRIVATE_KEY: key, ...SERVER_SECRETS }).chain.confirmations).toBe(12);
    expect(loadConfig({ CHAIN_ID: '1', SIGNER_PRIVATE_KEY: key, CONFIRMATIONS: '3', ...SERVER_SECRETS }).chain.confirmations).toBe(3);
    expect(loadConfig({}).chain.confirmations).toBe(1);
  });
});
