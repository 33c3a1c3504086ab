// Fixtures of the FundSettlement tests, on top of helpers/fixtures.ts: the fund of deployFund (18 decimals,
// every rule on) as a STABLE_NAV fund at NAV 1.00, a 6-decimal TestStablecoin with permit, a treasury that
// holds stablecoin and approved the settlement contract, and a FORWARD fund with a dealing day whose cut-off
// is an hour away. Deployed as the backend will: FundSettlement(registry, admin, agent), then each token
// grants it AGENT_ROLE.
import type { Address, Hex, WalletClient } from 'viem';
import { keccak256, maxUint256, toHex } from 'viem';
import { permitTypedData, splitPermitSignature } from '../../../libs/chain/permit.js';
import { fundId, ROLE, type connect } from './fixtures.js';

export const NAV_ONE = 10n ** 8n;
/** Whole stablecoins with 6 decimals. */
export const usd = (n: number | bigint): bigint => BigInt(n) * 10n ** 6n;
export const FUND_CAP = usd(100_000);
export const INVESTOR_CAP = usd(40_000);
export const HOUR = 3600n;

export const MODE = { NONE: 0, STABLE_NAV: 1, FORWARD: 2 } as const;
export const STATUS = { NONE: 0, PENDING: 1, SETTLED: 2, CANCELLED: 3, REJECTED: 4 } as const;

type Connection = Awaited<ReturnType<typeof connect>>;

export function settlementFixtures(ctx: Connection) {
  const { viem, now } = ctx;

  async function deployStableNav() {
    const fund = await ctx.deployFund();
    const { actors, registry, factory, params } = fund;
    const wallets = await viem.getWalletClients();
    const treasury = wallets[9]!;
    const admin = actors.admin.account.address;
    const stablecoin = await viem.deployContract('TestStablecoin', ['Test USD', 'TUSD', 6]);
    const settlement = await viem.deployContract('FundSettlement', [registry.address, admin, actors.agent.account.address], {
      client: { wallet: actors.agent },
    });
    const asAdmin = await viem.getContractAt('FundSettlement', settlement.address, { client: { wallet: actors.admin } });
    await fund.asAdmin.write.grantRole([ROLE.AGENT, settlement.address]);
    await asAdmin.write.setFund([fund.token.address, MODE.STABLE_NAV]);
    await settlement.write.setNav([fund.token.address, NAV_ONE]);
    await asAdmin.write.setStablecoin([fund.token.address, stablecoin.address, 6, treasury.account.address, FUND_CAP, INVESTOR_CAP]);

    const stablecoinAs = (wallet: WalletClient) =>
      viem.getContractAt('TestStablecoin', stablecoin.address, { client: { wallet } });
    await stablecoin.write.mint([treasury.account.address, usd(10_000_000)]);
    await (await stablecoinAs(treasury)).write.approve([settlement.address, maxUint256]);
    for (const wallet of [actors.alice, actors.aliceSpare, actors.bob, actors.carol, actors.erin]) {
      await stablecoin.write.mint([wallet.account.address, usd(100_000)]);
      await (await stablecoinAs(wallet)).write.approve([settlement.address, maxUint256]);
    }

    // The FORWARD fund: the same rules, its own token.
    await factory.write.createFund([fundId('forward'), { ...params, name: 'Forward Fund', symbol: 'FWD' }], {
      account: actors.admin.account,
    });
    const forwardAddress = await factory.read.fundOf([fundId('forward')]);
    const forward = await viem.getContractAt('FundToken', forwardAddress, { client: { wallet: actors.agent } });
    const forwardAsAdmin = await viem.getContractAt('FundToken', forwardAddress, { client: { wallet: actors.admin } });
    await forwardAsAdmin.write.grantRole([ROLE.AGENT, settlement.address]);
    await asAdmin.write.setFund([forwardAddress, MODE.FORWARD]);
    await asAdmin.write.setStablecoin([forwardAddress, stablecoin.address, 6, treasury.account.address, 0n, 0n]);
    const cutoff = (await now()) + HOUR;
    const dealingDate = Number(cutoff / 86_400n) + 1;
    await settlement.write.scheduleDealingDay([forwardAddress, dealingDate, cutoff]);

    let refSeq = 100n;
    const nextRef = (): { refSeq: bigint; orderRef: Hex } => {
      refSeq += 1n;
      return { refSeq, orderRef: keccak256(toHex(`order-${refSeq}`)) };
    };
    const subscription = (investor: Address, amount: bigint, minUnits = 0n) => ({
      token: fund.token.address,
      stablecoin: stablecoin.address,
      investor,
      amount,
      minUnits,
      ...nextRef(),
    });
    const redemption = (investor: Address, unitsToRedeem: bigint, minAmount = 0n) => ({
      token: fund.token.address,
      stablecoin: stablecoin.address,
      investor,
      units: unitsToRedeem,
      minAmount,
      ...nextRef(),
    });
    const depositRequest = (investor: Address, amount: bigint) => ({
      token: forwardAddress,
      stablecoin: stablecoin.address,
      investor,
      amount,
      dealingDate,
      ...nextRef(),
    });

    /** The EIP-2612 permit `wallet` signs for the settlement contract (or `spender`). */
    async function signPermit(wallet: WalletClient, value: bigint, deadline: bigint, spender: Address = settlement.address) {
      const owner = wallet.account!.address;
      const typedData = permitTypedData(
        { name: 'Test USD', version: '1', chainId: await ctx.publicClient.getChainId(), verifyingContract: stablecoin.address },
        { owner, spender, value, nonce: await stablecoin.read.nonces([owner]), deadline },
      );
      return splitPermitSignature(await wallet.signTypedData({ account: wallet.account!, ...typedData }), deadline);
    }

    return {
      ...fund,
      treasury,
      stablecoin,
      stablecoinAs,
      settlement,
      settlementAsAdmin: asAdmin,
      settlementAsOutsider: await viem.getContractAt('FundSettlement', settlement.address, { client: { wallet: actors.outsider } }),
      forward,
      forwardAsAdmin,
      dealingDate,
      cutoff,
      subscription,
      redemption,
      depositRequest,
      signPermit,
      nextRef,
    };
  }

  /** deployStableNav, then 1,000 units subscribed by alice and bob. */
  async function subscribedFund() {
    const fixture = await deployStableNav();
    const { settlement, subscription, actors } = fixture;
    await settlement.write.subscribe([subscription(actors.alice.account.address, usd(1_000))]);
    await settlement.write.subscribe([subscription(actors.bob.account.address, usd(1_000))]);
    return fixture;
  }

  return { deployStableNav, subscribedFund };
}
