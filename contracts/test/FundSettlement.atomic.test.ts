// FundSettlement, STABLE_NAV funds: atomic subscriptions (prior approval, EIP-2612 permit) and instant
// redemptions within the daily caps. Every refusal leaves both legs where they were.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getAddress, maxUint256, zeroAddress } from 'viem';
import { ROLE, connect, fundId, investorId, storedInvestorId, units } from './helpers/fixtures.js';
import { FUND_CAP, INVESTOR_CAP, NAV_ONE, settlementFixtures, usd } from './helpers/settlement-fixtures.js';

const ctx = await connect();
const { viem, networkHelpers, now } = ctx;
const { deployStableNav, subscribedFund } = settlementFixtures(ctx);
const DAY = 86_400;

describe('FundSettlement atomic settlement', () => {
  describe('.subscribe()', () => {
    describe('when the investor approved the contract', () => {
      it('should move the stablecoin to the treasury and mint the units to the payer in one transaction', async () => {
        const { settlement, stablecoin, token, treasury, subscription, actors } = await networkHelpers.loadFixture(deployStableNav);
        const alice = actors.alice.account.address;
        const order = subscription(alice, usd(2_500), units(2_500));
        const hash = await settlement.write.subscribe([order]);
        // The event names the order and the NAV; the mint and the stablecoin's transfer before it say the rest.
        await viem.assertions.emitWithArgs(Promise.resolve(hash), settlement, 'Subscribed', [getAddress(token.address), order.orderRef, NAV_ONE]);
        await viem.assertions.emitWithArgs(Promise.resolve(hash), token, 'Minted', [getAddress(alice), units(2_500), order.refSeq, order.orderRef]);
        await viem.assertions.emitWithArgs(Promise.resolve(hash), stablecoin, 'Transfer', [getAddress(alice), getAddress(treasury.account.address), usd(2_500)]);
        const receipt = await ctx.publicClient.getTransactionReceipt({ hash });
        assert.equal(receipt.status, 'success');
        assert.equal(await token.read.balanceOf([alice]), units(2_500));
        assert.equal(await stablecoin.read.balanceOf([alice]), usd(97_500));
        assert.equal(await stablecoin.read.balanceOf([treasury.account.address]), usd(10_002_500));
        assert.equal(await token.read.isReferenceUsed([order.refSeq]), true);
      });
    });

    describe('when the NAV does not divide the amount', () => {
      it('should mint floor(amount / NAV) and take only their cost, rounded up', async () => {
        const { settlement, stablecoin, token, subscription, actors } = await networkHelpers.loadFixture(deployStableNav);
        await settlement.write.setNav([token.address, 3n * NAV_ONE]);
        const alice = actors.alice.account.address;
        const [previewUnits, previewCost] = await settlement.read.previewSubscribe([token.address, stablecoin.address, usd(100)]);
        await settlement.write.subscribe([subscription(alice, usd(100))]);
        // 100 / 3 = 33.333333333333333333 units (18 decimals), costing 99.999999 + 1e-18 x 3 rounded up: 100.000000.
        assert.equal(await token.read.balanceOf([alice]), 33_333_333_333_333_333_333n);
        assert.equal(previewUnits, 33_333_333_333_333_333_333n);
        assert.equal(await stablecoin.read.balanceOf([alice]), usd(100_000) - previewCost);
        assert.equal(previewCost, usd(100));
      });
    });

    describe('when fewer units than the minimum would be minted', () => {
      it('should revert with FundSettlementBelowMinimum and move nothing', async () => {
        const { settlement, stablecoin, subscription, actors } = await networkHelpers.loadFixture(deployStableNav);
        const alice = actors.alice.account.address;
        await viem.assertions.revertWithCustomErrorWithArgs(
          settlement.write.subscribe([subscription(alice, usd(100), units(100) + 1n)]),
          settlement,
          'FundSettlementBelowMinimum',
          [units(100), units(100) + 1n],
        );
        assert.equal(await stablecoin.read.balanceOf([alice]), usd(100_000));
      });
    });

    describe('when the investor has too little stablecoin', () => {
      it('should revert with FundSettlementInsufficientBalance', async () => {
        const { settlement, subscription, actors } = await networkHelpers.loadFixture(deployStableNav);
        const alice = actors.alice.account.address;
        await viem.assertions.revertWithCustomErrorWithArgs(
          settlement.write.subscribe([subscription(alice, usd(100_001))]),
          settlement,
          'FundSettlementInsufficientBalance',
          [getAddress(alice), usd(100_000), usd(100_001)],
        );
      });
    });

    describe('when the investor approved less than the cost', () => {
      it('should revert with FundSettlementInsufficientAllowance', async () => {
        const { settlement, stablecoinAs, subscription, actors } = await networkHelpers.loadFixture(deployStableNav);
        const alice = actors.alice.account.address;
        await (await stablecoinAs(actors.alice)).write.approve([settlement.address, usd(10)]);
        await viem.assertions.revertWithCustomErrorWithArgs(
          settlement.write.subscribe([subscription(alice, usd(11))]),
          settlement,
          'FundSettlementInsufficientAllowance',
          [getAddress(alice), usd(10), usd(11)],
        );
      });
    });

    describe('when the wallet is not verified', () => {
      it("should revert with the token's FundTokenNotVerified and move nothing", async () => {
        const { settlement, stablecoin, stablecoinAs, token, subscription, actors } = await networkHelpers.loadFixture(deployStableNav);
        const outsider = actors.outsider.account.address;
        await stablecoin.write.mint([outsider, usd(50)]);
        await (await stablecoinAs(actors.outsider)).write.approve([settlement.address, usd(50)]);
        await viem.assertions.revertWithCustomErrorWithArgs(
          settlement.write.subscribe([subscription(outsider, usd(50))]),
          token,
          'FundTokenNotVerified',
          [getAddress(outsider), 0n],
        );
        assert.equal(await stablecoin.read.balanceOf([outsider]), usd(50));
      });
    });

    describe('when the wallet is not eligible for the fund', () => {
      it("should revert with the token's eligibility error", async () => {
        const { settlement, token, subscription, actors } = await networkHelpers.loadFixture(deployStableNav);
        await viem.assertions.revertWithCustomErrorWithArgs(
          settlement.write.subscribe([subscription(actors.erin.account.address, usd(50))]),
          token,
          'FundTokenInvestorClassNotEligible',
          [getAddress(actors.erin.account.address), 1],
        );
      });
    });

    describe('when the reference was used', () => {
      it("should revert with the token's FundTokenReferenceUsed and move nothing", async () => {
        const { settlement, stablecoin, token, subscription, actors } = await networkHelpers.loadFixture(deployStableNav);
        const alice = actors.alice.account.address;
        const order = subscription(alice, usd(10));
        await settlement.write.subscribe([order]);
        await viem.assertions.revertWithCustomErrorWithArgs(settlement.write.subscribe([order]), token, 'FundTokenReferenceUsed', [order.refSeq]);
        assert.equal(await stablecoin.read.balanceOf([alice]), usd(99_990));
      });
    });

    describe('when the amount buys less than one base unit', () => {
      it('should revert with FundSettlementZeroAmount', async () => {
        const { settlement, subscription, actors } = await networkHelpers.loadFixture(deployStableNav);
        await viem.assertions.revertWithCustomError(settlement.write.subscribe([subscription(actors.alice.account.address, 0n)]), settlement, 'FundSettlementZeroAmount');
      });
    });

    describe('when the amount does not fit 96 bits', () => {
      it('should revert with FundSettlementAmountTooLarge', async () => {
        const { settlement, subscription, actors } = await networkHelpers.loadFixture(deployStableNav);
        await viem.assertions.revertWithCustomErrorWithArgs(
          settlement.write.subscribe([subscription(actors.alice.account.address, 2n ** 96n)]),
          settlement,
          'FundSettlementAmountTooLarge',
          [2n ** 96n],
        );
      });
    });

    describe('when the fund is FORWARD, unconfigured, without NAV, or the stablecoin not accepted', () => {
      it('should revert with the matching error', async () => {
        const { settlement, settlementAsAdmin, forward, token, factory, params, subscription, actors, registry } =
          await networkHelpers.loadFixture(deployStableNav);
        const alice = actors.alice.account.address;
        await viem.assertions.revertWithCustomErrorWithArgs(
          settlement.write.subscribe([{ ...subscription(alice, usd(1)), token: forward.address }]),
          settlement,
          'FundSettlementWrongFundMode',
          [getAddress(forward.address), 2],
        );
        await viem.assertions.revertWithCustomErrorWithArgs(
          settlement.write.subscribe([{ ...subscription(alice, usd(1)), stablecoin: registry.address }]),
          settlement,
          'FundSettlementStablecoinNotAccepted',
          [getAddress(token.address), getAddress(registry.address)],
        );
        await factory.write.createFund([fundId('fresh'), params]);
        const fresh = await factory.read.fundOf([fundId('fresh')]);
        await settlementAsAdmin.write.setFund([fresh, 1]);
        await viem.assertions.revertWithCustomErrorWithArgs(
          settlement.write.subscribe([{ ...subscription(alice, usd(1)), token: fresh }]),
          settlement,
          'FundSettlementNavNotSet',
          [getAddress(fresh)],
        );
      });
    });
  });

  describe('.subscribeWithPermit()', () => {
    describe('when the investor signed a permit for the order amount', () => {
      it('should subscribe without any approval transaction of the investor', async () => {
        const { settlement, stablecoin, stablecoinAs, token, subscription, signPermit, actors } = await networkHelpers.loadFixture(deployStableNav);
        const alice = actors.alice.account.address;
        await (await stablecoinAs(actors.alice)).write.approve([settlement.address, 0n]);
        const permit = await signPermit(actors.alice, usd(300), (await now()) + 600n);
        await settlement.write.subscribeWithPermit([subscription(alice, usd(300)), permit]);
        assert.equal(await token.read.balanceOf([alice]), units(300));
        assert.equal(await stablecoin.read.allowance([alice, settlement.address]), 0n);
        assert.equal(await stablecoin.read.nonces([alice]), 1n);
      });
    });

    describe('when someone submitted the permit first', () => {
      it('should still subscribe against the allowance it granted', async () => {
        const { settlement, stablecoin, stablecoinAs, token, subscription, signPermit, actors } = await networkHelpers.loadFixture(deployStableNav);
        const alice = actors.alice.account.address;
        await (await stablecoinAs(actors.alice)).write.approve([settlement.address, 0n]);
        const permit = await signPermit(actors.alice, usd(300), (await now()) + 600n);
        await stablecoin.write.permit([alice, settlement.address, usd(300), permit.deadline, permit.v, permit.r, permit.s]);
        await settlement.write.subscribeWithPermit([subscription(alice, usd(300)), permit]);
        assert.equal(await token.read.balanceOf([alice]), units(300));
      });
    });

    describe('when the permit expired', () => {
      it('should revert with FundSettlementPermitExpired and move nothing', async () => {
        const { settlement, stablecoin, stablecoinAs, subscription, signPermit, actors } = await networkHelpers.loadFixture(deployStableNav);
        const alice = actors.alice.account.address;
        await (await stablecoinAs(actors.alice)).write.approve([settlement.address, 0n]);
        const deadline = (await now()) + 10n;
        const permit = await signPermit(actors.alice, usd(300), deadline);
        await networkHelpers.time.increase(60);
        await viem.assertions.revertWithCustomErrorWithArgs(
          settlement.write.subscribeWithPermit([subscription(alice, usd(300)), permit]),
          settlement,
          'FundSettlementPermitExpired',
          [deadline],
        );
        assert.equal(await stablecoin.read.balanceOf([alice]), usd(100_000));
      });
    });

    describe('when the permit was signed by someone else or for another amount', () => {
      it('should revert with FundSettlementInsufficientAllowance', async () => {
        const { settlement, stablecoinAs, subscription, signPermit, actors } = await networkHelpers.loadFixture(deployStableNav);
        const alice = actors.alice.account.address;
        await (await stablecoinAs(actors.alice)).write.approve([settlement.address, 0n]);
        const deadline = (await now()) + 600n;
        for (const permit of [await signPermit(actors.bob, usd(300), deadline), await signPermit(actors.alice, usd(299), deadline)]) {
          await viem.assertions.revertWithCustomErrorWithArgs(
            settlement.write.subscribeWithPermit([subscription(alice, usd(300)), permit]),
            settlement,
            'FundSettlementInsufficientAllowance',
            [getAddress(alice), 0n, usd(300)],
          );
        }
      });
    });

    describe('when the stablecoin is not accepted', () => {
      it('should revert before calling it', async () => {
        const { settlement, token, registry, subscription, signPermit, actors } = await networkHelpers.loadFixture(deployStableNav);
        const permit = await signPermit(actors.alice, usd(1), (await now()) + 600n);
        await viem.assertions.revertWithCustomErrorWithArgs(
          settlement.write.subscribeWithPermit([{ ...subscription(actors.alice.account.address, usd(1)), stablecoin: registry.address }, permit]),
          settlement,
          'FundSettlementStablecoinNotAccepted',
          [getAddress(token.address), getAddress(registry.address)],
        );
      });
    });
  });

  describe('.redeem()', () => {
    describe('when within both caps', () => {
      it('should burn the units and pay the stablecoin from the treasury in one transaction', async () => {
        const { settlement, stablecoin, token, treasury, redemption, actors } = await networkHelpers.loadFixture(subscribedFund);
        const alice = actors.alice.account.address;
        const order = redemption(alice, units(400), usd(400));
        const hash = await settlement.write.redeem([order]);
        await viem.assertions.emitWithArgs(Promise.resolve(hash), settlement, 'Redeemed', [getAddress(token.address), order.orderRef, NAV_ONE]);
        await viem.assertions.emitWithArgs(Promise.resolve(hash), token, 'Burned', [getAddress(alice), units(400), order.refSeq, order.orderRef]);
        await viem.assertions.emitWithArgs(Promise.resolve(hash), stablecoin, 'Transfer', [getAddress(treasury.account.address), getAddress(alice), usd(400)]);
        assert.equal(await token.read.balanceOf([alice]), units(600));
        assert.equal(await stablecoin.read.balanceOf([alice]), usd(99_400));
        assert.deepEqual(await settlement.read.fundRedeemedToday([token.address, stablecoin.address]), [usd(400), FUND_CAP - usd(400)]);
        assert.deepEqual(await settlement.read.investorRedeemedToday([token.address, stablecoin.address, alice]), [usd(400), INVESTOR_CAP - usd(400)]);
      });

      it('should redeem units still in lock-up (the lock-up binds transfers only)', async () => {
        const { settlement, token, redemption, actors } = await networkHelpers.loadFixture(subscribedFund);
        const alice = actors.alice.account.address;
        assert.equal((await token.read.lockedBalanceOf([alice]))[0], units(1_000));
        await settlement.write.redeem([redemption(alice, units(1_000))]);
        assert.equal(await token.read.balanceOf([alice]), 0n);
      });
    });

    describe("when the investor's wallets together exceed the per-investor cap", () => {
      it('should revert with FundSettlementInvestorCapExceeded, keyed by the investor id', async () => {
        const { settlement, stablecoin, token, subscription, redemption, actors } = await networkHelpers.loadFixture(deployStableNav);
        const [alice, spare] = [actors.alice.account.address, actors.aliceSpare.account.address];
        await settlement.write.subscribe([subscription(alice, usd(30_000))]);
        await settlement.write.subscribe([subscription(spare, usd(30_000))]);
        await settlement.write.redeem([redemption(alice, units(30_000))]);
        await viem.assertions.revertWithCustomErrorWithArgs(
          settlement.write.redeem([redemption(spare, units(10_001))]),
          settlement,
          'FundSettlementInvestorCapExceeded',
          [getAddress(token.address), getAddress(stablecoin.address), storedInvestorId(investorId('alice')), usd(30_000), usd(10_001), INVESTOR_CAP],
        );
        await settlement.write.redeem([redemption(spare, units(10_000))]);
      });
    });

    describe('when the day rolls over at 00:00 UTC', () => {
      it('should start both caps afresh', async () => {
        const { settlement, stablecoin, token, subscription, redemption, actors } = await networkHelpers.loadFixture(deployStableNav);
        const alice = actors.alice.account.address;
        await settlement.write.subscribe([subscription(alice, usd(80_000))]);
        await settlement.write.redeem([redemption(alice, units(40_000))]);
        const secondsToMidnight = DAY - Number((await now()) % BigInt(DAY));
        await networkHelpers.time.increase(secondsToMidnight - 5);
        await viem.assertions.revertWithCustomError(settlement.write.redeem([redemption(alice, units(1))]), settlement, 'FundSettlementInvestorCapExceeded');
        await networkHelpers.time.increase(10);
        assert.deepEqual(await settlement.read.investorRedeemedToday([token.address, stablecoin.address, alice]), [0n, INVESTOR_CAP]);
        await settlement.write.redeem([redemption(alice, units(40_000))]);
      });
    });

    describe("when the fund's daily cap would be exceeded", () => {
      it('should revert with FundSettlementFundCapExceeded and move nothing', async () => {
        const { settlement, settlementAsAdmin, stablecoin, token, treasury, redemption, actors } = await networkHelpers.loadFixture(subscribedFund);
        await settlementAsAdmin.write.setStablecoin([token.address, stablecoin.address, 6, treasury.account.address, usd(1_500), INVESTOR_CAP]);
        await settlement.write.redeem([redemption(actors.alice.account.address, units(1_000))]);
        const bob = actors.bob.account.address;
        await viem.assertions.revertWithCustomErrorWithArgs(
          settlement.write.redeem([redemption(bob, units(501))]),
          settlement,
          'FundSettlementFundCapExceeded',
          [getAddress(token.address), getAddress(stablecoin.address), usd(1_000), usd(501), usd(1_500)],
        );
        assert.equal(await token.read.balanceOf([bob]), units(1_000));
        assert.equal(await stablecoin.read.balanceOf([bob]), usd(99_000));
      });
    });

    describe('when the caps are zero', () => {
      it('should allow no instant redemption', async () => {
        const { settlement, settlementAsAdmin, stablecoin, token, treasury, redemption, actors } = await networkHelpers.loadFixture(subscribedFund);
        await settlementAsAdmin.write.setStablecoin([token.address, stablecoin.address, 6, treasury.account.address, 0n, 0n]);
        await viem.assertions.revertWithCustomError(settlement.write.redeem([redemption(actors.alice.account.address, units(1))]), settlement, 'FundSettlementFundCapExceeded');
      });
    });

    describe('when the treasury has too little stablecoin or allowance', () => {
      it('should revert with FundSettlementTreasuryShortfall, and burn nothing', async () => {
        const { settlement, stablecoin, stablecoinAs, token, treasury, redemption, actors } = await networkHelpers.loadFixture(subscribedFund);
        const alice = actors.alice.account.address;
        const payer = getAddress(treasury.account.address);
        const asTreasury = await stablecoinAs(treasury);
        await asTreasury.write.approve([settlement.address, usd(5)]);
        const balance = await stablecoin.read.balanceOf([payer]);
        await viem.assertions.revertWithCustomErrorWithArgs(settlement.write.redeem([redemption(alice, units(6))]), settlement, 'FundSettlementTreasuryShortfall', [
          payer,
          balance,
          usd(5),
          usd(6),
        ]);
        await asTreasury.write.approve([settlement.address, maxUint256]);
        await asTreasury.write.transfer([actors.bob.account.address, balance - usd(1)]);
        await viem.assertions.revertWithCustomErrorWithArgs(settlement.write.redeem([redemption(alice, units(6))]), settlement, 'FundSettlementTreasuryShortfall', [
          payer,
          usd(1),
          maxUint256,
          usd(6),
        ]);
        assert.equal(await token.read.balanceOf([alice]), units(1_000));
      });
    });

    describe('when the holder has fewer units', () => {
      it("should revert with the token's ERC20InsufficientBalance", async () => {
        const { settlement, token, redemption, actors } = await networkHelpers.loadFixture(subscribedFund);
        const alice = actors.alice.account.address;
        await viem.assertions.revertWithCustomErrorWithArgs(
          settlement.write.redeem([redemption(alice, units(1_001))]),
          token,
          'ERC20InsufficientBalance',
          [getAddress(alice), units(1_000), units(1_001)],
        );
      });
    });

    describe("when the holder's verification lapsed", () => {
      it('should revert with FundSettlementWalletNotVerified (no stablecoin to an unverified wallet)', async () => {
        const { settlement, registry, redemption, actors, expiresAt } = await networkHelpers.loadFixture(subscribedFund);
        const alice = actors.alice.account.address;
        await networkHelpers.time.increaseTo(expiresAt);
        await viem.assertions.revertWithCustomErrorWithArgs(
          settlement.write.redeem([redemption(alice, units(1))]),
          settlement,
          'FundSettlementWalletNotVerified',
          [getAddress(alice), expiresAt],
        );
        assert.equal(await registry.read.isVerified([alice]), false);
      });
    });

    describe('when the minimum payout is not met, or the payout is zero', () => {
      it('should revert with FundSettlementBelowMinimum or FundSettlementZeroAmount', async () => {
        const { settlement, token, redemption, actors } = await networkHelpers.loadFixture(subscribedFund);
        const alice = actors.alice.account.address;
        await settlement.write.setNav([token.address, NAV_ONE / 2n]);
        await viem.assertions.revertWithCustomErrorWithArgs(
          settlement.write.redeem([redemption(alice, units(10), usd(5) + 1n)]),
          settlement,
          'FundSettlementBelowMinimum',
          [usd(5), usd(5) + 1n],
        );
        await viem.assertions.revertWithCustomError(settlement.write.redeem([redemption(alice, 10n ** 12n - 1n)]), settlement, 'FundSettlementZeroAmount');
      });
    });
  });

  describe('pause', () => {
    it("should stop subscriptions and redemptions, by the settlement contract's pause or the token's", async () => {
      const { settlement, settlementAsAdmin, stablecoin, token, asAdmin, subscription, redemption, actors } = await networkHelpers.loadFixture(subscribedFund);
      const alice = actors.alice.account.address;
      await viem.assertions.emitWithArgs(settlementAsAdmin.write.pause(), settlement, 'Paused', [getAddress(actors.admin.account.address)]);
      assert.equal(await settlement.read.paused(), true);
      await viem.assertions.revertWithCustomError(settlement.write.subscribe([subscription(alice, usd(1))]), settlement, 'FundSettlementEnforcedPause');
      await viem.assertions.revertWithCustomError(settlement.write.redeem([redemption(alice, units(1))]), settlement, 'FundSettlementEnforcedPause');
      await viem.assertions.revertWithCustomError(settlementAsAdmin.write.pause(), settlement, 'FundSettlementEnforcedPause');
      await viem.assertions.emitWithArgs(settlementAsAdmin.write.unpause(), settlement, 'Unpaused', [getAddress(actors.admin.account.address)]);
      await viem.assertions.revertWithCustomError(settlementAsAdmin.write.unpause(), settlement, 'FundSettlementExpectedPause');

      await asAdmin.write.pause();
      await viem.assertions.revertWithCustomError(settlement.write.subscribe([subscription(alice, usd(1))]), token, 'FundTokenEnforcedPause');
      await viem.assertions.revertWithCustomError(settlement.write.redeem([redemption(alice, units(1))]), token, 'FundTokenEnforcedPause');
      assert.equal(await stablecoin.read.balanceOf([alice]), usd(99_000));
      assert.equal(await token.read.balanceOf([alice]), units(1_000));
    });
  });

  describe('roles', () => {
    it('should let only the agent move value, the pauser pause and the config role configure', async () => {
      const { settlementAsOutsider, settlement, token, stablecoin, subscription, redemption, actors } = await networkHelpers.loadFixture(deployStableNav);
      const outsider = getAddress(actors.outsider.account.address);
      const agentRole = await settlement.read.AGENT_ROLE();
      const alice = actors.alice.account.address;
      for (const call of [
        () => settlementAsOutsider.write.subscribe([subscription(alice, usd(1))]),
        () => settlementAsOutsider.write.redeem([redemption(alice, 1n)]),
        () => settlementAsOutsider.write.setNav([token.address, NAV_ONE]),
      ]) {
        await viem.assertions.revertWithCustomErrorWithArgs(call(), settlement, 'AccessControlUnauthorizedAccount', [outsider, agentRole]);
      }
      await viem.assertions.revertWithCustomErrorWithArgs(settlementAsOutsider.write.pause(), settlement, 'AccessControlUnauthorizedAccount', [
        outsider,
        await settlement.read.PAUSER_ROLE(),
      ]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        settlementAsOutsider.write.setStablecoin([token.address, stablecoin.address, 6, outsider, 0n, 0n]),
        settlement,
        'AccessControlUnauthorizedAccount',
        [outsider, await settlement.read.CONFIG_ROLE()],
      );
      assert.equal(await settlement.read.hasRole([ROLE.DEFAULT_ADMIN, actors.admin.account.address]), true);
      assert.equal(await settlement.read.hasRole([agentRole, actors.admin.account.address]), false);
    });

    it('should keep AGENT_ROLE rotatable: the last account granted it is checked first, every member still passes, one that loses it fails', async () => {
      const { settlement, settlementAsOutsider, settlementAsAdmin: asAdmin, token, actors } = await networkHelpers.loadFixture(deployStableNav);
      const agentRole = await settlement.read.AGENT_ROLE();
      const [agent, outsider] = [getAddress(actors.agent.account.address), getAddress(actors.outsider.account.address)];
      await asAdmin.write.pause();
      await asAdmin.write.grantRole([agentRole, outsider]);
      assert.equal(await settlement.read.paused(), true);
      await asAdmin.write.unpause();
      // The new member and the earlier one both pass.
      await settlementAsOutsider.write.setNav([token.address, NAV_ONE]);
      await settlement.write.setNav([token.address, NAV_ONE]);
      // The earlier agent revoked: it fails, the new one still passes.
      await asAdmin.write.revokeRole([agentRole, agent]);
      await viem.assertions.revertWithCustomErrorWithArgs(settlement.write.setNav([token.address, NAV_ONE]), settlement, 'AccessControlUnauthorizedAccount', [agent, agentRole]);
      await settlementAsOutsider.write.setNav([token.address, NAV_ONE]);
      // The last one granted renounces: it fails too.
      await settlementAsOutsider.write.renounceRole([agentRole, outsider]);
      await viem.assertions.revertWithCustomErrorWithArgs(settlementAsOutsider.write.setNav([token.address, NAV_ONE]), settlement, 'AccessControlUnauthorizedAccount', [outsider, agentRole]);
      // Granted again, the agent is back.
      await asAdmin.write.grantRole([agentRole, agent]);
      await settlement.write.setNav([token.address, NAV_ONE]);
    });
  });

  describe('constructor', () => {
    it('should reject zero addresses', async () => {
      const { registry, actors, settlement } = await networkHelpers.loadFixture(deployStableNav);
      const admin = actors.admin.account.address;
      for (const args of [
        [zeroAddress, admin, admin],
        [registry.address, zeroAddress, admin],
        [registry.address, admin, zeroAddress],
      ] as const) {
        await viem.assertions.revertWithCustomErrorWithArgs(viem.deployContract('FundSettlement', [...args]), settlement, 'FundSettlementInvalidAddress', [zeroAddress]);
      }
    });
  });
});
