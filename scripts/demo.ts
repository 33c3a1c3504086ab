// `npm run demo`: the whole flow against the platform `npm start` started, as a client would do it:
// two organisations and their keys, a fund (deployed on chain by the worker), a distributor on its
// shelf, an investor with a freshly generated wallet that proves ownership with a real EIP-4361
// signature, a subscription order, the issuer's payment confirmation, and the order SETTLED with its
// units on chain. Each step prints its curl equivalent.
//
//   npm run demo                         (API at http://localhost:$PORT, default 3000)
//   DEMO_API_URL=http://host:3000 PLATFORM_ADMIN_KEY=... CHAIN_RPC_URL=... npm run demo
//
// The admin key is PLATFORM_ADMIN_KEY, else the one `npm start` generated (<LOCAL_STATE_DIR or .local>/admin-key).
// Exits 0 once the order is SETTLED and the wallet's on-chain balance equals its units; 1 otherwise.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPublicClient, formatUnits, http, parseAbi, parseUnits, type Address } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const api = (process.env.DEMO_API_URL ?? `http://localhost:${process.env.PORT ?? '3000'}`).replace(/\/$/, '');
const rpcUrl = process.env.CHAIN_RPC_URL || `http://127.0.0.1:${process.env.LOCAL_CHAIN_PORT ?? '8545'}`;
const TIMEOUT_MS = Number(process.env.DEMO_TIMEOUT_MS ?? 120_000);
const useColor = process.stdout.isTTY === true && process.env.NO_COLOR === undefined;
const dim = (text: string) => (useColor ? `\u001b[2m${text}\u001b[0m` : text);
const bold = (text: string) => (useColor ? `\u001b[1m${text}\u001b[0m` : text);

function adminKey(): string {
  if (process.env.PLATFORM_ADMIN_KEY) return process.env.PLATFORM_ADMIN_KEY;
  const file = join(resolve(process.env.LOCAL_STATE_DIR || join(root, '.local')), 'admin-key');
  if (!existsSync(file)) throw new Error(`no admin key: set PLATFORM_ADMIN_KEY, or start the platform with \`npm start\` (it writes ${file})`);
  return readFileSync(file, 'utf8').trim();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
let stepNumber = 0;

function step(title: string): void {
  stepNumber += 1;
  process.stdout.write(`\n${bold(`${stepNumber}. ${title}`)}\n`);
}

/** One request, printed with its curl equivalent (the key as the shell variable named `keyVar`). */
async function call(method: string, path: string, keyVar: string, key: string, body?: unknown, extraHeaders: Record<string, string> = {}, quiet = false): Promise<{ status: number; body: Json }> {
  const headers: Record<string, string> = { authorization: `Bearer ${key}`, accept: 'application/json', ...extraHeaders };
  const json = body === undefined ? undefined : JSON.stringify(body);
  if (json !== undefined) headers['content-type'] = 'application/json';
  const curl = [`curl -s -X ${method} "$API${path}"`, `-H "authorization: Bearer $${keyVar}"`, ...Object.entries(extraHeaders).map(([k, v]) => `-H '${k}: ${v}'`)];
  if (json !== undefined) curl.push(`-H 'content-type: application/json'`, `-d '${json.replaceAll("'", "'\\''")}'`);
  if (!quiet) process.stdout.write(dim(`   $ ${curl.join(' ')}\n`));
  const response = await fetch(`${api}${path}`, { method, headers, body: json, signal: AbortSignal.timeout(30_000) });
  const text = await response.text();
  const parsed = text === '' ? null : (JSON.parse(text) as Json);
  if (!quiet) process.stdout.write(`   -> ${response.status} ${summarise(parsed)}\n`);
  return { status: response.status, body: parsed };
}

function summarise(body: Json): string {
  if (body === null || typeof body !== 'object') return String(body ?? '');
  const keys = ['id', 'status', 'onchain', 'tokenAddress', 'units', 'txHash', 'code', 'detail'];
  return JSON.stringify(Object.fromEntries(keys.filter((k) => body[k] !== undefined && body[k] !== null).map((k) => [k, body[k]])));
}

function expect(response: { status: number; body: Json }, status: number, what: string): Json {
  if (response.status !== status) throw new Error(`${what}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Polls GET `path` (its curl printed once) until `done` holds for its 200 body. */
async function until(what: string, path: string, keyVar: string, key: string, done: (body: Json) => boolean): Promise<Json> {
  const deadline = Date.now() + TIMEOUT_MS;
  let current = await call('GET', path, keyVar, key);
  process.stdout.write(`   waiting for ${what}...\n`);
  for (;;) {
    if (current.status === 200 && done(current.body)) {
      process.stdout.write(`   -> ${current.status} ${summarise(current.body)}\n`);
      return current.body;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${TIMEOUT_MS / 1000} s waiting for ${what}: ${JSON.stringify(current.body)}`);
    await new Promise((r) => setTimeout(r, 500));
    current = await call('GET', path, keyVar, key, undefined, {}, true);
  }
}

async function main(): Promise<void> {
  const admin = adminKey();
  const suffix = randomUUID().slice(0, 4).toUpperCase();
  process.stdout.write(`${bold('RWA platform demo')} against ${api} (chain ${rpcUrl})\n`);
  process.stdout.write(dim(`   to repeat a step by hand: export API=${api} ADMIN_KEY=<the admin key npm start printed>\n`));

  step('Create an issuer (asset manager) and a distributor (bank)');
  const issuerOrg = expect(await call('POST', '/v1/organizations', 'ADMIN_KEY', admin, { type: 'ISSUER', name: `Harbour AM ${suffix}`, jurisdiction: 'HK' }), 201, 'issuer');
  const bankOrg = expect(await call('POST', '/v1/organizations', 'ADMIN_KEY', admin, { type: 'DISTRIBUTOR', name: `Victoria Bank ${suffix}`, jurisdiction: 'HK' }), 201, 'distributor');

  step('The issuer gets a user (ISSUER keys belong to a person), then each organisation an API key (shown once)');
  const issuerUser = expect(
    await call('POST', `/v1/organizations/${issuerOrg.id}/users`, 'ADMIN_KEY', admin, { name: 'Ada Lam', email: `ada.lam.${suffix}@harbour.example`, role: 'ISSUER' }),
    201,
    'issuer user',
  );
  const issuerKey = expect(
    await call('POST', `/v1/organizations/${issuerOrg.id}/api-keys`, 'ADMIN_KEY', admin, { label: 'ops', role: 'ISSUER', userId: issuerUser.id }),
    201,
    'issuer key',
  ).key as string;
  const bankKey = expect(await call('POST', `/v1/organizations/${bankOrg.id}/api-keys`, 'ADMIN_KEY', admin, { label: 'ops', role: 'DISTRIBUTOR' }), 201, 'distributor key').key as string;
  process.stdout.write(dim(`   export ISSUER_KEY=${issuerKey} BANK_KEY=${bankKey}\n`));

  step('The issuer creates a fund; the worker deploys its token');
  const fundBody = {
    name: `HKD Money Market Fund ${suffix}`,
    symbol: `HKD${suffix}`,
    currency: 'HKD',
    initialNav: '1.000000',
    minSubscription: '1000.00',
    cutOffTime: '16:00',
    timezone: 'Asia/Hong_Kong',
    settlementDays: 0,
    pricing: 'STABLE_NAV',
    eligibleJurisdictions: ['HK'],
    eligibleInvestorClasses: ['PROFESSIONAL'],
  };
  const created = expect(await call('POST', '/v1/funds', 'ISSUER_KEY', issuerKey, fundBody), 202, 'fund');
  const fund = await until('the fund to be ACTIVE', `/v1/funds/${created.id}`, 'ISSUER_KEY', issuerKey, (b) => b.status === 'ACTIVE' || b.status === 'FAILED');
  if (fund.status !== 'ACTIVE') throw new Error(`the fund did not deploy: ${JSON.stringify(fund)}`);

  step('The issuer puts the fund on the bank\'s shelf');
  expect(await call('PUT', `/v1/funds/${fund.id}/distributors/${bankOrg.id}`, 'ISSUER_KEY', issuerKey), 200, 'shelf');

  step('The bank onboards an investor (KYC done by the bank)');
  const investor = expect(
    await call('POST', '/v1/investors', 'BANK_KEY', bankKey, { externalRef: `C-${suffix}`, type: 'INDIVIDUAL', jurisdiction: 'HK', investorClass: 'PROFESSIONAL', kycStatus: 'APPROVED', kycExpiresAt: '2030-01-01T00:00:00Z' }),
    201,
    'investor',
  );

  step('A new wallet proves it belongs to the investor (EIP-4361 message, signed here with a generated key)');
  const wallet = privateKeyToAccount(generatePrivateKey());
  process.stdout.write(`   generated wallet ${wallet.address}\n`);
  const challenge = expect(await call('POST', `/v1/investors/${investor.id}/wallet-challenges`, 'BANK_KEY', bankKey, { address: wallet.address, chainId: Number(fund.chainId ?? 31337) }), 201, 'challenge');
  const signature = await wallet.signMessage({ message: challenge.message as string });
  process.stdout.write(dim(`   signed: ${signature.slice(0, 20)}... (the wallet signs .message; any EIP-191 signer does)\n`));
  const bound = expect(await call('POST', `/v1/investors/${investor.id}/wallets`, 'BANK_KEY', bankKey, { challengeId: challenge.challengeId, signature }), 201, 'wallet');
  await until('the wallet to be VERIFIED and registered on chain', `/v1/wallets/${bound.id}`, 'BANK_KEY', bankKey, (b) => b.status === 'VERIFIED' && b.onchain === 'REGISTERED');

  step('The bank places a subscription of HKD 10,000.00 (Idempotency-Key: a retry never orders twice)');
  const order = expect(
    await call('POST', '/v1/orders', 'BANK_KEY', bankKey, { type: 'SUBSCRIPTION', fundId: fund.id, investorId: investor.id, walletId: bound.id, amount: '10000.00' }, { 'idempotency-key': randomUUID() }),
    201,
    'order',
  );

  step('The issuer confirms the cash arrived; the worker mints the units');
  expect(await call('POST', `/v1/orders/${order.id}/payment-confirmation`, 'ISSUER_KEY', issuerKey, { reference: `TT-${suffix}` }), 200, 'payment confirmation');
  const settled = await until('the order to be SETTLED', `/v1/orders/${order.id}`, 'BANK_KEY', bankKey, (b) => ['SETTLED', 'FAILED', 'REJECTED', 'CANCELLED'].includes(b.status));
  if (settled.status !== 'SETTLED') throw new Error(`the order ended ${settled.status}: ${JSON.stringify(settled)}`);

  step('The units are on chain');
  const chain = createPublicClient({ transport: http(rpcUrl) });
  const erc20 = parseAbi(['function balanceOf(address) view returns (uint256)', 'function decimals() view returns (uint8)']);
  const token = fund.tokenAddress as Address;
  const [balance, decimals] = await Promise.all([
    chain.readContract({ address: token, abi: erc20, functionName: 'balanceOf', args: [wallet.address] }),
    chain.readContract({ address: token, abi: erc20, functionName: 'decimals' }),
  ]);
  const onChain = formatUnits(balance, decimals);
  process.stdout.write(dim(`   $ cast call ${token} "balanceOf(address)(uint256)" ${wallet.address} --rpc-url ${rpcUrl}\n`));
  process.stdout.write(`   balanceOf(${wallet.address}) = ${balance} (${onChain} units) on token ${token}\n`);
  if (balance !== parseUnits(settled.units as string, decimals)) throw new Error(`on-chain balance ${onChain} differs from the order's units ${settled.units}`);
  process.stdout.write(`\n${bold(`SETTLED: order ${order.id}, ${settled.units} units, mint ${settled.txHash}, on-chain balance ${onChain}`)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
