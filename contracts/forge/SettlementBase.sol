// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {FundSettlement} from "../src/FundSettlement.sol";
import {FundToken} from "../src/FundToken.sol";
import {IFundSettlement} from "../src/interfaces/IFundSettlement.sol";
import {TestStablecoin} from "../src/test/TestStablecoin.sol";
import {FundFixture} from "./Base.sol";

/// @dev Cheatcodes beyond those of Base.sol.
interface SettlementVm {
    function expectEmit() external;
    function chainId(uint256 newChainId) external;
}

/// @dev The fund of FundFixture (6 decimals, US/GB/FR, classes 1 and 2) as a STABLE_NAV fund at NAV 1.00 in
///      FundSettlement, a 6-decimal test stablecoin with a funded treasury that approved the contract, and a
///      FORWARD fund with a dealing day whose cut-off is an hour away. This contract is admin and agent of all.
abstract contract SettlementFixture is FundFixture {
    SettlementVm internal constant vmx = SettlementVm(address(uint160(uint256(keccak256("hevm cheat code")))));

    address internal constant TREASURY = address(0x7EA5);
    uint256 internal constant PERMIT_PK = 0xA11CE5;
    bytes32 internal constant INVESTOR_P = bytes32(uint256(0xF1) << 200);
    uint256 internal constant NAV_ONE = 1e8;
    uint256 internal constant FUND_CAP = 1_000e6;
    uint256 internal constant INVESTOR_CAP = 400e6;
    uint32 internal constant DEALING_DATE = 20_000;
    uint64 internal constant CUTOFF = uint64(NOW + 3600);
    bytes32 internal constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

    TestStablecoin internal usd;
    FundSettlement internal settlement;
    FundToken internal forward;
    address internal permitInvestor;
    uint256 internal forwardRef = 1;

    function setUp() public virtual override {
        super.setUp();
        usd = new TestStablecoin("Test USD", "TUSD", 6);
        settlement = new FundSettlement(address(registry), address(this), address(this));
        token.grantRole(token.AGENT_ROLE(), address(settlement));
        settlement.setFund(address(token), IFundSettlement.FundMode.STABLE_NAV);
        settlement.setNav(address(token), NAV_ONE);
        settlement.setStablecoin(address(token), address(usd), 6, TREASURY, FUND_CAP, INVESTOR_CAP);
        usd.mint(TREASURY, 1_000_000e6);
        vm.prank(TREASURY);
        usd.approve(address(settlement), type(uint256).max);

        permitInvestor = vm.addr(PERMIT_PK);
        registry.registerIdentity(permitInvestor, INVESTOR_P, US, 1, EXPIRY);
        usd.mint(permitInvestor, 10_000e6);
        address[4] memory payers = [ALICE, ALICE2, BOB, ERIN];
        for (uint256 i = 0; i < payers.length; ++i) {
            usd.mint(payers[i], 10_000e6);
            vm.prank(payers[i]);
            usd.approve(address(settlement), type(uint256).max);
        }

        forward = FundToken(factory.createFund(keccak256("forward"), params()));
        forward.grantRole(forward.AGENT_ROLE(), address(settlement));
        settlement.setFund(address(forward), IFundSettlement.FundMode.FORWARD);
        settlement.setStablecoin(address(forward), address(usd), 6, TREASURY, 0, 0);
        settlement.scheduleDealingDay(address(forward), DEALING_DATE, CUTOFF);
    }

    function subscription(address investor, uint256 amount, uint256 minUnits)
        internal
        returns (IFundSettlement.Subscription memory order)
    {
        order = IFundSettlement.Subscription({
            token: address(token),
            stablecoin: address(usd),
            investor: investor,
            amount: amount,
            minUnits: minUnits,
            refSeq: nextRef,
            orderRef: keccak256(abi.encode("order", nextRef))
        });
        ++nextRef;
    }

    function redemption(address investor, uint256 units, uint256 minAmount)
        internal
        returns (IFundSettlement.Redemption memory order)
    {
        order = IFundSettlement.Redemption({
            token: address(token),
            stablecoin: address(usd),
            investor: investor,
            units: units,
            minAmount: minAmount,
            refSeq: nextRef,
            orderRef: keccak256(abi.encode("order", nextRef))
        });
        ++nextRef;
    }

    function depositRequest(address investor, uint256 amount)
        internal
        returns (IFundSettlement.DepositRequest memory request)
    {
        request = IFundSettlement.DepositRequest({
            token: address(forward),
            stablecoin: address(usd),
            investor: investor,
            amount: amount,
            dealingDate: DEALING_DATE,
            refSeq: forwardRef,
            orderRef: keccak256(abi.encode("request", forwardRef))
        });
        ++forwardRef;
    }

    /// @dev The permit investor's EIP-2612 signature for the settlement contract.
    function signPermit(uint256 value, uint256 deadline) internal view returns (IFundSettlement.Permit memory) {
        return signPermitFor(PERMIT_PK, address(settlement), value, deadline);
    }

    function signPermitFor(uint256 pk, address spender, uint256 value, uint256 deadline)
        internal
        view
        returns (IFundSettlement.Permit memory)
    {
        address owner = vm.addr(pk);
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, owner, spender, value, usd.nonces(owner), deadline));
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", usd.DOMAIN_SEPARATOR(), structHash));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(pk, digest);
        return IFundSettlement.Permit({deadline: deadline, v: v, r: r, s: s});
    }

    function expectSettlementError(bytes4 selector) internal {
        vm.expectRevert(abi.encodeWithSelector(selector));
    }
}
