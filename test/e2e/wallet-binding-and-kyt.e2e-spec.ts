// Wallet binding over HTTP (EIP-4361 challenge, signature checks) and the first KYT step: a
// blocklisted address is held for review with an alert; CLEAR (four-eyes) verifies and registers
// it on chain, CONFIRM rejects it.
import { jest } from '@jest/globals';
import { getAddress } from 'viem';
import { ApiClient, expectProblem, expectStatus, newIdempotencyKey } from './support/api-client.js';
import type { Json } from './support/api-client.js';
import { newAccount } from './support/chain.js';
import { Platform, activeFund, bindWallet, createInvestor, requestChallenge, subscriptionBody, uniqueSuffix, waitForWallet } from './support/platform.js';
import { poll } from './support/poll.js';

jest.setTimeout(120_000);

describe('failing wallet binding', () => {
  const platform = new Platform();
  let distributor: ApiClient;
  let investor: Json;

  beforeAll(async () => {
    distributor = (await platform.distributor()).client;
    investor = await createInvestor(distributor);
  });

  it('should answer 422 SIGNATURE_MISMATCH to a signature from another key, and bind nothing', async () => {
    const owner = newAccount();
    const impostor = newAccount();
    const challenge = await requestChallenge(distributor, investor.id, owner.address, platform.state.chainId);
    const signature = await impostor.signMessage({ message: challenge.message });

    const res = await distributor.post(`/v1/investors/${investor.id}/wallets`, { challengeId: challenge.challengeId, signature });
    const genuine = await distributor.post(`/v1/investors/${investor.id}/wallets`, {
      challengeId: challenge.challengeId,
      signature: await owner.signMessage({ message: challenge.message }),
    });

    expectProblem(res, 422, 'SIGNATURE_MISMATCH');
    expectStatus(genuine, 201);
    expect(getAddress(genuine.body.address)).toBe(owner.address);
  });

  it('should answer 409 CHALLENGE_USED to a challenge used once already', async () => {
    const account = newAccount();
    const challenge = await requestChallenge(distributor, investor.id, account.address, platform.state.chainId);
    const signature = await account.signMessage({ message: challenge.message });
    const first = await distributor.post(`/v1/investors/${investor.id}/wallets`, { challengeId: challenge.challengeId, signature });

    const second = await distributor.post(`/v1/investors/${investor.id}/wallets`, { challengeId: challenge.challengeId, signature });

    expectStatus(first, 201);
    expectProblem(second, 409, 'CHALLENGE_USED');
  });

  it('should answer 400 naming the fields of a malformed challenge request', async () => {
    const res = await distributor.post(`/v1/investors/${investor.id}/wallet-challenges`, { address: '0x1234', chainId: 'mainnet' });

    expectProblem(res, 400, 'VALIDATION_FAILED');
    const fields = (res.body.errors ?? []).map((e: Json) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['address', 'chainId']));
  });
});

describe('KYT blocklist screening of wallet bindings', () => {
  const platform = new Platform();
  let distributor: ApiClient;
  let distributorId: string;
  let officerA: ApiClient;
  let officerB: ApiClient;

  beforeAll(async () => {
    const org = await platform.distributor();
    distributor = org.client;
    distributorId = org.id;
    officerA = await platform.complianceOfficer();
    officerB = await platform.complianceOfficer();
  });

  async function blocklist(address: string): Promise<void> {
    const res = await officerA.post('/v1/kyt/blocklist', { address, reason: 'sanctioned counterparty', source: 'e2e' });
    expectStatus(res, 201);
  }

  /** Binds a blocklisted address: the wallet goes to PENDING_REVIEW with an OPEN HIGH alert on it. */
  async function heldWallet(): Promise<{ investor: Json; wallet: Json; alert: Json }> {
    const account = newAccount();
    await blocklist(account.address);
    const investor = await createInvestor(distributor);
    const bound = await bindWallet(distributor, investor.id, account, platform.state.chainId);
    expect(['PENDING_SCREENING', 'PENDING_REVIEW']).toContain(bound.status);
    const wallet = await waitForWallet(distributor, bound.id, 'PENDING_REVIEW');
    const alerts = await poll(
      `an OPEN alert on wallet ${bound.id}`,
      () => officerA.get('/v1/kyt/alerts?subjectType=WALLET&status=OPEN'),
      (r) => r.status !== 200 || r.body.items.some((a: Json) => a.subjectId === bound.id),
    );
    expectStatus(alerts, 200);
    const alert = alerts.body.items.find((a: Json) => a.subjectId === bound.id);
    expect(alert).toMatchObject({ id: expect.any(String), subjectType: 'WALLET', subjectId: bound.id, status: 'OPEN', severity: 'HIGH' });
    return { investor, wallet, alert };
  }

  it('should list, and then hold for review, a blocklisted address with an alert', async () => {
    const { wallet, alert } = await heldWallet();
    const listed = await officerA.get('/v1/kyt/blocklist?limit=200');
    const detail = await officerA.get(`/v1/kyt/alerts/${alert.id}`);
    const complianceView = await officerB.get(`/v1/wallets/${wallet.id}`);

    expectStatus(listed, 200);
    expect(listed.body.items.map((e: Json) => getAddress(e.address))).toContain(getAddress(wallet.address));
    expectStatus(detail, 200);
    expect(detail.body).toMatchObject({ id: alert.id, severity: 'HIGH', status: 'OPEN', subjectType: 'WALLET', subjectId: wallet.id, reasons: expect.any(Array) });
    expect(detail.body.reasons.length).toBeGreaterThan(0);
    expectStatus(complianceView, 200);
    expect(complianceView.body).toMatchObject({ id: wallet.id, status: 'PENDING_REVIEW' });
    expect(complianceView.body.onchain).not.toBe('REGISTERED');
  });

  it('should refuse an order on a wallet held for review with 422 WALLET_NOT_VERIFIED', async () => {
    const issuer = await platform.issuer();
    const fund = await activeFund(issuer.client, [distributorId]);
    const { investor, wallet } = await heldWallet();

    const res = await distributor.post(
      '/v1/orders',
      subscriptionBody({ fundId: fund.id, investorId: investor.id, walletId: wallet.id, amount: '5000.00' }),
      { idempotencyKey: newIdempotencyKey() },
    );

    expectProblem(res, 422, 'WALLET_NOT_VERIFIED');
  });

  it('should verify and register the wallet on chain when a HIGH alert is CLEARED by two different officers', async () => {
    const { wallet, alert } = await heldWallet();

    const decided = await officerA.post(`/v1/kyt/alerts/${alert.id}/decision`, { decision: 'CLEAR', reason: `false positive ${uniqueSuffix()}` });
    const selfApproved = await officerA.post(`/v1/kyt/alerts/${alert.id}/approve`, {});
    const stillHeld = await distributor.get(`/v1/wallets/${wallet.id}`);
    const approved = await officerB.post(`/v1/kyt/alerts/${alert.id}/approve`, {});

    expectStatus(decided, 200);
    expect(decided.body).toMatchObject({ id: alert.id, status: 'PENDING_APPROVAL' });
    expectProblem(selfApproved, 409, 'FOUR_EYES_REQUIRED');
    expect(stillHeld.body.status).toBe('PENDING_REVIEW');
    expectStatus(approved, 200);
    expect(approved.body).toMatchObject({ id: alert.id, status: 'CLEARED' });
    await waitForWallet(distributor, wallet.id, 'VERIFIED', 'REGISTERED');
  });

  it('should reject the wallet when a HIGH alert is CONFIRMED by two different officers', async () => {
    const { wallet, alert } = await heldWallet();

    const decided = await officerB.post(`/v1/kyt/alerts/${alert.id}/decision`, { decision: 'CONFIRM', reason: 'matches the sanctions list' });
    const approved = await officerA.post(`/v1/kyt/alerts/${alert.id}/approve`, {});

    expectStatus(decided, 200);
    expect(decided.body).toMatchObject({ id: alert.id, status: 'PENDING_APPROVAL' });
    expectStatus(approved, 200);
    expect(approved.body).toMatchObject({ id: alert.id, status: 'CONFIRMED' });
    const rejected = await waitForWallet(distributor, wallet.id, 'REJECTED');
    expect(rejected.onchain).not.toBe('REGISTERED');
  });

  it('should answer 400 to a decision that is neither CLEAR nor CONFIRM, and leave the alert open', async () => {
    const { alert } = await heldWallet();

    const res = await officerA.post(`/v1/kyt/alerts/${alert.id}/decision`, { decision: 'MAYBE', reason: '' });
    const after = await officerA.get(`/v1/kyt/alerts/${alert.id}`);

    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors.map((e: Json) => e.field)).toContain('decision');
    expect(after.body.status).toBe('OPEN');
  });
});
