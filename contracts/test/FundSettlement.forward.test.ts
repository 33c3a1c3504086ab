// FundSettlement, FORWARD funds: ERC-7540-style deposit requests in escrow, dealing days (cut-off, strike),
// settlement at the struck NAV exactly once, cancellation before the cut-off, rejection after the strike.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getAddress } from 'viem';
import { connect, units } from './helpers/fixtures.js';
import { HOUR, NAV_ONE, STATUS, settlementFixtures, usd } from './helpers/settlement-fixtures.js';

const ctx = await connect();
const { viem, networkHelpers, now } = ctx;
const { deployStableNav } = settlementFixtures(ctx);

/** deployStableNav, then deposit requests of alice (100) and bob (999.999999) for the dealing day. */
async function requestedDay() {
  const fixture = await deployStableNav();
  const { settlement, depositRequest, actors } = fixture;
  const first = depositRequest(actors.alice.account.address, usd(100));
  const second = depositRequest(actors.bob.account.address, usd(1_000) - 1n);
  await settlement.write.requestDeposit([first]);
  await settlement.write.requestDeposit([second]);
  return { ...fixture, first, second };
}

describe('FundSettlement forward requests', () => {
  describe('.requestDeposit()', () => {
    describe('when the day is open and the investor eligible', () => {
      it('should move the stablecoin into escrow and record the request', async () => {
        const { settlement, stablecoin, forward, depositRequest, dealingDate, actors } = await networkHelpers.loadFixture(deployStableNav);
        const alice = actors.alice.account.address;
        const request = depositRequest(alice, usd(500));
        await viem.assertions.emitWithArgs(settlement.write.requestDeposit([request]), settlement, 'DepositRequested', [
          getAddress(forward.address),
          getAddress(alice),
          request.orderRef,
          request.refSeq,
          getAddress(stablecoin.address),
          usd(500),
          dealingDate,
        ]);
        assert.equal(await stablecoin.read.balanceOf([settlement.address]), usd(500));
        assert.equal(await stablecoin.read.balanceOf([alice]), usd(99_500));
        assert.deepEqual(await settlement.read.depositRequestOf([forward.address, request.refSeq]), [
          STATUS.PENDING,
          getAddress(alice),
          getAddress(stablecoin.address),
          usd(500),
          dealingDate,
          request.orderRef,
        ]);
        assert.equal(await forward.read.balanceOf([alice]), 0n);
      });
    });

    describe('with a permit', () => {
      it('should escrow without an approval of the investor', async () => {
        const { settlement, stablecoin, stablecoinAs, depositRequest, signPermit, actors } = await networkHelpers.loadFixture(deployStableNav);
        await (await stablecoinAs(actors.alice)).write.approve([settlement.address, 0n]);
        const permit = await signPermit(actors.alice, usd(200), (await now()) + 600n);
        await settlement.write.requestDepositWithPermit([depositRequest(actors.alice.account.address, usd(200)), permit]);
        assert.equal(await stablecoin.read.balanceOf([settlement.address]), usd(200));
      });
    });

    describe('when the investor cannot hold the fund, is not verified, or the request is malformed', () => {
      it('should revert with the matching error and escrow nothing', async () => {
        const { settlement, stablecoin, stablecoinAs, forward, depositRequest, dealingDate, actors } = await networkHelpers.loadFixture(deployStableNav);
        const dave = actors.dave.account.address; // US: not eligible
        await stablecoin.write.mint([dave, usd(10)]);
        await (await stablecoinAs(actors.dave)).write.approve([settlement.address, usd(10)]);
        await viem.assertions.revertWithCustomErrorWithArgs(
          settlement.write.requestDeposit([depositRequest(dave, usd(10))]),
          settlement,
          'FundSettlementNotEligible',
          [getAddress(forward.address), getAddress(dave)],
        );
        const outsider = actors.outsider.account.address;
        await viem.assertions.revertWithCustomErrorWithArgs(
          settlement.write.requestDeposit([depositRequest(outsider, usd(10))]),
          settlement,
          'FundSettlementWalletNotVerified',
          [getAddress(outsider), 0n],
        );
        const alice = actors.alice.account.address;
        await viem.assertions.revertWithCustomError(settlement.write.requestDeposit([depositRequest(alice, 0n)]), settlement, 'FundSettlementZeroAmount');
        await viem.assertions.revertWithCustomErrorWithArgs(
          settlement.write.requestDeposit([depositRequest(alice, 2n ** 96n)]),
          settlement,
          'FundSettlementAmountTooLarge',
          [2n ** 96n],
        );
        await viem.assertions.revertWithCustomErrorWithArgs(
          settlement.write.requestDeposit([{ ...depositRequest(alice, usd(1)), dealingDate: dealingDate + 1 }]),
          settlement,
          'FundSettlementDealingDayNotScheduled',
          [getAddress(forward.address), dealingDate + 1],
        );
        await viem.assertions.revertWithCustomErrorWithArgs(
          settlement.write.requestDeposit([depositRequest(alice, usd(100_001))]),
          settlement,
          'FundSettlementInsufficientBalance',
          [getAddress(alice), usd(100_000), usd(100_001)],
        );
        assert.equal(await stablecoin.read.balanceOf([settlement.address]), 0n);
      });
    });

    describe('when the refSeq has a request or a mint already', () => {
      it('should revert with FundSettlementReferenceUsed', async () => {
        const { settlement, forward, depositRequest, actors } = await networkHelpers.loadFixture(deployStableNav);
        const request = depositRequest(actors.alice.account.address, usd(10));
        await settlement.write.requestDeposit([request]);
        await viem.assertions.revertWithCustomErrorWithArgs(settlement.write.requestDeposit([request]), settlement, 'FundSettlementReferenceUsed', [
          getAddress(forward.address),
          request.refSeq,
        ]);
        const next = depositRequest(actors.bob.account.address, usd(10));
        await forward.write.mint([actors.bob.account.address, 1n, next.refSeq, next.orderRef]);
        await viem.assertions.revertWithCustomErrorWithArgs(settlement.write.requestDeposit([next]), settlement, 'FundSettlementReferenceUsed', [
          getAddress(forward.address),
          next.refSeq,
        ]);
      });
    });

    describe('when the cut-off has passed', () => {
      it('should revert with FundSettlementCutoffPassed', async () => {
        const { settlement, forward, depositRequest, dealingDate, cutoff, actors } = await networkHelpers.loadFixture(deployStableNav);
        await networkHelpers.time.increaseTo(cutoff);
        await viem.assertions.revertWithCustomErrorWithArgs(
          settlement.write.requestDeposit([depositRequest(actors.alice.account.address, usd(10))]),
          settlement,
          'FundSettlementCutoffPassed',
          [getAddress(forward.address), dealingDate, cutoff],
        );
      });
    });

    describe('when the fund is not FORWARD or its token is paused', () => {
      it('should revert with FundSettlementWrongFundMode or FundSettlementFundPaused', async () => {
        const { settlement, token, forward, forwardAsAdmin, depositRequest, actors } = await networkHelpers.loadFixture(deployStableNav);
        const alice = actors.alice.account.address;
        await viem.assertions.revertWithCustomErrorWithArgs(
          settlement.write.requestDeposit([{ ...depositRequest(alice, usd(10)), token: token.address }]),
          settlement,
          'FundSettlementWrongFundMode',
          [getAddress(token.address), 1],
        );
        await forwardAsAdmin.write.pause();
        await viem.assertions.revertWithCustomErrorWithArgs(settlement.write.requestDeposit([depositRequest(alice, usd(10))]), settlement, 'FundSettlementFundPaused', [
          getAddress(forward.address),
        ]);
      });
    });
  });

  describe('.cancelDepositRequest()', () => {
    describe('before the cut-off', () => {
      it('should refund the request in full from escrow, once', async () => {
        const { settlement, stablecoin, forward, first, actors } = await networkHelpers.loadFixture(requestedDay);
        const alice = actors.alice.account.address;
        await viem.assertions.emitWithArgs(settlement.write.cancelDepositRequest([forward.address, first.refSeq]), settlement, 'DepositRequestCancelled', [
          getAddress(forward.address),
          getAddress(alice),
          first.orderRef,
          first.refSeq,
          getAddress(stablecoin.address),
          usd(100),
        ]);
        assert.equal(await stablecoin.read.balanceOf([alice]), usd(100_000));
        assert.equal(await stablecoin.read.balanceOf([settlement.address]), usd(1_000) - 1n);
        assert.equal((await settlement.read.depositRequestOf([forward.address, first.refSeq]))[0], STATUS.CANCELLED);
        await viem.assertions.revertWithCustomErrorWithArgs(
          settlement.write.cancelDepositRequest([forward.address, first.refSeq]),
          settlement,
          'FundSettlementRequestNotPending',
          [getAddress(forward.address), first.refSeq, STATUS.CANCELLED],
        );
        // Its refSeq is never taken again.
        await viem.assertions.revertWithCustomError(settlement.write.requestDeposit([first]), settlement, 'FundSettlementReferenceUsed');
      });
    });

    describe('at or after the cut-off', () => {
      it('should revert with FundSettlementCutoffPassed and keep the escrow', async () => {
        const { settlement, stablecoin, forward, first, cutoff, dealingDate } = await networkHelpers.loadFixture(requestedDay);
        await networkHelpers.time.increaseTo(cutoff);
        await viem.assertions.revertWithCustomErrorWithArgs(
          settlement.write.cancelDepositRequest([forward.address, first.refSeq]),
          settlement,
          'FundSettlementCutoffPassed',
          [getAddress(forward.address), dealingDate, cutoff],
        );
        assert.equal(await stablecoin.read.balanceOf([settlement.address]), usd(1_100) - 1n);
      });
    });
  });

  describe('dealing days', () => {
    it('should move an open cut-off, close it once passed, and strike the NAV once at or after it', async () => {
      const { settlement, forward, token, dealingDate, cutoff } = await networkHelpers.loadFixture(deployStableNav);
      await viem.assertions.revertWithCustomErrorWithArgs(settlement.write.scheduleDealingDay([token.address, dealingDate, cutoff]), settlement, 'FundSettlementWrongFundMode', [
        getAddress(token.address),
        1,
      ]);
      const current = await now();
      await viem.assertions.revertWithCustomErrorWithArgs(settlement.write.scheduleDealingDay([forward.address, dealingDate, current]), settlement, 'FundSettlementInvalidCutoff', [
        current,
      ]);
      await viem.assertions.emitWithArgs(settlement.write.scheduleDealingDay([forward.address, dealingDate, cutoff + 60n]), settlement, 'DealingDayScheduled', [
        getAddress(forward.address),
        dealingDate,
        cutoff + 60n,
      ]);
      await viem.assertions.revertWithCustomErrorWithArgs(settlement.write.strikeDealingDay([forward.address, dealingDate, NAV_ONE]), settlement, 'FundSettlementCutoffNotReached', [
        getAddress(forward.address),
        dealingDate,
        cutoff + 60n,
      ]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        settlement.write.strikeDealingDay([forward.address, dealingDate + 1, NAV_ONE]),
        settlement,
        'FundSettlementDealingDayNotScheduled',
        [getAddress(forward.address), dealingDate + 1],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(settlement.write.strikeDealingDay([forward.address, dealingDate, 0n]), settlement, 'FundSettlementInvalidNav', [0n]);
      await networkHelpers.time.increaseTo(cutoff + 60n);
      await viem.assertions.revertWithCustomErrorWithArgs(
        settlement.write.scheduleDealingDay([forward.address, dealingDate, cutoff + 2n * HOUR]),
        settlement,
        'FundSettlementCutoffPassed',
        [getAddress(forward.address), dealingDate, cutoff + 60n],
      );
      await viem.assertions.emitWithArgs(settlement.write.strikeDealingDay([forward.address, dealingDate, 100_250_000n]), settlement, 'DealingDayStruck', [
        getAddress(forward.address),
        dealingDate,
        100_250_000n,
      ]);
      await viem.assertions.revertWithCustomErrorWithArgs(settlement.write.strikeDealingDay([forward.address, dealingDate, NAV_ONE]), settlement, 'FundSettlementDealingDayStruck', [
        getAddress(forward.address),
        dealingDate,
      ]);
      assert.deepEqual(await settlement.read.dealingDayOf([forward.address, dealingDate]), [cutoff + 60n, 100_250_000n]);
    });
  });

  describe('.settleDeposits()', () => {
    describe('before the strike', () => {
      it('should revert with FundSettlementDealingDayNotStruck', async () => {
        const { settlement, forward, first, dealingDate } = await networkHelpers.loadFixture(requestedDay);
        await viem.assertions.revertWithCustomErrorWithArgs(settlement.write.settleDeposits([forward.address, [first.refSeq]]), settlement, 'FundSettlementDealingDayNotStruck', [
          getAddress(forward.address),
          dealingDate,
        ]);
      });
    });

    describe('after the strike', () => {
      it('should mint at the NAV, pay the cost to the treasury and refund the remainder, exactly once', async () => {
        const { settlement, stablecoin, forward, treasury, first, second, cutoff, dealingDate, actors } = await networkHelpers.loadFixture(requestedDay);
        await networkHelpers.time.increaseTo(cutoff);
        await settlement.write.strikeDealingDay([forward.address, dealingDate, 3n * NAV_ONE]);
        const treasuryBefore = await stablecoin.read.balanceOf([treasury.account.address]);
        const hash = await settlement.write.settleDeposits([forward.address, [first.refSeq, second.refSeq]]);
        // 100 / 3 = 33.333333333333333333 units; their cost 99.999999999... rounds up to 100.000000: no refund.
        await viem.assertions.emitWithArgs(Promise.resolve(hash), settlement, 'DepositSettled', [
          getAddress(forward.address),
          getAddress(actors.alice.account.address),
          first.orderRef,
          first.refSeq,
          getAddress(stablecoin.address),
          getAddress(treasury.account.address),
          usd(100),
          0n,
          33_333_333_333_333_333_333n,
          3n * NAV_ONE,
        ]);
        await viem.assertions.emitWithArgs(Promise.resolve(hash), forward, 'Minted', [
          getAddress(actors.bob.account.address),
          333_333_333_000_000_000_000n,
          second.refSeq,
          second.orderRef,
        ]);
        assert.equal(await forward.read.balanceOf([actors.alice.account.address]), 33_333_333_333_333_333_333n);
        assert.equal(await stablecoin.read.balanceOf([treasury.account.address]), treasuryBefore + usd(1_100) - 1n);
        assert.equal(await stablecoin.read.balanceOf([settlement.address]), 0n);
        assert.equal((await settlement.read.depositRequestOf([forward.address, first.refSeq]))[0], STATUS.SETTLED);

        // The same batch again: skipped, nothing minted twice.
        await viem.assertions.emitWithArgs(settlement.write.settleDeposits([forward.address, [first.refSeq, 9_999n]]), settlement, 'RequestSkipped', [
          getAddress(forward.address),
          9_999n,
          STATUS.NONE,
        ]);
        assert.equal(await forward.read.balanceOf([actors.alice.account.address]), 33_333_333_333_333_333_333n);
      });

      it('should refund what buys less than the whole units (6-decimal units)', async () => {
        const { settlement, settlementAsAdmin, stablecoin, factory, params, depositRequest, cutoff, dealingDate, actors, ...rest } =
          await networkHelpers.loadFixture(deployStableNav);
        // A 6-decimal FORWARD fund: 100 / 3 = 33.333333 units costing 99.999999, 0.000001 refunded.
        const id = `0x${'61'.repeat(32)}` as const;
        await factory.write.createFund([id, { ...params, decimals: 6 }], { account: actors.admin.account });
        const six = await viem.getContractAt('FundToken', await factory.read.fundOf([id]), { client: { wallet: actors.admin } });
        await six.write.grantRole([await six.read.AGENT_ROLE(), settlement.address]);
        await settlementAsAdmin.write.setFund([six.address, 2]);
        await settlementAsAdmin.write.setStablecoin([six.address, stablecoin.address, 6, rest.treasury.account.address, 0n, 0n]);
        await settlement.write.scheduleDealingDay([six.address, dealingDate, cutoff]);
        const request = { ...depositRequest(actors.alice.account.address, usd(100)), token: six.address };
        await settlement.write.requestDeposit([request]);
        await networkHelpers.time.increaseTo(cutoff);
        await settlement.write.strikeDealingDay([six.address, dealingDate, 3n * NAV_ONE]);
        await settlement.write.settleDeposits([six.address, [request.refSeq]]);
        assert.equal(await six.read.balanceOf([actors.alice.account.address]), 33_333_333n);
        assert.equal(await stablecoin.read.balanceOf([actors.alice.account.address]), usd(99_900) + 1n);
      });
    });
  });

  describe('.rejectDepositRequest()', () => {
    it('should refund a struck request only when the token refuses its mint', async () => {
      const { settlement, stablecoin, forward, forwardAsAdmin, first, cutoff, dealingDate, actors } = await networkHelpers.loadFixture(requestedDay);
      const alice = actors.alice.account.address;
      await viem.assertions.revertWithCustomErrorWithArgs(settlement.write.rejectDepositRequest([forward.address, first.refSeq]), settlement, 'FundSettlementDealingDayNotStruck', [
        getAddress(forward.address),
        dealingDate,
      ]);
      await networkHelpers.time.increaseTo(cutoff);
      await settlement.write.strikeDealingDay([forward.address, dealingDate, NAV_ONE]);
      await viem.assertions.revertWithCustomErrorWithArgs(settlement.write.rejectDepositRequest([forward.address, first.refSeq]), settlement, 'FundSettlementRequestSettleable', [
        getAddress(forward.address),
        first.refSeq,
      ]);
      // The fund narrows its classes to institutional investors: alice (professional) can no longer hold it.
      await forwardAsAdmin.write.setComplianceRules([1 << 3, 100, units(1_000_000), 0]);
      await viem.assertions.emitWithArgs(settlement.write.rejectDepositRequest([forward.address, first.refSeq]), settlement, 'DepositRequestRejected', [
        getAddress(forward.address),
        getAddress(alice),
        first.orderRef,
        first.refSeq,
        getAddress(stablecoin.address),
        usd(100),
        9,
      ]);
      assert.equal(await stablecoin.read.balanceOf([alice]), usd(100_000));
      assert.equal((await settlement.read.depositRequestOf([forward.address, first.refSeq]))[0], STATUS.REJECTED);
      await viem.assertions.revertWithCustomError(settlement.write.rejectDepositRequest([forward.address, first.refSeq]), settlement, 'FundSettlementRequestNotPending');
    });
  });

  describe('pause', () => {
    it('should stop requests, cancellations, settlements and rejections', async () => {
      const { settlement, settlementAsAdmin, stablecoin, forward, forwardAsAdmin, first, depositRequest, actors } = await networkHelpers.loadFixture(requestedDay);
      const next = depositRequest(actors.alice.account.address, usd(1));
      await settlementAsAdmin.write.pause();
      for (const call of [
        () => settlement.write.requestDeposit([next]),
        () => settlement.write.cancelDepositRequest([forward.address, first.refSeq]),
        () => settlement.write.settleDeposits([forward.address, [first.refSeq]]),
        () => settlement.write.rejectDepositRequest([forward.address, first.refSeq]),
      ]) {
        await viem.assertions.revertWithCustomError(call(), settlement, 'FundSettlementEnforcedPause');
      }
      await settlementAsAdmin.write.unpause();
      await forwardAsAdmin.write.pause();
      for (const call of [
        () => settlement.write.cancelDepositRequest([forward.address, first.refSeq]),
        () => settlement.write.settleDeposits([forward.address, [first.refSeq]]),
        () => settlement.write.rejectDepositRequest([forward.address, first.refSeq]),
      ]) {
        await viem.assertions.revertWithCustomErrorWithArgs(call(), settlement, 'FundSettlementFundPaused', [getAddress(forward.address)]);
      }
      assert.equal(await stablecoin.read.balanceOf([settlement.address]), usd(1_100) - 1n);
    });
  });
});
