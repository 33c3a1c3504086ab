// The compliance console (/console) in headless Chromium, against the platform the e2e global
// setup started: officer A confirms a blocklist alert with a code and is told why they cannot
// approve it, officer B approves and the wallet is REJECTED; an OFAC SDN file is imported through
// the upload after its preview; a partial freeze is followed until it is applied on chain; the
// main flow works by keyboard alone and every control has an accessible name. The screenshots
// under docs/console/ are written here.
import { jest } from '@jest/globals';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { parseAbi } from 'viem';
import { ApiClient, expectStatus } from './support/api-client.js';
import type { Json } from './support/api-client.js';
import { launchConsoleBrowser, screenshotPath, tabTo, unlabelledControls, type ConsoleBrowser } from './support/browser.js';
import { connectChain, newAccount } from './support/chain.js';
import { Platform, activeFund, bindWallet, confirmPayment, createInvestor, subscribe, verifiedInvestor, waitForOrderSettled } from './support/platform.js';
import { poll } from './support/poll.js';

jest.setTimeout(180_000);

const ROOT = resolve(process.cwd());
const tokenAbi = parseAbi(['function isFrozen(address account) view returns (bool)', 'function getFrozenTokens(address account) view returns (uint256)']);

describe('Compliance console in a browser', () => {
  const platform = new Platform();
  const chain = connectChain(platform.state);
  let browser: ConsoleBrowser;
  let officerA: ApiClient;
  let officerNames: { a: string; b: string };
  let officerB: ApiClient;
  let distributor: ApiClient;
  let distributorId: string;

  beforeAll(async () => {
    browser = await launchConsoleBrowser();
    ({ a: officerA, b: officerB, names: officerNames } = await platform.twoOfficers());
    const org = await platform.distributor();
    distributor = org.client;
    distributorId = org.id;
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(() => {
    // No inline script or style, nothing from elsewhere: the page never trips its own policy.
    expect(browser.cspViolations).toEqual([]);
  });

  /** Waits for an action's visible outcome (the same words also go to the live region). */
  function outcome(page: Page, text: string | RegExp) {
    return page.locator('p.result').filter({ hasText: text }).waitFor();
  }

  async function signIn(page: Page, officer: ApiClient): Promise<void> {
    await page.goto(`${platform.state.baseUrl}/console`);
    await page.getByLabel('API key').fill(officer.key!);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
  }

  /** A wallet bound at a blocklisted address: PENDING_REVIEW with an OPEN HIGH alert. */
  async function blocklistedWallet(): Promise<{ wallet: Json; alert: Json; investor: Json; address: string }> {
    const account = newAccount();
    expectStatus(await officerA.post('/v1/kyt/blocklist', { address: account.address, reason: 'designated by the console test', source: 'E2E-CONSOLE' }), 201);
    const investor = await createInvestor(distributor);
    const wallet = await bindWallet(distributor, investor.id, account, platform.state.chainId);
    expect(wallet.status).toBe('PENDING_REVIEW');
    const alerts = await officerA.get('/v1/kyt/alerts?subjectType=WALLET&status=OPEN&limit=200');
    const alert = alerts.body.items.find((item: Json) => item.subjectId === wallet.id);
    expect(alert).toMatchObject({ severity: 'HIGH', reasons: [expect.objectContaining({ code: 'BLOCKLIST_MATCH' })] });
    return { wallet, alert, investor, address: account.address };
  }

  /** Opens the alert from the queue (filtered to open HIGH wallet alerts), paging on until it shows. */
  async function openFromQueue(page: Page, alert: Json): Promise<void> {
    await page.getByRole('link', { name: 'Alerts' }).click();
    await page.getByLabel('Status').selectOption('OPEN');
    await page.getByLabel('Severity').selectOption('HIGH');
    await page.getByLabel('Subject type').selectOption('WALLET');
    const row = page.locator('tr', { hasText: alert.subjectId.slice(0, 8) });
    for (let pages = 0; pages < 20 && (await row.count()) === 0; pages++) {
      await page.waitForTimeout(300);
      if ((await row.count()) > 0) break;
      await page.getByRole('button', { name: 'Next page' }).click();
    }
    await row.getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: /High alert on a wallet/i }).waitFor();
  }

  it('should let officer A confirm a blocklist alert with a code, refuse A the approval with the reason, and let officer B approve: the wallet is REJECTED', async () => {
    const { wallet, alert, investor, address } = await blocklistedWallet();
    const page = await browser.newPage();
    await signIn(page, officerA);
    await expect(page.getByLabel('Signed in as').textContent()).resolves.toContain(officerNames.a);

    await openFromQueue(page, alert);
    await page.goBack();
    await page.getByRole('table').waitFor();
    await page.screenshot({ path: screenshotPath(ROOT, 'queue') });
    await page.goForward();

    const subject = page.getByRole('region', { name: 'Subject' });
    await subject.getByText(address).waitFor();
    await subject.getByText(investor.externalRef).waitFor();
    await page.locator('.reasons').getByText('BLOCKLIST_MATCH').waitFor();

    await page.getByLabel('Confirm (true hit').check();
    await page.getByLabel('Resolution code').selectOption('TRUE_MATCH');
    await page.getByLabel('Reason', { exact: true }).fill('Address on the sanctions list');
    await page.getByRole('button', { name: 'Confirm the alert' }).click();
    await outcome(page, 'Decision CONFIRM proposed');
    await page.getByText('You proposed this decision, so you cannot approve it').waitFor();
    await page.screenshot({ path: screenshotPath(ROOT, 'alert'), fullPage: true });

    // The API says no too, and the console shows its problem in words.
    await page.getByRole('button', { name: 'Approve CONFIRM' }).click();
    await page.getByRole('alert').filter({ hasText: 'FOUR_EYES_REQUIRED' }).waitFor();
    await page.getByRole('alert').filter({ hasText: 'must be approved by another officer' }).waitFor();
    expect((await officerA.get(`/v1/kyt/alerts/${alert.id}`)).body.status).toBe('PENDING_APPROVAL');

    // Sign-out forgets the key.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').waitFor();
    expect(await page.evaluate('sessionStorage.length')).toBe(0);

    await signIn(page, officerB);
    await page.goto(`${platform.state.baseUrl}/console#/alerts/${alert.id}`);
    await page.getByRole('heading', { name: 'Decision waiting for approval' }).waitFor();
    expect(await page.getByText('You proposed this decision').count()).toBe(0);
    await page.getByLabel('Approval comment (optional)').fill('Agreed: true match');
    await page.getByRole('button', { name: 'Approve CONFIRM' }).click();
    await outcome(page, 'Approved: the alert is now confirmed (true match).');

    const after = await distributor.get(`/v1/wallets/${wallet.id}`);
    expect(after.body.status).toBe('REJECTED');
    expect((await officerB.get(`/v1/kyt/alerts/${alert.id}`)).body).toMatchObject({ status: 'CONFIRMED', resolutionCode: 'TRUE_MATCH' });
    await page.close();
  });

  it('should import the addresses of an OFAC SDN file through the upload, after a preview that changes nothing', async () => {
    const [first, second] = [newAccount().address, newAccount().address];
    const file = [
      `7001,"CONSOLE TEST ONE","-0- ",,"CYBER2",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Digital Currency Address - ETH ${first}; Digital Currency Address - XBT 1BoatSLRHtKNngkdXEeobR76b53LETtpyT."`,
      `7002,"CONSOLE TEST TWO","-0- ",,"CYBER2",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Digital Currency Address - USDT ${second.toLowerCase()}."`,
      `7003,"NO CURRENCY LLC","-0- ",,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Website www.example.com."`,
    ].join('\n');
    const page = await browser.newPage();
    await signIn(page, officerA);
    await page.getByRole('link', { name: 'Blocklist' }).click();
    await page.getByLabel('SDN file (SDN.XML or sdn.csv)').setInputFiles({ name: 'sdn.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
    await page.getByLabel('Source', { exact: true }).last().fill('OFAC-SDN-CONSOLE');
    await page.getByRole('button', { name: 'Preview the addresses' }).click();

    const preview = page.getByRole('region', { name: 'Addresses found in the file' });
    await preview.getByText(first).waitFor();
    await preview.getByText(second).waitFor();
    await outcome(page, 'Preview: 2 EVM addresses found, 0 already listed, 1 of other chains skipped. Nothing was changed yet.');
    expect((await officerA.get(`/v1/kyt/blocklist?q=${first}`)).body.items).toEqual([]);
    await page.screenshot({ path: screenshotPath(ROOT, 'blocklist-import-preview'), fullPage: true });

    await page.getByRole('button', { name: 'Import 2 new addresses' }).click();
    await outcome(page, 'Imported: 2 addresses added to the blocklist (0 were listed already)');
    const listed = await officerA.get('/v1/kyt/blocklist?q=OFAC-SDN-CONSOLE');
    expect(listed.body.items.map((entry: Json) => entry.address).sort()).toEqual([first, second].sort());

    await page.getByLabel('Address, reason or source contains').fill('OFAC-SDN-CONSOLE');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('2 entries matching “OFAC-SDN-CONSOLE”').waitFor();
    await page.getByRole('table').filter({ hasText: first }).waitFor();
    await page.screenshot({ path: screenshotPath(ROOT, 'blocklist') });
    await page.close();
  });

  it('should freeze part of a holder\'s units and follow it until the chain applies it, then unfreeze', async () => {
    const issuer = (await platform.issuer()).client;
    const fund = await activeFund(issuer, [distributorId]);
    const account = newAccount();
    const { investor, wallet } = await verifiedInvestor(distributor, account, platform.state.chainId);
    const order = await subscribe(distributor, { fundId: fund.id, investorId: investor.id, walletId: wallet.id, amount: '5000.00' });
    await confirmPayment(issuer, order.id);
    await waitForOrderSettled(distributor, order.id);

    const page = await browser.newPage();
    await signIn(page, officerA);
    await page.goto(`${platform.state.baseUrl}/console#/wallets/${wallet.id}`);
    await page.getByText(account.address).first().waitFor();
    await page.getByLabel('Part of the balance').check();
    await page.getByLabel('Units to freeze (in each active fund)').fill('1200.5');
    await page.getByLabel('Reason', { exact: true }).first().fill('Court order 2026-17');
    await page.getByRole('button', { name: 'Freeze', exact: true }).click();
    await outcome(page, /1200\.5 units frozen; (waiting for the chain…|applied on chain)/);
    await page.getByText('Applied on chain', { exact: true }).waitFor({ timeout: 60_000 });
    expect(await chain.publicClient.readContract({ address: fund.tokenAddress, abi: tokenAbi, functionName: 'getFrozenTokens', args: [account.address] })).toBe(1_200_500_000n);
    await page.screenshot({ path: screenshotPath(ROOT, 'wallet-freeze'), fullPage: true });

    await page.getByLabel('Reason', { exact: true }).last().fill('Court order lifted');
    await page.getByRole('button', { name: 'Unfreeze' }).click();
    await outcome(page, /Unfrozen; (waiting for the chain…|applied on chain)/);
    await poll('unfreeze applied', () => officerA.get(`/v1/wallets/${wallet.id}`), (r) => r.body.freezeSync === 'SYNCED' && r.body.frozenUnits === null);
    await page.getByText('Applied on chain', { exact: true }).waitFor({ timeout: 60_000 });
    expect(await chain.publicClient.readContract({ address: fund.tokenAddress, abi: tokenAbi, functionName: 'getFrozenTokens', args: [account.address] })).toBe(0n);
    await page.close();
  });

  it('should run the main flow by keyboard alone, with every control named in the accessibility tree, at 1280x800 and on a narrow window', async () => {
    const { alert } = await blocklistedWallet();
    const page = await browser.newPage();
    await page.goto(`${platform.state.baseUrl}/console`);
    // The key field has the focus on arrival (once the page has rendered).
    await page.waitForFunction("document.activeElement && document.activeElement.id === 'api-key'");
    await page.keyboard.type(officerB.key!);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Alert queue' }).waitFor();
    expect((await unlabelledControls(page)).unlabelled).toEqual([]);

    await tabTo(page, 'the Subject type filter', (element) => element.id === 'filter-subject-type');
    await page.keyboard.press('ArrowDown'); // WALLET is the first option after "Any"
    const label = new RegExp(`^Open high open alert on wallet ${alert.subjectId.slice(0, 8)}, `);
    // Page through the queue by keyboard until the alert's link can be reached.
    const row = page.locator('tr', { hasText: alert.subjectId.slice(0, 8) });
    for (let pages = 0; pages < 20; pages++) {
      await page.waitForTimeout(400);
      if ((await row.count()) > 0) break;
      await tabTo(page, 'Next page', (element) => element.text === 'Next page');
      await page.keyboard.press('Enter');
    }
    const linkName = (await row.getByRole('link').getAttribute('aria-label'))!;
    expect(linkName).toMatch(label);
    await page.getByRole('heading', { level: 1 }).focus();
    await tabTo(page, `the link of alert ${alert.id}`, (element) => element.name === linkName, 200);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /High alert on a wallet/i }).waitFor();
    expect((await unlabelledControls(page)).unlabelled).toEqual([]);

    await tabTo(page, 'the comment field', (element) => element.id === 'comment-text', 120);
    await page.keyboard.type('Checked by keyboard only');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await outcome(page, 'Comment added (1 in all).');
    expect((await officerB.get(`/v1/kyt/alerts/${alert.id}`)).body.comments).toEqual([expect.objectContaining({ text: 'Checked by keyboard only' })]);

    // Narrow window: nothing wider than the screen but the tables, which scroll in their region.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(200);
    const tooWide = await page.evaluate(`[...document.querySelectorAll('body *')]
      .filter((element) => !element.closest('.table-region') && element.getBoundingClientRect().right + window.scrollX > window.innerWidth + 1)
      .map((element) => element.tagName.toLowerCase() + '.' + element.className + ' ' + Math.round(element.getBoundingClientRect().right + window.scrollX))`);
    expect(tooWide).toEqual([]);
    // Text that cannot wrap (addresses in reasons) would push the page sideways.
    expect(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshotPath(ROOT, 'alert-narrow'), fullPage: true });

    for (const hash of ['#/blocklist', '#/wallets', '#/audit']) {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(`${platform.state.baseUrl}/console${hash}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      const tree = await unlabelledControls(page);
      expect({ hash, unlabelled: tree.unlabelled }).toEqual({ hash, unlabelled: [] });
      expect(tree.checked).toBeGreaterThan(3);
    }
    await page.close();
  });
});
