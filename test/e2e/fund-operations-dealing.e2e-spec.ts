// Running a fund day to day, over HTTP on the real chain: calendars, dealing dates and cut-offs,
// forward pricing, NAV governance, cancellations, refunds and payment references.
// Time is the real clock: each fund's calendar (no weekend days, chosen holidays) and time zone
// are picked against it, so the scenarios hold on any day and at any hour.
import { jest } from '@jest/globals';
import { expectProblem, expectStatus, expectValidationProblem, type ApiClient, type Json } from './support/api-client.js';
import { connectChain, newAccount, type TestChain } from './support/chain.js';
import { addDays, daytimeZone, everyDayCalendar, localNow, localTimePlus, placeOrder, waitForOrder } from './support/fund-operations.js';
import { activeFund, Platform, subscribe, uniqueSuffix, verifiedInvestor, waitForOrderSettled } from './support/platform.js';
import { fundTokenAbi } from '../../libs/chain/abis/generated/index.js';

jest.setTimeout(180_000);

describe('fund operations: dealing, NAV, cancellations and payments', () => {
  const platform = new Platform();
  let chain: TestChain;
  let issuer: ApiClient;
  let issuerId: string;
  let secondIssuerUser: ApiClient;
  let distributor: ApiClient;
  let distributorId: string;
  let holder: { investor: Json; wallet: Json; address: `0x${string}` };

  beforeAll(async () => {
    chain = connectChain(platform.state);
    const issuerOrg = await platform.issuer();
    issuer = issuerOrg.client;
    issuerId = issuerOrg.id;
    // createKey gives each ISSUER key a user of its own: a second key is a second person (personOf).
    secondIssuerUser = await platform.createKey(issuerId, 'ISSUER');
    const distributorOrg = await platform.distributor();
    distributor = distributorOrg.client;
    distributorId = distributorOrg.id;
  });

  // The KYT velocity rule allows 10 orders an hour per investor: each scenario has an investor of its own.
  async function freshHolder(): Promise<{ investor: Json; wallet: Json; address: `0x${string}` }> {
    const account = newAccount();
    return { ...(await verifiedInvestor(distributor, account, platform.state.chainId)), address: account.address };
  }
  beforeEach(async () => {
    holder = await freshHolder();
  });

  describe('calendars', () => {
    it('should ship Hong Kong general holidays for 2026 and 2027, readable by any role', async () => {
      const res = await distributor.get('/v1/calendars/HK');
      expectStatus(res, 200);
      expect(res.body).toMatchObject({ code: 'HK', weekendDays: [6, 0] });
      expect(res.body.holidays).toEqual(expect.arrayContaining(['2026-02-17', '2026-02-18', '2026-02-19', '2026-04-03', '2026-04-06', '2026-04-07', '2026-12-26', '2027-02-09', '2027-12-27']));
      expect(res.body.holidays).not.toContain('2026-04-05');
      expectProblem(await issuer.get('/v1/calendars/NOPE'), 404, 'CALENDAR_NOT_FOUND');
      expectValidationProblem(await issuer.get('/v1/calendars/hk%20x'), ['code']);
    });

    it('should let only the ADMIN write a calendar, with real dates', async () => {
      expectProblem(await issuer.put('/v1/calendars/E2E-NO', { name: 'x', holidays: [] }), 403, 'FORBIDDEN');
      expectValidationProblem(await platform.admin.put('/v1/calendars/E2E-BAD', { name: 'bad', holidays: ['2026-02-30'] }), ['holidays[0]']);
      expectValidationProblem(await platform.admin.put('/v1/calendars/E2E-BAD', { name: 'bad', holidays: ['1999-12-31'] }), ['holidays[0]']);
      expectValidationProblem(await platform.admin.put('/v1/calendars/E2E-BAD', { name: 'bad', holidays: [], weekendDays: [7] }), ['weekendDays']);
      expectProblem(await issuer.get('/v1/calendars/E2E-BAD'), 404, 'CALENDAR_NOT_FOUND');
      const res = await platform.admin.put('/v1/calendars/E2E-OK', { name: 'ok', holidays: ['2027-01-02', '2027-01-01', '2027-01-01'] });
      expectStatus(res, 200);
      expect(res.body).toEqual({ code: 'E2E-OK', name: 'ok', holidays: ['2027-01-01', '2027-01-02'], weekendDays: [6, 0] });
    });

    it('should refuse fund settings it cannot honour, naming the field', async () => {
      const base = { name: 'x', symbol: `X${uniqueSuffix().toUpperCase().slice(0, 4)}`, currency: 'HKD', initialNav: '1', minSubscription: '1', cutOffTime: '16:00', timezone: 'Asia/Hong_Kong', settlementDays: 0, pricing: 'FORWARD', eligibleJurisdictions: ['HK'], eligibleInvestorClasses: ['PROFESSIONAL'] };
      expectValidationProblem(await issuer.post('/v1/funds', { ...base, calendar: 'NOPE' }), ['calendar']);
      expectValidationProblem(await issuer.post('/v1/funds', { ...base, maxUnitsPerHolder: '1.0000001' }), ['maxUnitsPerHolder']);
      expectValidationProblem(await issuer.post('/v1/funds', { ...base, maxUnitsPerHolder: '0' }), ['maxUnitsPerHolder']);
      expectValidationProblem(await issuer.post('/v1/funds', { ...base, maxUnitsPerHolder: '99999999999999999999999999999999999' }), ['maxUnitsPerHolder']);
      expectValidationProblem(await issuer.post('/v1/funds', { ...base, lockupDays: 3651 }), ['lockupDays']);
      expectValidationProblem(await issuer.post('/v1/funds', { ...base, navTolerancePercent: '0' }), ['navTolerancePercent']);
      expectValidationProblem(await issuer.post('/v1/funds', { ...base, navTolerancePercent: '100.001' }), ['navTolerancePercent']);
      expectValidationProblem(await issuer.post('/v1/funds', { ...base, maxHolders: 3_000_000_000 }), ['maxHolders']);
      expectValidationProblem(await issuer.post('/v1/funds', { ...base, minSubscription: '1234567890123456789012345678901' }), ['minSubscription']);
      expectValidationProblem(await issuer.post('/v1/funds', { ...base, incomeMode: 'QUARTERLY' }), ['incomeMode']);
    });
  });

  describe('dealing dates', () => {
    it('should deal an order after the cut-off and over a holiday on the next business day, with its settlement date', async () => {
      const zone = 'Asia/Hong_Kong';
      const today = localNow(zone).date;
      // A cut-off of 00:00: every order today is late. Tomorrow is a holiday, so the order deals the
      // day after; T+2 skips another holiday three days out.
      const calendar = await everyDayCalendar(platform.admin, [addDays(today, 1), addDays(today, 3)]);
      const fund = await activeFund(issuer, [distributorId], { cutOffTime: '00:00', timezone: zone, settlementDays: 2, calendar });
      expect(fund).toMatchObject({ calendar, navTolerancePercent: '2.00', incomeMode: 'ACCUMULATING', rulesSync: 'SYNCED', lifecycleSync: 'SYNCED' });

      const order = await subscribe(distributor, { fundId: fund.id, investorId: holder.investor.id, walletId: holder.wallet.id, amount: '5000.00' });

      const dealingDate = addDays(today, 2);
      expect(order).toMatchObject({ dealingDate, settlementDate: addDays(today, 5), cutOffAt: new Date(`${dealingDate}T00:00:00+08:00`).toISOString() });
      const read = await issuer.get(`/v1/orders/${order.id}`);
      expect(read.body).toMatchObject({ dealingDate, settlementDate: addDays(today, 5), cutOffAt: order.cutOffAt });
    });

    it('should let the distributor cancel before the cut-off, and refuse with CUT_OFF_PASSED after it', async () => {
      const zone = daytimeZone();
      const calendar = await everyDayCalendar(platform.admin);
      // The cut-off is the next minute boundary but one at most: the order makes it, then it passes.
      const { seconds } = localNow(zone);
      const cutOffTime = localTimePlus(zone, seconds > 35 ? 2 : 1);
      const fund = await activeFund(issuer, [distributorId], { cutOffTime, timezone: zone, calendar });
      const early = await subscribe(distributor, { fundId: fund.id, investorId: holder.investor.id, walletId: holder.wallet.id, amount: '2000.00' });
      const late = await subscribe(distributor, { fundId: fund.id, investorId: holder.investor.id, walletId: holder.wallet.id, amount: '2000.00' });
      expect(late.dealingDate).toBe(localNow(zone).date);

      const cancelled = await distributor.post(`/v1/orders/${early.id}/cancel`, {});
      expectStatus(cancelled, 200);
      expect(cancelled.body.status).toBe('CANCELLED');

      await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(late.cutOffAt) - Date.now()) + 500));
      expectProblem(await distributor.post(`/v1/orders/${late.id}/cancel`, {}), 409, 'CUT_OFF_PASSED');
      expect((await distributor.get(`/v1/orders/${late.id}`)).body.status).toBe('AWAITING_PAYMENT');
    });
  });

  describe('forward pricing and NAV governance', () => {
    let zone: string;
    let today: string;
    let calendar: string;

    beforeAll(async () => {
      zone = daytimeZone();
      today = localNow(zone).date;
      // Yesterday is a holiday: the initial NAV is as of the day before it.
      calendar = await everyDayCalendar(platform.admin, [addDays(today, -1)]);
    });

    it("should keep a FORWARD fund's paid order in PRICING until its own dealing day's NAV, then settle at it", async () => {
      const fund = await activeFund(issuer, [distributorId], { pricing: 'FORWARD', cutOffTime: localTimePlus(zone, 120), timezone: zone, calendar });
      expect(fund.navAsOf).toBe(addDays(today, -2));
      const order = await subscribe(distributor, { fundId: fund.id, investorId: holder.investor.id, walletId: holder.wallet.id, amount: '10100.00' });
      expect(order.dealingDate).toBe(today);

      const paid = await issuer.post(`/v1/orders/${order.id}/payment-confirmation`, { reference: `FWD-${uniqueSuffix()}` });
      expectStatus(paid, 200);
      // The NAV of two days ago exists: dealing at it would be late trading. The order waits.
      expect(paid.body).toMatchObject({ status: 'PRICING', nav: null, units: null });
      const cancelAfterPayment = await subscribe(distributor, { fundId: fund.id, investorId: holder.investor.id, walletId: holder.wallet.id, amount: '3000.00' });
      expectStatus(await issuer.post(`/v1/orders/${cancelAfterPayment.id}/payment-confirmation`, { reference: `FWD-${uniqueSuffix()}` }), 200);

      // Cancelled after payment, before the cut-off: its cash goes back.
      const cancelled = await distributor.post(`/v1/orders/${cancelAfterPayment.id}/cancel`, {});
      expectStatus(cancelled, 200);
      expect(cancelled.body.status).toBe('REFUND_PENDING');
      const refunded = await issuer.post(`/v1/orders/${cancelAfterPayment.id}/refund-confirmation`, { reference: `RF-${uniqueSuffix()}` });
      expectStatus(refunded, 200);
      expect(refunded.body).toMatchObject({ status: 'REFUNDED', refundReference: expect.stringMatching(/^RF-/) });
      expect(refunded.body.events.map((event: Json) => event.to)).toEqual(['RECEIVED', 'AWAITING_PAYMENT', 'PAYMENT_CONFIRMED', 'PRICING', 'REFUND_PENDING', 'REFUNDED']);

      const published = await issuer.post(`/v1/funds/${fund.id}/nav`, { nav: '1.01', asOf: today });
      expectStatus(published, 201);
      expect(published.body).toEqual({ fundId: fund.id, nav: '1.010000', asOf: today, status: 'PUBLISHED' });

      const settled = await waitForOrderSettled(distributor, order.id);
      expect(settled).toMatchObject({ nav: '1.010000', navAsOf: today, units: '10000.000000', cashRemainder: '0.00' });
      const balance = await chain.publicClient.readContract({ address: fund.tokenAddress, abi: fundTokenAbi, functionName: 'balanceOf', args: [holder.address] });
      expect(balance).toBe(10_000_000_000n);

      // The NAV of a day that dealt cannot change.
      expectProblem(await issuer.post(`/v1/funds/${fund.id}/nav`, { nav: '1.02', asOf: today }), 409, 'NAV_ALREADY_DEALT');

      const summary = await issuer.get(`/v1/funds/${fund.id}/dealing/${today}`);
      expectStatus(summary, 200);
      expect(summary.body).toEqual({
        fundId: fund.id,
        dealingDate: today,
        nav: '1.010000',
        subscriptions: { count: 1, amount: '10100.00', units: '10000.000000' },
        redemptions: { count: 0, amount: '0.00', units: '0.000000' },
        byStatus: { SETTLED: 1, REFUNDED: 1 },
      });
      expectProblem(await distributor.get(`/v1/funds/${fund.id}/dealing/${today}`), 403, 'FORBIDDEN');
      expectValidationProblem(await issuer.get(`/v1/funds/${fund.id}/dealing/2026-02-30`), ['date']);
    });

    it('should refuse NAVs of the future, of non-business days, before the latest, and of malformed dates', async () => {
      const fund = await activeFund(issuer, [distributorId], { pricing: 'FORWARD', timezone: zone, calendar });
      expectProblem(await issuer.post(`/v1/funds/${fund.id}/nav`, { nav: '1.0', asOf: addDays(today, 1) }), 422, 'NAV_DATE_NOT_ALLOWED');
      expectProblem(await issuer.post(`/v1/funds/${fund.id}/nav`, { nav: '1.0', asOf: '9999-12-31' }), 422, 'NAV_DATE_NOT_ALLOWED');
      expectProblem(await issuer.post(`/v1/funds/${fund.id}/nav`, { nav: '1.0', asOf: addDays(today, -1) }), 422, 'NAV_DATE_NOT_ALLOWED');
      expectProblem(await issuer.post(`/v1/funds/${fund.id}/nav`, { nav: '1.0', asOf: addDays(today, -3) }), 422, 'NAV_DATE_NOT_ALLOWED');
      expectValidationProblem(await issuer.post(`/v1/funds/${fund.id}/nav`, { nav: '1.0', asOf: '2026-02-30' }), ['asOf']);
      expectValidationProblem(await issuer.post(`/v1/funds/${fund.id}/nav`, { nav: '0', asOf: today }), ['nav']);
      expectValidationProblem(await issuer.post(`/v1/funds/${fund.id}/nav`, { nav: '1234567890123456789012345678901.5', asOf: today }), ['nav']);
      // Within the tolerance and not yet dealt: it may be corrected.
      expectStatus(await issuer.post(`/v1/funds/${fund.id}/nav`, { nav: '1.001', asOf: today }), 201);
      expectStatus(await issuer.post(`/v1/funds/${fund.id}/nav`, { nav: '1.002', asOf: today }), 201);
      const history = await distributor.get(`/v1/funds/${fund.id}/navs?limit=1`);
      expectStatus(history, 200);
      expect(history.body.items).toEqual([expect.objectContaining({ asOf: today, nav: '1.002000', status: 'PUBLISHED', approvedBy: null, publishedBy: expect.stringMatching(/^(api-key|user):/) })]);
      const older = await distributor.get(`/v1/funds/${fund.id}/navs?limit=1&cursor=${history.body.nextCursor}`);
      expect(older.body).toEqual({ items: [expect.objectContaining({ asOf: addDays(today, -2), nav: '1.000000', publishedBy: null })], nextCursor: null });
    });

    it('should hold a NAV beyond the tolerance for a second issuer user, then price the orders waiting for it', async () => {
      const fund = await activeFund(issuer, [distributorId], { pricing: 'FORWARD', cutOffTime: localTimePlus(zone, 120), timezone: zone, calendar, navTolerancePercent: '5' });
      const order = await subscribe(distributor, { fundId: fund.id, investorId: holder.investor.id, walletId: holder.wallet.id, amount: '6000.00' });
      expect((await issuer.post(`/v1/orders/${order.id}/payment-confirmation`, { reference: `TOL-${uniqueSuffix()}` })).body.status).toBe('PRICING');

      const proposed = await issuer.post(`/v1/funds/${fund.id}/nav`, { nav: '1.2', asOf: today });
      expectStatus(proposed, 202);
      expect(proposed.body).toMatchObject({ status: 'PENDING_APPROVAL', nav: '1.200000', asOf: today });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect((await distributor.get(`/v1/orders/${order.id}`)).body.status).toBe('PRICING');
      expectProblem(await issuer.post(`/v1/funds/${fund.id}/navs/${today}/approve`), 409, 'FOUR_EYES_REQUIRED');
      const other = await platform.issuer();
      expectProblem(await other.client.post(`/v1/funds/${fund.id}/navs/${today}/approve`), 404, 'FUND_NOT_FOUND');

      const approved = await secondIssuerUser.post(`/v1/funds/${fund.id}/navs/${today}/approve`);
      expectStatus(approved, 200);
      expect(approved.body).toEqual({ fundId: fund.id, nav: '1.200000', asOf: today, status: 'PUBLISHED' });
      expectProblem(await secondIssuerUser.post(`/v1/funds/${fund.id}/navs/${today}/approve`), 409, 'NAV_NOT_PENDING_APPROVAL');
      const settled = await waitForOrderSettled(distributor, order.id);
      expect(settled).toMatchObject({ nav: '1.200000', navAsOf: today, units: '5000.000000' });
      const [latest] = (await issuer.get(`/v1/funds/${fund.id}/navs`)).body.items;
      expect(latest).toMatchObject({ asOf: today, status: 'PUBLISHED', publishedBy: expect.any(String), approvedBy: expect.any(String) });
      expect(latest.approvedBy).not.toBe(latest.publishedBy);
    });
  });

  describe('payments and refunds', () => {
    let fund: Json;

    beforeAll(async () => {
      fund = await activeFund(issuer, [distributorId]);
    });

    it('should send back the cash of an order refused at payment confirmation (KYC no longer approved)', async () => {
      const account = newAccount();
      const lapsing = await verifiedInvestor(distributor, account, platform.state.chainId);
      const order = await subscribe(distributor, { fundId: fund.id, investorId: lapsing.investor.id, walletId: lapsing.wallet.id, amount: '4000.00' });
      expectStatus(await distributor.patch(`/v1/investors/${lapsing.investor.id}`, { kycStatus: 'PENDING' }), 200);

      const paid = await issuer.post(`/v1/orders/${order.id}/payment-confirmation`, { reference: `KYC-${uniqueSuffix()}` });
      expectStatus(paid, 200);
      expect(paid.body).toMatchObject({ status: 'REFUND_PENDING', failureCode: 'KYC_NOT_APPROVED', units: null });
      expectProblem(await distributor.post(`/v1/orders/${order.id}/refund-confirmation`, { reference: 'x' }), 403, 'FORBIDDEN');
      const refunded = await issuer.post(`/v1/orders/${order.id}/refund-confirmation`, { reference: `RF-${uniqueSuffix()}` });
      expectStatus(refunded, 200);
      expect(refunded.body.status).toBe('REFUNDED');
      expectProblem(await issuer.post(`/v1/orders/${order.id}/refund-confirmation`, { reference: 'again' }), 409, 'INVALID_STATE_TRANSITION');
      const balance = await chain.publicClient.readContract({ address: fund.tokenAddress, abi: fundTokenAbi, functionName: 'balanceOf', args: [account.address] });
      expect(balance).toBe(0n);
    });

    it('should use a payment reference once per issuer, even in concurrent calls', async () => {
      const [a, b, c, d] = await Promise.all([1, 2, 3, 4].map(() => subscribe(distributor, { fundId: fund.id, investorId: holder.investor.id, walletId: holder.wallet.id, amount: '1500.00' })));
      const reference = `REF-${uniqueSuffix()}`;
      expectStatus(await issuer.post(`/v1/orders/${a.id}/payment-confirmation`, { reference }), 200);
      expectProblem(await issuer.post(`/v1/orders/${b.id}/payment-confirmation`, { reference }), 409, 'PAYMENT_REFERENCE_USED');
      expectProblem(await issuer.post('/v1/orders/payment-confirmations', { reference, orderIds: [b.id] }), 409, 'PAYMENT_REFERENCE_USED');

      const racing = `RACE-${uniqueSuffix()}`;
      const answers = await Promise.all([b, c, d].map((order) => issuer.post(`/v1/orders/${order.id}/payment-confirmation`, { reference: racing })));
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409, 409]);
      const statuses = await Promise.all([b, c, d].map(async (order) => (await issuer.get(`/v1/orders/${order.id}`)).body.status));
      expect(statuses.filter((status) => status === 'AWAITING_PAYMENT')).toHaveLength(2);
      // Another issuer may use the same bank reference for its own orders.
      const otherIssuer = await platform.issuer();
      const otherFund = await activeFund(otherIssuer.client, [distributorId]);
      const theirs = await subscribe(distributor, { fundId: otherFund.id, investorId: holder.investor.id, walletId: holder.wallet.id, amount: '1500.00' });
      expectStatus(await otherIssuer.client.post(`/v1/orders/${theirs.id}/payment-confirmation`, { reference }), 200);
    });

    it('should confirm one wire for several orders, all or none', async () => {
      const orders = await Promise.all([1, 2, 3].map(() => subscribe(distributor, { fundId: fund.id, investorId: holder.investor.id, walletId: holder.wallet.id, amount: '2000.00' })));
      const cancelled = await subscribe(distributor, { fundId: fund.id, investorId: holder.investor.id, walletId: holder.wallet.id, amount: '2000.00' });
      expectStatus(await distributor.post(`/v1/orders/${cancelled.id}/cancel`, {}), 200);
      const reference = `WIRE-${uniqueSuffix()}`;

      const refused = await issuer.post('/v1/orders/payment-confirmations', { reference, orderIds: [...orders.map((order) => order.id), cancelled.id] });
      expectProblem(refused, 409, 'INVALID_STATE_TRANSITION');
      for (const order of orders) expect((await issuer.get(`/v1/orders/${order.id}`)).body.status).toBe('AWAITING_PAYMENT');
      expectValidationProblem(await issuer.post('/v1/orders/payment-confirmations', { reference, orderIds: [orders[0].id, orders[0].id] }), ['orderIds']);
      expectValidationProblem(await issuer.post('/v1/orders/payment-confirmations', { reference, orderIds: [] }), ['orderIds']);
      expectProblem(await distributor.post('/v1/orders/payment-confirmations', { reference, orderIds: [orders[0].id] }), 403, 'FORBIDDEN');
      const stranger = await platform.issuer();
      expectProblem(await stranger.client.post('/v1/orders/payment-confirmations', { reference, orderIds: [orders[0].id] }), 404, 'ORDER_NOT_FOUND');

      const confirmed = await issuer.post('/v1/orders/payment-confirmations', { reference, orderIds: orders.map((order) => order.id) });
      expectStatus(confirmed, 200);
      expect(confirmed.body.items.map((order: Json) => [order.id, order.status, order.paymentReference])).toEqual(orders.map((order) => [order.id, 'MINTING', reference]));
      for (const order of orders) await waitForOrderSettled(distributor, order.id);
      expectProblem(await issuer.post('/v1/orders/payment-confirmations', { reference, orderIds: [cancelled.id] }), 409, 'INVALID_STATE_TRANSITION');
    });

    it('should refuse cancelling a priced order and a redemption already burning', async () => {
      const order = await subscribe(distributor, { fundId: fund.id, investorId: holder.investor.id, walletId: holder.wallet.id, amount: '2500.00' });
      expectStatus(await issuer.post(`/v1/orders/${order.id}/payment-confirmation`, { reference: `P-${uniqueSuffix()}` }), 200);
      expectProblem(await distributor.post(`/v1/orders/${order.id}/cancel`, {}), 409, 'INVALID_STATE_TRANSITION');
      await waitForOrderSettled(distributor, order.id);
      const redemption = await placeOrder(distributor, { type: 'REDEMPTION', fundId: fund.id, investorId: holder.investor.id, walletId: holder.wallet.id, units: '10.000000' });
      expectStatus(redemption, 201);
      expect(redemption.body.status).toBe('BURNING');
      expectProblem(await distributor.post(`/v1/orders/${redemption.body.id}/cancel`, {}), 409, 'INVALID_STATE_TRANSITION');
      await waitForOrder(issuer, redemption.body.id, 'PAYOUT_PENDING');
    });
  });

});
