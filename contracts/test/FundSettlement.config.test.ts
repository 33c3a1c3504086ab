// FundSettlement: the pricing agrees with the platform's (libs/orders/pricing.ts) on many cases, the
// configuration rules, the views, and the test stablecoin's local-only guard.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { artifacts, network } from 'hardhat';
import type { AbiFunction, Hex } from 'viem';
import { getAddress, maxUint256, toFunctionSelector, zeroAddress } from 'viem';
import { priceRedemption, priceSubscription } from '../../libs/orders/pricing.js';
import { connect, fundId, units } from './helpers/fixtures.js';
import { MODE, NAV_ONE, settlementFixtures, usd } from './helpers/settlement-fixtures.js';

const ctx = await connect();
const { viem, networkHelpers } = ctx;
const { deployStableNav, subscribedFund } = settlementFixtures(ctx);

/** The ERC-165 id of an interface: the XOR of its functions' selectors, from its Hardhat artifact. */
async function interfaceId(name: string): Promise<Hex> {
  const { abi } = await artifacts.readArtifact(name);
  const id = abi
    .filter((item): item is AbiFunction => item.type === 'function')
    .reduce((acc, fn) => acc ^ BigInt(toFunctionSelector(fn)), 0n);
  return `0x${id.toString(16).padStart(8, '0')}`;
}

/** xorshift64*: a seeded generator, so a failing case can be replayed. */
function random(seed: bigint) {
  let state = seed;
  const mask = (1n << 64n) - 1n;
  const next = (): bigint => {
    state ^= state >> 12n;
    state ^= (state << 25n) & mask;
    state ^= state >> 27n;
    return (state * 2685821657736338717n) & mask;
  };
  /** A value of `bits` random bits, so magnitudes spread evenly on a log scale when bits is random too. */
  const bitsOf = (bits: number): bigint => {
    let value = 0n;
    for (let i = 0; i < bits; i += 64) value = (value << 64n) | next();
    return value & ((1n << BigInt(bits)) - 1n);
  };
  const int = (max: number): number => Number(next() % BigInt(max + 1));
  return { bitsOf, int };
}

const EDGE_NAVS = [1n, 99_999_999n, NAV_ONE, 100_000_001n, 100_250_000n, 103_000_000n, 3n * NAV_ONE, 2n ** 64n, 2n ** 128n - 1n];
const EDGE_AMOUNTS = [0n, 1n, 2n, 999_999n, 10n ** 6n, 10n ** 18n + 7n, 2n ** 96n - 1n];
const CASES = 2_000;

describe('FundSettlement pricing and configuration', () => {
  describe('.priceSubscription() and .priceRedemption()', () => {
    it('should agree with libs/orders/pricing.ts on edge cases and random cases', async () => {
      const { settlement } = await networkHelpers.loadFixture(deployStableNav);
      const rng = random(0x5eed_f00dn);
      const cases: { amount: bigint; cash: number; nav: bigint; unit: number }[] = [];
      for (const nav of EDGE_NAVS) {
        for (const amount of EDGE_AMOUNTS) {
          for (const [cash, unit] of [[6, 18], [18, 6], [0, 0], [36, 36], [6, 6]] as const) cases.push({ amount, cash, nav, unit });
        }
      }
      for (let i = 0; i < CASES; i += 1) {
        cases.push({
          amount: rng.bitsOf(rng.int(96)),
          cash: rng.int(36),
          nav: rng.bitsOf(1 + rng.int(127)) || 1n,
          unit: rng.int(36),
        });
      }
      for (const { amount, cash, nav, unit } of cases) {
        const expected = priceSubscription(amount, cash, nav, unit);
        const [unitsOnChain, costOnChain] = await settlement.read.priceSubscription([amount, cash, nav, unit]);
        const label = `subscription amount=${amount} cash=${cash} nav=${nav} unit=${unit}`;
        assert.equal(unitsOnChain, expected.units, label);
        assert.equal(costOnChain, expected.cost, label);
        assert.ok(costOnChain <= amount, `${label}: the cost never exceeds the amount`);

        // The redemption of what was bought: at most what was paid (the fund's favour both ways).
        const payout = await settlement.read.priceRedemption([expected.units, unit, nav, cash]);
        assert.equal(payout, priceRedemption(expected.units, unit, nav, cash), `redemption of ${label}`);
        assert.ok(payout <= costOnChain, `${label}: a round trip never gains`);
      }
    });

    it('should agree on redemptions of random unit amounts up to the token limit', async () => {
      const { settlement } = await networkHelpers.loadFixture(deployStableNav);
      const rng = random(0xbadc0ffeen);
      for (let i = 0; i < CASES; i += 1) {
        const [unitAmount, unit, nav, cash] = [rng.bitsOf(rng.int(104)), rng.int(36), rng.bitsOf(1 + rng.int(127)) || 1n, rng.int(36)];
        const expected = priceRedemption(unitAmount, unit, nav, cash);
        const onChain = await settlement.read.priceRedemption([unitAmount, unit, nav, cash]);
        // Beyond 256 bits the contract saturates (and every caller rejects it as too large).
        assert.equal(onChain, expected < 2n ** 256n ? expected : maxUint256, `units=${unitAmount} unit=${unit} nav=${nav} cash=${cash}`);
      }
    });

    it('should reject decimals above 36, a zero NAV and amounts beyond 96 bits', async () => {
      const { settlement } = await networkHelpers.loadFixture(deployStableNav);
      await viem.assertions.revertWithCustomErrorWithArgs(settlement.read.priceSubscription([1n, 37, NAV_ONE, 6]), settlement, 'FundSettlementInvalidDecimals', [37]);
      await viem.assertions.revertWithCustomErrorWithArgs(settlement.read.priceRedemption([1n, 37, NAV_ONE, 6]), settlement, 'FundSettlementInvalidDecimals', [37]);
      await viem.assertions.revertWithCustomErrorWithArgs(settlement.read.priceSubscription([1n, 6, 0n, 6]), settlement, 'FundSettlementInvalidNav', [0n]);
      await viem.assertions.revertWithCustomErrorWithArgs(settlement.read.priceSubscription([2n ** 96n, 6, NAV_ONE, 6]), settlement, 'FundSettlementAmountTooLarge', [
        2n ** 96n,
      ]);
    });
  });

  describe('.previewSubscribe() and .previewRedeem()', () => {
    it("should price at the fund's NAV what subscribe and redeem then do", async () => {
      const { settlement, stablecoin, token, subscription, redemption, actors } = await networkHelpers.loadFixture(deployStableNav);
      await settlement.write.setNav([token.address, 100_037_211n]);
      const alice = actors.alice.account.address;
      const [previewUnits, previewCost] = await settlement.read.previewSubscribe([token.address, stablecoin.address, usd(12_345) + 678n]);
      await settlement.write.subscribe([subscription(alice, usd(12_345) + 678n)]);
      assert.equal(await token.read.balanceOf([alice]), previewUnits);
      assert.equal(await stablecoin.read.balanceOf([alice]), usd(100_000) - previewCost);
      const payout = await settlement.read.previewRedeem([token.address, stablecoin.address, units(10)]);
      await settlement.write.redeem([redemption(alice, units(10))]);
      assert.equal(await stablecoin.read.balanceOf([alice]), usd(100_000) - previewCost + payout);
    });

    it('should refuse a fund that is not STABLE_NAV, has no NAV, or a stablecoin not accepted', async () => {
      const { settlement, settlementAsAdmin, stablecoin, token, forward, factory, params, registry } = await networkHelpers.loadFixture(deployStableNav);
      await viem.assertions.revertWithCustomErrorWithArgs(settlement.read.previewSubscribe([forward.address, stablecoin.address, 1n]), settlement, 'FundSettlementWrongFundMode', [
        getAddress(forward.address),
        MODE.FORWARD,
      ]);
      await viem.assertions.revertWithCustomErrorWithArgs(settlement.read.previewRedeem([forward.address, stablecoin.address, 1n]), settlement, 'FundSettlementWrongFundMode', [
        getAddress(forward.address),
        MODE.FORWARD,
      ]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        settlement.read.previewSubscribe([token.address, registry.address, 1n]),
        settlement,
        'FundSettlementStablecoinNotAccepted',
        [getAddress(token.address), getAddress(registry.address)],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        settlement.read.previewSubscribe([token.address, stablecoin.address, 2n ** 96n]),
        settlement,
        'FundSettlementAmountTooLarge',
        [2n ** 96n],
      );
      await factory.write.createFund([fundId('no-nav'), params]);
      const fresh = await factory.read.fundOf([fundId('no-nav')]);
      await settlementAsAdmin.write.setFund([fresh, MODE.STABLE_NAV]);
      await viem.assertions.revertWithCustomErrorWithArgs(settlement.read.previewSubscribe([fresh, stablecoin.address, 1n]), settlement, 'FundSettlementNavNotSet', [getAddress(fresh)]);
      await viem.assertions.revertWithCustomErrorWithArgs(settlement.read.previewRedeem([fresh, stablecoin.address, 1n]), settlement, 'FundSettlementNavNotSet', [getAddress(fresh)]);
    });
  });

  describe('.setFund()', () => {
    it("should cache the token's decimals, and refuse a zero address, a foreign registry or more than 36 decimals", async () => {
      const { settlement, settlementAsAdmin, token, factory, params, implementation, actors } = await networkHelpers.loadFixture(deployStableNav);
      await viem.assertions.revertWithCustomErrorWithArgs(settlementAsAdmin.write.setFund([zeroAddress, MODE.STABLE_NAV]), settlement, 'FundSettlementInvalidAddress', [zeroAddress]);
      const otherRegistry = await viem.deployContract('IdentityRegistry', [actors.admin.account.address]);
      const otherFactory = await viem.deployContract('FundFactory', [implementation.address, otherRegistry.address, actors.admin.account.address]);
      await otherFactory.write.createFund([fundId('foreign'), params]);
      const foreign = await otherFactory.read.fundOf([fundId('foreign')]);
      await viem.assertions.revertWithCustomErrorWithArgs(settlementAsAdmin.write.setFund([foreign, MODE.STABLE_NAV]), settlement, 'FundSettlementRegistryMismatch', [
        getAddress(foreign),
        getAddress(otherRegistry.address),
      ]);
      await factory.write.createFund([fundId('wide'), { ...params, decimals: 37 }]);
      const wide = await factory.read.fundOf([fundId('wide')]);
      await viem.assertions.revertWithCustomErrorWithArgs(settlementAsAdmin.write.setFund([wide, MODE.STABLE_NAV]), settlement, 'FundSettlementInvalidDecimals', [37]);

      await viem.assertions.emitWithArgs(settlementAsAdmin.write.setFund([token.address, MODE.NONE]), settlement, 'FundConfigured', [getAddress(token.address), MODE.NONE, 18]);
      assert.deepEqual(await settlement.read.fundOf([token.address]), [MODE.NONE, 18, NAV_ONE]);
    });
  });

  describe('.setNav()', () => {
    it('should set the NAV of a STABLE_NAV fund only, non-zero and within 64 bits (what its routes hold)', async () => {
      const { settlement, token, forward } = await networkHelpers.loadFixture(deployStableNav);
      await viem.assertions.revertWithCustomErrorWithArgs(settlement.write.setNav([forward.address, NAV_ONE]), settlement, 'FundSettlementWrongFundMode', [
        getAddress(forward.address),
        MODE.FORWARD,
      ]);
      await viem.assertions.revertWithCustomErrorWithArgs(settlement.write.setNav([token.address, 0n]), settlement, 'FundSettlementInvalidNav', [0n]);
      await viem.assertions.revertWithCustomErrorWithArgs(settlement.write.setNav([token.address, 2n ** 64n]), settlement, 'FundSettlementInvalidNav', [2n ** 64n]);
      await settlement.write.setNav([token.address, 2n ** 64n - 1n]);
      await viem.assertions.emitWithArgs(settlement.write.setNav([token.address, 100_010_000n]), settlement, 'NavUpdated', [getAddress(token.address), 100_010_000n]);
    });

    it("should reach the fund's routes: a new NAV prices the next subscription, a mode change refuses it until the mode is back", async () => {
      const { settlement, settlementAsAdmin, token, subscription, actors } = await networkHelpers.loadFixture(deployStableNav);
      const alice = actors.alice.account.address;
      await settlement.write.setNav([token.address, 2n * NAV_ONE]);
      await settlement.write.subscribe([subscription(alice, usd(100))]);
      assert.equal(await token.read.balanceOf([alice]), units(50));
      await settlementAsAdmin.write.setFund([token.address, MODE.FORWARD]);
      await viem.assertions.revertWithCustomErrorWithArgs(settlement.write.subscribe([subscription(alice, usd(100))]), settlement, 'FundSettlementWrongFundMode', [
        getAddress(token.address),
        MODE.FORWARD,
      ]);
      await settlementAsAdmin.write.setFund([token.address, MODE.STABLE_NAV]);
      await settlement.write.subscribe([subscription(alice, usd(100))]);
      assert.equal(await token.read.balanceOf([alice]), units(100));
    });
  });

  describe('.setStablecoin() and .removeStablecoin()', () => {
    it('should validate the route: fund, addresses, decimals against the coin, whole-coin caps within range', async () => {
      const { settlement, settlementAsAdmin, stablecoin, token, factory, params, registry, treasury } = await networkHelpers.loadFixture(deployStableNav);
      const t = treasury.account.address;
      await factory.write.createFund([fundId('unconfigured'), params]);
      const fresh = await factory.read.fundOf([fundId('unconfigured')]);
      const set = (...args: Parameters<typeof settlementAsAdmin.write.setStablecoin>[0]) => settlementAsAdmin.write.setStablecoin(args);
      await viem.assertions.revertWithCustomErrorWithArgs(set(fresh, stablecoin.address, 6, t, 0n, 0n), settlement, 'FundSettlementWrongFundMode', [getAddress(fresh), MODE.NONE]);
      await viem.assertions.revertWithCustomErrorWithArgs(set(token.address, zeroAddress, 6, t, 0n, 0n), settlement, 'FundSettlementInvalidAddress', [zeroAddress]);
      await viem.assertions.revertWithCustomErrorWithArgs(set(token.address, stablecoin.address, 6, zeroAddress, 0n, 0n), settlement, 'FundSettlementInvalidAddress', [zeroAddress]);
      await viem.assertions.revertWithCustomErrorWithArgs(set(token.address, stablecoin.address, 6, settlement.address, 0n, 0n), settlement, 'FundSettlementInvalidAddress', [
        getAddress(settlement.address),
      ]);
      await viem.assertions.revertWithCustomErrorWithArgs(set(token.address, stablecoin.address, 37, t, 0n, 0n), settlement, 'FundSettlementInvalidDecimals', [37]);
      await viem.assertions.revertWithCustomErrorWithArgs(set(token.address, stablecoin.address, 18, t, 0n, 0n), settlement, 'FundSettlementDecimalsMismatch', [
        getAddress(stablecoin.address),
        18,
        6,
      ]);
      await viem.assertions.revertWithCustomErrorWithArgs(set(token.address, registry.address, 6, t, 0n, 0n), settlement, 'FundSettlementDecimalsMismatch', [
        getAddress(registry.address),
        6,
        0,
      ]);
      await viem.assertions.revertWithCustomErrorWithArgs(set(token.address, stablecoin.address, 6, t, usd(1) + 1n, 0n), settlement, 'FundSettlementInvalidCap', [usd(1) + 1n, 6]);
      await viem.assertions.revertWithCustomErrorWithArgs(set(token.address, stablecoin.address, 6, t, 0n, 5n), settlement, 'FundSettlementInvalidCap', [5n, 6]);
      const over96 = ((2n ** 96n) / 10n ** 6n + 1n) * 10n ** 6n;
      await viem.assertions.revertWithCustomErrorWithArgs(set(token.address, stablecoin.address, 6, t, over96, 0n), settlement, 'FundSettlementAmountTooLarge', [over96]);
      const wholeCoin = await viem.deployContract('TestStablecoin', ['Whole', 'WHL', 0]);
      await viem.assertions.revertWithCustomErrorWithArgs(set(token.address, wholeCoin.address, 0, t, 0n, 2n ** 64n), settlement, 'FundSettlementAmountTooLarge', [2n ** 64n]);

      await viem.assertions.emitWithArgs(set(token.address, stablecoin.address, 6, t, usd(7), usd(3)), settlement, 'StablecoinConfigured', [
        getAddress(token.address),
        getAddress(stablecoin.address),
        getAddress(t),
        6,
        usd(7),
        usd(3),
      ]);
      assert.deepEqual(await settlement.read.stablecoinOf([token.address, stablecoin.address]), [true, 6, getAddress(t), usd(7), usd(3)]);
    });

    it('should keep the usage of the day when the caps change', async () => {
      const { settlement, settlementAsAdmin, stablecoin, token, treasury, redemption, actors } = await networkHelpers.loadFixture(subscribedFund);
      await settlement.write.redeem([redemption(actors.alice.account.address, units(600))]);
      await settlementAsAdmin.write.setStablecoin([token.address, stablecoin.address, 6, treasury.account.address, usd(500), usd(500)]);
      assert.deepEqual(await settlement.read.fundRedeemedToday([token.address, stablecoin.address]), [usd(600), 0n]);
      assert.deepEqual(await settlement.read.investorRedeemedToday([token.address, stablecoin.address, actors.alice.account.address]), [usd(600), 0n]);
      assert.deepEqual(await settlement.read.investorRedeemedToday([token.address, stablecoin.address, actors.outsider.account.address]), [0n, 0n]);
    });

    it('should stop new payments in a removed stablecoin while its pending requests still settle', async () => {
      const { settlement, settlementAsAdmin, stablecoin, token, forward, depositRequest, subscription, cutoff, dealingDate, actors, registry } =
        await networkHelpers.loadFixture(deployStableNav);
      const alice = actors.alice.account.address;
      await viem.assertions.revertWithCustomErrorWithArgs(settlementAsAdmin.write.removeStablecoin([token.address, registry.address]), settlement, 'FundSettlementStablecoinNotAccepted', [
        getAddress(token.address),
        getAddress(registry.address),
      ]);
      const request = depositRequest(alice, usd(10));
      await settlement.write.requestDeposit([request]);
      await viem.assertions.emitWithArgs(settlementAsAdmin.write.removeStablecoin([token.address, stablecoin.address]), settlement, 'StablecoinRemoved', [
        getAddress(token.address),
        getAddress(stablecoin.address),
      ]);
      await settlementAsAdmin.write.removeStablecoin([forward.address, stablecoin.address]);
      await viem.assertions.revertWithCustomError(settlement.write.subscribe([subscription(alice, usd(1))]), settlement, 'FundSettlementStablecoinNotAccepted');
      await networkHelpers.time.increaseTo(cutoff);
      await settlement.write.strikeDealingDay([forward.address, dealingDate, NAV_ONE]);
      await settlement.write.settleDeposits([forward.address, [request.refSeq]]);
      assert.equal(await forward.read.balanceOf([alice]), units(10));
    });
  });

  describe('views', () => {
    it('should name its registry and support ERC-165 for IFundSettlement and access control', async () => {
      const { settlement, registry } = await networkHelpers.loadFixture(deployStableNav);
      assert.equal(await settlement.read.identityRegistry(), getAddress(registry.address));
      assert.equal(await settlement.read.paused(), false);
      assert.equal(await settlement.read.supportsInterface(['0x01ffc9a7']), true);
      assert.equal(await settlement.read.supportsInterface([await interfaceId('IFundSettlement')]), true);
      assert.equal(await settlement.read.supportsInterface(['0x7965db0b']), true); // IAccessControl
      assert.equal(await settlement.read.supportsInterface(['0xffffffff']), false);
    });
  });

  describe('TestStablecoin', () => {
    it('should be a 6-decimal ERC-20 with permit and an open faucet on the local chain', async () => {
      const { stablecoin, actors } = await networkHelpers.loadFixture(deployStableNav);
      assert.equal(await stablecoin.read.decimals(), 6);
      const [, name, version, chainId, verifyingContract] = await stablecoin.read.eip712Domain();
      assert.deepEqual([name, version, chainId, verifyingContract], ['Test USD', '1', 31337n, getAddress(stablecoin.address)]);
      await stablecoin.write.mint([actors.outsider.account.address, 5n]);
      assert.equal(await stablecoin.read.balanceOf([actors.outsider.account.address]), 5n);
    });

    it('should refuse to deploy on any chain but a local one', async () => {
      const mainnetLike = await network.create({ override: { chainId: 1 } });
      try {
        const { stablecoin } = await networkHelpers.loadFixture(deployStableNav);
        await mainnetLike.viem.assertions.revertWithCustomErrorWithArgs(
          mainnetLike.viem.deployContract('TestStablecoin', ['Test USD', 'TUSD', 6]),
          stablecoin,
          'TestStablecoinNotLocalChain',
          [1n],
        );
      } finally {
        await mainnetLike.close();
      }
    });
  });
});
