// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IdentityRegistry} from "../src/IdentityRegistry.sol";
import {FundToken} from "../src/FundToken.sol";
import {FundFactory} from "../src/FundFactory.sol";
import {IFundFactory} from "../src/interfaces/IFundFactory.sol";

/// @dev The cheatcodes these suites use (forge and Hardhat 3's Solidity runner both serve them at this address).
interface Vm {
    function prank(address sender) external;
    function warp(uint256 timestamp) external;
    function expectRevert(bytes calldata revertData) external;
    function addr(uint256 privateKey) external pure returns (address);
    function sign(uint256 privateKey, bytes32 digest) external pure returns (uint8 v, bytes32 r, bytes32 s);
}

/// @dev Minimal assertions (forge-std is not on the npm registry in a usable form).
abstract contract Assertions {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    function assertEq(uint256 a, uint256 b, string memory what) internal pure {
        if (a != b) revert(string.concat(what, ": values differ"));
    }

    function assertEq(address a, address b, string memory what) internal pure {
        if (a != b) revert(string.concat(what, ": addresses differ"));
    }

    function assertEq(bytes32 a, bytes32 b, string memory what) internal pure {
        if (a != b) revert(string.concat(what, ": words differ"));
    }

    function assertEq(string memory a, string memory b, string memory what) internal pure {
        if (keccak256(bytes(a)) != keccak256(bytes(b))) revert(string.concat(what, ": got ", a, ", want ", b));
    }

    function assertTrue(bool a, string memory what) internal pure {
        if (!a) revert(string.concat(what, ": expected true"));
    }

    function assertFalse(bool a, string memory what) internal pure {
        if (a) revert(string.concat(what, ": expected false"));
    }
}

/// @dev A deployment (registry, implementation, factory) and one fund whose admin and agent is this
///      contract, with holders registered in the registry.
abstract contract FundFixture is Assertions {
    uint16 internal constant US = 0x5553;
    uint16 internal constant GB = 0x4742;
    uint16 internal constant FR = 0x4652;
    uint16 internal constant DE = 0x4445;
    uint64 internal constant EXPIRY = 1_000_000;
    uint256 internal constant NOW = 1_000;

    bytes32 internal constant INVESTOR_A = bytes32(uint256(0xA1) << 200);
    bytes32 internal constant INVESTOR_B = bytes32(uint256(0xB2) << 200);
    bytes32 internal constant INVESTOR_C = bytes32(uint256(0xC3) << 200);
    bytes32 internal constant INVESTOR_D = bytes32(uint256(0xD4) << 200);
    bytes32 internal constant INVESTOR_E = bytes32(uint256(0xE5) << 200);

    address internal constant ALICE = address(0xA11CE);
    address internal constant ALICE2 = address(0xA11CE2);
    address internal constant BOB = address(0xB0B);
    address internal constant CAROL = address(0xCA201); // class 3: not eligible by default
    address internal constant DAVE = address(0xDA5E); // jurisdiction DE: not eligible by default
    address internal constant ERIN = address(0xE21); // verification expires at NOW + 10
    address internal constant NOBODY = address(0xDEAD); // never registered
    address internal constant STRANGER = address(0x5757);

    IdentityRegistry internal registry;
    FundToken internal implementation;
    FundFactory internal factory;
    FundToken internal token;
    uint256 internal nextRef = 1;

    function setUp() public virtual {
        vm.warp(NOW);
        registry = new IdentityRegistry(address(this));
        implementation = new FundToken();
        factory = new FundFactory(address(implementation), address(registry), address(this));
        registry.registerIdentity(ALICE, INVESTOR_A, US, 1, EXPIRY);
        registry.registerIdentity(ALICE2, INVESTOR_A, US, 1, EXPIRY);
        registry.registerIdentity(BOB, INVESTOR_B, GB, 2, EXPIRY);
        registry.registerIdentity(CAROL, INVESTOR_C, US, 3, EXPIRY);
        registry.registerIdentity(DAVE, INVESTOR_D, DE, 1, EXPIRY);
        registry.registerIdentity(ERIN, INVESTOR_E, US, 1, uint64(NOW + 10));
        token = FundToken(factory.createFund(keccak256("fund"), params()));
    }

    /// @dev Jurisdictions US, GB, FR; classes 1 and 2; no holder cap, balance cap or lock-up.
    function params() internal view returns (IFundFactory.FundParams memory p) {
        uint16[] memory jurisdictions = new uint16[](3);
        jurisdictions[0] = US;
        jurisdictions[1] = GB;
        jurisdictions[2] = FR;
        p = IFundFactory.FundParams({
            name: "Money Market Fund",
            symbol: "MMF",
            decimals: 6,
            admin: address(this),
            agent: address(this),
            eligibleJurisdictions: jurisdictions,
            eligibleClassMask: 0x06,
            maxHolders: 0,
            maxBalancePerHolder: 0,
            lockupSeconds: 0
        });
    }

    function mint(address to, uint256 amount) internal {
        token.mint(to, amount, nextRef, keccak256(abi.encode(nextRef)));
        ++nextRef;
    }

    function oneJurisdiction(uint16 a) internal pure returns (uint16[] memory list) {
        list = new uint16[](1);
        list[0] = a;
    }
}
