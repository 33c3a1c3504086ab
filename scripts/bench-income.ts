// Income benchmark (issue 14). A script, not a test:
//
//   npm run bench:income      (= node scripts/bench-income.ts; compiles the contracts first if needed)
//
// 1. Accrual: 10,000 holders (minted before the month), 22 business days of daily rates and 5,000
//    transfers during the month, through the exact engine the platform runs (libs/income/accrual.ts:
//    accrue + allocate). Target <= 5 s.
// 2. Distribution: on Hardhat's in-process chain, a FundToken (every rule on) with the 10,000 holders
//    registered and holding units; the month's income reinvested as new units through batchMint in
//    batches of DISTRIBUTION_MINT_BATCH (200), as DistributionService sends them: wall time and full
//    transaction gas per holder (receipt.gasUsed, base and calldata included). Target <= 35,000.
// 3. Reconciliation of 100,000 holders: the token's balance of each at one block, read 32 calls at a
//    time as ReconciliationService reads them, compared with a register and a ledger of 100,000
//    rows. Target <= 60 s.
// Prints one JSON object.
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { Address, Hex } from 'viem';
import { keccak256, stringToHex, toHex } from 'viem';
import { accrualDenominator, accrue, allocate, type AccrualDay, type AccrualEvent } from '../libs/income/accrual.ts';

process.env.HARDHAT_CONFIG ??= fileURLToPath(new URL('../contracts/hardhat.config.ts', import.meta.url));

const HOLDERS = 10_000;
const BUSINESS_DAYS = 22;
const TRANSFERS = 5_000;
const MINT_BATCH = 200;
const RECONCILED_HOLDERS = 100_000;
const REGISTRATION_BATCH = 500;
/** Initial mints to new holders: each opens a holder slot, so a batch of 500 would pass the block gas limit. */
const SEED_MINT_BATCH = 200;
const UNIT_DECIMALS = 6;
const UNIT = 10n ** BigInt(UNIT_DECIMALS);
const DAY = 86_400;

const results: Record<string, unknown> = {};
const address = (seed: string, i: number): Address => `0x${keccak256(stringToHex(`${seed}-${i}`)).slice(26)}` as Address;

// 1. Accrual.
const holders = Array.from({ length: HOLDERS }, (_, i) => address('holder', i));
const monthStart = 1_800_000_000 - (1_800_000_000 % DAY);
const events: AccrualEvent[] = holders.map((to, i) => ({ time: monthStart - 3600 + (i % 3600), from: null, to, value: BigInt(1_000 + (i % 97) * 13) * UNIT }));
const balances = new Map(events.map((event) => [event.to!, event.value]));
let seed = 42;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
const days: AccrualDay[] = [];
for (let d = 0, k = 0; k < BUSINESS_DAYS; d++) {
  if (d % 7 === 5 || d % 7 === 6) continue; // weekends
  days.push({ date: `day-${d}`, rate: 136_986_301_369_863n + BigInt(k) * 1_000_000_000n, start: monthStart + d * DAY, end: monthStart + (d + 1) * DAY });
  k++;
}
const monthEnd = days.at(-1)!.end;
const transferTimes = Array.from({ length: TRANSFERS }, () => monthStart + Math.floor(random() * (monthEnd - monthStart))).sort((a, b) => a - b);
for (const time of transferTimes) {
  const from = holders[Math.floor(random() * HOLDERS)]!;
  const to = holders[Math.floor(random() * HOLDERS)]!;
  const balance = balances.get(from)!;
  if (from === to || balance < 2n) continue;
  const value = balance / 2n;
  balances.set(from, balance - value);
  balances.set(to, balances.get(to)! + value);
  events.push({ time, from, to, value });
}
const accrualStarted = performance.now();
const allocation = allocate(accrue(events, days), accrualDenominator(UNIT_DECIMALS), 2);
const accrualMs = performance.now() - accrualStarted;
results.accrual = {
  holders: HOLDERS,
  businessDays: BUSINESS_DAYS,
  transfers: events.length - HOLDERS,
  seconds: Math.round(accrualMs) / 1000,
  target: 5,
  ok: accrualMs <= 5_000,
  totalCents: allocation.total.toString(),
  itemsAddUp: allocation.items.reduce((sum, item) => sum + item.amount, 0n) === allocation.total,
};
console.error(`accrual: ${JSON.stringify(results.accrual)}`);

// 2. Distribution gas on the in-process chain.
const { default: hre } = await import('hardhat');
await hre.tasks.getTask('build').run({ quiet: true, noTests: true });
const { viem } = await hre.network.create();
const publicClient = await viem.getPublicClient();
const [admin] = await viem.getWalletClients();
const jurisdiction = (code: string): number => (code.charCodeAt(0) << 8) | code.charCodeAt(1);
const PROFESSIONAL = 2;
const now = BigInt((await publicClient.getBlock()).timestamp);
const registry = await viem.deployContract('IdentityRegistry', [admin!.account.address]);
const implementation = await viem.deployContract('FundToken', []);
const factory = await viem.deployContract('FundFactory', [implementation.address, registry.address, admin!.account.address]);
const fundKey = keccak256(stringToHex('income-benchmark-fund'));
await factory.write.createFund([
  fundKey,
  {
    name: 'Income Benchmark Fund',
    symbol: 'INCB',
    decimals: UNIT_DECIMALS,
    admin: admin!.account.address,
    agent: admin!.account.address,
    eligibleJurisdictions: ['HK', 'SG'].map(jurisdiction),
    eligibleClassMask: 1 << PROFESSIONAL,
    maxHolders: 1_000_000,
    maxBalancePerHolder: 10n ** 30n,
    lockupSeconds: 0,
  },
]);
const token = await viem.getContractAt('FundToken', await factory.read.fundOf([fundKey]));
async function receipt(hash: Hex) {
  const mined = await publicClient.waitForTransactionReceipt({ hash });
  if (mined.status !== 'success') throw new Error(`transaction ${hash} reverted`);
  return mined;
}
async function register(wallets: readonly Address[]): Promise<void> {
  for (let i = 0; i < wallets.length; i += REGISTRATION_BATCH) {
    const chunk = wallets.slice(i, i + REGISTRATION_BATCH);
    await receipt(
      await registry.write.batchRegisterIdentities([chunk, chunk.map((wallet) => keccak256(wallet)), chunk.map(() => jurisdiction('HK')), chunk.map(() => PROFESSIONAL), chunk.map(() => now + 10n ** 8n)]),
    );
  }
}
let refSeq = 0n;
async function mintAll(items: readonly { to: Address; amount: bigint }[], batch: number): Promise<bigint> {
  let gas = 0n;
  for (let i = 0; i < items.length; i += batch) {
    const chunk = items.slice(i, i + batch);
    const refs = chunk.map(() => ++refSeq);
    gas += (await receipt(await token.write.batchMint([chunk.map((item) => item.to), chunk.map((item) => item.amount), refs, refs.map((ref) => keccak256(toHex(ref)))]))).gasUsed;
  }
  return gas;
}
await register(holders);
await mintAll(
  holders.map((to) => ({ to, amount: balances.get(to)! })),
  SEED_MINT_BATCH,
);
// NAV 1.00: a cent buys 10^4 smallest units.
const reinvest = allocation.items.map((item) => ({ to: item.address as Address, amount: item.amount * 10n ** BigInt(UNIT_DECIMALS - 2) }));
const distributionStarted = performance.now();
const distributionGas = await mintAll(reinvest, MINT_BATCH);
const distributionMs = performance.now() - distributionStarted;
results.distribution = {
  holders: reinvest.length,
  batch: MINT_BATCH,
  transactions: Math.ceil(reinvest.length / MINT_BATCH),
  wallSeconds: Math.round(distributionMs) / 1000,
  gasPerHolder: Number(distributionGas / BigInt(reinvest.length)),
  target: 35_000,
  ok: distributionGas / BigInt(reinvest.length) <= 35_000n,
  note: 'batchMint to existing holders, full transaction gas; wall time of the chain part on the in-process chain',
};
console.error(`distribution: ${JSON.stringify(results.distribution)}`);

// 3. Reconciliation of 100,000 holders at one block.
const more = Array.from({ length: RECONCILED_HOLDERS - HOLDERS }, (_, i) => address('reconciled', i));
await register(more);
await mintAll(
  more.map((to, i) => ({ to, amount: BigInt(1 + (i % 1000)) * UNIT })),
  SEED_MINT_BATCH,
);
const block = await publicClient.getBlockNumber();
const everyone = [...holders, ...more];
const register100k = new Map<string, bigint>();
const ledger100k = new Map<string, bigint>();
const reinvested = new Map(reinvest.map((item) => [item.to, item.amount]));
for (const [i, holder] of everyone.entries()) {
  // The seed mints gave each of the first 10,000 its balance at the month's end (the transfers were income inputs only).
  const units = i < HOLDERS ? balances.get(holder)! + (reinvested.get(holder) ?? 0n) : BigInt(1 + ((i - HOLDERS) % 1000)) * UNIT;
  register100k.set(holder, units);
  ledger100k.set(holder, units);
}
const reconciliationStarted = performance.now();
const chainBalances = new Map<string, bigint>();
let next = 0;
await Promise.all(
  Array.from({ length: 32 }, async () => {
    while (next < everyone.length) {
      const holder = everyone[next++]!;
      chainBalances.set(holder, await publicClient.readContract({ address: token.address, abi: token.abi, functionName: 'balanceOf', args: [holder], blockNumber: block }));
    }
  }),
);
let breaks = 0;
for (const holder of everyone) {
  const chainUnits = chainBalances.get(holder)!;
  if (register100k.get(holder) !== chainUnits) breaks++;
  if (ledger100k.get(holder) !== chainUnits) breaks++;
}
const reconciliationMs = performance.now() - reconciliationStarted;
results.reconciliation = {
  holders: everyone.length,
  seconds: Math.round(reconciliationMs) / 1000,
  target: 60,
  ok: reconciliationMs <= 60_000,
  breaks,
  note: 'balanceOf of every holder at one block (32 calls in flight) and the three-way comparison; the register and ledger reads are two indexed queries not timed here',
};

console.log(JSON.stringify(results, (_key, value) => (typeof value === 'bigint' ? value.toString() : value), 2));
process.exit(0);
