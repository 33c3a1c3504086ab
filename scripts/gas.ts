// Gas benchmark of the fund token contracts (issue 3), on Hardhat's in-process chain.
//
//   npm run gas            (= node scripts/gas.ts; compiles first if needed)
//
// Deploys IdentityRegistry, the FundToken implementation and FundFactory, creates a fund with every
// rule switched on (eligible jurisdictions, investor classes, max holders, per-holder cap, lock-up),
// then measures the full transaction gas (receipt.gasUsed, including the 21,000 base and calldata) of
// each operation and prints one JSON object: { operation: { gas, target?, ok? } }.
import { fileURLToPath } from 'node:url';
import type { Address, Hex } from 'viem';
import { keccak256, toHex, stringToHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

process.env.HARDHAT_CONFIG ??= fileURLToPath(new URL('../contracts/hardhat.config.ts', import.meta.url));

const { default: hre } = await import('hardhat');
await hre.tasks.getTask('build').run({ quiet: true, noTests: true });
const conn = await hre.network.create();
const { viem } = conn;

const publicClient = await viem.getPublicClient();
const testClient = await viem.getTestClient();
const [admin, alice, bob, carol, dave] = await viem.getWalletClients();

const DAY = 24n * 60n * 60n;
const RETAIL = 1;
const PROFESSIONAL = 2;
const INSTITUTIONAL = 3;
const jurisdiction = (code: string): number => (code.charCodeAt(0) << 8) | code.charCodeAt(1);
const units = (n: number | bigint): bigint => BigInt(n) * 10n ** 18n;

async function gasOf(hash: Hex): Promise<bigint> {
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== 'success') throw new Error(`transaction ${hash} reverted`);
  return receipt.gasUsed;
}

/** Deterministic throw-away addresses: recipients never need to sign. */
function wallets(count: number, seed: string): Address[] {
  return Array.from({ length: count }, (_, i) => privateKeyToAccount(keccak256(stringToHex(`${seed}-${i}`))).address);
}

const now = BigInt((await publicClient.getBlock()).timestamp);
const expiry = now + 365n * DAY;
const hk = jurisdiction('HK');

const registry = await viem.deployContract('IdentityRegistry', [admin.account.address]);
const implementation = await viem.deployContract('FundToken', []);
const factory = await viem.deployContract('FundFactory', [
  implementation.address,
  registry.address,
  admin.account.address,
]);

const results: Record<string, { gas: number; target?: number; ok?: boolean; note?: string }> = {};
function record(operation: string, gas: bigint | number, target?: number, note?: string): void {
  const value = Number(gas);
  results[operation] = {
    gas: value,
    ...(target === undefined ? {} : { target, ok: value <= target }),
    ...(note === undefined ? {} : { note }),
  };
}

// Fund deployment, every rule on.
const fundId = keccak256(stringToHex('gas-benchmark-fund'));
const params = {
  name: 'Benchmark USD Money Market Fund',
  symbol: 'BUSDMMF',
  decimals: 18,
  admin: admin.account.address,
  agent: admin.account.address,
  eligibleJurisdictions: ['HK', 'SG', 'GB', 'CH', 'AE'].map(jurisdiction),
  eligibleClassMask: (1 << PROFESSIONAL) | (1 << INSTITUTIONAL),
  maxHolders: 10_000,
  maxBalancePerHolder: units(1_000_000_000),
  lockupSeconds: Number(30n * DAY),
} as const;
record('fundDeployment', await gasOf(await factory.write.createFund([fundId, params])), 500_000);
const token = await viem.getContractAt('FundToken', await factory.read.fundOf([fundId]));
const eu27 = 'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE'.split(' ');
record(
  'fundDeploymentWith27Jurisdictions',
  await gasOf(
    await factory.write.createFund([
      keccak256(stringToHex('gas-benchmark-fund-eu')),
      { ...params, eligibleJurisdictions: eu27.map(jurisdiction) },
    ]),
  ),
  500_000,
  'more than 11 jurisdictions: kept in a 676-bit set (3 words) instead of the rules word',
);

// Wallet registration: single, then a batch of 100.
const investor = (label: string): Hex => keccak256(stringToHex(`investor-${label}`));
const register = (wallet: Address, label: string, cls = PROFESSIONAL) =>
  registry.write.registerIdentity([wallet, investor(label), hk, cls, expiry]);

record('walletRegistration', await gasOf(await register(alice.account.address, 'alice')), 60_000);
for (const [wallet, label] of [
  [bob.account.address, 'bob'],
  [carol.account.address, 'carol'],
  [dave.account.address, 'dave'],
] as const) {
  await gasOf(await register(wallet, label, INSTITUTIONAL));
}
const batchWallets = wallets(100, 'batch-registration');
const batchGas = await gasOf(
  await registry.write.batchRegisterIdentities([
    batchWallets,
    batchWallets.map((_, i) => investor(`batch-${i}`)),
    batchWallets.map(() => hk),
    batchWallets.map(() => PROFESSIONAL),
    batchWallets.map(() => expiry),
  ]),
);
record('walletRegistrationBatchPerItem(100)', batchGas / 100n, 30_000, `batch total ${batchGas}`);

// Mints. refSeq is the fund's dense order sequence, so the first mint pays for a fresh bitmap word.
let refSeq = 0n;
const nextRef = (): [bigint, Hex] => {
  refSeq += 1n;
  return [refSeq, keccak256(toHex(refSeq))];
};
const mint = (to: Address, amount: bigint) => token.write.mint([to, amount, ...nextRef()]);

record(
  'mintToNewHolderFirstOfBitmapWord',
  await gasOf(await mint(dave.account.address, units(1_000))),
  undefined,
  'first mint of the fund: refSeq 1 opens bitmap word 0 (once per 256 orders)',
);
record('mintToNewHolder', await gasOf(await mint(alice.account.address, units(1_000))), 75_000);
record('mintToExistingHolder', await gasOf(await mint(alice.account.address, units(1_000))));
await gasOf(await mint(bob.account.address, units(1_000)));

const batchRecipients = wallets(100, 'batch-registration');
const batchRefs = batchRecipients.map(() => nextRef());
const batchMintGas = await gasOf(
  await token.write.batchMint([
    batchRecipients,
    batchRecipients.map(() => units(10)),
    batchRefs.map(([seq]) => seq),
    batchRefs.map(([, ref]) => ref),
  ]),
);
record('batchMintPerItem(100 new holders)', batchMintGas / 100n, 35_000, `batch total ${batchMintGas}`);

// Transfers need the lock-up of the minted units to be over (the rule stays on and is checked).
await testClient.increaseTime({ seconds: Number(31n * DAY) });
await testClient.mine({ blocks: 1 });
// A fresh registration would expire relative to the new time: keep expiries valid.
const asAlice = await viem.getContractAt('FundToken', token.address, { client: { wallet: alice } });
record(
  'transferBetweenVerifiedHolders',
  await gasOf(await asAlice.write.transfer([bob.account.address, units(10)])),
  60_000,
);
record('transferToVerifiedZeroBalanceWallet', await gasOf(await asAlice.write.transfer([carol.account.address, units(10)])));

record('forcedTransfer', await gasOf(await token.write.forcedTransfer([bob.account.address, alice.account.address, units(5)])));
record('burn', await gasOf(await token.write.burn([alice.account.address, units(5), ...nextRef()])));
record('freezeAddress', await gasOf(await token.write.setAddressFrozen([dave.account.address, true])));
record('partialFreeze', await gasOf(await token.write.setFrozenTokens([bob.account.address, units(100)])));

const failed = Object.entries(results).filter(([, r]) => r.ok === false);
console.log(JSON.stringify(results, null, 2));
if (failed.length > 0) {
  console.error(`targets missed: ${failed.map(([op]) => op).join(', ')}`);
  process.exitCode = 1;
}
await conn.close();
