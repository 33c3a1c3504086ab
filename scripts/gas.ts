// Gas benchmark of the fund token contracts (issue 3) and of stablecoin settlement (issue 15), on
// Hardhat's in-process chain.
//
//   npm run gas            (= node scripts/gas.ts; compiles first if needed)
//   npm run gas -- --trace (also prints, on stderr, where the gas of each settlement call goes: per contract,
//                           cold and warm reads, writes by cost, calls, logs and the rest)
//
// Deploys IdentityRegistry, the FundToken implementation and FundFactory, creates a fund with every
// rule switched on (eligible jurisdictions, investor classes, max holders, per-holder cap, lock-up),
// then measures the full transaction gas (receipt.gasUsed, including the 21,000 base and calldata) of
// each operation and prints one JSON object: { operation: { gas, target?, ok? } }.
import { fileURLToPath } from 'node:url';
import type { Address, Hex } from 'viem';
import { keccak256, toHex, stringToHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { permitTypedData, splitPermitSignature } from '../libs/chain/permit.ts';

process.env.HARDHAT_CONFIG ??= fileURLToPath(new URL('../contracts/hardhat.config.ts', import.meta.url));

const { default: hre } = await import('hardhat');
await hre.tasks.getTask('build').run({ quiet: true, noTests: true });
const conn = await hre.network.create();
const { viem } = conn;

const publicClient = await viem.getPublicClient();
const testClient = await viem.getTestClient();
const [admin, alice, bob, carol, dave, ...investors] = await viem.getWalletClients();

const DAY = 24n * 60n * 60n;
const RETAIL = 1;
const PROFESSIONAL = 2;
const INSTITUTIONAL = 3;
const jurisdiction = (code: string): number => (code.charCodeAt(0) << 8) | code.charCodeAt(1);
const units = (n: number | bigint): bigint => BigInt(n) * 10n ** 18n;

let lastHash: Hex | undefined;
async function gasOf(hash: Hex): Promise<bigint> {
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== 'success') throw new Error(`transaction ${hash} reverted`);
  lastHash = hash;
  return receipt.gasUsed;
}

interface StructLog {
  op: string;
  gas: number;
  gasCost: number;
  depth: number;
  stack?: string[];
}

/**
 * Where the gas of a transaction goes, from debug_traceTransaction: per executing contract (the last 8 hex
 * digits of its address; "(delegate)" for a clone's implementation), cold and warm SLOADs, SSTOREs by cost,
 * calls (their own cost, without the callee's), logs, and everything else as "compute".
 */
async function gasBreakdown(hash: Hex): Promise<string> {
  const receipt = await publicClient.getTransactionReceipt({ hash });
  const { structLogs: steps } = (await publicClient.request({
    method: 'debug_traceTransaction' as never,
    params: [hash, { disableMemory: true, disableStorage: true }] as never,
  })) as { structLogs: StructLog[] };
  const frames = [String(receipt.to).slice(-8)];
  const sums = new Map<string, { count: number; gas: number }>();
  for (const [i, step] of steps.entries()) {
    const next = steps[i + 1];
    let cost = step.gasCost;
    if (/CALL/.test(step.op) && next?.depth === step.depth + 1) {
      // The call's own cost: the gas it took minus what the callee used.
      let j = i + 1;
      while (j < steps.length && steps[j]!.depth > step.depth) j++;
      const last = steps[j - 1]!;
      cost = step.gas - (steps[j]?.gas ?? 0) - (next.gas - (last.gas - last.gasCost));
      const stack = step.stack ?? [];
      frames[step.depth] = `${stack[stack.length - 2]?.slice(-8)}${step.op === 'DELEGATECALL' ? '(delegate)' : ''}`;
    } else if (next?.depth === step.depth) {
      cost = step.gas - next.gas;
    }
    let kind = 'compute';
    if (step.op === 'SLOAD') kind = cost >= 2100 ? 'SLOAD cold' : 'SLOAD warm';
    else if (step.op === 'SSTORE') kind = `SSTORE ${cost}`;
    else if (step.op.startsWith('LOG') || step.op.startsWith('EXTCODE')) kind = step.op;
    else if (/^(CALL|STATICCALL|DELEGATECALL)$/.test(step.op)) kind = `${step.op} ${cost >= 2600 ? 'cold' : 'warm'}`;
    const key = `${(frames[step.depth - 1] ?? '?').padEnd(18)} ${kind}`;
    const sum = sums.get(key) ?? { count: 0, gas: 0 };
    sums.set(key, { count: sum.count + 1, gas: sum.gas + cost });
  }
  const executed = steps.length === 0 ? 0 : steps[0]!.gas - (steps.at(-1)!.gas - steps.at(-1)!.gasCost);
  const lines = [...sums.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, { count, gas }]) => `  ${key.padEnd(40)} x${String(count).padStart(4)} ${String(gas).padStart(7)}`);
  return [`  intrinsic and calldata, less refunds: ${Number(receipt.gasUsed) - executed}`, ...lines].join('\n');
}
const TRACE = process.argv.includes('--trace');
const traces: Promise<string>[] = [];

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
  if (TRACE && /subscribe|Redemption/.test(operation)) {
    const hash = lastHash!;
    traces.push(gasBreakdown(hash).then((text) => `== ${operation}: ${value}\n${text}`));
  }
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

// ------------------------------------------------------------------------------------------------
// Stablecoin settlement (issue 15): the same fund (every rule on) as a STABLE_NAV fund at NAV 1.00,
// a 6-decimal test stablecoin with permit, a treasury that holds stablecoin and approved the contract.
// Investors hold stablecoin already (a zero balance would cost a fresh slot in the stablecoin).
const stablecoin = await viem.deployContract('TestStablecoin', ['Test USD', 'TUSD', 6]);
const settlement = await viem.deployContract('FundSettlement', [registry.address, admin.account.address, admin.account.address]);
const treasury = investors.pop()!;
const usd = (n: number | bigint): bigint => BigInt(n) * 10n ** 6n;
const NAV_ONE = 10n ** 8n;
await gasOf(await token.write.grantRole([await token.read.AGENT_ROLE(), settlement.address]));
await gasOf(await settlement.write.setFund([token.address, 1]));
await gasOf(await settlement.write.setNav([token.address, NAV_ONE]));
await gasOf(
  await settlement.write.setStablecoin([token.address, stablecoin.address, 6, treasury.account.address, usd(10_000_000), usd(1_000_000)]),
);
await gasOf(await stablecoin.write.mint([treasury.account.address, usd(100_000_000)]));
const asTreasury = await viem.getContractAt('TestStablecoin', stablecoin.address, { client: { wallet: treasury } });
await gasOf(await asTreasury.write.approve([settlement.address, 2n ** 256n - 1n]));

// Fresh investors: registered (after the time jump above, so their expiry is in the future), funded.
const laterExpiry = BigInt((await publicClient.getBlock()).timestamp) + 365n * DAY;
for (const [i, wallet] of investors.entries()) {
  await gasOf(await registry.write.registerIdentity([wallet.account.address, investor(`settlement-${i}`), hk, INSTITUTIONAL, laterExpiry]));
  await gasOf(await stablecoin.write.mint([wallet.account.address, usd(1_000_000)]));
}
const nextInvestor = () => {
  const wallet = investors.shift();
  if (!wallet) throw new Error('out of investor wallets');
  return wallet;
};

/** An EIP-2612 permit of `wallet` for `spender` (the settlement contract unless given), valid for an hour. */
async function signPermit(wallet: (typeof investors)[number], value: bigint, spender: Address = settlement.address) {
  const deadline = BigInt((await publicClient.getBlock()).timestamp) + 3600n;
  const typedData = permitTypedData(
    { name: 'Test USD', version: '1', chainId: await publicClient.getChainId(), verifyingContract: stablecoin.address },
    { owner: wallet.account.address, spender, value, nonce: await stablecoin.read.nonces([wallet.account.address]), deadline },
  );
  return splitPermitSignature(await wallet.signTypedData(typedData), deadline);
}
const subscription = (wallet: (typeof investors)[number], amount: bigint) => {
  const [seq, ref] = nextRef();
  return { token: token.address, stablecoin: stablecoin.address, investor: wallet.account.address, amount, minUnits: 0n, refSeq: seq, orderRef: ref };
};
const approveSettlement = async (wallet: (typeof investors)[number]) => {
  const asInvestor = await viem.getContractAt('TestStablecoin', stablecoin.address, { client: { wallet } });
  await gasOf(await asInvestor.write.approve([settlement.address, usd(1_000_000)]));
};

// With permit: the wallet's first permit (nonce 0 -> 1, a fresh slot) to a new holder, then its second to
// the same, now existing, holder.
const permitInvestor = nextInvestor();
const permitOrder = subscription(permitInvestor, usd(1_000));
record(
  'subscribeWithPermitNewHolderFirstPermit',
  await gasOf(await settlement.write.subscribeWithPermit([permitOrder, await signPermit(permitInvestor, usd(1_000))])),
  140_000,
  "the wallet's first permit: its nonce slot goes from 0 to 1 (20,000 of the figure's fresh-slot writes)",
);
const permitAgain = subscription(permitInvestor, usd(1_000));
record(
  'subscribeWithPermitExistingHolder',
  await gasOf(await settlement.write.subscribeWithPermit([permitAgain, await signPermit(permitInvestor, usd(1_000))])),
  140_000,
);
// A wallet that signed a permit before (for another spender or order) but holds no units yet.
const permitInvestor2 = nextInvestor();
const asPermitInvestor2 = await viem.getContractAt('TestStablecoin', stablecoin.address, { client: { wallet: permitInvestor2 } });
const earlier = await signPermit(permitInvestor2, 1n, treasury.account.address);
await gasOf(
  await asPermitInvestor2.write.permit([permitInvestor2.account.address, treasury.account.address, 1n, earlier.deadline, earlier.v, earlier.r, earlier.s]),
);
record(
  'subscribeWithPermitNewHolder',
  await gasOf(await settlement.write.subscribeWithPermit([subscription(permitInvestor2, usd(1_000)), await signPermit(permitInvestor2, usd(1_000))])),
  140_000,
  'a wallet whose permit nonce is already non-zero, holding no units yet',
);

// With a prior approval (the approval transaction itself is the investor's, not counted).
const approvalInvestor = nextInvestor();
await approveSettlement(approvalInvestor);
record('subscribeWithApprovalNewHolder', await gasOf(await settlement.write.subscribe([subscription(approvalInvestor, usd(1_000))])), 110_000);
record('subscribeWithApprovalExistingHolder', await gasOf(await settlement.write.subscribe([subscription(approvalInvestor, usd(1_000))])), 110_000);

// Instant redemption: the investor's first ever (its per-investor usage slot goes from 0), then a later one
// the same day, then one on the next UTC day (usage slot rewritten, non-zero to non-zero).
const redemption = (wallet: (typeof investors)[number], unitsToRedeem: bigint) => {
  const [seq, ref] = nextRef();
  return { token: token.address, stablecoin: stablecoin.address, investor: wallet.account.address, units: unitsToRedeem, minAmount: 0n, refSeq: seq, orderRef: ref };
};
record(
  'instantRedemptionFirstOfInvestor',
  await gasOf(await settlement.write.redeem([redemption(approvalInvestor, units(100))])),
  undefined,
  "the investor's first instant redemption: its usage slot goes from 0 (a fresh slot, once per investor and stablecoin: +17,100 over a later one, so no target)",
);
record('instantRedemption', await gasOf(await settlement.write.redeem([redemption(approvalInvestor, units(100))])), 100_000);
// The figures above: the treasury approved type(uint256).max, which OpenZeppelin's ERC-20 (and USDC) never
// writes down. With a finite allowance every redemption also writes it (non-zero to non-zero).
await gasOf(await asTreasury.write.approve([settlement.address, usd(50_000_000)]));
record(
  'instantRedemptionFiniteTreasuryAllowance',
  await gasOf(await settlement.write.redeem([redemption(approvalInvestor, units(100))])),
  undefined,
  'the treasury approved a finite amount: its allowance is written down on each redemption',
);
await gasOf(await asTreasury.write.approve([settlement.address, 2n ** 256n - 1n]));
await testClient.increaseTime({ seconds: Number(DAY) });
await testClient.mine({ blocks: 1 });
record(
  'instantRedemptionFirstOfDay',
  await gasOf(await settlement.write.redeem([redemption(approvalInvestor, units(100))])),
  100_000,
  "the fund's and the investor's first redemption of a new UTC day",
);

// FORWARD fund: another fund with the same rules, a dealing day with its cut-off an hour from now.
const forwardId = keccak256(stringToHex('gas-benchmark-forward-fund'));
await gasOf(await factory.write.createFund([forwardId, { ...params, name: 'Benchmark Forward Fund', symbol: 'BFWD' }]));
const forward = await viem.getContractAt('FundToken', await factory.read.fundOf([forwardId]));
await gasOf(await forward.write.grantRole([await forward.read.AGENT_ROLE(), settlement.address]));
await gasOf(await settlement.write.setFund([forward.address, 2]));
await gasOf(await settlement.write.setStablecoin([forward.address, stablecoin.address, 6, treasury.account.address, 0n, 0n]));
const blockTime = BigInt((await publicClient.getBlock()).timestamp);
const dealingDate = Number(blockTime / DAY) + 1;
record('scheduleDealingDay', await gasOf(await settlement.write.scheduleDealingDay([forward.address, dealingDate, blockTime + 3600n])));
let forwardSeq = 0n;
const depositRequest = (wallet: (typeof investors)[number], amount: bigint) => {
  forwardSeq += 1n;
  return { token: forward.address, stablecoin: stablecoin.address, investor: wallet.account.address, amount, dealingDate, refSeq: forwardSeq, orderRef: keccak256(toHex(forwardSeq)) };
};
const forwardInvestors = [nextInvestor(), nextInvestor(), nextInvestor()];
const [firstForward, secondForward, thirdForward] = forwardInvestors as [(typeof investors)[number], (typeof investors)[number], (typeof investors)[number]];
record(
  'forwardRequestWithPermit',
  await gasOf(await settlement.write.requestDepositWithPermit([depositRequest(firstForward, usd(1_000)), await signPermit(firstForward, usd(1_000))])),
  undefined,
  "three fresh slots for the request (investor/day/status, stablecoin/amount, order reference); the wallet's first permit; the escrow's first stablecoin",
);
await approveSettlement(secondForward);
record('forwardRequestWithApproval', await gasOf(await settlement.write.requestDeposit([depositRequest(secondForward, usd(1_000))])));
await approveSettlement(thirdForward);
await gasOf(await settlement.write.requestDeposit([depositRequest(thirdForward, usd(1_000))]));
record('forwardRequestCancel', await gasOf(await settlement.write.cancelDepositRequest([forward.address, 3n])));
const batchInvestors = investors.splice(0, 10);
for (const wallet of batchInvestors) {
  await approveSettlement(wallet);
  await gasOf(await settlement.write.requestDeposit([depositRequest(wallet, usd(1_000))]));
}
await testClient.increaseTime({ seconds: 3600 });
await testClient.mine({ blocks: 1 });
record('forwardStrike', await gasOf(await settlement.write.strikeDealingDay([forward.address, dealingDate, 100_250_000n])), undefined, 'NAV 1.0025');
record(
  'forwardSettleOneRequest',
  await gasOf(await settlement.write.settleDeposits([forward.address, [1n]])),
  undefined,
  'mint to a new holder, cost from escrow to the treasury, remainder refunded',
);
const batchSeqs = batchInvestors.map((_, i) => 4n + BigInt(i));
const batchSettleGas = await gasOf(await settlement.write.settleDeposits([forward.address, batchSeqs]));
record(`forwardSettlePerRequest(${batchSeqs.length})`, batchSettleGas / BigInt(batchSeqs.length), undefined, `batch total ${batchSettleGas}`);

if (TRACE) console.error((await Promise.all(traces)).join('\n'));
const failed = Object.entries(results).filter(([, r]) => r.ok === false);
console.log(JSON.stringify(results, null, 2));
if (failed.length > 0) {
  console.error(`targets missed: ${failed.map(([op]) => op).join(', ')}`);
  process.exitCode = 1;
}
await conn.close();
