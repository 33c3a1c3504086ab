// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {FundSettlement} from "../src/FundSettlement.sol";
import {FundToken} from "../src/FundToken.sol";
import {FundFactory} from "../src/FundFactory.sol";
import {IdentityRegistry} from "../src/IdentityRegistry.sol";
import {IFundFactory} from "../src/interfaces/IFundFactory.sol";
import {IFundSettlement} from "../src/interfaces/IFundSettlement.sol";
import {IFundToken} from "../src/interfaces/IFundToken.sol";
import {TestStablecoin} from "../src/test/TestStablecoin.sol";
import {RefusingStablecoin} from "./mocks/SettlementMocks.sol";
import {SettlementFixture} from "./SettlementBase.sol";

/// @dev STABLE_NAV: atomic subscriptions (approval and permit) and instant redemptions with their caps.
contract FundSettlementAtomicTest is SettlementFixture {
    function test_subscribeWithApproval() public {
        IFundSettlement.Subscription memory order = subscription(ALICE, 250e6, 250e6);
        vmx.expectEmit();
        emit IFundToken.Minted(ALICE, 250e6, order.refSeq, order.orderRef);
        vmx.expectEmit();
        emit IERC20.Transfer(ALICE, TREASURY, 250e6);
        vmx.expectEmit();
        emit IFundSettlement.Subscribed(address(token), order.orderRef, NAV_ONE);
        (uint256 units, uint256 paid) = settlement.subscribe(order);
        assertEq(units, 250e6, "units");
        assertEq(paid, 250e6, "paid");
        assertEq(token.balanceOf(ALICE), 250e6, "units minted to the payer");
        assertEq(usd.balanceOf(ALICE), 9_750e6, "payer debited");
        assertEq(usd.balanceOf(TREASURY), 1_000_250e6, "treasury credited");
        assertTrue(token.isReferenceUsed(order.refSeq), "reference applied");
    }

    function test_subscribePaysOnlyTheCostAtAnOddNav() public {
        settlement.setNav(address(token), 3e8);
        // 100.000000 / 3 = 33.333333 units (floor), costing 99.999999: 0.000001 stays with the investor.
        (uint256 units, uint256 paid) = settlement.subscribe(subscription(ALICE, 100e6, 0));
        assertEq(units, 33_333_333, "units");
        assertEq(paid, 99_999_999, "cost");
        assertEq(usd.balanceOf(ALICE), 10_000e6 - 99_999_999, "remainder stays with the investor");
        // At 1.03 a base unit costs 1.03 base units: 97.087378 units cost 99.9999993..., rounded up to 100.
        settlement.setNav(address(token), 1.03e8);
        (units, paid) = settlement.subscribe(subscription(ALICE, 100e6, 0));
        assertEq(units, 97_087_378, "units at 1.03");
        assertEq(paid, 100e6, "cost rounded up in the fund's favour");
        (uint256 previewUnits, uint256 previewCost) = settlement.previewSubscribe(address(token), address(usd), 100e6);
        assertEq(previewUnits, units, "preview units");
        assertEq(previewCost, paid, "preview cost");
    }

    function test_subscribeRefusals() public {
        IFundSettlement.Subscription memory order = subscription(ALICE, 100e6, 101e6);
        vm.expectRevert(abi.encodeWithSelector(IFundSettlement.FundSettlementBelowMinimum.selector, 100e6, 101e6));
        settlement.subscribe(order);

        order = subscription(ALICE, uint256(type(uint96).max) + 1, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IFundSettlement.FundSettlementAmountTooLarge.selector, uint256(type(uint96).max) + 1)
        );
        settlement.subscribe(order);

        settlement.setNav(address(token), 2e8);
        order = subscription(ALICE, 1, 0); // half a base unit: nothing to mint
        expectSettlementError(IFundSettlement.FundSettlementZeroAmount.selector);
        settlement.subscribe(order);

        order = subscription(ALICE, 20_000e6, 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementInsufficientBalance.selector, ALICE, 10_000e6, 20_000e6
            )
        );
        settlement.subscribe(order);

        // No approval: the allowance is named.
        order = subscription(permitInvestor, 10e6, 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementInsufficientAllowance.selector, permitInvestor, 0, 10e6
            )
        );
        settlement.subscribe(order);

        // Not verified: the mint refuses first, whatever the stablecoin; nothing moves.
        order = subscription(NOBODY, 10e6, 0);
        vm.expectRevert(abi.encodeWithSelector(IFundToken.FundTokenNotVerified.selector, NOBODY, uint64(0)));
        settlement.subscribe(order);
        usd.mint(NOBODY, 10e6);
        vm.prank(NOBODY);
        usd.approve(address(settlement), 10e6);
        order = subscription(NOBODY, 10e6, 0);
        vm.expectRevert(abi.encodeWithSelector(IFundToken.FundTokenNotVerified.selector, NOBODY, uint64(0)));
        settlement.subscribe(order);
        assertEq(usd.balanceOf(NOBODY), 10e6, "nothing moved");

        // A used reference: the token's guard, nothing moves.
        mint(BOB, 1); // uses nextRef
        order = subscription(BOB, 10e6, 0);
        order.refSeq = nextRef - 2;
        vm.expectRevert(abi.encodeWithSelector(IFundToken.FundTokenReferenceUsed.selector, nextRef - 2));
        settlement.subscribe(order);
        assertEq(usd.balanceOf(BOB), 10_000e6, "nothing moved for a used reference");
    }

    function test_subscribeNeedsAConfiguredStableNavFund() public {
        IFundSettlement.Subscription memory order = subscription(ALICE, 10e6, 0);
        order.token = address(forward);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementWrongFundMode.selector, address(forward), IFundSettlement.FundMode.FORWARD
            )
        );
        settlement.subscribe(order);

        order.token = address(token);
        order.stablecoin = address(0xC0FFEE);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementStablecoinNotAccepted.selector, address(token), address(0xC0FFEE)
            )
        );
        settlement.subscribe(order);

        FundToken fresh = FundToken(factory.createFund(keccak256("fresh"), params()));
        settlement.setFund(address(fresh), IFundSettlement.FundMode.STABLE_NAV);
        order.token = address(fresh);
        vm.expectRevert(abi.encodeWithSelector(IFundSettlement.FundSettlementNavNotSet.selector, address(fresh)));
        settlement.subscribe(order);
    }

    /// @dev A route holds copies of its fund's mode, unit decimals and NAV (one read per atomic call): setFund,
    ///      setNav and setStablecoin keep every route of the fund equal to the fund, removed ones included.
    function test_routesFollowTheirFund() public {
        TestStablecoin other = new TestStablecoin("Other USD", "OUSD", 6);
        other.mint(ALICE, 1_000e6);
        vm.prank(ALICE);
        other.approve(address(settlement), type(uint256).max);
        FundToken fresh = FundToken(factory.createFund(keccak256("fresh"), params()));
        fresh.grantRole(fresh.AGENT_ROLE(), address(settlement));
        settlement.setFund(address(fresh), IFundSettlement.FundMode.STABLE_NAV);
        // Routes set before the NAV: refused until it is set, then priced at it.
        settlement.setStablecoin(address(fresh), address(usd), 6, TREASURY, FUND_CAP, INVESTOR_CAP);
        settlement.setStablecoin(address(fresh), address(other), 6, TREASURY, FUND_CAP, INVESTOR_CAP);
        IFundSettlement.Subscription memory order = subscription(ALICE, 100e6, 0);
        order.token = address(fresh);
        vm.expectRevert(abi.encodeWithSelector(IFundSettlement.FundSettlementNavNotSet.selector, address(fresh)));
        settlement.subscribe(order);
        settlement.setNav(address(fresh), 2e8);
        (uint256 units,) = settlement.subscribe(order);
        assertEq(units, 50e6, "the first route at the NAV set after it");
        order = subscription(ALICE, 100e6, 0);
        (order.token, order.stablecoin) = (address(fresh), address(other));
        (units,) = settlement.subscribe(order);
        assertEq(units, 50e6, "the second route too");
        // A mode change reaches every route: refused as the fund's mode, then accepted again.
        settlement.setFund(address(fresh), IFundSettlement.FundMode.FORWARD);
        order = subscription(ALICE, 100e6, 0);
        (order.token, order.stablecoin) = (address(fresh), address(other));
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementWrongFundMode.selector, address(fresh), IFundSettlement.FundMode.FORWARD
            )
        );
        settlement.subscribe(order);
        settlement.setFund(address(fresh), IFundSettlement.FundMode.STABLE_NAV);
        (units,) = settlement.subscribe(order);
        assertEq(units, 50e6, "accepted again in STABLE_NAV");
        // A removed route follows the NAV too, and a route set again is not listed twice.
        settlement.removeStablecoin(address(fresh), address(other));
        settlement.setNav(address(fresh), 4e8);
        settlement.setStablecoin(address(fresh), address(other), 6, TREASURY, FUND_CAP, INVESTOR_CAP);
        settlement.setStablecoin(address(fresh), address(usd), 6, TREASURY, FUND_CAP, INVESTOR_CAP);
        order = subscription(ALICE, 100e6, 0);
        (order.token, order.stablecoin) = (address(fresh), address(other));
        (units,) = settlement.subscribe(order);
        assertEq(units, 25e6, "the re-accepted route at the current NAV");
        IFundSettlement.Redemption memory out = redemption(ALICE, 25e6, 0);
        out.token = address(fresh);
        assertEq(settlement.redeem(out), 100e6, "redeemed at the current NAV");
    }

    function test_subscribeWithPermit() public {
        IFundSettlement.Subscription memory order = subscription(permitInvestor, 300e6, 0);
        IFundSettlement.Permit memory permit = signPermit(300e6, NOW + 60);
        settlement.subscribeWithPermit(order, permit);
        assertEq(token.balanceOf(permitInvestor), 300e6, "units");
        assertEq(usd.balanceOf(permitInvestor), 9_700e6, "paid");
        assertEq(usd.allowance(permitInvestor, address(settlement)), 0, "the permit's allowance is spent");
        assertEq(usd.nonces(permitInvestor), 1, "nonce used");
    }

    function test_subscribeWithAFrontRunPermit() public {
        IFundSettlement.Subscription memory order = subscription(permitInvestor, 300e6, 0);
        IFundSettlement.Permit memory permit = signPermit(300e6, NOW + 60);
        // Someone who saw the signature submits it first: the allowance exists, the subscription still works.
        usd.permit(permitInvestor, address(settlement), 300e6, permit.deadline, permit.v, permit.r, permit.s);
        settlement.subscribeWithPermit(order, permit);
        assertEq(token.balanceOf(permitInvestor), 300e6, "units");
    }

    function test_subscribeWithABadPermit() public {
        IFundSettlement.Subscription memory order = subscription(permitInvestor, 300e6, 0);
        // Signed for less than the order: it does not apply, and the allowance is what is missing.
        IFundSettlement.Permit memory permit = signPermit(200e6, NOW + 60);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementInsufficientAllowance.selector, permitInvestor, 0, 300e6
            )
        );
        settlement.subscribeWithPermit(order, permit);

        permit = signPermit(300e6, NOW - 1);
        vm.expectRevert(abi.encodeWithSelector(IFundSettlement.FundSettlementPermitExpired.selector, NOW - 1));
        settlement.subscribeWithPermit(order, permit);

        // Not sent to a stablecoin the fund does not accept.
        order.stablecoin = address(registry);
        permit = signPermit(300e6, NOW + 60);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementStablecoinNotAccepted.selector, address(token), address(registry)
            )
        );
        settlement.subscribeWithPermit(order, permit);
    }

    function test_redeemWithinCaps() public {
        settlement.subscribe(subscription(ALICE, 1_000e6, 0));
        IFundSettlement.Redemption memory order = redemption(ALICE, 150e6, 150e6);
        vmx.expectEmit();
        emit IFundToken.Burned(ALICE, 150e6, order.refSeq, order.orderRef);
        vmx.expectEmit();
        emit IERC20.Transfer(TREASURY, ALICE, 150e6);
        vmx.expectEmit();
        emit IFundSettlement.Redeemed(address(token), order.orderRef, NAV_ONE);
        assertEq(settlement.redeem(order), 150e6, "paid");
        assertEq(token.balanceOf(ALICE), 850e6, "units burned");
        assertEq(usd.balanceOf(ALICE), 9_150e6, "stablecoin received");
        (uint256 redeemed, uint256 remaining) = settlement.fundRedeemedToday(address(token), address(usd));
        assertEq(redeemed, 150e6, "fund usage");
        assertEq(remaining, FUND_CAP - 150e6, "fund remaining");
        (redeemed, remaining) = settlement.investorRedeemedToday(address(token), address(usd), ALICE2);
        assertEq(redeemed, 150e6, "the investor's usage, seen from its other wallet");
        assertEq(remaining, INVESTOR_CAP - 150e6, "investor remaining");
        assertEq(settlement.previewRedeem(address(token), address(usd), 10e6), 10e6, "preview");
    }

    function test_redeemInvestorCapIsPerIdentity() public {
        settlement.subscribe(subscription(ALICE, 1_000e6, 0));
        settlement.subscribe(subscription(ALICE2, 1_000e6, 0));
        settlement.redeem(redemption(ALICE, 300e6, 0));
        // ALICE2 is the same investor: 300 + 101 > 400.
        IFundSettlement.Redemption memory order = redemption(ALICE2, 101e6, 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementInvestorCapExceeded.selector,
                address(token),
                address(usd),
                INVESTOR_A,
                300e6,
                101e6,
                INVESTOR_CAP
            )
        );
        settlement.redeem(order);
        settlement.redeem(redemption(ALICE2, 100e6, 0));
        // The next UTC day starts afresh (at 00:00 UTC).
        vm.warp(86_400);
        settlement.redeem(redemption(ALICE2, 400e6, 0));
        (uint256 redeemed,) = settlement.investorRedeemedToday(address(token), address(usd), ALICE);
        assertEq(redeemed, 400e6, "usage of the new day");
    }

    function test_redeemFundCap() public {
        settlement.setStablecoin(address(token), address(usd), 6, TREASURY, 500e6, 400e6);
        settlement.subscribe(subscription(ALICE, 1_000e6, 0));
        settlement.subscribe(subscription(BOB, 1_000e6, 0));
        settlement.redeem(redemption(ALICE, 400e6, 0));
        IFundSettlement.Redemption memory order = redemption(BOB, 101e6, 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementFundCapExceeded.selector, address(token), address(usd), 400e6, 101e6, 500e6
            )
        );
        settlement.redeem(order);
        // Lowering the cap below today's usage leaves nothing for today; the usage is kept.
        settlement.setStablecoin(address(token), address(usd), 6, TREASURY, 300e6, 400e6);
        (uint256 redeemed, uint256 remaining) = settlement.fundRedeemedToday(address(token), address(usd));
        assertEq(redeemed, 400e6, "usage kept");
        assertEq(remaining, 0, "nothing left");
        // Tomorrow, nothing redeemed yet.
        vm.warp(86_400 * 2);
        (redeemed, remaining) = settlement.fundRedeemedToday(address(token), address(usd));
        assertEq(redeemed, 0, "new day");
        assertEq(remaining, 300e6, "full cap");
        (redeemed, remaining) = settlement.investorRedeemedToday(address(token), address(usd), ALICE);
        assertEq(redeemed, 0, "investor's new day");
        assertEq(remaining, 400e6, "investor's full cap");
        // A cap of zero: no instant redemption at all.
        settlement.setStablecoin(address(token), address(usd), 6, TREASURY, 0, 0);
        order = redemption(BOB, 1e6, 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementFundCapExceeded.selector, address(token), address(usd), 0, 1e6, 0
            )
        );
        settlement.redeem(order);
    }

    function test_redeemRefusals() public {
        settlement.subscribe(subscription(ALICE, 300e6, 0));
        settlement.setNav(address(token), 0.5e8);
        IFundSettlement.Redemption memory order = redemption(ALICE, 100e6, 51e6);
        vm.expectRevert(abi.encodeWithSelector(IFundSettlement.FundSettlementBelowMinimum.selector, 50e6, 51e6));
        settlement.redeem(order);

        order = redemption(ALICE, 1, 0); // worth half a base unit
        expectSettlementError(IFundSettlement.FundSettlementZeroAmount.selector);
        settlement.redeem(order);

        settlement.setNav(address(token), type(uint64).max);
        order = redemption(ALICE, type(uint128).max, 0);
        uint256 huge = settlement.priceRedemption(type(uint128).max, 6, type(uint64).max, 6);
        vm.expectRevert(abi.encodeWithSelector(IFundSettlement.FundSettlementAmountTooLarge.selector, huge));
        settlement.redeem(order);
        settlement.setNav(address(token), NAV_ONE);

        // More units than held: the token's error, nothing moves.
        order = redemption(ALICE, 301e6, 0);
        vm.expectRevert(abi.encodeWithSignature("ERC20InsufficientBalance(address,uint256,uint256)", ALICE, 300e6, 301e6));
        settlement.redeem(order);

        // An unverified holder is not paid in stablecoin (the token's own burn remains its exit).
        registry.registerIdentity(STRANGER, bytes32(uint256(0x57) << 200), US, 1, EXPIRY);
        mint(STRANGER, 5e6);
        registry.removeIdentity(STRANGER);
        order = redemption(STRANGER, 5e6, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IFundSettlement.FundSettlementWalletNotVerified.selector, STRANGER, uint64(0))
        );
        settlement.redeem(order);
        vm.warp(NOW + 10);
        order = redemption(ERIN, 1e6, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IFundSettlement.FundSettlementWalletNotVerified.selector, ERIN, uint64(NOW + 10))
        );
        settlement.redeem(order);
    }

    function test_redeemTreasuryShortfall() public {
        settlement.subscribe(subscription(ALICE, 100e6, 0));
        vm.prank(TREASURY);
        usd.approve(address(settlement), 10e6);
        IFundSettlement.Redemption memory order = redemption(ALICE, 50e6, 0);
        uint256 treasuryBalance = usd.balanceOf(TREASURY);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementTreasuryShortfall.selector, TREASURY, treasuryBalance, 10e6, 50e6
            )
        );
        settlement.redeem(order);
        vm.prank(TREASURY);
        usd.approve(address(settlement), 50e6);
        vm.prank(TREASURY);
        usd.transfer(BOB, treasuryBalance - 1e6);
        vm.expectRevert(
            abi.encodeWithSelector(IFundSettlement.FundSettlementTreasuryShortfall.selector, TREASURY, 1e6, 50e6, 50e6)
        );
        settlement.redeem(order);
        assertEq(token.balanceOf(ALICE), 100e6, "units not burned");
        (uint256 redeemed,) = settlement.fundRedeemedToday(address(token), address(usd));
        assertEq(redeemed, 0, "caps not used");
    }

    function test_redeemNeedsAConfiguredStableNavFund() public {
        IFundSettlement.Redemption memory order = redemption(ALICE, 10e6, 0);
        order.token = address(forward);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementWrongFundMode.selector, address(forward), IFundSettlement.FundMode.FORWARD
            )
        );
        settlement.redeem(order);
        order.token = address(token);
        order.stablecoin = address(0xC0FFEE);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementStablecoinNotAccepted.selector, address(token), address(0xC0FFEE)
            )
        );
        settlement.redeem(order);
        FundToken fresh = FundToken(factory.createFund(keccak256("fresh"), params()));
        settlement.setFund(address(fresh), IFundSettlement.FundMode.STABLE_NAV);
        order.token = address(fresh);
        vm.expectRevert(abi.encodeWithSelector(IFundSettlement.FundSettlementNavNotSet.selector, address(fresh)));
        settlement.redeem(order);
    }

    function test_pauseStopsBoth() public {
        settlement.subscribe(subscription(ALICE, 100e6, 0));
        vmx.expectEmit();
        emit IFundSettlement.Paused(address(this));
        settlement.pause();
        assertTrue(settlement.paused(), "paused");
        IFundSettlement.Subscription memory order = subscription(ALICE, 10e6, 0);
        expectSettlementError(IFundSettlement.FundSettlementEnforcedPause.selector);
        settlement.subscribe(order);
        IFundSettlement.Redemption memory out = redemption(ALICE, 10e6, 0);
        expectSettlementError(IFundSettlement.FundSettlementEnforcedPause.selector);
        settlement.redeem(out);
        expectSettlementError(IFundSettlement.FundSettlementEnforcedPause.selector);
        settlement.pause();
        settlement.unpause();
        expectSettlementError(IFundSettlement.FundSettlementExpectedPause.selector);
        settlement.unpause();

        // The fund token's pause stops both too, with the token's error; nothing moves.
        token.pause();
        expectSettlementError(IFundToken.FundTokenEnforcedPause.selector);
        settlement.subscribe(order);
        expectSettlementError(IFundToken.FundTokenEnforcedPause.selector);
        settlement.redeem(out);
        assertEq(usd.balanceOf(ALICE), 9_900e6, "nothing moved");
    }

    function test_refusingStablecoin() public {
        RefusingStablecoin refusing = new RefusingStablecoin();
        settlement.setStablecoin(address(token), address(refusing), 6, TREASURY, FUND_CAP, INVESTOR_CAP);
        refusing.mint(ALICE, 100e6);
        refusing.mint(TREASURY, 100e6);
        vm.prank(ALICE);
        refusing.approve(address(settlement), 100e6);
        vm.prank(TREASURY);
        refusing.approve(address(settlement), 100e6);
        IFundSettlement.Subscription memory order = subscription(ALICE, 50e6, 0);
        order.stablecoin = address(refusing);
        settlement.subscribe(order);
        refusing.setRefusing(true);
        order = subscription(ALICE, 50e6, 0);
        order.stablecoin = address(refusing);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementTransferFailed.selector, address(refusing), ALICE, TREASURY, 50e6
            )
        );
        settlement.subscribe(order);
        IFundSettlement.Redemption memory out = redemption(ALICE, 10e6, 0);
        out.stablecoin = address(refusing);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementTransferFailed.selector, address(refusing), TREASURY, ALICE, 10e6
            )
        );
        settlement.redeem(out);
    }

    /// @dev The hot agent (the last account granted AGENT_ROLE) skips the role mapping; every other member is
    ///      checked against it; losing the role (revoked or renounced) ends both; pause survives all of it.
    function test_agentRoleStaysRotatable() public {
        bytes32 agentRole = settlement.AGENT_ROLE();
        settlement.pause();
        settlement.grantRole(agentRole, BOB);
        settlement.grantRole(settlement.PAUSER_ROLE(), BOB);
        assertTrue(settlement.paused(), "pause kept by a grant");
        settlement.unpause();
        // BOB is the hot agent; this contract is still a member, checked against the role.
        vm.prank(BOB);
        settlement.setNav(address(token), NAV_ONE);
        settlement.setNav(address(token), NAV_ONE);
        // Revoking a member that is not the hot agent leaves BOB hot.
        settlement.revokeRole(agentRole, address(this));
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, address(this), agentRole)
        );
        settlement.setNav(address(token), NAV_ONE);
        vm.prank(BOB);
        settlement.setNav(address(token), NAV_ONE);
        // Other roles do not touch the hot agent.
        settlement.revokeRole(settlement.PAUSER_ROLE(), BOB);
        vm.prank(BOB);
        settlement.setNav(address(token), NAV_ONE);
        // The hot agent renouncing (or being revoked) loses the fast path with the role.
        settlement.pause();
        vm.prank(BOB);
        settlement.renounceRole(agentRole, BOB);
        assertTrue(settlement.paused(), "pause kept by a revocation");
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, BOB, agentRole));
        settlement.setNav(address(token), NAV_ONE);
        // Granted again, a member becomes the hot agent again.
        settlement.grantRole(agentRole, address(this));
        settlement.grantRole(agentRole, BOB);
        settlement.revokeRole(agentRole, BOB);
        settlement.grantRole(agentRole, address(this));
        settlement.setNav(address(token), NAV_ONE);
    }

    function test_onlyTheAgentMovesValue() public {
        IFundSettlement.Subscription memory order = subscription(ALICE, 10e6, 0);
        (bytes32 agentRole, bytes32 pauserRole, bytes32 configRole) =
            (settlement.AGENT_ROLE(), settlement.PAUSER_ROLE(), settlement.CONFIG_ROLE());
        vm.prank(STRANGER);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, STRANGER, agentRole)
        );
        settlement.subscribe(order);
        vm.prank(STRANGER);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, STRANGER, pauserRole)
        );
        settlement.pause();
        vm.prank(STRANGER);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, STRANGER, configRole)
        );
        settlement.setFund(address(token), IFundSettlement.FundMode.NONE);
    }
}

/// @dev Construction, configuration, pricing and views.
contract FundSettlementConfigTest is SettlementFixture {
    function test_constructor() public {
        vm.expectRevert(abi.encodeWithSelector(IFundSettlement.FundSettlementInvalidAddress.selector, address(0)));
        new FundSettlement(address(0), address(this), address(this));
        vm.expectRevert(abi.encodeWithSelector(IFundSettlement.FundSettlementInvalidAddress.selector, address(0)));
        new FundSettlement(address(registry), address(0), address(this));
        vm.expectRevert(abi.encodeWithSelector(IFundSettlement.FundSettlementInvalidAddress.selector, address(0)));
        new FundSettlement(address(registry), address(this), address(0));
        FundSettlement other = new FundSettlement(address(registry), ALICE, BOB);
        assertTrue(other.hasRole(other.DEFAULT_ADMIN_ROLE(), ALICE), "admin");
        assertTrue(other.hasRole(other.CONFIG_ROLE(), ALICE), "config");
        assertTrue(other.hasRole(other.PAUSER_ROLE(), ALICE), "pauser");
        assertTrue(other.hasRole(other.AGENT_ROLE(), BOB), "agent");
        assertFalse(other.hasRole(other.AGENT_ROLE(), ALICE), "admin is not agent");
        assertEq(other.identityRegistry(), address(registry), "registry");
        assertFalse(other.paused(), "not paused");
        assertTrue(other.supportsInterface(type(IFundSettlement).interfaceId), "IFundSettlement");
        assertTrue(other.supportsInterface(type(IAccessControl).interfaceId), "IAccessControl");
        assertTrue(other.supportsInterface(type(IERC165).interfaceId), "IERC165");
        assertFalse(other.supportsInterface(0xffffffff), "unsupported");
    }

    function test_setFund() public {
        vm.expectRevert(abi.encodeWithSelector(IFundSettlement.FundSettlementInvalidAddress.selector, address(0)));
        settlement.setFund(address(0), IFundSettlement.FundMode.STABLE_NAV);

        IdentityRegistry otherRegistry = new IdentityRegistry(address(this));
        FundFactory otherFactory = new FundFactory(address(implementation), address(otherRegistry), address(this));
        address foreign = otherFactory.createFund(keccak256("foreign"), params());
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementRegistryMismatch.selector, foreign, address(otherRegistry)
            )
        );
        settlement.setFund(foreign, IFundSettlement.FundMode.STABLE_NAV);

        IFundFactory.FundParams memory p = params();
        p.decimals = 37;
        address wide = factory.createFund(keccak256("wide"), p);
        vm.expectRevert(abi.encodeWithSelector(IFundSettlement.FundSettlementInvalidDecimals.selector, 37));
        settlement.setFund(wide, IFundSettlement.FundMode.STABLE_NAV);

        vmx.expectEmit();
        emit IFundSettlement.FundConfigured(address(token), IFundSettlement.FundMode.NONE, 6);
        settlement.setFund(address(token), IFundSettlement.FundMode.NONE);
        (IFundSettlement.FundMode mode, uint8 unitDecimals, uint256 nav) = settlement.fundOf(address(token));
        assertEq(uint8(mode), uint8(IFundSettlement.FundMode.NONE), "switched off");
        assertEq(unitDecimals, 6, "decimals");
        assertEq(nav, NAV_ONE, "NAV kept");
        IFundSettlement.Subscription memory order = subscription(ALICE, 10e6, 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementWrongFundMode.selector, address(token), IFundSettlement.FundMode.NONE
            )
        );
        settlement.subscribe(order);
    }

    function test_setNav() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementWrongFundMode.selector, address(forward), IFundSettlement.FundMode.FORWARD
            )
        );
        settlement.setNav(address(forward), NAV_ONE);
        vm.expectRevert(abi.encodeWithSelector(IFundSettlement.FundSettlementInvalidNav.selector, 0));
        settlement.setNav(address(token), 0);
        // A STABLE_NAV NAV is at most 64 bits (the routes' copies); a dealing day's may use 128.
        vm.expectRevert(
            abi.encodeWithSelector(IFundSettlement.FundSettlementInvalidNav.selector, uint256(type(uint64).max) + 1)
        );
        settlement.setNav(address(token), uint256(type(uint64).max) + 1);
        settlement.setNav(address(token), type(uint64).max);
        vmx.expectEmit();
        emit IFundSettlement.NavUpdated(address(token), 1.0001e8);
        settlement.setNav(address(token), 1.0001e8);
        (,, uint256 nav) = settlement.fundOf(address(token));
        assertEq(nav, 1.0001e8, "nav");
    }

    function test_setStablecoin() public {
        FundToken fresh = FundToken(factory.createFund(keccak256("fresh"), params()));
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementWrongFundMode.selector, address(fresh), IFundSettlement.FundMode.NONE
            )
        );
        settlement.setStablecoin(address(fresh), address(usd), 6, TREASURY, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IFundSettlement.FundSettlementInvalidAddress.selector, address(0)));
        settlement.setStablecoin(address(token), address(0), 6, TREASURY, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IFundSettlement.FundSettlementInvalidAddress.selector, address(0)));
        settlement.setStablecoin(address(token), address(usd), 6, address(0), 0, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IFundSettlement.FundSettlementInvalidAddress.selector, address(settlement))
        );
        settlement.setStablecoin(address(token), address(usd), 6, address(settlement), 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IFundSettlement.FundSettlementInvalidDecimals.selector, 37));
        settlement.setStablecoin(address(token), address(usd), 37, TREASURY, 0, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IFundSettlement.FundSettlementDecimalsMismatch.selector, address(usd), 18, 6)
        );
        settlement.setStablecoin(address(token), address(usd), 18, TREASURY, 0, 0);
        // No decimals() at all.
        vm.expectRevert(
            abi.encodeWithSelector(IFundSettlement.FundSettlementDecimalsMismatch.selector, address(registry), 6, 0)
        );
        settlement.setStablecoin(address(token), address(registry), 6, TREASURY, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IFundSettlement.FundSettlementInvalidCap.selector, 1e6 + 1, 6));
        settlement.setStablecoin(address(token), address(usd), 6, TREASURY, 1e6 + 1, 0);
        vm.expectRevert(abi.encodeWithSelector(IFundSettlement.FundSettlementInvalidCap.selector, 5, 6));
        settlement.setStablecoin(address(token), address(usd), 6, TREASURY, 0, 5);
        uint256 tooMany = (uint256(type(uint96).max) / 1e6 + 1) * 1e6;
        vm.expectRevert(abi.encodeWithSelector(IFundSettlement.FundSettlementAmountTooLarge.selector, tooMany));
        settlement.setStablecoin(address(token), address(usd), 6, TREASURY, tooMany, 0);
        // A 0-decimal coin: at most 2^64 - 1 whole coins, though 2^64 fits 96 bits.
        TestStablecoin whole = new TestStablecoin("Whole", "WHL", 0);
        uint256 overWhole = uint256(type(uint64).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(IFundSettlement.FundSettlementAmountTooLarge.selector, overWhole));
        settlement.setStablecoin(address(token), address(whole), 0, TREASURY, 0, overWhole);

        vmx.expectEmit();
        emit IFundSettlement.StablecoinConfigured(address(token), address(usd), BOB, 6, 7e6, 3e6);
        settlement.setStablecoin(address(token), address(usd), 6, BOB, 7e6, 3e6);
        (bool accepted, uint8 decimals, address treasury, uint256 fundCap, uint256 investorCap) =
            settlement.stablecoinOf(address(token), address(usd));
        assertTrue(accepted, "accepted");
        assertEq(decimals, 6, "decimals");
        assertEq(treasury, BOB, "treasury");
        assertEq(fundCap, 7e6, "fund cap in base units");
        assertEq(investorCap, 3e6, "investor cap in base units");
    }

    function test_removeStablecoin() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementStablecoinNotAccepted.selector, address(token), address(0xC0FFEE)
            )
        );
        settlement.removeStablecoin(address(token), address(0xC0FFEE));
        vmx.expectEmit();
        emit IFundSettlement.StablecoinRemoved(address(token), address(usd));
        settlement.removeStablecoin(address(token), address(usd));
        (bool accepted,, address treasury,,) = settlement.stablecoinOf(address(token), address(usd));
        assertFalse(accepted, "removed");
        assertEq(treasury, TREASURY, "treasury kept for pending requests");
        IFundSettlement.Subscription memory order = subscription(ALICE, 10e6, 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementStablecoinNotAccepted.selector, address(token), address(usd)
            )
        );
        settlement.subscribe(order);
    }

    function test_pricing() public view {
        (uint256 units, uint256 cost) = settlement.priceSubscription(1_000e6, 6, 1.25e8, 18);
        assertEq(units, 800e18, "units");
        assertEq(cost, 1_000e6, "cost");
        assertEq(settlement.priceRedemption(800e18, 18, 1.25e8, 6), 1_000e6, "redemption");
        // 18-decimal stablecoin, 6-decimal units: dust below a base unit stays with the investor.
        (units, cost) = settlement.priceSubscription(1e18 + 7, 18, 3e8, 6);
        assertEq(units, 333_333, "units floor");
        assertEq(cost, 999_999e12, "cost ceil");
        // Beyond 256 bits: saturates, rejected by every caller as too large.
        assertEq(
            settlement.priceRedemption(type(uint256).max, 0, type(uint128).max, 36), type(uint256).max, "saturated"
        );
    }

    function test_pricingRejectsBadInput() public {
        vm.expectRevert(abi.encodeWithSelector(IFundSettlement.FundSettlementInvalidDecimals.selector, 37));
        settlement.priceSubscription(1, 37, NAV_ONE, 6);
        vm.expectRevert(abi.encodeWithSelector(IFundSettlement.FundSettlementInvalidDecimals.selector, 37));
        settlement.priceRedemption(1, 37, NAV_ONE, 6);
        vm.expectRevert(abi.encodeWithSelector(IFundSettlement.FundSettlementInvalidNav.selector, 0));
        settlement.priceSubscription(1, 6, 0, 6);
        vm.expectRevert(
            abi.encodeWithSelector(IFundSettlement.FundSettlementAmountTooLarge.selector, uint256(type(uint96).max) + 1)
        );
        settlement.priceSubscription(uint256(type(uint96).max) + 1, 6, NAV_ONE, 6);
    }

    function test_previewsCheckTheFund() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementWrongFundMode.selector, address(forward), IFundSettlement.FundMode.FORWARD
            )
        );
        settlement.previewSubscribe(address(forward), address(usd), 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementWrongFundMode.selector, address(forward), IFundSettlement.FundMode.FORWARD
            )
        );
        settlement.previewRedeem(address(forward), address(usd), 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundSettlement.FundSettlementStablecoinNotAccepted.selector, address(token), address(0xC0FFEE)
            )
        );
        settlement.previewSubscribe(address(token), address(0xC0FFEE), 1);
        vm.expectRevert(
            abi.encodeWithSelector(IFundSettlement.FundSettlementAmountTooLarge.selector, uint256(type(uint96).max) + 1)
        );
        settlement.previewSubscribe(address(token), address(usd), uint256(type(uint96).max) + 1);
        FundToken fresh = FundToken(factory.createFund(keccak256("fresh"), params()));
        settlement.setFund(address(fresh), IFundSettlement.FundMode.STABLE_NAV);
        vm.expectRevert(abi.encodeWithSelector(IFundSettlement.FundSettlementNavNotSet.selector, address(fresh)));
        settlement.previewSubscribe(address(fresh), address(usd), 1);
        vm.expectRevert(abi.encodeWithSelector(IFundSettlement.FundSettlementNavNotSet.selector, address(fresh)));
        settlement.previewRedeem(address(fresh), address(usd), 1);
    }

    function test_investorUsageOfAnUnregisteredWallet() public view {
        (uint256 redeemed, uint256 remaining) = settlement.investorRedeemedToday(address(token), address(usd), NOBODY);
        assertEq(redeemed, 0, "no usage");
        assertEq(remaining, 0, "no investor, no cap");
    }

    function test_testStablecoinIsLocalOnly() public {
        TestStablecoin local = new TestStablecoin("Local", "LCL", 18);
        assertEq(local.decimals(), 18, "decimals");
        local.mint(ALICE, 5);
        assertEq(local.balanceOf(ALICE), 5, "faucet");
        vmx.chainId(1337);
        new TestStablecoin("Dev", "DEV", 6);
        vmx.chainId(1);
        vm.expectRevert(abi.encodeWithSelector(TestStablecoin.TestStablecoinNotLocalChain.selector, 1));
        new TestStablecoin("Main", "MAIN", 6);
    }
}
