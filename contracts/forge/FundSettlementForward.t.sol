// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IFundSettlement} from "../src/interfaces/IFundSettlement.sol";
import {RefusingStablecoin} from "./mocks/SettlementMocks.sol";
import {SettlementFixture} from "./SettlementBase.sol";

/// @dev FORWARD: deposit requests in escrow, dealing days, strike, settlement, cancellation and rejection.
contract FundSettlementForwardTest is SettlementFixture {
    function status(uint256 refSeq) internal view returns (IFundSettlement.RequestStatus s) {
        (s,,,,,) = settlement.depositRequestOf(address(forward), refSeq);
    }

    function strike(uint256 nav) internal {
        vm.warp(CUTOFF);
        settlement.strikeDealingDay(address(forward), DEALING_DATE, nav);
    }

    function test_requestDepositEscrows() public {
        IFundSettlement.DepositRequest memory request = depositRequest(ALICE, 500e6);
        vmx.expectEmit();
        emit IFundSettlement.DepositRequested(
            address(forward), ALICE, request.orderRef, request.refSeq, address(usd), 500e6, DEALING_DATE
        );
        settlement.requestDeposit(request);
        assertEq(usd.balanceOf(address(settlement)), 500e6, "escrowed");
        assertEq(usd.balanceOf(ALICE), 9_500e6, "paid");
        (
            IFundSettlement.RequestStatus s,
            address investor,
            address stablecoin,
            uint256 amount,
            uint32 dealingDate,
            bytes32 orderRef
        ) = settlement.depositRequestOf(address(forward), request.refSeq);
        assertEq(uint8(s), uint8(IFundSettlement.RequestStatus.PENDING), "pending");
        assertEq(investor, ALICE, "investor");
        assertEq(stablecoin, address(usd), "stablecoin");
        assertEq(amount, 500e6, "amount");
        assertEq(dealingDate, DEALING_DATE, "dealing date");
        assertEq(orderRef, request.orderRef, "order ref");
        assertEq(forward.balanceOf(ALICE), 0, "no units before the strike");
    }

    function test_requestDepositWithPermit() public {
        IFundSettlement.DepositRequest memory request = depositRequest(permitInvestor, 200e6);
        settlement.requestDepositWithPermit(request, signPermit(200e6, NOW + 60));
        assertEq(usd.balanceOf(address(settlement)), 200e6, "escrowed");
        request = depositRequest(permitInvestor, 200e6);
        IFundSettlement.Permit memory permit = signPermit(200e6, NOW - 1);
        vm.expectRevert(abi.encodeWithSelector(IFundSettlement.FundSettlementPermitExpired.selector, NOW - 1));
        settlement.requestDepositWithPermit(request, permit);
        request.stablecoin = address(0xC0FFEE);
        permit = signPermit(200e6, NOW + 60);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementStablecoinNotAccepted.selector, address(forward), address(0xC0FFEE)
            )
        );
        settlement.requestDepositWithPermit(request, permit);
    }

    function test_requestDepositRefusals() public {
        IFundSettlement.DepositRequest memory request = depositRequest(ALICE, 100e6);
        request.token = address(token);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementWrongFundMode.selector, address(token), IFundSettlement.FundMode.STABLE_NAV
            )
        );
        settlement.requestDeposit(request);

        request = depositRequest(ALICE, 100e6);
        request.stablecoin = address(0xC0FFEE);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementStablecoinNotAccepted.selector, address(forward), address(0xC0FFEE)
            )
        );
        settlement.requestDeposit(request);

        request = depositRequest(NOBODY, 100e6);
        vm.expectRevert(
            abi.encodeWithSelector(IFundSettlement.FundSettlementWalletNotVerified.selector, NOBODY, uint64(0))
        );
        settlement.requestDeposit(request);

        request = depositRequest(CAROL, 100e6); // class 3: the fund would not mint to her
        vm.expectRevert(
            abi.encodeWithSelector(IFundSettlement.FundSettlementNotEligible.selector, address(forward), CAROL)
        );
        settlement.requestDeposit(request);

        request = depositRequest(ALICE, 0);
        expectSettlementError(IFundSettlement.FundSettlementZeroAmount.selector);
        settlement.requestDeposit(request);

        request = depositRequest(ALICE, uint256(type(uint96).max) + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IFundSettlement.FundSettlementAmountTooLarge.selector, uint256(type(uint96).max) + 1)
        );
        settlement.requestDeposit(request);

        request = depositRequest(ALICE, 100e6);
        request.dealingDate = DEALING_DATE + 1;
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementDealingDayNotScheduled.selector, address(forward), DEALING_DATE + 1
            )
        );
        settlement.requestDeposit(request);

        request = depositRequest(ALICE, 20_000e6);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementInsufficientBalance.selector, ALICE, 10_000e6, 20_000e6
            )
        );
        settlement.requestDeposit(request);

        // The refSeq: a request of its own, or a mint of the token, uses it.
        request = depositRequest(ALICE, 100e6);
        settlement.requestDeposit(request);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementReferenceUsed.selector, address(forward), request.refSeq
            )
        );
        settlement.requestDeposit(request);
        forward.mint(BOB, 1, 77, bytes32("direct"));
        request = depositRequest(BOB, 100e6);
        request.refSeq = 77;
        vm.expectRevert(abi.encodeWithSelector(IFundSettlement.FundSettlementReferenceUsed.selector, address(forward), 77));
        settlement.requestDeposit(request);

        vm.warp(CUTOFF);
        request = depositRequest(ALICE, 100e6);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementCutoffPassed.selector, address(forward), DEALING_DATE, CUTOFF
            )
        );
        settlement.requestDeposit(request);
    }

    function test_cancelBeforeCutoffRefunds() public {
        IFundSettlement.DepositRequest memory request = depositRequest(ALICE, 300e6);
        settlement.requestDeposit(request);
        vmx.expectEmit();
        emit IFundSettlement.DepositRequestCancelled(
            address(forward), ALICE, request.orderRef, request.refSeq, address(usd), 300e6
        );
        settlement.cancelDepositRequest(address(forward), request.refSeq);
        assertEq(usd.balanceOf(ALICE), 10_000e6, "refunded in full");
        assertEq(usd.balanceOf(address(settlement)), 0, "escrow empty");
        assertEq(uint8(status(request.refSeq)), uint8(IFundSettlement.RequestStatus.CANCELLED), "cancelled");
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementRequestNotPending.selector,
                address(forward),
                request.refSeq,
                IFundSettlement.RequestStatus.CANCELLED
            )
        );
        settlement.cancelDepositRequest(address(forward), request.refSeq);
        // A cancelled request's refSeq is never reused.
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementReferenceUsed.selector, address(forward), request.refSeq
            )
        );
        settlement.requestDeposit(request);
    }

    function test_cancelAfterCutoffRefused() public {
        IFundSettlement.DepositRequest memory request = depositRequest(ALICE, 300e6);
        settlement.requestDeposit(request);
        vm.warp(CUTOFF);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementCutoffPassed.selector, address(forward), DEALING_DATE, CUTOFF
            )
        );
        settlement.cancelDepositRequest(address(forward), request.refSeq);
    }

    function test_scheduleDealingDay() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementWrongFundMode.selector, address(token), IFundSettlement.FundMode.STABLE_NAV
            )
        );
        settlement.scheduleDealingDay(address(token), DEALING_DATE, CUTOFF);
        vm.expectRevert(abi.encodeWithSelector(IFundSettlement.FundSettlementInvalidCutoff.selector, uint64(NOW)));
        settlement.scheduleDealingDay(address(forward), DEALING_DATE, uint64(NOW));
        // Moved while open.
        vmx.expectEmit();
        emit IFundSettlement.DealingDayScheduled(address(forward), DEALING_DATE, CUTOFF + 60);
        settlement.scheduleDealingDay(address(forward), DEALING_DATE, CUTOFF + 60);
        (uint64 cutoff, uint256 nav) = settlement.dealingDayOf(address(forward), DEALING_DATE);
        assertEq(cutoff, CUTOFF + 60, "moved");
        assertEq(nav, 0, "not struck");
        // Closed once passed.
        vm.warp(CUTOFF + 60);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementCutoffPassed.selector, address(forward), DEALING_DATE, CUTOFF + 60
            )
        );
        settlement.scheduleDealingDay(address(forward), DEALING_DATE, CUTOFF + 7200);
    }

    function test_strikeDealingDay() public {
        vm.expectRevert(abi.encodeWithSelector(IFundSettlement.FundSettlementInvalidNav.selector, 0));
        settlement.strikeDealingDay(address(forward), DEALING_DATE, 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementDealingDayNotScheduled.selector, address(forward), DEALING_DATE + 1
            )
        );
        settlement.strikeDealingDay(address(forward), DEALING_DATE + 1, NAV_ONE);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementCutoffNotReached.selector, address(forward), DEALING_DATE, CUTOFF
            )
        );
        settlement.strikeDealingDay(address(forward), DEALING_DATE, NAV_ONE);
        vm.warp(CUTOFF);
        vmx.expectEmit();
        emit IFundSettlement.DealingDayStruck(address(forward), DEALING_DATE, 1.0025e8);
        settlement.strikeDealingDay(address(forward), DEALING_DATE, 1.0025e8);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementDealingDayStruck.selector, address(forward), DEALING_DATE
            )
        );
        settlement.strikeDealingDay(address(forward), DEALING_DATE, NAV_ONE);
        (, uint256 nav) = settlement.dealingDayOf(address(forward), DEALING_DATE);
        assertEq(nav, 1.0025e8, "struck");
    }

    function test_settleDepositsAtTheStrike() public {
        IFundSettlement.DepositRequest memory first = depositRequest(ALICE, 100e6);
        IFundSettlement.DepositRequest memory second = depositRequest(BOB, 999_999_999);
        settlement.requestDeposit(first);
        settlement.requestDeposit(second);
        uint256[] memory refSeqs = new uint256[](2);
        refSeqs[0] = first.refSeq;
        refSeqs[1] = second.refSeq;
        vm.warp(CUTOFF - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementDealingDayNotStruck.selector, address(forward), DEALING_DATE
            )
        );
        settlement.settleDeposits(address(forward), refSeqs);

        strike(3e8);
        // 100 / 3 = 33.333333 units costing 99.999999: 0.000001 refunded. 999.999999 / 3 = 333.333333 units
        // costing exactly that: nothing refunded.
        vmx.expectEmit();
        emit IFundSettlement.DepositSettled(
            address(forward), ALICE, first.orderRef, first.refSeq, address(usd), TREASURY, 99_999_999, 1, 33_333_333, 3e8
        );
        vmx.expectEmit();
        emit IFundSettlement.DepositSettled(
            address(forward), BOB, second.orderRef, second.refSeq, address(usd), TREASURY, 999_999_999, 0, 333_333_333, 3e8
        );
        settlement.settleDeposits(address(forward), refSeqs);
        assertEq(forward.balanceOf(ALICE), 33_333_333, "alice's units");
        assertEq(forward.balanceOf(BOB), 333_333_333, "bob's units");
        assertEq(usd.balanceOf(ALICE), 9_900e6 + 1, "alice's remainder refunded");
        assertEq(usd.balanceOf(TREASURY), 1_000_000e6 + 99_999_999 + 999_999_999, "treasury paid");
        assertEq(usd.balanceOf(address(settlement)), 0, "escrow empty");
        assertTrue(forward.isReferenceUsed(first.refSeq), "mint under the request's refSeq");

        // A retried batch is safe: both are skipped, nothing moves.
        vmx.expectEmit();
        emit IFundSettlement.RequestSkipped(address(forward), first.refSeq, IFundSettlement.RequestStatus.SETTLED);
        settlement.settleDeposits(address(forward), refSeqs);
        assertEq(forward.balanceOf(ALICE), 33_333_333, "minted once");
        // An unknown refSeq is skipped too.
        refSeqs[0] = 999;
        vmx.expectEmit();
        emit IFundSettlement.RequestSkipped(address(forward), 999, IFundSettlement.RequestStatus.NONE);
        settlement.settleDeposits(address(forward), refSeqs);
    }

    function test_settleTooSmallForOneUnitRefundsAll() public {
        IFundSettlement.DepositRequest memory request = depositRequest(ALICE, 1);
        settlement.requestDeposit(request);
        strike(2e8); // 0.000001 buys half a base unit
        uint256[] memory refSeqs = new uint256[](1);
        refSeqs[0] = request.refSeq;
        settlement.settleDeposits(address(forward), refSeqs);
        assertEq(forward.balanceOf(ALICE), 0, "nothing minted");
        assertEq(usd.balanceOf(ALICE), 10_000e6, "all refunded");
        assertFalse(forward.isReferenceUsed(request.refSeq), "no mint");
        assertEq(uint8(status(request.refSeq)), uint8(IFundSettlement.RequestStatus.SETTLED), "settled");
    }

    function test_settleAfterTheStablecoinWasRemoved() public {
        IFundSettlement.DepositRequest memory request = depositRequest(ALICE, 100e6);
        settlement.requestDeposit(request);
        settlement.removeStablecoin(address(forward), address(usd));
        strike(NAV_ONE);
        uint256[] memory refSeqs = new uint256[](1);
        refSeqs[0] = request.refSeq;
        settlement.settleDeposits(address(forward), refSeqs);
        assertEq(forward.balanceOf(ALICE), 100e6, "still settles");
    }

    function test_rejectWhenTheTokenRefusesTheMint() public {
        IFundSettlement.DepositRequest memory request = depositRequest(ALICE, 100e6);
        settlement.requestDeposit(request);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementDealingDayNotStruck.selector, address(forward), DEALING_DATE
            )
        );
        settlement.rejectDepositRequest(address(forward), request.refSeq);
        strike(NAV_ONE);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementRequestSettleable.selector, address(forward), request.refSeq
            )
        );
        settlement.rejectDepositRequest(address(forward), request.refSeq);

        forward.setAddressFrozen(ALICE, true); // RECIPIENT_FROZEN (3)
        vmx.expectEmit();
        emit IFundSettlement.DepositRequestRejected(
            address(forward), ALICE, request.orderRef, request.refSeq, address(usd), 100e6, 3
        );
        settlement.rejectDepositRequest(address(forward), request.refSeq);
        assertEq(usd.balanceOf(ALICE), 10_000e6, "refunded");
        assertEq(uint8(status(request.refSeq)), uint8(IFundSettlement.RequestStatus.REJECTED), "rejected");
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementRequestNotPending.selector,
                address(forward),
                request.refSeq,
                IFundSettlement.RequestStatus.REJECTED
            )
        );
        settlement.rejectDepositRequest(address(forward), request.refSeq);
    }

    function test_rejectWhenTheRefSeqWasUsedByAnotherMint() public {
        IFundSettlement.DepositRequest memory request = depositRequest(BOB, 100e6);
        settlement.requestDeposit(request);
        forward.mint(ALICE, 1, request.refSeq, bytes32("elsewhere"));
        strike(NAV_ONE);
        vmx.expectEmit();
        emit IFundSettlement.DepositRequestRejected(
            address(forward), BOB, request.orderRef, request.refSeq, address(usd), 100e6, 0
        );
        settlement.rejectDepositRequest(address(forward), request.refSeq);
        assertEq(usd.balanceOf(BOB), 10_000e6, "refunded");
    }

    function test_pauseStopsForwardMovements() public {
        IFundSettlement.DepositRequest memory request = depositRequest(ALICE, 100e6);
        settlement.requestDeposit(request);
        uint256[] memory refSeqs = new uint256[](1);
        refSeqs[0] = request.refSeq;
        IFundSettlement.DepositRequest memory next = depositRequest(ALICE, 100e6);

        settlement.pause();
        expectSettlementError(IFundSettlement.FundSettlementEnforcedPause.selector);
        settlement.requestDeposit(next);
        expectSettlementError(IFundSettlement.FundSettlementEnforcedPause.selector);
        settlement.cancelDepositRequest(address(forward), request.refSeq);
        expectSettlementError(IFundSettlement.FundSettlementEnforcedPause.selector);
        settlement.settleDeposits(address(forward), refSeqs);
        expectSettlementError(IFundSettlement.FundSettlementEnforcedPause.selector);
        settlement.rejectDepositRequest(address(forward), request.refSeq);
        settlement.unpause();

        forward.pause();
        vm.expectRevert(abi.encodeWithSelector(IFundSettlement.FundSettlementFundPaused.selector, address(forward)));
        settlement.requestDeposit(next);
        vm.expectRevert(abi.encodeWithSelector(IFundSettlement.FundSettlementFundPaused.selector, address(forward)));
        settlement.cancelDepositRequest(address(forward), request.refSeq);
        vm.expectRevert(abi.encodeWithSelector(IFundSettlement.FundSettlementFundPaused.selector, address(forward)));
        settlement.settleDeposits(address(forward), refSeqs);
        vm.expectRevert(abi.encodeWithSelector(IFundSettlement.FundSettlementFundPaused.selector, address(forward)));
        settlement.rejectDepositRequest(address(forward), request.refSeq);
        assertEq(usd.balanceOf(address(settlement)), 100e6, "escrow untouched");
    }

    function test_refundRefusedByTheStablecoin() public {
        RefusingStablecoin refusing = new RefusingStablecoin();
        settlement.setStablecoin(address(forward), address(refusing), 6, TREASURY, 0, 0);
        refusing.mint(ALICE, 100e6);
        vm.prank(ALICE);
        refusing.approve(address(settlement), 100e6);
        IFundSettlement.DepositRequest memory request = depositRequest(ALICE, 100e6);
        request.stablecoin = address(refusing);
        settlement.requestDeposit(request);
        refusing.setRefusing(true);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementTransferFailed.selector, address(refusing), address(settlement), ALICE, 100e6
            )
        );
        settlement.cancelDepositRequest(address(forward), request.refSeq);
        assertEq(uint8(status(request.refSeq)), uint8(IFundSettlement.RequestStatus.PENDING), "still pending");
    }

    function test_forwardFundSwitchedOffStillSettles() public {
        IFundSettlement.DepositRequest memory request = depositRequest(ALICE, 100e6);
        settlement.requestDeposit(request);
        settlement.setFund(address(forward), IFundSettlement.FundMode.NONE);
        strike(NAV_ONE);
        uint256[] memory refSeqs = new uint256[](1);
        refSeqs[0] = request.refSeq;
        settlement.settleDeposits(address(forward), refSeqs);
        assertEq(forward.balanceOf(ALICE), 100e6, "settled");
        assertEq(forward.totalSupply(), 100e6, "supply");
    }
}
