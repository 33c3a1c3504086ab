// Income, the register and reconciliation on the real chain: three holders (one hands half of its
// units to another mid-period), a month of daily income published in simulated time (the chain's
// clock is moved forward; the platform takes the later of its clock and the chain's as now), a
// distribution that reinvests for two holders and records cash for the third, amounts checked
// against a time-weighted computation made here by hand, and reconciliations: none, then each
// injected break found and named.
import pg from 'pg';
import { BaseError, NonceTooLowError, type Address } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { fundTokenAbi } from '../../libs/chain/abis/generated/index.js';
import { expectProblem, expectStatus, expectValidationProblem, type ApiClient, type Json } from './support/api-client.js';
import { connectChain, newAccount } from './support/chain.js';
import { addDays, everyDayCalendar } from './support/fund-operations.js';
import { activeFund, confirmPayment, Platform, subscribe, verifiedInvestor, waitForOrderSettled, type Org } from './support/platform.js';
import { poll } from './support/poll.js';

/** Hardhat's account #0: the platform's signer on the local chain (it holds the token's minting role). */
const PLATFORM_SIGNER_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

/** Sends again (a new nonce is read each time) while the node answers that the nonce was taken meanwhile. */
async function withFreshNonce<T>(send: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      const nonceTaken = error instanceof BaseError && error.walk((cause) => cause instanceof NonceTooLowError) !== null;
      if (!nonceTaken || attempt >= attempts) throw error;
    }
  }
}
const UNIT = 1_000_000n; // 6 unit decimals
const DAYS = 30;
const TRANSFER_DAY = 14;

const platform = new Platform();
const chain = connectChain(platform.state);
let issuer: Org;
let distributor: Org;
let compliance: ApiClient;
let sql: pg.Client;

beforeAll(async () => {
  [issuer, distributor, compliance] = await Promise.all([platform.issuer(), platform.distributor(), platform.complianceOfficer()]);
  const url = new URL(platform.state.maintenanceDatabaseUrl);
  url.pathname = `/${platform.state.databaseName}`;
  sql = new pg.Client({ connectionString: url.toString() });
  await sql.connect();
});

afterAll(async () => {
  await sql?.end();
});

const seconds = (date: string, time = '00:00:00') => Math.floor(Date.parse(`${date}T${time}Z`) / 1000);

async function setNextBlockTime(at: number): Promise<void> {
  await chain.publicClient.request({ method: 'evm_setNextBlockTimestamp' as never, params: [at] as never });
}

async function mineAt(at: number): Promise<void> {
  await setNextBlockTime(at);
  await chain.publicClient.request({ method: 'evm_mine' as never, params: [] as never });
}

/** The income per unit of the k-th published day, scaled by 10^18 (it varies, so each day counts). */
const rateOf = (k: number) => 123_456_789_000_000n + BigInt(k) * 1_000_000_000n;
const rateText = (scaled: bigint) => `0.${scaled.toString().padStart(18, '0')}`;

/**
 * Largest remainder rounding, written again here: each exact share (numerator over `denominator`)
 * rounded down to cents, the cents left over to the largest remainders.
 */
function cents(exact: Record<string, bigint>, denominator: bigint): Record<string, bigint> {
  const total = (Object.values(exact).reduce((a, b) => a + b, 0n) * 100n) / denominator;
  const rows = Object.entries(exact).map(([name, numerator]) => ({ name, amount: (numerator * 100n) / denominator, remainder: (numerator * 100n) % denominator }));
  let left = total - rows.reduce((a, row) => a + row.amount, 0n);
  rows.sort((a, b) => (a.remainder > b.remainder ? -1 : a.remainder < b.remainder ? 1 : 0));
  for (const row of rows) if (left-- > 0n) row.amount += 1n;
  return Object.fromEntries(rows.map((row) => [row.name, row.amount]));
}

const formatCents = (value: bigint) => `${value / 100n}.${(value % 100n).toString().padStart(2, '0')}`;
const formatUnits = (value: bigint) => `${value / UNIT}.${(value % UNIT).toString().padStart(6, '0')}`;

describe('income, register and reconciliation on the real chain', () => {
  it('should accrue by the second, distribute once (two reinvest, one cash), keep the register at any time, and reconcile with every injected break found', async () => {
    // Every day is a business day except two holidays in the month. The month starts on a day the
    // holders' units are minted before: the chain's clock may run ahead of this one (other suites move
    // it) and the run may cross midnight, so it is the day after the later of both, two hours on.
    const chainNow = Number((await chain.publicClient.getBlock({ blockTag: 'latest' })).timestamp) * 1000;
    const firstDay = addDays(new Date(Math.max(Date.now(), chainNow) + 2 * 3600_000).toISOString().slice(0, 10), 1);
    const holidays = [addDays(firstDay, 5), addDays(firstDay, 6)];
    const calendar = await everyDayCalendar(platform.admin, holidays);
    const fund = await activeFund(issuer.client, [distributor.id], { incomeMode: 'DISTRIBUTING', calendar, timezone: 'UTC', cutOffTime: '23:59', minSubscription: '1.00' });
    expect(fund.incomeMode).toBe('DISTRIBUTING');
    const token = fund.tokenAddress as Address;
    const balanceOf = (address: string) => chain.publicClient.readContract({ address: token, abi: fundTokenAbi, functionName: 'balanceOf', args: [address as Address] });

    // Three holders: A and B reinvest, C takes cash. B hands half its units to A mid-period. A
    // fourth, D, is frozen by compliance before the distribution: its income is held, not minted.
    const accounts = { A: newAccount(), B: newAccount(), C: newAccount(), D: newAccount() };
    const holders = {
      A: await verifiedInvestor(distributor.client, accounts.A, platform.state.chainId),
      B: await verifiedInvestor(distributor.client, accounts.B, platform.state.chainId),
      C: await verifiedInvestor(distributor.client, accounts.C, platform.state.chainId, { distributionPreference: 'CASH' }),
      D: await verifiedInvestor(distributor.client, accounts.D, platform.state.chainId),
    };
    const subscribed = { A: 10_000n, B: 20_000n, C: 30_000n, D: 5_000n };
    for (const name of ['A', 'B', 'C', 'D'] as const) {
      const order = await subscribe(distributor.client, { fundId: fund.id, investorId: holders[name].investor.id, walletId: holders[name].wallet.id, amount: `${subscribed[name]}.00` });
      await confirmPayment(issuer.client, order.id as string);
      await waitForOrderSettled(distributor.client, order.id as string);
    }
    await chain.fundGas(accounts.B.address);

    // Simulated time: the transfer at noon of day 14, then the chain's clock past the month.
    const transferAt = seconds(addDays(firstDay, TRANSFER_DAY), '12:00:00');
    // Mined by hand at exactly that second: with automine on, a transaction of the platform's worker
    // sent meanwhile would take the timestamp and push the transfer a second later.
    await chain.publicClient.request({ method: 'evm_setAutomine' as never, params: [false] as never });
    let transferHash: `0x${string}`;
    try {
      const wallet = chain.walletClientFor(accounts.B);
      transferHash = await wallet.writeContract({ account: accounts.B, chain: chain.chain, address: token, abi: fundTokenAbi, functionName: 'transfer', args: [accounts.A.address, 10_000n * UNIT] });
      await mineAt(transferAt);
    } finally {
      await chain.publicClient.request({ method: 'evm_setAutomine' as never, params: [true] as never });
    }
    const transferReceipt = await chain.publicClient.waitForTransactionReceipt({ hash: transferHash });
    expect(transferReceipt.status).toBe('success');
    expect((await chain.publicClient.getBlock({ blockNumber: transferReceipt.blockNumber })).timestamp).toBe(BigInt(transferAt));
    const lastDay = addDays(firstDay, DAYS - 1);
    await mineAt(seconds(addDays(lastDay, 1), '00:00:10'));

    // Publication rules.
    expectProblem(await issuer.client.post(`/v1/funds/${fund.id}/income`, { date: holidays[0], ratePerUnit: '0.0001' }), 422, 'INCOME_DATE_NOT_ALLOWED');
    expectProblem(await issuer.client.post(`/v1/funds/${fund.id}/income`, { date: addDays(lastDay, 3), ratePerUnit: '0.0001' }), 422, 'INCOME_DATE_NOT_ALLOWED');
    expectValidationProblem(await issuer.client.post(`/v1/funds/${fund.id}/income`, { date: firstDay, ratePerUnit: '0.0000000000000000001' }), ['ratePerUnit']);
    expectValidationProblem(await issuer.client.post(`/v1/funds/${fund.id}/income`, { date: firstDay, ratePerUnit: '1234567.1' }), ['ratePerUnit']);
    expectProblem(await distributor.client.post(`/v1/funds/${fund.id}/income`, { date: firstDay, ratePerUnit: '0.0001' }), 403, 'FORBIDDEN');

    // A month of daily income; the hand computation of what each holder earned, in half-day unit
    // amounts (the transfer came at noon): exact numerators over 10^18 x 10^6 x 2.
    const exact: Record<string, bigint> = { A: 0n, B: 0n, C: 0n, D: 0n };
    let k = 0;
    for (let day = 0; day < DAYS; day++) {
      const date = addDays(firstDay, day);
      if (holidays.includes(date)) continue;
      const rate = rateOf(k++);
      const res = await issuer.client.post(`/v1/funds/${fund.id}/income`, { date, ratePerUnit: rateText(rate) });
      expectStatus(res, 201);
      const halfDays =
        day < TRANSFER_DAY
          ? { A: 2n * subscribed.A, B: 2n * subscribed.B }
          : day === TRANSFER_DAY
            ? { A: subscribed.A + (subscribed.A + 10_000n), B: subscribed.B + (subscribed.B - 10_000n) }
            : { A: 2n * (subscribed.A + 10_000n), B: 2n * (subscribed.B - 10_000n) };
      exact.A! += rate * halfDays.A * UNIT;
      exact.B! += rate * halfDays.B * UNIT;
      exact.C! += rate * 2n * subscribed.C * UNIT;
      exact.D! += rate * 2n * subscribed.D * UNIT;
    }
    expectProblem(await issuer.client.post(`/v1/funds/${fund.id}/income`, { date: firstDay, ratePerUnit: '0.5' }), 409, 'INCOME_ALREADY_PUBLISHED');
    const expected = cents(exact, 10n ** 18n * UNIT * 2n);
    const expectedTotal = expected.A! + expected.B! + expected.C! + expected.D!;

    // Accruals per fund (issuer), per distributor and per investor, once the index has the transfer's
    // block (the fund's total does not show it: units outstanding are the same before and after).
    await poll(
      'the register indexed up to the transfer',
      () => issuer.client.get(`/v1/funds/${fund.id}/holders`),
      (res) => res.status === 200 && res.body.block !== null && BigInt(res.body.block as string) >= transferReceipt.blockNumber,
    );
    const accruals = await poll(
      'accruals of the month',
      () => issuer.client.get(`/v1/funds/${fund.id}/income/accruals?asOf=${encodeURIComponent(new Date(seconds(addDays(lastDay, 1)) * 1000).toISOString())}`),
      (res) => res.status === 200 && res.body.totalAccrued === formatCents(expectedTotal),
    );
    const byAddress = new Map<string, Json>((accruals.body.items as Json[]).map((item) => [item.address, item]));
    for (const name of ['A', 'B', 'C', 'D'] as const) {
      expect(byAddress.get(accounts[name].address)).toEqual({
        investorId: holders[name].investor.id,
        distributorId: distributor.id,
        address: accounts[name].address,
        accrued: formatCents(expected[name]!),
        distributed: '0.00',
      });
    }
    const own = await distributor.client.get(`/v1/funds/${fund.id}/income/accruals?limit=1`);
    expectStatus(own, 200);
    expect(own.body.items).toHaveLength(1);
    expect(own.body.nextCursor).toEqual(expect.any(String));

    // The register at any time: just before and at the transfer; as CSV.
    const before = await issuer.client.get(`/v1/funds/${fund.id}/holders?asOf=${encodeURIComponent(new Date((transferAt - 1) * 1000).toISOString())}`);
    expectStatus(before, 200);
    expect(before.body.items).toEqual([
      { address: accounts.C.address, investorId: holders.C.investor.id, distributorId: distributor.id, units: '30000.000000' },
      { address: accounts.B.address, investorId: holders.B.investor.id, distributorId: distributor.id, units: '20000.000000' },
      { address: accounts.A.address, investorId: holders.A.investor.id, distributorId: distributor.id, units: '10000.000000' },
      { address: accounts.D.address, investorId: holders.D.investor.id, distributorId: distributor.id, units: '5000.000000' },
    ]);
    expect(before.body.block).toEqual(expect.any(String));
    const at = await issuer.client.get(`/v1/funds/${fund.id}/holders?asOf=${encodeURIComponent(new Date(transferAt * 1000).toISOString())}&limit=2`);
    expect(at.body.items.map((item: Json) => [item.address, item.units])).toEqual([
      [accounts.C.address, '30000.000000'],
      [accounts.A.address, '20000.000000'],
    ]);
    const rest = await issuer.client.get(`/v1/funds/${fund.id}/holders?asOf=${encodeURIComponent(new Date(transferAt * 1000).toISOString())}&limit=2&cursor=${at.body.nextCursor}`);
    expect(rest.body).toMatchObject({ items: [{ address: accounts.B.address, units: '10000.000000' }, { address: accounts.D.address, units: '5000.000000' }], nextCursor: null });
    const csv = await issuer.client.get(`/v1/funds/${fund.id}/holders?format=csv`);
    expectStatus(csv, 200);
    expect(csv.contentType).toMatch(/^text\/csv/);
    expect((csv.body as string).split('\r\n')[0]).toBe('address,investorId,distributorId,units');
    expect(csv.body).toContain(`${accounts.A.address},${holders.A.investor.id},${distributor.id},20000.000000`);
    const accepted = await issuer.client.get(`/v1/funds/${fund.id}/holders`, { headers: { accept: 'text/csv' } });
    expect(accepted.contentType).toMatch(/^text\/csv/);

    // The distribution at the month's end: two reinvest (NAV 1: a cent buys 10^4 smallest units), one cash, one held.
    const frozen = await compliance.post(`/v1/wallets/${holders.D.wallet.id}/freeze`, { reason: 'court order' });
    expectStatus(frozen, 200);
    const balances = { A: await balanceOf(accounts.A.address), B: await balanceOf(accounts.B.address), C: await balanceOf(accounts.C.address) };
    expect(expected.D).toBeGreaterThan(0n);
    expectProblem(await issuer.client.post(`/v1/funds/${fund.id}/distributions`, { recordDate: addDays(lastDay, 2) }), 422, 'RECORD_DATE_NOT_ALLOWED');
    const created = await issuer.client.post(`/v1/funds/${fund.id}/distributions`, { recordDate: lastDay });
    expectStatus(created, 202);
    expect(created.body).toEqual({ id: expect.any(String), status: 'PENDING' });
    expectProblem(await issuer.client.post(`/v1/funds/${fund.id}/distributions`, { recordDate: lastDay }), 409, 'DISTRIBUTION_EXISTS');
    const done = await poll(
      'distribution COMPLETED',
      () => issuer.client.get(`/v1/funds/${fund.id}/distributions/${created.body.id}`),
      (res) => res.status !== 200 || res.body.status === 'COMPLETED',
      { timeoutMs: 90_000 },
    );
    expectStatus(done, 200);
    const reinvested = { A: expected.A! * 10_000n, B: expected.B! * 10_000n };
    expect(done.body).toMatchObject({
      id: created.body.id,
      status: 'COMPLETED',
      recordDate: lastDay,
      holders: 4,
      totalAmount: formatCents(expectedTotal),
      unitsReinvested: formatUnits(reinvested.A + reinvested.B),
      cashPayable: formatCents(expected.C!),
      heldAmount: formatCents(expected.D!),
    });
    expect(await balanceOf(accounts.A.address)).toBe(balances.A + reinvested.A);
    expect(await balanceOf(accounts.B.address)).toBe(balances.B + reinvested.B);
    expect(await balanceOf(accounts.C.address)).toBe(balances.C);
    expect(await balanceOf(accounts.D.address)).toBe(subscribed.D * UNIT);
    const items = await issuer.client.get(`/v1/funds/${fund.id}/distributions/${created.body.id}/items`);
    expect(new Map((items.body.items as Json[]).map((item) => [item.address, [item.method, item.status, item.amount]]))).toEqual(
      new Map([
        [accounts.A.address, ['REINVEST', 'MINTED', formatCents(expected.A!)]],
        [accounts.B.address, ['REINVEST', 'MINTED', formatCents(expected.B!)]],
        [accounts.C.address, ['CASH', 'CASH_PAYABLE', formatCents(expected.C!)]],
        [accounts.D.address, ['REINVEST', 'HELD', formatCents(expected.D!)]],
      ]),
    );
    expect((items.body.items as Json[]).find((item) => item.address === accounts.D.address)).toMatchObject({ heldReason: 'WALLET_FROZEN', txHash: null, units: formatUnits(expected.D! * 10_000n) });
    // The issuer's feed reports it once, with the figures of the distribution.
    const completedEvents = await poll(
      'fund.distribution_completed in the feed',
      () => issuer.client.get(`/v1/events?types=fund.distribution_completed&limit=100`),
      (res) => res.status !== 200 || (res.body.items as Json[]).some((event) => event.subject.id === created.body.id),
      { timeoutMs: 30_000 },
    );
    expect((completedEvents.body.items as Json[]).filter((event) => event.subject.id === created.body.id)).toEqual([
      expect.objectContaining({ type: 'fund.distribution_completed', data: expect.objectContaining({ fundId: fund.id, totalAmount: formatCents(expectedTotal), heldAmount: formatCents(expected.D!) }) }),
    ]);
    // Once: asking again is refused, and no further unit is minted however long one waits.
    expectProblem(await issuer.client.post(`/v1/funds/${fund.id}/distributions`, { recordDate: lastDay }), 409, 'DISTRIBUTION_EXISTS');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await balanceOf(accounts.A.address)).toBe(balances.A + reinvested.A);
    const income = await distributor.client.get(`/v1/investors/${holders.C.investor.id}/income`);
    expectStatus(income, 200);
    expect(income.body.items).toEqual([{ fundId: fund.id, accrued: formatCents(expected.C!), distributedUnits: '0.000000', distributedCash: formatCents(expected.C!) }]);
    const audit = await compliance.get(`/v1/audit-events?entityType=fund_distribution&entityId=${created.body.id}`);
    expect((audit.body.items as Json[]).map((event) => event.action)).toEqual(expect.arrayContaining(['requested', 'prepared', 'completed']));

    // Reconciliation: none, then a mint the platform did not make (sent on chain with its key, outside it), then a register row changed by hand.
    const reconcile = async (): Promise<Json> => {
      const asked = await compliance.post(`/v1/funds/${fund.id}/reconciliations`, {});
      expectStatus(asked, 202);
      const res = await poll('reconciliation', () => compliance.get(`/v1/funds/${fund.id}/reconciliations/${asked.body.id}`), (r) => r.status !== 200 || r.body.status === 'COMPLETED' || r.body.status === 'FAILED', { timeoutMs: 60_000 });
      expectStatus(res, 200);
      expect(res.body.status).toBe('COMPLETED');
      return res.body;
    };
    const indexed = async (address: string, units: bigint) =>
      poll('the index to catch up', () => issuer.client.get(`/v1/funds/${fund.id}/holders?limit=10`), (res) => (res.body.items as Json[]).some((item) => item.address === address && item.units === formatUnits(units)));
    await indexed(accounts.A.address, balances.A + reinvested.A);
    const clean = await reconcile();
    expect(clean).toMatchObject({ holdersChecked: 4, breaks: [] });

    const outsider = privateKeyToAccount(PLATFORM_SIGNER_KEY);
    // The platform's own workers sign with this key too: a transaction of theirs between the nonce read and
    // the send makes this one's nonce too low, and it is sent again with the next one.
    const mintHash = await withFreshNonce(() =>
      chain.walletClientFor(outsider).writeContract({
        account: outsider,
        chain: chain.chain,
        address: token,
        abi: fundTokenAbi,
        functionName: 'batchMint',
        args: [[accounts.A.address], [UNIT], [2n ** 40n], ['0x00000000000000000000000000000000000000000000000000000000000e2e01']],
      }),
    );
    expect((await chain.publicClient.waitForTransactionReceipt({ hash: mintHash })).status).toBe('success');
    await indexed(accounts.A.address, balances.A + reinvested.A + UNIT);
    const minted = await reconcile();
    expect(minted.breaks).toEqual([
      expect.objectContaining({
        kind: 'LEDGER_VS_CHAIN',
        address: accounts.A.address,
        chain: formatUnits(balances.A + reinvested.A + UNIT),
        ledger: formatUnits(balances.A + reinvested.A),
        register: formatUnits(balances.A + reinvested.A + UNIT),
        status: 'OPEN',
        alertId: expect.any(String),
      }),
    ]);
    const alert = await compliance.get(`/v1/kyt/alerts/${minted.breaks[0].alertId}`);
    expectStatus(alert, 200);
    expect(alert.body).toMatchObject({ subjectType: 'RECONCILIATION', subjectId: minted.breaks[0].id, severity: 'HIGH' });

    await sql.query('UPDATE fund_holdings SET units = units + 5 WHERE fund_id = $1 AND address = $2', [fund.id, accounts.C.address]);
    const edited = await reconcile();
    expect(edited.breaks.map((b: Json) => [b.kind, b.address, b.id === minted.breaks[0].id])).toEqual(
      expect.arrayContaining([
        ['LEDGER_VS_CHAIN', accounts.A.address, true],
        ['REGISTER_VS_CHAIN', accounts.C.address, false],
      ]),
    );
    expect(edited.breaks).toHaveLength(2);
    expect(edited.breaks.find((b: Json) => b.kind === 'REGISTER_VS_CHAIN')).toMatchObject({ register: '30000.000005', chain: '30000.000000', ledger: '30000.000000' });
    await sql.query('UPDATE fund_holdings SET units = units - 5 WHERE fund_id = $1 AND address = $2', [fund.id, accounts.C.address]);
    const repaired = await reconcile();
    expect(repaired.breaks.map((b: Json) => b.kind)).toEqual(['LEDGER_VS_CHAIN']);
    // One reconciliation.break event per break found (not per run that finds it again), for compliance too.
    const breakIds: string[] = edited.breaks.map((b: Json) => b.id as string);
    const breakEvents = await poll(
      'reconciliation.break in the feed',
      () => compliance.get(`/v1/events?types=reconciliation.break&limit=200`),
      (res) => res.status !== 200 || breakIds.every((id: string) => (res.body.items as Json[]).some((event) => event.subject.id === id)),
      { timeoutMs: 30_000 },
    );
    for (const id of breakIds) expect((breakEvents.body.items as Json[]).filter((event) => event.subject.id === id)).toHaveLength(1);
  }, 300_000);

  it('should refuse income and distributions for an ACCUMULATING fund', async () => {
    const fund = await activeFund(issuer.client, [distributor.id]);
    expectProblem(await issuer.client.post(`/v1/funds/${fund.id}/income`, { date: '2026-01-05', ratePerUnit: '0.0001' }), 422, 'FUND_NOT_DISTRIBUTING');
    expectProblem(await issuer.client.post(`/v1/funds/${fund.id}/distributions`, { recordDate: '2026-01-05' }), 422, 'FUND_NOT_DISTRIBUTING');
  }, 60_000);
});
