// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC5267} from "@openzeppelin/contracts/interfaces/IERC5267.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {FundToken} from "../src/FundToken.sol";
import {IFundFactory} from "../src/interfaces/IFundFactory.sol";
import {IFundToken} from "../src/interfaces/IFundToken.sol";
import {IERC1404} from "../src/interfaces/IERC1404.sol";
import {IERC7943Fungible} from "../src/interfaces/IERC7943Fungible.sol";
import {FundFixture} from "./Base.sol";

/// @dev ERC-20, permit, supply and reference handling, roles, pause and compliance settings.
contract FundTokenSupplyTest is FundFixture {
    function test_metadataAndInterfaces() public view {
        assertEq(token.name(), "Money Market Fund", "name");
        assertEq(token.symbol(), "MMF", "symbol");
        assertEq(token.decimals(), 6, "decimals");
        (bytes1 fields, string memory n, string memory v, uint256 chainId, address verifying,,) = token.eip712Domain();
        assertEq(uint8(fields), 0x0f, "fields");
        assertEq(n, "Money Market Fund", "domain name");
        assertEq(v, "1", "version");
        assertEq(chainId, block.chainid, "chain id");
        assertEq(verifying, address(token), "verifying contract");
        bytes4[9] memory ids = [
            type(IERC7943Fungible).interfaceId,
            type(IERC1404).interfaceId,
            type(IFundToken).interfaceId,
            type(IERC20).interfaceId,
            type(IERC20Metadata).interfaceId,
            type(IERC20Permit).interfaceId,
            type(IERC5267).interfaceId,
            type(IAccessControl).interfaceId,
            type(IERC165).interfaceId
        ];
        for (uint256 i = 0; i < ids.length; ++i) {
            assertTrue(token.supportsInterface(ids[i]), "supported interface");
        }
        assertFalse(token.supportsInterface(0xffffffff), "unsupported interface");
    }

    function test_transferApproveTransferFrom() public {
        mint(ALICE, 100);
        vm.prank(ALICE);
        assertTrue(token.transfer(BOB, 30), "transfer");
        assertEq(token.balanceOf(ALICE), 70, "alice");
        assertEq(token.balanceOf(BOB), 30, "bob");
        assertEq(token.holderCount(), 2, "holders");

        vm.prank(ALICE);
        assertTrue(token.approve(STRANGER, 50), "approve");
        vm.prank(STRANGER);
        token.transferFrom(ALICE, BOB, 20);
        assertEq(token.allowance(ALICE, STRANGER), 30, "allowance spent");
        vm.prank(STRANGER);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, STRANGER, 30, 31));
        token.transferFrom(ALICE, BOB, 31);

        vm.prank(ALICE);
        token.approve(STRANGER, type(uint256).max);
        vm.prank(STRANGER);
        token.transferFrom(ALICE, BOB, 50);
        assertEq(token.allowance(ALICE, STRANGER), type(uint256).max, "infinite allowance kept");
        assertEq(token.balanceOf(ALICE), 0, "alice emptied");
        assertEq(token.holderCount(), 1, "alice no longer a holder");

        vm.prank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidSpender.selector, address(0)));
        token.approve(address(0), 1);
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        token.transfer(address(0), 1);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidSender.selector, address(0)));
        token.transferFrom(address(0), BOB, 0);
    }

    function test_transferToSelfAndZeroValue() public {
        mint(ALICE, 100);
        vm.prank(ALICE);
        token.transfer(ALICE, 40);
        assertEq(token.balanceOf(ALICE), 100, "self transfer keeps balance");
        assertEq(token.holderCount(), 1, "holders unchanged");
        vm.prank(ALICE);
        token.transfer(BOB, 0);
        assertEq(token.holderCount(), 1, "zero transfer adds no holder");
        vm.prank(BOB);
        token.transfer(ALICE, 0);
        assertEq(token.holderCount(), 1, "zero transfer from non-holder removes none");
    }

    function test_permit() public {
        uint256 pk = 0xA11;
        address owner = vm.addr(pk);
        uint256 deadline = NOW + 100;
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                owner,
                BOB,
                77,
                token.nonces(owner),
                deadline
            )
        );
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(pk, digest);
        token.permit(owner, BOB, 77, deadline, v, r, s);
        assertEq(token.allowance(owner, BOB), 77, "allowance");
        assertEq(token.nonces(owner), 1, "nonce used");

        // The same signature again: the nonce moved on, so another signer is recovered.
        (bool ok, bytes memory data) = address(token).call(
            abi.encodeCall(IERC20Permit.permit, (owner, BOB, 77, deadline, v, r, s))
        );
        assertFalse(ok, "replay rejected");
        assertEq(bytes32(bytes4(data)), bytes32(IFundToken.FundTokenPermitInvalidSigner.selector), "replay error");

        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(IFundToken.FundTokenPermitExpired.selector, deadline));
        token.permit(owner, BOB, 77, deadline, v, r, s);
    }

    function test_mintBurnReferences() public {
        token.mint(ALICE, 100, 7, bytes32("order-7"));
        assertTrue(token.isReferenceUsed(7), "ref used");
        assertFalse(token.isReferenceUsed(8), "ref unused");
        vm.expectRevert(abi.encodeWithSelector(IFundToken.FundTokenReferenceUsed.selector, 7));
        token.mint(ALICE, 100, 7, bytes32("order-7"));
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        token.mint(address(0), 1, 8, bytes32(0));

        token.burn(ALICE, 40, 300, bytes32("redeem"));
        assertEq(token.balanceOf(ALICE), 60, "burned");
        assertEq(token.totalSupply(), 60, "supply");
        vm.expectRevert(abi.encodeWithSelector(IFundToken.FundTokenReferenceUsed.selector, 300));
        token.burn(ALICE, 1, 300, bytes32("redeem"));
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidSender.selector, address(0)));
        token.burn(address(0), 1, 301, bytes32(0));
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, ALICE, 60, 61));
        token.burn(ALICE, 61, 302, bytes32(0));
    }

    function test_supplyOverflow() public {
        uint256 max = type(uint104).max;
        mint(ALICE, max);
        vm.expectRevert(abi.encodeWithSelector(IFundToken.FundTokenSupplyOverflow.selector, max, 1));
        mint(BOB, 1);
    }

    function test_batchMintAndBatchBurnSkipUsedReferences() public {
        address[] memory to = new address[](3);
        to[0] = ALICE;
        to[1] = BOB;
        to[2] = ALICE;
        uint256[] memory amounts = new uint256[](3);
        amounts[0] = 10;
        amounts[1] = 20;
        amounts[2] = 30;
        uint256[] memory refs = new uint256[](3);
        refs[0] = 500;
        refs[1] = 501;
        refs[2] = 500; // a repeated reference is skipped
        bytes32[] memory orders = new bytes32[](3);
        token.batchMint(to, amounts, refs, orders);
        assertEq(token.balanceOf(ALICE), 10, "alice once");
        assertEq(token.balanceOf(BOB), 20, "bob");
        token.batchMint(to, amounts, refs, orders); // a retried batch changes nothing
        assertEq(token.totalSupply(), 30, "retry is a no-op");

        refs[0] = 600;
        refs[1] = 601;
        refs[2] = 600;
        amounts[2] = 10;
        token.batchBurn(to, amounts, refs, orders);
        assertEq(token.balanceOf(ALICE), 0, "alice burned once");
        assertEq(token.balanceOf(BOB), 0, "bob burned");
        token.batchBurn(to, amounts, refs, orders);
        assertEq(token.totalSupply(), 0, "burn retry is a no-op");

        uint256[] memory short = new uint256[](2);
        bytes32[] memory shortOrders = new bytes32[](2);
        vm.expectRevert(abi.encodeWithSelector(IFundToken.FundTokenLengthMismatch.selector, 3, 2));
        token.batchMint(to, short, refs, orders);
        vm.expectRevert(abi.encodeWithSelector(IFundToken.FundTokenLengthMismatch.selector, 3, 2));
        token.batchMint(to, amounts, short, orders);
        vm.expectRevert(abi.encodeWithSelector(IFundToken.FundTokenLengthMismatch.selector, 3, 2));
        token.batchBurn(to, amounts, refs, shortOrders);
    }

    function test_pauseUnpause() public {
        mint(ALICE, 10);
        token.pause();
        assertTrue(token.paused(), "paused");
        vm.expectRevert(abi.encodeWithSelector(IFundToken.FundTokenEnforcedPause.selector));
        token.pause();
        vm.prank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(IFundToken.FundTokenEnforcedPause.selector));
        token.transfer(BOB, 1);
        assertEq(token.detectTransferRestriction(ALICE, BOB, 1), 1, "PAUSED code");
        token.unpause();
        assertFalse(token.paused(), "unpaused");
        vm.expectRevert(abi.encodeWithSelector(IFundToken.FundTokenExpectedPause.selector));
        token.unpause();
    }

    function test_rolesAreEnforced() public {
        bytes32[5] memory roles =
            [token.AGENT_ROLE(), token.FREEZER_ROLE(), token.RECOVERY_ROLE(), token.PAUSER_ROLE(), token.COMPLIANCE_ROLE()];
        bytes[9] memory calls = [
            abi.encodeCall(FundToken.mint, (ALICE, 1, 900, bytes32(0))),
            abi.encodeCall(FundToken.burn, (ALICE, 1, 901, bytes32(0))),
            abi.encodeCall(FundToken.forcedTransfer, (ALICE, BOB, 1)),
            abi.encodeCall(FundToken.setFrozenTokens, (ALICE, 1)),
            abi.encodeCall(FundToken.setAddressFrozen, (ALICE, true)),
            abi.encodeCall(FundToken.recoverWallet, (ALICE, ALICE2)),
            abi.encodeCall(FundToken.pause, ()),
            abi.encodeCall(FundToken.setComplianceRules, (0, 0, 0, 0)),
            abi.encodeCall(FundToken.setEligibleJurisdictions, (new uint16[](0)))
        ];
        uint8[9] memory roleOf = [0, 0, 0, 1, 1, 2, 3, 4, 4];
        for (uint256 i = 0; i < calls.length; ++i) {
            vm.prank(STRANGER);
            (bool ok, bytes memory data) = address(token).call(calls[i]);
            assertFalse(ok, "stranger rejected");
            assertEq(
                keccak256(data),
                keccak256(
                    abi.encodeWithSelector(
                        IAccessControl.AccessControlUnauthorizedAccount.selector, STRANGER, roles[roleOf[i]]
                    )
                ),
                "unauthorized error"
            );
        }
    }

    function test_complianceRulesAndJurisdictionSets() public {
        token.setComplianceRules(0x02, 5, 1_000, 3_600);
        (uint8 mask, uint32 maxHolders, uint256 maxBalance, uint32 lockup) = token.complianceRules();
        assertEq(mask, 0x02, "mask");
        assertEq(maxHolders, 5, "max holders");
        assertEq(maxBalance, 1_000, "max balance");
        assertEq(lockup, 3_600, "lockup");
        assertEq(token.decimals(), 6, "decimals kept");
        vm.expectRevert(abi.encodeWithSelector(IFundToken.FundTokenInvalidClassMask.selector, uint8(0x10)));
        token.setComplianceRules(0x10, 0, 0, 0);

        uint16[] memory inlineList = token.eligibleJurisdictions();
        assertEq(inlineList.length, 3, "inline list");
        assertEq(inlineList[2], FR, "inline order");
        assertTrue(token.isJurisdictionEligible(GB), "GB inline");
        assertFalse(token.isJurisdictionEligible(DE), "DE inline");

        // 12 codes do not fit inline: the 676-bit set is used.
        uint16[] memory many = new uint16[](12);
        for (uint256 i = 0; i < 12; ++i) {
            many[i] = uint16(0x4100 + ((0x41 + i) & 0xff)); // AA..AL
        }
        token.setEligibleJurisdictions(many);
        uint16[] memory listed = token.eligibleJurisdictions();
        assertEq(listed.length, 12, "bitmap list");
        assertEq(listed[0], 0x4141, "AA first");
        assertEq(listed[11], 0x414C, "AL last");
        assertTrue(token.isJurisdictionEligible(0x4142), "AB in set");
        assertFalse(token.isJurisdictionEligible(US), "US not in set");
        assertFalse(token.isJurisdictionEligible(0x0041), "invalid code never eligible");
        assertFalse(token.isJurisdictionEligible(0x4100), "invalid second letter never eligible");

        // Back to an inline list: the set is cleared.
        token.setEligibleJurisdictions(oneJurisdiction(US));
        listed = token.eligibleJurisdictions();
        assertEq(listed.length, 1, "inline again");
        assertFalse(token.isJurisdictionEligible(0x4142), "set cleared");

        // An empty list makes every jurisdiction eligible.
        token.setEligibleJurisdictions(new uint16[](0));
        assertEq(token.eligibleJurisdictions().length, 0, "empty");
        assertTrue(token.isJurisdictionEligible(DE), "all eligible");
        mint(DAVE, 1);
        assertEq(token.balanceOf(DAVE), 1, "DE holder minted");
    }

    function test_restrictionMessages() public view {
        string[15] memory expected = [
            "SUCCESS",
            "PAUSED",
            "SENDER_FROZEN",
            "RECIPIENT_FROZEN",
            "SENDER_NOT_VERIFIED",
            "RECIPIENT_NOT_VERIFIED",
            "SENDER_JURISDICTION_NOT_ELIGIBLE",
            "RECIPIENT_JURISDICTION_NOT_ELIGIBLE",
            "SENDER_CLASS_NOT_ELIGIBLE",
            "RECIPIENT_CLASS_NOT_ELIGIBLE",
            "MAX_HOLDERS_REACHED",
            "MAX_BALANCE_EXCEEDED",
            "TOKENS_LOCKED",
            "TOKENS_FROZEN",
            "INSUFFICIENT_BALANCE"
        ];
        for (uint8 i = 0; i < 15; ++i) {
            assertEq(token.messageForTransferRestriction(i), expected[i], "message");
        }
        assertEq(token.messageForTransferRestriction(15), "UNKNOWN_RESTRICTION", "unknown");
    }
}
