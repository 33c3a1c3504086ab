// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IFundToken} from "../src/interfaces/IFundToken.sol";
import {IERC7943Fungible} from "../src/interfaces/IERC7943Fungible.sol";
import {FundToken} from "../src/FundToken.sol";
import {FundFactory} from "../src/FundFactory.sol";
import {FundFixture} from "./Base.sol";

/// @dev A registry that fails every read, to check that the token passes the failure on.
contract FailingRegistry {
    error RegistryDown(uint256 code);

    fallback() external {
        revert RegistryDown(42);
    }
}

/// @dev The rules of {FundToken-_update}: each reason code through the view and through the reverting
///      movement, freezes, lock-up, caps, forced transfers and wallet recovery.
contract FundTokenRulesTest is FundFixture {
    function setUp() public override {
        super.setUp();
        mint(ALICE, 100);
    }

    /// @dev The view and the movement agree: `code` from detectTransferRestriction, `err` from transfer.
    function expectTransferRestricted(address from, address to, uint256 value, uint8 code, bytes memory err)
        internal
    {
        assertEq(token.detectTransferRestriction(from, to, value), code, "restriction code");
        assertFalse(token.canTransfer(from, to, value), "canTransfer");
        vm.prank(from);
        vm.expectRevert(err);
        token.transfer(to, value);
    }

    function test_allowedTransferHasCodeZero() public view {
        assertEq(token.detectTransferRestriction(ALICE, BOB, 100), 0, "success");
        assertTrue(token.canTransfer(ALICE, BOB, 100), "can transfer");
        assertTrue(token.canSend(ALICE), "can send");
        assertTrue(token.canReceive(BOB), "can receive");
    }

    function test_senderAndRecipientFrozen() public {
        token.setAddressFrozen(ALICE, true);
        assertTrue(token.isFrozen(ALICE), "frozen");
        assertFalse(token.canSend(ALICE), "frozen cannot send");
        assertFalse(token.canReceive(ALICE), "frozen cannot receive");
        expectTransferRestricted(
            ALICE, BOB, 1, 2, abi.encodeWithSelector(IFundToken.FundTokenAccountFrozen.selector, ALICE)
        );
        // A frozen address cannot be redeemed either until unfrozen.
        vm.expectRevert(abi.encodeWithSelector(IFundToken.FundTokenAccountFrozen.selector, ALICE));
        token.burn(ALICE, 1, 77, bytes32(0));
        token.setAddressFrozen(ALICE, false);
        assertFalse(token.isFrozen(ALICE), "unfrozen");

        token.setAddressFrozen(BOB, true);
        expectTransferRestricted(
            ALICE, BOB, 1, 3, abi.encodeWithSelector(IFundToken.FundTokenAccountFrozen.selector, BOB)
        );
        vm.expectRevert(abi.encodeWithSelector(IFundToken.FundTokenAccountFrozen.selector, BOB));
        mint(BOB, 1);
    }

    function test_verificationOfBothSides() public {
        // Unregistered recipient, then expired recipient.
        expectTransferRestricted(
            ALICE, NOBODY, 1, 5, abi.encodeWithSelector(IFundToken.FundTokenNotVerified.selector, NOBODY, uint64(0))
        );
        assertFalse(token.canReceive(NOBODY), "unregistered cannot receive");
        mint(ERIN, 10);
        vm.warp(NOW + 10);
        expectTransferRestricted(
            ALICE,
            ERIN,
            1,
            5,
            abi.encodeWithSelector(IFundToken.FundTokenNotVerified.selector, ERIN, uint64(NOW + 10))
        );
        // An expired sender cannot transfer...
        assertFalse(token.canSend(ERIN), "expired cannot send");
        expectTransferRestricted(
            ERIN, ALICE, 1, 4, abi.encodeWithSelector(IFundToken.FundTokenNotVerified.selector, ERIN, uint64(NOW + 10))
        );
        // ...but is always redeemable by the agent (the guaranteed exit).
        token.burn(ERIN, 10, 88, bytes32("exit"));
        assertEq(token.balanceOf(ERIN), 0, "redeemed");
    }

    function test_jurisdictionAndClassEligibility() public {
        expectTransferRestricted(
            ALICE, DAVE, 1, 7, abi.encodeWithSelector(IFundToken.FundTokenJurisdictionNotEligible.selector, DAVE, DE)
        );
        expectTransferRestricted(
            ALICE, CAROL, 1, 9, abi.encodeWithSelector(IFundToken.FundTokenInvestorClassNotEligible.selector, CAROL, 3)
        );
        // Make the holder ALICE ineligible on the sending side.
        token.setEligibleJurisdictions(oneJurisdiction(GB));
        expectTransferRestricted(
            ALICE, BOB, 1, 6, abi.encodeWithSelector(IFundToken.FundTokenJurisdictionNotEligible.selector, ALICE, US)
        );
        token.setEligibleJurisdictions(new uint16[](0));
        token.setComplianceRules(0x04, 0, 0, 0); // class 2 only
        expectTransferRestricted(
            ALICE, BOB, 1, 8, abi.encodeWithSelector(IFundToken.FundTokenInvestorClassNotEligible.selector, ALICE, 1)
        );
        token.setComplianceRules(0, 0, 0, 0); // no class restriction
        assertTrue(token.canTransfer(ALICE, CAROL, 1), "any class");
    }

    function test_insufficientBalance() public {
        expectTransferRestricted(
            ALICE,
            BOB,
            101,
            14,
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, ALICE, 100, 101)
        );
    }

    function test_partialFreeze() public {
        assertTrue(token.setFrozenTokens(ALICE, 60), "set frozen");
        assertEq(token.getFrozenTokens(ALICE), 60, "frozen amount");
        expectTransferRestricted(
            ALICE,
            BOB,
            41,
            13,
            abi.encodeWithSelector(IERC7943Fungible.ERC7943InsufficientUnfrozenBalance.selector, ALICE, 41, 40)
        );
        vm.prank(ALICE);
        token.transfer(BOB, 40);
        // Frozen above the balance: nothing is unfrozen.
        token.setFrozenTokens(ALICE, 500);
        expectTransferRestricted(
            ALICE,
            BOB,
            1,
            13,
            abi.encodeWithSelector(IERC7943Fungible.ERC7943InsufficientUnfrozenBalance.selector, ALICE, 1, 0)
        );
        token.setFrozenTokens(ALICE, 0);
        vm.prank(ALICE);
        token.transfer(BOB, 60);
        assertEq(token.balanceOf(BOB), 100, "all moved once unfrozen");
    }

    function test_lockupOfNewlyMintedUnits() public {
        token.setComplianceRules(0x06, 0, 0, 100);
        mint(BOB, 50);
        (uint256 locked, uint64 until) = token.lockedBalanceOf(BOB);
        assertEq(locked, 50, "locked");
        assertEq(until, NOW + 100, "until");
        vm.warp(NOW + 50);
        mint(BOB, 30); // the running lock-up grows and restarts
        (locked, until) = token.lockedBalanceOf(BOB);
        assertEq(locked, 80, "locked grows");
        assertEq(until, NOW + 150, "restarted");
        expectTransferRestricted(
            BOB,
            ALICE,
            1,
            12,
            abi.encodeWithSelector(IFundToken.FundTokenTokensLocked.selector, BOB, 1, 0, uint64(NOW + 150))
        );
        // Partly frozen and locked: the transferable part is what is neither.
        token.setComplianceRules(0x06, 0, 0, 0);
        vm.prank(ALICE);
        token.transfer(BOB, 20); // BOB: 100, of which 80 locked
        token.setFrozenTokens(BOB, 10);
        expectTransferRestricted(
            BOB,
            ALICE,
            11,
            12,
            abi.encodeWithSelector(IFundToken.FundTokenTokensLocked.selector, BOB, 11, 10, uint64(NOW + 150))
        );
        // A burn may take locked units; locked shrinks to the balance left.
        token.setFrozenTokens(BOB, 0);
        token.burn(BOB, 95, 99, bytes32(0));
        (locked,) = token.lockedBalanceOf(BOB);
        assertEq(locked, 5, "locked capped by balance");
        // After the end, everything is transferable and a new mint starts a fresh lock-up.
        vm.warp(NOW + 150);
        (locked, until) = token.lockedBalanceOf(BOB);
        assertEq(locked, 0, "expired lock");
        assertEq(until, 0, "no end");
        token.setComplianceRules(0x06, 0, 0, 100);
        mint(BOB, 7);
        (locked,) = token.lockedBalanceOf(BOB);
        assertEq(locked, 7, "fresh lock-up only counts new units");
        vm.prank(BOB);
        token.transfer(ALICE, 5);
        assertEq(token.balanceOf(BOB), 7, "unlocked units moved");
        // Burning everything leaves no locked units.
        token.burn(BOB, 7, 100, bytes32(0));
        (locked, until) = token.lockedBalanceOf(BOB);
        assertEq(locked, 0, "nothing locked");
    }

    function test_maxBalanceExceeded() public {
        token.setComplianceRules(0x06, 0, 150, 0);
        mint(BOB, 100);
        assertEq(token.detectTransferRestriction(ALICE, BOB, 50), 0, "up to the cap");
        expectTransferRestricted(
            ALICE,
            BOB,
            51,
            11,
            abi.encodeWithSelector(IFundToken.FundTokenMaxBalanceExceeded.selector, BOB, 151, 150)
        );
        // A cap lowered below a balance.
        token.setComplianceRules(0x06, 0, 90, 0);
        assertEq(token.detectTransferRestriction(ALICE, BOB, 0), 11, "already above the cap");
        assertEq(token.detectTransferRestriction(ALICE, ALICE, 100), 0, "self transfer ignores caps");
        // A mint beyond every bound reports the saturated balance.
        vm.expectRevert(
            abi.encodeWithSelector(
                IFundToken.FundTokenMaxBalanceExceeded.selector, BOB, type(uint256).max, uint256(90)
            )
        );
        mint(BOB, type(uint256).max);
    }

    function test_maxHolders() public {
        token.setComplianceRules(0x06, 2, 0, 0);
        mint(BOB, 10);
        vm.expectRevert(abi.encodeWithSelector(IFundToken.FundTokenMaxHoldersReached.selector, uint32(2)));
        mint(ALICE2, 1);
        expectTransferRestricted(
            ALICE, ALICE2, 1, 10, abi.encodeWithSelector(IFundToken.FundTokenMaxHoldersReached.selector, uint32(2))
        );
        // Moving a whole balance to a new holder keeps the count.
        assertEq(token.detectTransferRestriction(ALICE, ALICE2, 100), 0, "whole balance");
        vm.prank(ALICE);
        token.transfer(ALICE2, 100);
        assertEq(token.holderCount(), 2, "count kept");
        // Existing holders and zero values are not limited.
        mint(BOB, 1);
        assertEq(token.detectTransferRestriction(BOB, ALICE, 0), 0, "zero value");
    }

    function test_forcedTransfer() public {
        token.setAddressFrozen(ALICE, true);
        token.setFrozenTokens(ALICE, 80);
        token.setComplianceRules(0x06, 0, 0, 1000);
        // Forced: ignores the sender's frozen address and amount; frozen amount shrinks to the balance left.
        assertTrue(token.forcedTransfer(ALICE, BOB, 50), "forced");
        assertEq(token.balanceOf(BOB), 50, "bob received");
        assertEq(token.getFrozenTokens(ALICE), 50, "frozen capped to balance");
        (uint256 locked,) = token.lockedBalanceOf(BOB);
        assertEq(locked, 0, "forced transfer does not lock");
        token.forcedTransfer(ALICE, BOB, 10);
        assertEq(token.getFrozenTokens(ALICE), 40, "capped again");
        token.setFrozenTokens(ALICE, 10);
        token.forcedTransfer(ALICE, BOB, 10);
        assertEq(token.getFrozenTokens(ALICE), 10, "below balance: kept");
        // The receiver must still be verified and not frozen; the balance must suffice.
        vm.expectRevert(abi.encodeWithSelector(IFundToken.FundTokenNotVerified.selector, NOBODY, uint64(0)));
        token.forcedTransfer(ALICE, NOBODY, 1);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, ALICE, 30, 31));
        token.forcedTransfer(ALICE, BOB, 31);
        token.setAddressFrozen(BOB, true);
        vm.expectRevert(abi.encodeWithSelector(IFundToken.FundTokenAccountFrozen.selector, BOB));
        token.forcedTransfer(ALICE, BOB, 1);
        // A holder without frozen amount.
        token.setAddressFrozen(BOB, false);
        token.setAddressFrozen(ALICE, false);
        token.forcedTransfer(BOB, ALICE, 70);
        assertEq(token.balanceOf(ALICE), 100, "back");
    }

    function test_recoverWallet() public {
        token.setComplianceRules(0x06, 0, 0, 1000);
        mint(ALICE, 20); // ALICE: 120, 20 locked until NOW + 1000
        token.setFrozenTokens(ALICE, 30);
        assertTrue(token.recoverWallet(ALICE, ALICE2), "recovered");
        assertEq(token.balanceOf(ALICE), 0, "lost wallet empty");
        assertEq(token.balanceOf(ALICE2), 120, "new wallet");
        assertEq(token.getFrozenTokens(ALICE2), 30, "frozen amount follows");
        assertEq(token.getFrozenTokens(ALICE), 0, "lost wallet unfrozen");
        (uint256 locked, uint64 until) = token.lockedBalanceOf(ALICE2);
        assertEq(locked, 20, "lock-up follows");
        assertEq(until, NOW + 1000, "lock-up end follows");
        assertEq(token.holderCount(), 1, "same holders");

        // Back, without a frozen amount this time.
        token.setFrozenTokens(ALICE2, 0);
        token.recoverWallet(ALICE2, ALICE);
        assertEq(token.getFrozenTokens(ALICE), 0, "no frozen amount");
        assertEq(token.balanceOf(ALICE), 120, "back");

        vm.expectRevert(abi.encodeWithSelector(IFundToken.FundTokenRecoveryInvestorMismatch.selector, ALICE, BOB));
        token.recoverWallet(ALICE, BOB);
        vm.expectRevert(
            abi.encodeWithSelector(IFundToken.FundTokenRecoveryInvestorMismatch.selector, NOBODY, address(0xBEEF))
        );
        token.recoverWallet(NOBODY, address(0xBEEF));
        mint(ALICE2, 1);
        vm.expectRevert(abi.encodeWithSelector(IFundToken.FundTokenRecoveryTargetNotEmpty.selector, ALICE2, 1));
        token.recoverWallet(ALICE, ALICE2);
        vm.expectRevert(abi.encodeWithSelector(IFundToken.FundTokenRecoveryTargetNotEmpty.selector, ALICE, 120));
        token.recoverWallet(ALICE, ALICE);
    }

    function test_canSendAndCanReceive() public {
        assertFalse(token.canSend(NOBODY), "unregistered cannot send");
        assertFalse(token.canSend(DAVE), "ineligible cannot send");
        assertFalse(token.canReceive(CAROL), "ineligible class cannot receive");
        token.setAddressFrozen(BOB, true);
        assertFalse(token.canReceive(BOB), "frozen cannot receive");
        assertTrue(token.canReceive(ALICE2), "verified can receive");
    }

    function test_burnAndMintChecks() public {
        assertEq(token.detectTransferRestriction(ALICE, address(0), 100), 0, "burn allowed");
        assertEq(token.detectTransferRestriction(address(0), BOB, 100), 0, "mint allowed");
        assertEq(token.detectTransferRestriction(address(0), DAVE, 1), 7, "mint to ineligible");
        token.setFrozenTokens(ALICE, 90);
        assertEq(token.detectTransferRestriction(ALICE, address(0), 11), 13, "burn of frozen units");
        vm.expectRevert(
            abi.encodeWithSelector(IERC7943Fungible.ERC7943InsufficientUnfrozenBalance.selector, ALICE, 11, 10)
        );
        token.burn(ALICE, 11, 500, bytes32(0));
        token.setFrozenTokens(ALICE, 0);
        token.pause();
        assertEq(token.detectTransferRestriction(address(0), BOB, 1), 1, "paused mint");
        vm.expectRevert(abi.encodeWithSelector(IFundToken.FundTokenEnforcedPause.selector));
        mint(BOB, 1);
    }

    function test_registryFailureIsPassedOn() public {
        FailingRegistry failing = new FailingRegistry();
        FundFactory other = new FundFactory(address(implementation), address(failing), address(this));
        FundToken fund = FundToken(other.createFund(keccak256("down"), params()));
        vm.expectRevert(abi.encodeWithSelector(FailingRegistry.RegistryDown.selector, 42));
        fund.mint(ALICE, 1, 1, bytes32(0));
        vm.expectRevert(abi.encodeWithSelector(FailingRegistry.RegistryDown.selector, 42));
        fund.canReceive(ALICE);
    }

    function test_registryWithoutCodeVerifiesNobody() public {
        FundFactory other = new FundFactory(address(implementation), address(0xC0DE), address(this));
        FundToken fund = FundToken(other.createFund(keccak256("no code"), params()));
        vm.expectRevert(abi.encodeWithSelector(IFundToken.FundTokenNotVerified.selector, ALICE, uint64(0)));
        fund.mint(ALICE, 1, 1, bytes32(0));
        assertFalse(fund.canReceive(ALICE), "nobody verified");
    }
}
