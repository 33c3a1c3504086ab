// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IdentityRegistry} from "../src/IdentityRegistry.sol";
import {FundToken} from "../src/FundToken.sol";
import {FundFactory} from "../src/FundFactory.sol";
import {IFundFactory} from "../src/interfaces/IFundFactory.sol";
import {IIdentityRegistry} from "../src/interfaces/IIdentityRegistry.sol";
import {IFundToken} from "../src/interfaces/IFundToken.sol";
import {FundFixture} from "./Base.sol";

contract IdentityRegistryTest is FundFixture {
    function test_registerStoresPackedIdentity() public view {
        (bytes32 id, uint16 j, uint8 c, uint64 e) = registry.identityOf(BOB);
        assertEq(id, INVESTOR_B, "investor");
        assertEq(j, GB, "jurisdiction");
        assertEq(c, 2, "class");
        assertEq(e, EXPIRY, "expiry");
        (uint256 a, uint256 b) = registry.packedIdentitiesOf(ALICE, BOB);
        assertEq(a, registry.packedIdentityOf(ALICE), "packed a");
        assertEq(b, registry.packedIdentityOf(BOB), "packed b");
        assertTrue(registry.isRegistered(ALICE), "registered");
        assertFalse(registry.isRegistered(NOBODY), "not registered");
    }

    function test_registerRejectsInvalidInput() public {
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryInvalidWallet.selector, address(0)));
        registry.registerIdentity(address(0), INVESTOR_A, US, 1, EXPIRY);
        bytes32 shortId = bytes32(uint256(1) << 80); // below the 21 stored bytes
        vm.expectRevert(
            abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryInvalidInvestorId.selector, NOBODY, shortId)
        );
        registry.registerIdentity(NOBODY, shortId, US, 1, EXPIRY);
        vm.expectRevert(
            abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryInvalidJurisdiction.selector, NOBODY, uint16(0x4061))
        );
        registry.registerIdentity(NOBODY, INVESTOR_A, 0x4061, 1, EXPIRY);
        vm.expectRevert(
            abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryInvalidJurisdiction.selector, NOBODY, uint16(0x555B))
        );
        registry.registerIdentity(NOBODY, INVESTOR_A, 0x555B, 1, EXPIRY);
        vm.expectRevert(
            abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryInvalidInvestorClass.selector, NOBODY, uint8(0))
        );
        registry.registerIdentity(NOBODY, INVESTOR_A, US, 0, EXPIRY);
        vm.expectRevert(
            abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryInvalidInvestorClass.selector, NOBODY, uint8(4))
        );
        registry.registerIdentity(NOBODY, INVESTOR_A, US, 4, EXPIRY);
    }

    function test_reRegisterSameInvestorUpdatesOtherInvestorReverts() public {
        registry.registerIdentity(BOB, INVESTOR_B, FR, 1, EXPIRY + 1);
        (, uint16 j, uint8 c, uint64 e) = registry.identityOf(BOB);
        assertEq(j, FR, "jurisdiction");
        assertEq(c, 1, "class");
        assertEq(e, EXPIRY + 1, "expiry");
        vm.expectRevert(
            abi.encodeWithSelector(
                IIdentityRegistry.IdentityRegistryInvestorMismatch.selector, BOB, INVESTOR_B, INVESTOR_A
            )
        );
        registry.registerIdentity(BOB, INVESTOR_A, US, 1, EXPIRY);
    }

    function test_batchRegisterAndLengthChecks() public {
        address[] memory w = new address[](2);
        w[0] = address(0x1001);
        w[1] = address(0x1002);
        bytes32[] memory ids = new bytes32[](2);
        ids[0] = INVESTOR_A;
        ids[1] = INVESTOR_B;
        uint16[] memory js = new uint16[](2);
        js[0] = US;
        js[1] = GB;
        uint8[] memory cs = new uint8[](2);
        cs[0] = 1;
        cs[1] = 3;
        uint64[] memory es = new uint64[](2);
        es[0] = EXPIRY;
        es[1] = EXPIRY;
        registry.batchRegisterIdentities(w, ids, js, cs, es);
        (bytes32 id, uint16 j, uint8 c,) = registry.identityOf(w[1]);
        assertEq(id, INVESTOR_B, "investor");
        assertEq(j, GB, "jurisdiction");
        assertEq(c, 3, "class");

        bytes32[] memory ids1 = new bytes32[](1);
        uint16[] memory js1 = new uint16[](1);
        uint8[] memory cs1 = new uint8[](1);
        uint64[] memory es1 = new uint64[](1);
        bytes memory mismatch = abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryLengthMismatch.selector, 2, 1);
        vm.expectRevert(mismatch);
        registry.batchRegisterIdentities(w, ids1, js, cs, es);
        vm.expectRevert(mismatch);
        registry.batchRegisterIdentities(w, ids, js1, cs, es);
        vm.expectRevert(mismatch);
        registry.batchRegisterIdentities(w, ids, js, cs1, es);
        vm.expectRevert(mismatch);
        registry.batchRegisterIdentities(w, ids, js, cs, es1);
    }

    function test_updateIdentity() public {
        registry.updateIdentity(ALICE, GB, 2, EXPIRY + 5);
        (bytes32 id, uint16 j, uint8 c, uint64 e) = registry.identityOf(ALICE);
        assertEq(id, INVESTOR_A, "investor kept");
        assertEq(j, GB, "jurisdiction");
        assertEq(c, 2, "class");
        assertEq(e, EXPIRY + 5, "expiry");
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryNotRegistered.selector, NOBODY));
        registry.updateIdentity(NOBODY, GB, 2, EXPIRY);
    }

    function test_removeAndBatchRemove() public {
        registry.removeIdentity(ALICE);
        assertFalse(registry.isRegistered(ALICE), "removed");
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryNotRegistered.selector, ALICE));
        registry.removeIdentity(ALICE);
        address[] memory w = new address[](3);
        w[0] = BOB;
        w[1] = NOBODY; // unknown: skipped
        w[2] = CAROL;
        registry.batchRemoveIdentities(w);
        assertFalse(registry.isRegistered(BOB), "bob removed");
        assertFalse(registry.isRegistered(CAROL), "carol removed");
        registry.batchRemoveIdentities(w); // a retry does not revert
    }

    function test_isVerifiedHonoursExpiry() public {
        assertTrue(registry.isVerified(ERIN), "verified before expiry");
        assertFalse(registry.isVerified(NOBODY), "unregistered");
        vm.warp(NOW + 10);
        assertFalse(registry.isVerified(ERIN), "expired");
        assertTrue(registry.isRegistered(ERIN), "still registered");
    }

    function test_registerBoundIdentity_replacesEndedBindingAndRefusesStale() public {
        registry.registerBoundIdentity(NOBODY, 5, 1, INVESTOR_A, US, 1, EXPIRY);
        (uint64 id, uint64 version) = registry.bindingOf(NOBODY);
        assertEq(id, 5, "binding");
        assertEq(version, 1, "version");
        assertTrue(registry.isVerified(NOBODY), "verified");
        // A newer binding of the address replaces the identity, even another investor's.
        registry.registerBoundIdentity(NOBODY, 7, 3, INVESTOR_B, GB, 2, EXPIRY + 1);
        (bytes32 investor, uint16 j, uint8 c, uint64 e) = registry.identityOf(NOBODY);
        assertEq(investor, INVESTOR_B, "replaced investor");
        assertEq(j, GB, "jurisdiction");
        assertEq(c, 2, "class");
        assertEq(e, EXPIRY + 1, "expiry");
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryStaleBinding.selector, NOBODY, 7, 7));
        registry.registerBoundIdentity(NOBODY, 7, 4, INVESTOR_B, GB, 2, EXPIRY);
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryStaleBinding.selector, NOBODY, 5, 7));
        registry.registerBoundIdentity(NOBODY, 5, 9, INVESTOR_A, US, 1, EXPIRY);
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryStaleBinding.selector, STRANGER, 0, 0));
        registry.registerBoundIdentity(STRANGER, 0, 1, INVESTOR_A, US, 1, EXPIRY);
        // An unbound registration (no binding yet) is replaced the same way.
        registry.registerBoundIdentity(ALICE, 1, 1, INVESTOR_C, DE, 3, EXPIRY);
        (investor,,,) = registry.identityOf(ALICE);
        assertEq(investor, INVESTOR_C, "unbound identity replaced");
    }

    function test_updateBoundIdentity_onlyByItsBindingAndNewerVersion() public {
        registry.registerBoundIdentity(NOBODY, 5, 2, INVESTOR_A, US, 1, EXPIRY);
        registry.updateBoundIdentity(NOBODY, 5, 3, GB, 2, EXPIRY + 9);
        (bytes32 investor, uint16 j, uint8 c, uint64 e) = registry.identityOf(NOBODY);
        assertEq(investor, INVESTOR_A, "investor kept");
        assertEq(j, GB, "jurisdiction");
        assertEq(c, 2, "class");
        assertEq(e, EXPIRY + 9, "expiry");
        (, uint64 version) = registry.bindingOf(NOBODY);
        assertEq(version, 3, "version");
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryStaleVersion.selector, NOBODY, 3, 3));
        registry.updateBoundIdentity(NOBODY, 5, 3, US, 1, EXPIRY);
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryStaleVersion.selector, NOBODY, 2, 3));
        registry.updateBoundIdentity(NOBODY, 5, 2, US, 1, EXPIRY);
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryBindingMismatch.selector, NOBODY, 4, 5));
        registry.updateBoundIdentity(NOBODY, 4, 9, US, 1, EXPIRY);
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryBindingMismatch.selector, STRANGER, 1, 0));
        registry.updateBoundIdentity(STRANGER, 1, 9, US, 1, EXPIRY);
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryInvalidInvestorClass.selector, NOBODY, uint8(0)));
        registry.updateBoundIdentity(NOBODY, 5, 9, US, 0, EXPIRY);
    }

    function test_removeBoundIdentity_lateRemovalOfEndedBindingDoesNothing() public {
        registry.registerBoundIdentity(NOBODY, 5, 1, INVESTOR_A, US, 1, EXPIRY);
        registry.registerBoundIdentity(NOBODY, 6, 1, INVESTOR_A, US, 1, EXPIRY);
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryBindingMismatch.selector, NOBODY, 5, 6));
        registry.removeBoundIdentity(NOBODY, 5);
        assertTrue(registry.isVerified(NOBODY), "the newer binding stays");
        registry.removeBoundIdentity(NOBODY, 6);
        assertFalse(registry.isRegistered(NOBODY), "removed");
        (uint64 id,) = registry.bindingOf(NOBODY);
        assertEq(id, 6, "tombstone kept");
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryBindingMismatch.selector, NOBODY, 6, 6));
        registry.removeBoundIdentity(NOBODY, 6);
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryBindingMismatch.selector, NOBODY, 6, 6));
        registry.updateBoundIdentity(NOBODY, 6, 2, US, 1, EXPIRY);
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistryStaleBinding.selector, NOBODY, 6, 6));
        registry.registerBoundIdentity(NOBODY, 6, 2, INVESTOR_A, US, 1, EXPIRY);
    }

    function test_onlyAgentWrites() public {
        bytes memory denied = abi.encodeWithSelector(
            IAccessControl.AccessControlUnauthorizedAccount.selector, STRANGER, registry.AGENT_ROLE()
        );
        vm.prank(STRANGER);
        vm.expectRevert(denied);
        registry.registerIdentity(NOBODY, INVESTOR_A, US, 1, EXPIRY);
        vm.prank(STRANGER);
        vm.expectRevert(denied);
        registry.removeIdentity(ALICE);
        vm.prank(STRANGER);
        vm.expectRevert(denied);
        registry.updateIdentity(ALICE, US, 1, EXPIRY);
        vm.prank(STRANGER);
        vm.expectRevert(denied);
        registry.batchRemoveIdentities(new address[](0));
        vm.prank(STRANGER);
        vm.expectRevert(denied);
        registry.registerBoundIdentity(NOBODY, 1, 1, INVESTOR_A, US, 1, EXPIRY);
        vm.prank(STRANGER);
        vm.expectRevert(denied);
        registry.updateBoundIdentity(ALICE, 1, 1, US, 1, EXPIRY);
        vm.prank(STRANGER);
        vm.expectRevert(denied);
        registry.removeBoundIdentity(ALICE, 1);
    }
}

contract FundFactoryTest is FundFixture {
    function test_constructorRejectsZeroAddresses() public {
        vm.expectRevert(abi.encodeWithSelector(IFundFactory.FundFactoryZeroAddress.selector, 0));
        new FundFactory(address(0), address(registry), address(this));
        vm.expectRevert(abi.encodeWithSelector(IFundFactory.FundFactoryZeroAddress.selector, 1));
        new FundFactory(address(implementation), address(0), address(this));
        vm.expectRevert(abi.encodeWithSelector(IFundFactory.FundFactoryZeroAddress.selector, 2));
        new FundFactory(address(implementation), address(registry), address(0));
    }

    function test_createFundAtPredictedAddress() public {
        bytes32 id = keccak256("second");
        address predicted = factory.predictFundAddress(id);
        assertEq(factory.fundOf(id), address(0), "no fund yet");
        address created = factory.createFund(id, params());
        assertEq(created, predicted, "predicted address");
        assertEq(factory.fundOf(id), created, "fundOf");
        assertEq(FundToken(created).identityRegistry(), address(registry), "registry argument");
        assertEq(factory.implementation(), address(implementation), "implementation");
        assertEq(factory.identityRegistry(), address(registry), "factory registry");
        assertEq(FundToken(created).symbol(), "MMF", "symbol");
    }

    function test_createFundRejects() public {
        vm.expectRevert(abi.encodeWithSelector(IFundFactory.FundFactoryInvalidFundId.selector, bytes32(0)));
        factory.createFund(bytes32(0), params());
        bytes32 id = keccak256("fund");
        vm.expectRevert(abi.encodeWithSelector(IFundFactory.FundFactoryFundExists.selector, id, address(token)));
        factory.createFund(id, params());
        bytes memory denied = abi.encodeWithSelector(
            IAccessControl.AccessControlUnauthorizedAccount.selector, STRANGER, factory.DEPLOYER_ROLE()
        );
        IFundFactory.FundParams memory p = params();
        vm.prank(STRANGER);
        vm.expectRevert(denied);
        factory.createFund(keccak256("other"), p);
    }

    function test_initializeRejects() public {
        vm.expectRevert(abi.encodeWithSelector(IFundToken.FundTokenAlreadyInitialized.selector));
        implementation.initialize(params());
        vm.expectRevert(abi.encodeWithSelector(IFundToken.FundTokenAlreadyInitialized.selector));
        token.initialize(params());
        IFundFactory.FundParams memory p = params();
        p.admin = address(0);
        vm.expectRevert(abi.encodeWithSelector(IFundToken.FundTokenInvalidAccount.selector, address(0)));
        factory.createFund(keccak256("a"), p);
        p = params();
        p.agent = address(0);
        vm.expectRevert(abi.encodeWithSelector(IFundToken.FundTokenInvalidAccount.selector, address(0)));
        factory.createFund(keccak256("b"), p);
        p = params();
        p.eligibleClassMask = 0x01;
        vm.expectRevert(abi.encodeWithSelector(IFundToken.FundTokenInvalidClassMask.selector, uint8(0x01)));
        factory.createFund(keccak256("c"), p);
        p = params();
        p.maxBalancePerHolder = uint256(type(uint104).max) + 1;
        vm.expectRevert(
            abi.encodeWithSelector(IFundToken.FundTokenInvalidMaxBalance.selector, uint256(type(uint104).max) + 1)
        );
        factory.createFund(keccak256("d"), p);
        p = params();
        p.eligibleJurisdictions[1] = 0x5561; // "Ua": lower case
        vm.expectRevert(abi.encodeWithSelector(IFundToken.FundTokenInvalidJurisdiction.selector, uint16(0x5561)));
        factory.createFund(keccak256("e"), p);
    }
}
