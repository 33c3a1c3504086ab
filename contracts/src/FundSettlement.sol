// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {IFundSettlement} from "./interfaces/IFundSettlement.sol";
import {IFundToken} from "./interfaces/IFundToken.sol";
import {IIdentityRegistry} from "./interfaces/IIdentityRegistry.sol";

/// @title FundSettlement
/// @notice Stablecoin delivery versus payment for the funds of one platform deployment. See {IFundSettlement}.
/// @dev One contract per chain, shared by every fund: each fund token grants it AGENT_ROLE (mint and burn with
///      the order's refSeq, which the token applies once). It holds no stablecoin except the escrow of pending
///      forward requests. Every operation that moves value is AGENT_ROLE-only, so a stablecoin with transfer hooks
///      cannot re-enter it; state is still written before the external calls.
///
///      Storage is laid out for the atomic paths: a subscription reads one word for the fund (mode, decimals,
///      NAV) and one for the stablecoin route (treasury, decimals, accepted); a redemption adds the word with the
///      fund's cap and today's usage, the per-investor cap and the investor's usage word.
contract FundSettlement is IFundSettlement, AccessControl {
    using SafeERC20 for IERC20;

    /// @notice Submits subscriptions, redemptions and requests for investors, sets NAVs and dealing days.
    bytes32 public constant AGENT_ROLE = keccak256("AGENT_ROLE");
    /// @notice Configures funds and their accepted stablecoins.
    bytes32 public constant CONFIG_ROLE = keccak256("CONFIG_ROLE");
    /// @notice Pauses and unpauses.
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");

    /// @dev NAVs are scaled by 10^8, as NAV_DECIMALS in libs/common/money.ts.
    uint256 private constant _NAV_DECIMALS = 8;
    /// @dev Above 36 decimals, 10^decimals times a 128-bit NAV would not fit 256 bits.
    uint8 private constant _MAX_DECIMALS = 36;
    uint256 private constant _DAY = 1 days;
    // The identity registry's packed identity word (see {IIdentityRegistry-packedIdentityOf}).
    uint256 private constant _ID_INVESTOR_SHIFT = 88;
    // The control word: bits 0-159 the hot agent (see {_control}), bit 160 the pause flag.
    uint256 private constant _PAUSED = 1 << 160;
    // A route's redemption word (see {Route}) and a usage word (see `_usage`).
    uint256 private constant _INVESTOR_CAP_SHIFT = 64;
    uint256 private constant _FUND_USAGE_SHIFT = 128;
    uint256 private constant _USAGE_DAY_SHIFT = 96;

    /// @dev One word per fund.
    struct Fund {
        FundMode mode;
        uint8 unitDecimals;
        uint128 nav;
    }

    /// @dev A stablecoin of a fund, two words: slot 0 is all a subscription reads (the route, and copies of the
    ///      fund's mode, unit decimals and NAV, which setFund, setNav and setStablecoin keep equal to {Fund});
    ///      slot 1 (`redemption`) holds both instant redemption caps and the fund's usage, so a redemption reads
    ///      two words. `redemption` is packed by hand (read once, written once; field by field every access
    ///      would be an SLOAD):
    ///        bits   0-63   fund daily cap, whole stablecoins (base units / 10^decimals)
    ///        bits  64-127  investor daily cap, whole stablecoins
    ///        bits 128-255  the fund's usage: a usage word (see `_usage`)
    struct Route {
        address treasury;
        uint8 decimals;
        bool accepted;
        FundMode mode;
        uint8 unitDecimals;
        uint64 nav;
        uint256 redemption;
    }

    struct DealingDay {
        uint64 cutoff;
        uint128 nav;
    }

    struct Request {
        address investor;
        uint32 dealingDate;
        RequestStatus status;
        address stablecoin;
        uint96 amount;
        bytes32 orderRef;
    }

    /// @dev The figures of one settled request, in memory.
    struct Settled {
        address investor;
        address stablecoin;
        address treasury;
        bytes32 orderRef;
        uint256 escrowed;
        uint256 cost;
        uint256 refund;
        uint256 units;
        uint256 nav;
    }

    address private immutable _identityRegistry;
    /// @dev The pause flag and the "hot agent" in one word, so the agent check and the pause check of an
    ///      operation cost one cold read: the hot agent is the account that last received AGENT_ROLE (zero once
    ///      it loses it). It always holds the role, so its calls skip the role mapping; any other account is
    ///      checked against the role as usual. AGENT_ROLE stays rotatable and can have several members.
    uint256 private _control;
    mapping(address token => Fund) private _funds;
    mapping(address token => mapping(address stablecoin => Route)) private _routes;
    /// @dev Every stablecoin a fund ever had a route for (removed ones too): the routes whose fund copies
    ///      setFund and setNav update.
    mapping(address token => address[]) private _routeStablecoins;
    /// @dev An investor's instant redemptions of one UTC day, one usage word: bits 0-95 the amount redeemed,
    ///      bits 96-127 the day (UTC day number). Never written back to zero, so a later day costs a non-zero
    ///      to non-zero write.
    mapping(address token => mapping(address stablecoin => mapping(bytes32 investorId => uint256))) private _usage;
    mapping(address token => mapping(uint32 dealingDate => DealingDay)) private _dealingDays;
    mapping(address token => mapping(uint256 refSeq => Request)) private _requests;

    /// @param identityRegistry_ The registry of the deployment (the one every fund token reads).
    /// @param admin Receives DEFAULT_ADMIN_ROLE, CONFIG_ROLE and PAUSER_ROLE.
    /// @param agent Receives AGENT_ROLE.
    constructor(address identityRegistry_, address admin, address agent) {
        require(identityRegistry_ != address(0), FundSettlementInvalidAddress(identityRegistry_));
        require(admin != address(0), FundSettlementInvalidAddress(admin));
        require(agent != address(0), FundSettlementInvalidAddress(agent));
        _identityRegistry = identityRegistry_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(CONFIG_ROLE, admin);
        _grantRole(PAUSER_ROLE, admin);
        _grantRole(AGENT_ROLE, agent);
    }

    /// @dev AGENT_ROLE, checked against the hot agent first (see {_control}).
    modifier onlyAgent() {
        _checkAgent();
        _;
    }

    // ------------------------------------------------------------------------------ agent: STABLE_NAV

    /// @inheritdoc IFundSettlement
    function subscribe(Subscription calldata order)
        public
        virtual
        onlyAgent
        returns (uint256 units, uint256 amount)
    {
        return _subscribe(order);
    }

    /// @inheritdoc IFundSettlement
    function subscribeWithPermit(Subscription calldata order, Permit calldata permit)
        public
        virtual
        onlyAgent
        returns (uint256 units, uint256 amount)
    {
        // Checked again in _subscribe (a warm read): the permit must only be sent to an accepted stablecoin.
        _requireAccepted(_routes[order.token][order.stablecoin], order.token, order.stablecoin);
        _permit(order.stablecoin, order.investor, order.amount, permit);
        return _subscribe(order);
    }

    /// @inheritdoc IFundSettlement
    function redeem(Redemption calldata order) public virtual onlyAgent returns (uint256 amount) {
        _requireNotPaused();
        Route storage route = _routes[order.token][order.stablecoin];
        Route memory fund = _requireAtomicRoute(route, order.token, order.stablecoin);
        (address treasury, uint8 decimals) = (fund.treasury, fund.decimals);
        bytes32 investorId = _requireVerified(order.investor);
        amount = _redemptionValue(order.units, fund.unitDecimals, fund.nav, decimals);
        require(amount <= type(uint96).max, FundSettlementAmountTooLarge(amount));
        require(amount != 0, FundSettlementZeroAmount());
        require(amount >= order.minAmount, FundSettlementBelowMinimum(amount, order.minAmount));
        _useRedemptionCaps(route, order.token, order.stablecoin, investorId, decimals, amount);

        IFundToken(order.token).burn(order.investor, order.units, order.refSeq, order.orderRef);
        _pull(order.stablecoin, treasury, order.investor, amount, true);
        emit Redeemed(order.token, order.orderRef, fund.nav);
    }

    // -------------------------------------------------------------------------------- agent: FORWARD

    /// @inheritdoc IFundSettlement
    function requestDeposit(DepositRequest calldata request) public virtual onlyAgent {
        _requestDeposit(request);
    }

    /// @inheritdoc IFundSettlement
    function requestDepositWithPermit(DepositRequest calldata request, Permit calldata permit)
        public
        virtual
        onlyAgent
    {
        _requireAccepted(_routes[request.token][request.stablecoin], request.token, request.stablecoin);
        _permit(request.stablecoin, request.investor, request.amount, permit);
        _requestDeposit(request);
    }

    /// @inheritdoc IFundSettlement
    function cancelDepositRequest(address token, uint256 refSeq) public virtual onlyAgent {
        _requireNotPaused();
        _requireTokenNotPaused(token);
        Request storage request = _requirePending(token, refSeq);
        uint32 dealingDate = request.dealingDate;
        uint64 cutoff = _dealingDays[token][dealingDate].cutoff;
        require(block.timestamp < cutoff, FundSettlementCutoffPassed(token, dealingDate, cutoff));
        request.status = RequestStatus.CANCELLED;
        (address investor, address stablecoin, uint256 amount) = (request.investor, request.stablecoin, request.amount);
        _push(stablecoin, investor, amount);
        emit DepositRequestCancelled(token, investor, request.orderRef, refSeq, stablecoin, amount);
    }

    /// @inheritdoc IFundSettlement
    function settleDeposits(address token, uint256[] calldata refSeqs) public virtual onlyAgent {
        _requireNotPaused();
        _requireTokenNotPaused(token);
        uint8 unitDecimals = _funds[token].unitDecimals;
        uint256 n = refSeqs.length;
        for (uint256 i = 0; i < n; ++i) {
            uint256 refSeq = refSeqs[i];
            Request storage request = _requests[token][refSeq];
            RequestStatus status = request.status;
            if (status != RequestStatus.PENDING) {
                emit RequestSkipped(token, refSeq, status);
                continue;
            }
            _settleDeposit(token, refSeq, request, unitDecimals);
        }
    }

    /// @inheritdoc IFundSettlement
    function rejectDepositRequest(address token, uint256 refSeq) public virtual onlyAgent {
        _requireNotPaused();
        _requireTokenNotPaused(token);
        Request storage request = _requirePending(token, refSeq);
        uint256 nav = _requireStruck(token, request.dealingDate);
        (address investor, address stablecoin, uint256 amount) = (request.investor, request.stablecoin, request.amount);
        uint8 code = 0;
        if (!IFundToken(token).isReferenceUsed(refSeq)) {
            (uint256 units,) = _priceSubscription(
                amount, _routes[token][stablecoin].decimals, nav, _funds[token].unitDecimals
            );
            code = IFundToken(token).detectTransferRestriction(address(0), investor, units);
            require(code != 0, FundSettlementRequestSettleable(token, refSeq));
        }
        request.status = RequestStatus.REJECTED;
        _push(stablecoin, investor, amount);
        emit DepositRequestRejected(token, investor, request.orderRef, refSeq, stablecoin, amount, code);
    }

    /// @inheritdoc IFundSettlement
    function scheduleDealingDay(address token, uint32 dealingDate, uint64 cutoff) public virtual onlyAgent {
        _requireFund(token, FundMode.FORWARD);
        require(cutoff > block.timestamp, FundSettlementInvalidCutoff(cutoff));
        DealingDay storage day = _dealingDays[token][dealingDate];
        uint64 current = day.cutoff;
        // Once a cut-off has passed, the day is closed: moving it would reopen requests or cancellations.
        require(current == 0 || block.timestamp < current, FundSettlementCutoffPassed(token, dealingDate, current));
        day.cutoff = cutoff;
        emit DealingDayScheduled(token, dealingDate, cutoff);
    }

    /// @inheritdoc IFundSettlement
    function strikeDealingDay(address token, uint32 dealingDate, uint256 nav) public virtual onlyAgent {
        _requireValidNav(nav);
        DealingDay storage day = _dealingDays[token][dealingDate];
        DealingDay memory current = day;
        require(current.cutoff != 0, FundSettlementDealingDayNotScheduled(token, dealingDate));
        require(current.nav == 0, FundSettlementDealingDayStruck(token, dealingDate));
        // Striking before the cut-off would let requests in at a known price.
        require(
            block.timestamp >= current.cutoff, FundSettlementCutoffNotReached(token, dealingDate, current.cutoff)
        );
        day.nav = uint128(nav);
        emit DealingDayStruck(token, dealingDate, nav);
    }

    // --------------------------------------------------------------------------------- configuration

    /// @inheritdoc IFundSettlement
    function setFund(address token, FundMode mode) public virtual onlyRole(CONFIG_ROLE) {
        require(token != address(0), FundSettlementInvalidAddress(token));
        address registry = IFundToken(token).identityRegistry();
        require(registry == _identityRegistry, FundSettlementRegistryMismatch(token, registry));
        uint8 unitDecimals = IERC20Metadata(token).decimals();
        require(unitDecimals <= _MAX_DECIMALS, FundSettlementInvalidDecimals(unitDecimals));
        Fund storage fund = _funds[token];
        fund.mode = mode;
        fund.unitDecimals = unitDecimals;
        address[] storage stablecoins = _routeStablecoins[token];
        for (uint256 i = 0; i < stablecoins.length; ++i) {
            Route storage route = _routes[token][stablecoins[i]];
            route.mode = mode;
            route.unitDecimals = unitDecimals;
        }
        emit FundConfigured(token, mode, unitDecimals);
    }

    /// @inheritdoc IFundSettlement
    function setNav(address token, uint256 nav) public virtual onlyAgent {
        _requireFund(token, FundMode.STABLE_NAV);
        // 64 bits (above 184 billion per unit) is what the routes' copies hold.
        require(nav != 0 && nav <= type(uint64).max, FundSettlementInvalidNav(nav));
        _funds[token].nav = uint128(nav);
        address[] storage stablecoins = _routeStablecoins[token];
        for (uint256 i = 0; i < stablecoins.length; ++i) {
            _routes[token][stablecoins[i]].nav = uint64(nav);
        }
        emit NavUpdated(token, nav);
    }

    /// @inheritdoc IFundSettlement
    function setStablecoin(
        address token,
        address stablecoin,
        uint8 decimals,
        address treasury,
        uint256 fundDailyCap,
        uint256 investorDailyCap
    ) public virtual onlyRole(CONFIG_ROLE) {
        Fund memory fund = _funds[token];
        require(fund.mode != FundMode.NONE, FundSettlementWrongFundMode(token, fund.mode));
        require(stablecoin != address(0), FundSettlementInvalidAddress(stablecoin));
        // The escrow is this contract's own balance: a treasury here would mix the two.
        require(treasury != address(0) && treasury != address(this), FundSettlementInvalidAddress(treasury));
        require(decimals <= _MAX_DECIMALS, FundSettlementInvalidDecimals(decimals));
        (bool ok, uint8 actual) = SafeERC20.tryGetDecimals(IERC20(stablecoin));
        require(ok && actual == decimals, FundSettlementDecimalsMismatch(stablecoin, decimals, actual));
        uint64 fundCapWhole = _wholeCap(fundDailyCap, decimals);
        uint64 investorCapWhole = _wholeCap(investorDailyCap, decimals);
        Route storage route = _routes[token][stablecoin];
        // A route's treasury is never zero once set: a zero one is a new route.
        if (route.treasury == address(0)) _routeStablecoins[token].push(stablecoin);
        route.treasury = treasury;
        route.decimals = decimals;
        route.accepted = true;
        // setNav keeps STABLE_NAV NAVs within 64 bits; a FORWARD fund has none.
        (route.mode, route.unitDecimals, route.nav) = (fund.mode, fund.unitDecimals, uint64(fund.nav));
        // The fund's usage of the day stays.
        route.redemption = (route.redemption >> _FUND_USAGE_SHIFT << _FUND_USAGE_SHIFT) | fundCapWhole
            | (uint256(investorCapWhole) << _INVESTOR_CAP_SHIFT);
        emit StablecoinConfigured(token, stablecoin, treasury, decimals, fundDailyCap, investorDailyCap);
    }

    /// @inheritdoc IFundSettlement
    function removeStablecoin(address token, address stablecoin) public virtual onlyRole(CONFIG_ROLE) {
        Route storage route = _routes[token][stablecoin];
        require(route.accepted, FundSettlementStablecoinNotAccepted(token, stablecoin));
        // The treasury and decimals stay: pending requests in this stablecoin still settle and refund.
        route.accepted = false;
        emit StablecoinRemoved(token, stablecoin);
    }

    /// @inheritdoc IFundSettlement
    function pause() public virtual onlyRole(PAUSER_ROLE) {
        uint256 control = _control;
        require(control & _PAUSED == 0, FundSettlementEnforcedPause());
        _control = control | _PAUSED;
        emit Paused(msg.sender);
    }

    /// @inheritdoc IFundSettlement
    function unpause() public virtual onlyRole(PAUSER_ROLE) {
        uint256 control = _control;
        require(control & _PAUSED != 0, FundSettlementExpectedPause());
        _control = control & ~_PAUSED;
        emit Unpaused(msg.sender);
    }

    // ------------------------------------------------------------------------------------------ views

    /// @inheritdoc IFundSettlement
    function previewSubscribe(address token, address stablecoin, uint256 amount)
        public
        view
        virtual
        returns (uint256 units, uint256 cost)
    {
        Fund memory fund = _requireFund(token, FundMode.STABLE_NAV);
        require(fund.nav != 0, FundSettlementNavNotSet(token));
        (, uint8 decimals) = _requireAccepted(_routes[token][stablecoin], token, stablecoin);
        require(amount <= type(uint96).max, FundSettlementAmountTooLarge(amount));
        return _priceSubscription(amount, decimals, fund.nav, fund.unitDecimals);
    }

    /// @inheritdoc IFundSettlement
    function previewRedeem(address token, address stablecoin, uint256 units) public view virtual returns (uint256) {
        Fund memory fund = _requireFund(token, FundMode.STABLE_NAV);
        require(fund.nav != 0, FundSettlementNavNotSet(token));
        (, uint8 decimals) = _requireAccepted(_routes[token][stablecoin], token, stablecoin);
        return _redemptionValue(units, fund.unitDecimals, fund.nav, decimals);
    }

    /// @inheritdoc IFundSettlement
    function priceSubscription(uint256 amount, uint8 stablecoinDecimals, uint256 nav, uint8 unitDecimals)
        public
        pure
        virtual
        returns (uint256 units, uint256 cost)
    {
        _requirePricingInputs(stablecoinDecimals, nav, unitDecimals);
        require(amount <= type(uint96).max, FundSettlementAmountTooLarge(amount));
        return _priceSubscription(amount, stablecoinDecimals, nav, unitDecimals);
    }

    /// @inheritdoc IFundSettlement
    function priceRedemption(uint256 units, uint8 unitDecimals, uint256 nav, uint8 stablecoinDecimals)
        public
        pure
        virtual
        returns (uint256)
    {
        _requirePricingInputs(stablecoinDecimals, nav, unitDecimals);
        return _redemptionValue(units, unitDecimals, nav, stablecoinDecimals);
    }

    /// @inheritdoc IFundSettlement
    function identityRegistry() public view virtual returns (address) {
        return _identityRegistry;
    }

    /// @inheritdoc IFundSettlement
    function paused() public view virtual returns (bool) {
        return _control & _PAUSED != 0;
    }

    /// @inheritdoc IFundSettlement
    function fundOf(address token) public view virtual returns (FundMode, uint8, uint256) {
        Fund memory fund = _funds[token];
        return (fund.mode, fund.unitDecimals, fund.nav);
    }

    /// @inheritdoc IFundSettlement
    function stablecoinOf(address token, address stablecoin)
        public
        view
        virtual
        returns (bool, uint8, address, uint256, uint256)
    {
        Route memory route = _routes[token][stablecoin];
        uint256 unit = 10 ** route.decimals;
        return (
            route.accepted,
            route.decimals,
            route.treasury,
            uint64(route.redemption) * unit,
            uint64(route.redemption >> _INVESTOR_CAP_SHIFT) * unit
        );
    }

    /// @inheritdoc IFundSettlement
    function fundRedeemedToday(address token, address stablecoin)
        public
        view
        virtual
        returns (uint256 redeemed, uint256 remaining)
    {
        Route memory route = _routes[token][stablecoin];
        redeemed = _redeemedOn(route.redemption >> _FUND_USAGE_SHIFT, _today());
        remaining = _remaining(uint64(route.redemption) * 10 ** route.decimals, redeemed);
    }

    /// @inheritdoc IFundSettlement
    function investorRedeemedToday(address token, address stablecoin, address wallet)
        public
        view
        virtual
        returns (uint256 redeemed, uint256 remaining)
    {
        uint256 identity = IIdentityRegistry(_identityRegistry).packedIdentityOf(wallet);
        if (identity == 0) return (0, 0);
        redeemed = _redeemedOn(_usage[token][stablecoin][_investorId(identity)], _today());
        Route memory route = _routes[token][stablecoin];
        remaining = _remaining(uint64(route.redemption >> _INVESTOR_CAP_SHIFT) * 10 ** route.decimals, redeemed);
    }

    /// @inheritdoc IFundSettlement
    function dealingDayOf(address token, uint32 dealingDate) public view virtual returns (uint64, uint256) {
        DealingDay memory day = _dealingDays[token][dealingDate];
        return (day.cutoff, day.nav);
    }

    /// @inheritdoc IFundSettlement
    function depositRequestOf(address token, uint256 refSeq)
        public
        view
        virtual
        returns (RequestStatus, address, address, uint256, uint32, bytes32)
    {
        Request memory request = _requests[token][refSeq];
        return (
            request.status, request.investor, request.stablecoin, request.amount, request.dealingDate, request.orderRef
        );
    }

    /// @inheritdoc IERC165
    function supportsInterface(bytes4 interfaceId) public view virtual override returns (bool) {
        return interfaceId == type(IFundSettlement).interfaceId || super.supportsInterface(interfaceId);
    }

    // ---------------------------------------------------------------------------------- internal

    /// @dev The atomic subscription: checks, pricing, the stablecoin leg to the treasury, the mint.
    function _subscribe(Subscription calldata order) internal virtual returns (uint256 units, uint256 amount) {
        _requireNotPaused();
        Route memory fund = _requireAtomicRoute(_routes[order.token][order.stablecoin], order.token, order.stablecoin);
        (address treasury, uint8 decimals) = (fund.treasury, fund.decimals);
        // The payer's verification is the recipient check of the mint below (the same wallet), which reverts
        // with FundTokenNotVerified: checking it here too would cost a second registry call.
        require(order.amount <= type(uint96).max, FundSettlementAmountTooLarge(order.amount));
        (units, amount) = _priceSubscription(order.amount, decimals, fund.nav, fund.unitDecimals);
        require(units != 0, FundSettlementZeroAmount());
        require(units >= order.minUnits, FundSettlementBelowMinimum(units, order.minUnits));

        // The mint first: a wallet the fund refuses (not verified, not eligible, reference used, paused) is
        // reported as such even when it also lacks the stablecoin, and the stablecoin is called last.
        IFundToken(order.token).mint(order.investor, units, order.refSeq, order.orderRef);
        _pull(order.stablecoin, order.investor, treasury, amount, false);
        emit Subscribed(order.token, order.orderRef, fund.nav);
    }

    /// @dev A deposit request: checks, the record, the stablecoin leg into escrow.
    function _requestDeposit(DepositRequest calldata request) internal virtual {
        _requireNotPaused();
        address token = request.token;
        _requireFund(token, FundMode.FORWARD);
        _requireTokenNotPaused(token);
        _requireAccepted(_routes[token][request.stablecoin], token, request.stablecoin);
        _requireVerified(request.investor);
        // Refused now rather than at the strike, when the escrow would have to be rejected and refunded. The
        // caps (holders, balance) can only be judged at the mint.
        require(IFundToken(token).canReceive(request.investor), FundSettlementNotEligible(token, request.investor));
        uint256 amount = request.amount;
        require(amount <= type(uint96).max, FundSettlementAmountTooLarge(amount));
        require(amount != 0, FundSettlementZeroAmount());
        uint64 cutoff = _dealingDays[token][request.dealingDate].cutoff;
        require(cutoff != 0, FundSettlementDealingDayNotScheduled(token, request.dealingDate));
        require(block.timestamp < cutoff, FundSettlementCutoffPassed(token, request.dealingDate, cutoff));
        Request storage record = _requests[token][request.refSeq];
        // The refSeq is the key of the request and the reference of its mint: new to both.
        require(
            record.status == RequestStatus.NONE && !IFundToken(token).isReferenceUsed(request.refSeq),
            FundSettlementReferenceUsed(token, request.refSeq)
        );
        record.investor = request.investor;
        record.dealingDate = request.dealingDate;
        record.status = RequestStatus.PENDING;
        record.stablecoin = request.stablecoin;
        record.amount = uint96(amount);
        record.orderRef = request.orderRef;

        _pull(request.stablecoin, request.investor, address(this), amount, false);
        emit DepositRequested(
            token, request.investor, request.orderRef, request.refSeq, request.stablecoin, amount, request.dealingDate
        );
    }

    /// @dev One pending request of a struck day: mint, cost from escrow to the treasury, remainder refunded.
    function _settleDeposit(address token, uint256 refSeq, Request storage request, uint8 unitDecimals)
        internal
        virtual
    {
        // Held in memory: the event has more fields than the stack has room for.
        Settled memory settled;
        settled.nav = _requireStruck(token, request.dealingDate);
        (settled.investor, settled.stablecoin, settled.escrowed, settled.orderRef) =
            (request.investor, request.stablecoin, request.amount, request.orderRef);
        Route storage route = _routes[token][settled.stablecoin];
        settled.treasury = route.treasury;
        (settled.units, settled.cost) = _priceSubscription(settled.escrowed, route.decimals, settled.nav, unitDecimals);
        request.status = RequestStatus.SETTLED;
        // Too little for one base unit: nothing is minted and the whole amount goes back.
        if (settled.units != 0) IFundToken(token).mint(settled.investor, settled.units, refSeq, settled.orderRef);
        if (settled.cost != 0) _push(settled.stablecoin, settled.treasury, settled.cost);
        unchecked {
            // Cannot underflow: the cost of floor(amount / price) units is at most the amount.
            settled.refund = settled.escrowed - settled.cost;
        }
        if (settled.refund != 0) _push(settled.stablecoin, settled.investor, settled.refund);
        _emitDepositSettled(token, refSeq, settled);
    }

    function _emitDepositSettled(address token, uint256 refSeq, Settled memory settled) private {
        emit DepositSettled(
            token,
            settled.investor,
            settled.orderRef,
            refSeq,
            settled.stablecoin,
            settled.treasury,
            settled.cost,
            settled.refund,
            settled.units,
            settled.nav
        );
    }

    /// @dev Adds `amount` to the fund's and the investor's instant redemptions of today, within their caps.
    function _useRedemptionCaps(
        Route storage route,
        address token,
        address stablecoin,
        bytes32 investorId,
        uint8 decimals,
        uint256 amount
    ) internal virtual {
        uint32 today = _today();
        uint256 unit = 10 ** decimals;
        uint256 redemption = route.redemption;
        uint256 fundCap = uint64(redemption) * unit;
        uint256 fundRedeemed = _redeemedOn(redemption >> _FUND_USAGE_SHIFT, today);
        require(
            amount <= _remaining(fundCap, fundRedeemed),
            FundSettlementFundCapExceeded(token, stablecoin, fundRedeemed, amount, fundCap)
        );
        mapping(bytes32 => uint256) storage usage = _usage[token][stablecoin];
        uint256 investorCap = uint64(redemption >> _INVESTOR_CAP_SHIFT) * unit;
        uint256 investorRedeemed = _redeemedOn(usage[investorId], today);
        require(
            amount <= _remaining(investorCap, investorRedeemed),
            FundSettlementInvestorCapExceeded(token, stablecoin, investorId, investorRedeemed, amount, investorCap)
        );
        // Both sums stay within their 96-bit caps (checked just above), so they fit the usage words.
        uint256 dayBits = uint256(today) << _USAGE_DAY_SHIFT;
        route.redemption = uint128(redemption) | ((fundRedeemed + amount) | dayBits) << _FUND_USAGE_SHIFT;
        usage[investorId] = (investorRedeemed + amount) | dayBits;
    }

    /// @dev Applies the investor's permit if it is still valid. A permit that fails was most likely used
    ///      already by someone who saw it (it is public once broadcast): the allowance it granted is what
    ///      counts, and {_pull} reverts with the allowance and balance if it is not enough (see the security
    ///      note of OpenZeppelin's IERC20Permit).
    function _permit(address stablecoin, address owner, uint256 value, Permit calldata permit) internal virtual {
        require(block.timestamp <= permit.deadline, FundSettlementPermitExpired(permit.deadline));
        try IERC20Permit(stablecoin).permit(owner, address(this), value, permit.deadline, permit.v, permit.r, permit.s)
        {} catch {}
    }

    /// @dev Moves `amount` of `stablecoin` from `from` (which approved this contract) to `to`, or reverts with the
    ///      reason: the investor's balance or allowance, the treasury's shortfall (the fund's problem, not the
    ///      investor's, so an error of its own), or the stablecoin's own refusal. Balance and allowance are read
    ///      only on failure, so the success path costs one call.
    function _pull(address stablecoin, address from, address to, uint256 amount, bool fromTreasury) internal virtual {
        if (IERC20(stablecoin).trySafeTransferFrom(from, to, amount)) return;
        uint256 balance = IERC20(stablecoin).balanceOf(from);
        uint256 allowance = IERC20(stablecoin).allowance(from, address(this));
        if (fromTreasury) {
            require(
                balance >= amount && allowance >= amount,
                FundSettlementTreasuryShortfall(from, balance, allowance, amount)
            );
        }
        require(balance >= amount, FundSettlementInsufficientBalance(from, balance, amount));
        require(allowance >= amount, FundSettlementInsufficientAllowance(from, allowance, amount));
        revert FundSettlementTransferFailed(stablecoin, from, to, amount);
    }

    /// @dev Pays `amount` of `stablecoin` from escrow to `to`.
    function _push(address stablecoin, address to, uint256 amount) internal virtual {
        require(
            IERC20(stablecoin).trySafeTransfer(to, amount),
            FundSettlementTransferFailed(stablecoin, address(this), to, amount)
        );
    }

    function _requireNotPaused() internal view virtual {
        require(_control & _PAUSED == 0, FundSettlementEnforcedPause());
    }

    function _checkAgent() internal view virtual {
        if (address(uint160(_control)) != msg.sender) _checkRole(AGENT_ROLE);
    }

    /// @dev A new member of AGENT_ROLE (or one granted again) becomes the hot agent.
    function _grantRole(bytes32 role, address account) internal virtual override returns (bool granted) {
        granted = super._grantRole(role, account);
        if (role == AGENT_ROLE) _control = (_control & _PAUSED) | uint160(account);
    }

    /// @dev The hot agent that loses AGENT_ROLE leaves the control word: it must hold the role.
    function _revokeRole(bytes32 role, address account) internal virtual override returns (bool revoked) {
        revoked = super._revokeRole(role, account);
        uint256 control = _control;
        if (role == AGENT_ROLE && address(uint160(control)) == account) _control = control & _PAUSED;
    }

    function _requireTokenNotPaused(address token) internal view virtual {
        require(!IFundToken(token).paused(), FundSettlementFundPaused(token));
    }

    /// @dev The first word of an accepted route of a STABLE_NAV fund whose NAV is set, with the fund's copies:
    ///      one read. Anything else goes through the checks of the fund word and the route, in that order, for
    ///      the error (the copies equal the fund word, so one of them reverts).
    function _requireAtomicRoute(Route storage route, address token, address stablecoin)
        internal
        view
        virtual
        returns (Route memory head)
    {
        (head.treasury, head.decimals, head.accepted, head.mode, head.unitDecimals, head.nav) =
            (route.treasury, route.decimals, route.accepted, route.mode, route.unitDecimals, route.nav);
        if (head.accepted && head.mode == FundMode.STABLE_NAV && head.nav != 0) return head;
        Fund memory fund = _requireFund(token, FundMode.STABLE_NAV);
        require(fund.nav != 0, FundSettlementNavNotSet(token));
        _requireAccepted(route, token, stablecoin);
    }

    function _requireFund(address token, FundMode mode) internal view virtual returns (Fund memory fund) {
        fund = _funds[token];
        require(fund.mode == mode, FundSettlementWrongFundMode(token, fund.mode));
    }

    /// @dev The treasury and decimals of an accepted stablecoin route.
    function _requireAccepted(Route storage route, address token, address stablecoin)
        internal
        view
        virtual
        returns (address treasury, uint8 decimals)
    {
        require(route.accepted, FundSettlementStablecoinNotAccepted(token, stablecoin));
        return (route.treasury, route.decimals);
    }

    /// @dev Reverts unless `wallet` is registered and not expired; returns its investor id as the registry
    ///      stores it (first 21 bytes), the key of the per-investor cap.
    function _requireVerified(address wallet) internal view virtual returns (bytes32) {
        uint256 identity = IIdentityRegistry(_identityRegistry).packedIdentityOf(wallet);
        uint64 expiresAt = uint64(identity);
        require(expiresAt > block.timestamp, FundSettlementWalletNotVerified(wallet, expiresAt));
        return _investorId(identity);
    }

    function _requirePending(address token, uint256 refSeq) internal view virtual returns (Request storage request) {
        request = _requests[token][refSeq];
        RequestStatus status = request.status;
        require(status == RequestStatus.PENDING, FundSettlementRequestNotPending(token, refSeq, status));
    }

    function _requireStruck(address token, uint32 dealingDate) internal view virtual returns (uint256 nav) {
        nav = _dealingDays[token][dealingDate].nav;
        require(nav != 0, FundSettlementDealingDayNotStruck(token, dealingDate));
    }

    function _requireValidNav(uint256 nav) internal pure virtual {
        require(nav != 0 && nav <= type(uint128).max, FundSettlementInvalidNav(nav));
    }

    function _requirePricingInputs(uint8 stablecoinDecimals, uint256 nav, uint8 unitDecimals) internal pure virtual {
        require(stablecoinDecimals <= _MAX_DECIMALS, FundSettlementInvalidDecimals(stablecoinDecimals));
        require(unitDecimals <= _MAX_DECIMALS, FundSettlementInvalidDecimals(unitDecimals));
        _requireValidNav(nav);
    }

    /// @dev units = floor(amount x 10^(8 + unitDecimals) / (nav x 10^cashDecimals)); cost = the units' price
    ///      rounded up. Exactly libs/orders/pricing.ts priceSubscription. With decimals <= 36, a 128-bit NAV and
    ///      a 96-bit amount, no intermediate or result overflows (mulDiv keeps the 512-bit product).
    function _priceSubscription(uint256 amount, uint256 cashDecimals, uint256 nav, uint256 unitDecimals)
        internal
        pure
        virtual
        returns (uint256 units, uint256 cost)
    {
        uint256 scale = 10 ** (_NAV_DECIMALS + unitDecimals);
        uint256 unitPrice = nav * 10 ** cashDecimals;
        units = Math.mulDiv(amount, scale, unitPrice);
        cost = Math.mulDiv(units, unitPrice, scale, Math.Rounding.Ceil);
    }

    /// @dev floor(units x nav x 10^cashDecimals / 10^(8 + unitDecimals)), as libs/orders/pricing.ts
    ///      priceRedemption; type(uint256).max when the value does not fit 256 bits (absurd inputs), which every
    ///      caller rejects as too large.
    function _redemptionValue(uint256 units, uint256 unitDecimals, uint256 nav, uint256 cashDecimals)
        internal
        pure
        virtual
        returns (uint256)
    {
        uint256 scale = 10 ** (_NAV_DECIMALS + unitDecimals);
        uint256 unitPrice = nav * 10 ** cashDecimals;
        (uint256 high,) = Math.mul512(units, unitPrice);
        if (high >= scale) return type(uint256).max;
        return Math.mulDiv(units, unitPrice, scale);
    }

    /// @dev The UTC day number: caps reset at 00:00 UTC. Fits 32 bits until the year 11 million.
    function _today() internal view virtual returns (uint32) {
        return uint32(block.timestamp / _DAY);
    }

    /// @dev A cap in base units as whole stablecoins: a multiple of 10^decimals, at most 96 bits in base units
    ///      (the width of the usage) and 64 bits in whole coins.
    function _wholeCap(uint256 cap, uint8 decimals) internal pure virtual returns (uint64) {
        uint256 unit = 10 ** decimals;
        require(cap % unit == 0, FundSettlementInvalidCap(cap, decimals));
        require(cap <= type(uint96).max && cap / unit <= type(uint64).max, FundSettlementAmountTooLarge(cap));
        return uint64(cap / unit);
    }

    /// @dev The amount of a usage word (see `_usage`) if it is of `today`, else 0.
    function _redeemedOn(uint256 usage, uint32 today) internal pure virtual returns (uint256) {
        return uint32(usage >> _USAGE_DAY_SHIFT) == today ? uint96(usage) : 0;
    }

    function _remaining(uint256 cap, uint256 used) internal pure virtual returns (uint256) {
        return cap > used ? cap - used : 0;
    }

    function _investorId(uint256 identity) internal pure virtual returns (bytes32) {
        return bytes32((identity >> _ID_INVESTOR_SHIFT) << _ID_INVESTOR_SHIFT);
    }
}
