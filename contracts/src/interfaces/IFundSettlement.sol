// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IFundSettlement
/// @notice Delivery versus payment of fund units against accepted stablecoins, for every fund of one platform
///         deployment (one contract per chain, shared by the funds; each fund token grants it AGENT_ROLE).
///
///         STABLE_NAV funds settle atomically, in one transaction that moves both legs or neither:
///         - {subscribe} / {subscribeWithPermit}: the stablecoin goes from the investor's verified wallet to the
///           fund's treasury (after an EIP-2612 permit, or against a prior approval) and the units are minted to
///           that same wallet at the fund's NAV, with a minimum-units guard;
///         - {redeem}: the units are burned and the stablecoin is paid from the treasury (which approves this
///           contract) to the holder's verified wallet, within the instant redemption caps, with a
///           minimum-amount guard.
///
///         FORWARD funds use ERC-7540-style deposit requests priced at the NAV of a dealing day:
///         - {requestDeposit} / {requestDepositWithPermit} move the stablecoin into this contract's escrow before
///           the dealing day's cut-off;
///         - {cancelDepositRequest} refunds a request from escrow, before the cut-off only;
///         - {strikeDealingDay} sets the day's NAV once, at or after the cut-off;
///         - {settleDeposits} mints each request's units at that NAV, pays its cost to the treasury and refunds
///           the remainder, exactly once per request (a settled or refunded request is skipped, so a retried
///           batch is safe);
///         - {rejectDepositRequest} refunds a request after the strike only if the token would refuse its mint.
///         Redemption requests (units in escrow) are not part of this contract.
///
///         Pricing is the platform's (libs/orders/pricing.ts), in the fund's favour:
///         units = floor(amount x 10^(8 + unitDecimals) / (nav x 10^stablecoinDecimals)),
///         cost  = ceil(units x nav x 10^stablecoinDecimals / 10^(8 + unitDecimals)) <= amount (what is paid),
///         payout of a redemption = floor(units x nav x 10^stablecoinDecimals / 10^(8 + unitDecimals)),
///         with the NAV per unit scaled by 10^8. A subscription pulls the cost only: the remainder stays with
///         the investor.
///
///         Instant redemption caps are per (fund, stablecoin), in the stablecoin's base units: one for the fund
///         and one per investor, where an investor is the identity registry's investor id, so the wallets of one
///         investor share a cap. They reset at 00:00 UTC (day = block.timestamp / 86400). A cap of 0 disables
///         instant redemption. Caps are whole stablecoins, so both fit one storage word with the day's usage.
///
///         Stablecoins move only from or to wallets the identity registry verifies (registered, not expired);
///         refunds go back to the paying wallet whatever its status. Pausing this contract, or the fund's token,
///         stops every movement of value; configuration, NAVs and dealing days can still be set.
interface IFundSettlement {
    // ------------------------------------------------------------------------------------------- types

    /// @notice How a fund deals against stablecoins.
    /// @dev NONE: not configured (or switched off); STABLE_NAV: atomic subscriptions and redemptions at the
    ///      fund's NAV; FORWARD: deposit requests priced at a dealing day's NAV.
    enum FundMode {
        NONE,
        STABLE_NAV,
        FORWARD
    }

    /// @notice The life of a deposit request: PENDING, then exactly one of SETTLED, CANCELLED, REJECTED.
    enum RequestStatus {
        NONE,
        PENDING,
        SETTLED,
        CANCELLED,
        REJECTED
    }

    /// @notice An atomic subscription.
    /// @param token The fund token.
    /// @param stablecoin The stablecoin paid, accepted for the fund.
    /// @param investor The investor's wallet: it pays and receives the units.
    /// @param amount The most stablecoin to pay, in its base units (the order's amount; also the permit's value).
    /// @param minUnits Reverts if fewer units (base units of the token) would be minted.
    /// @param refSeq The fund's sequence number of the order (the token applies each once).
    /// @param orderRef The platform's 32-byte order reference.
    struct Subscription {
        address token;
        address stablecoin;
        address investor;
        uint256 amount;
        uint256 minUnits;
        uint256 refSeq;
        bytes32 orderRef;
    }

    /// @notice An instant redemption.
    /// @param token The fund token.
    /// @param stablecoin The stablecoin paid out, accepted for the fund.
    /// @param investor The holder's wallet: its units are burned and it receives the stablecoin.
    /// @param units Units to redeem, in the token's base units.
    /// @param minAmount Reverts if less stablecoin (base units) would be paid.
    /// @param refSeq The fund's sequence number of the order.
    /// @param orderRef The platform's 32-byte order reference.
    struct Redemption {
        address token;
        address stablecoin;
        address investor;
        uint256 units;
        uint256 minAmount;
        uint256 refSeq;
        bytes32 orderRef;
    }

    /// @notice A forward deposit request.
    /// @param token The fund token.
    /// @param stablecoin The stablecoin paid into escrow, accepted for the fund.
    /// @param investor The investor's wallet: it pays and receives the units (or the refund).
    /// @param amount Stablecoin moved into escrow, in its base units.
    /// @param dealingDate The dealing day (days since 1970-01-01), scheduled with {scheduleDealingDay}.
    /// @param refSeq The fund's sequence number of the order: the request's key, and the reference of its mint.
    /// @param orderRef The platform's 32-byte order reference.
    struct DepositRequest {
        address token;
        address stablecoin;
        address investor;
        uint256 amount;
        uint32 dealingDate;
        uint256 refSeq;
        bytes32 orderRef;
    }

    /// @notice An EIP-2612 permit signed by the investor for this contract as spender, with the order's amount
    ///         as value.
    /// @param deadline The permit's deadline (unix seconds).
    /// @param v Signature v.
    /// @param r Signature r.
    /// @param s Signature s.
    struct Permit {
        uint256 deadline;
        uint8 v;
        bytes32 r;
        bytes32 s;
    }

    // ------------------------------------------------------------------------------------------ events

    /// @notice Emitted when a fund is configured or its mode changes.
    /// @param token The fund token.
    /// @param mode The mode.
    /// @param unitDecimals The token's decimals, cached for pricing.
    event FundConfigured(address indexed token, FundMode mode, uint8 unitDecimals);

    /// @notice Emitted when the NAV of a STABLE_NAV fund is set.
    /// @param token The fund token.
    /// @param nav NAV per unit, scaled by 10^8.
    event NavUpdated(address indexed token, uint256 nav);

    /// @notice Emitted when a stablecoin is accepted for a fund, or its treasury or caps change.
    /// @param token The fund token.
    /// @param stablecoin The stablecoin.
    /// @param treasury The fund's wallet that receives subscriptions and pays instant redemptions.
    /// @param decimals The stablecoin's decimals.
    /// @param fundDailyCap Instant redemptions of the fund per UTC day, in the stablecoin's base units.
    /// @param investorDailyCap Instant redemptions per investor per UTC day, in the stablecoin's base units.
    event StablecoinConfigured(
        address indexed token,
        address indexed stablecoin,
        address indexed treasury,
        uint8 decimals,
        uint256 fundDailyCap,
        uint256 investorDailyCap
    );

    /// @notice Emitted when a stablecoin is no longer accepted for a fund (pending requests still settle).
    /// @param token The fund token.
    /// @param stablecoin The stablecoin.
    event StablecoinRemoved(address indexed token, address indexed stablecoin);

    /// @notice Emitted by an atomic subscription, after the two movements it made in the same transaction: the
    ///         token's {IFundToken-Minted} with this `orderRef` (investor, units, refSeq) and, after it, the
    ///         stablecoin's `Transfer` from the investor to the treasury (stablecoin, payer, payee, amount). Only
    ///         what those do not say is repeated here (each data word of a log costs 256 gas, a topic 375).
    /// @param token The fund token.
    /// @param orderRef The order reference.
    /// @param nav The NAV applied (scaled by 10^8).
    event Subscribed(address indexed token, bytes32 indexed orderRef, uint256 nav);

    /// @notice Emitted by an instant redemption, after the two movements it made in the same transaction: the
    ///         token's {IFundToken-Burned} with this `orderRef` (investor, units, refSeq) and, after it, the
    ///         stablecoin's `Transfer` from the treasury to the investor (stablecoin, payer, payee, amount).
    /// @param token The fund token.
    /// @param orderRef The order reference.
    /// @param nav The NAV applied (scaled by 10^8).
    event Redeemed(address indexed token, bytes32 indexed orderRef, uint256 nav);

    /// @notice Emitted when a dealing day's cut-off is set.
    /// @param token The fund token.
    /// @param dealingDate The dealing day (days since 1970-01-01).
    /// @param cutoff Requests are accepted and cancellable until just before this time (unix seconds).
    event DealingDayScheduled(address indexed token, uint32 indexed dealingDate, uint64 cutoff);

    /// @notice Emitted when a dealing day's NAV is set (once).
    /// @param token The fund token.
    /// @param dealingDate The dealing day.
    /// @param nav NAV per unit, scaled by 10^8.
    event DealingDayStruck(address indexed token, uint32 indexed dealingDate, uint256 nav);

    /// @notice Emitted when a deposit request moves `amount` of `stablecoin` from `investor` into escrow.
    /// @param token The fund token.
    /// @param investor Payer.
    /// @param orderRef The order reference.
    /// @param refSeq The order's sequence number (the request's key).
    /// @param stablecoin The stablecoin.
    /// @param amount Stablecoin escrowed.
    /// @param dealingDate The dealing day whose NAV prices it.
    event DepositRequested(
        address indexed token,
        address indexed investor,
        bytes32 indexed orderRef,
        uint256 refSeq,
        address stablecoin,
        uint256 amount,
        uint32 dealingDate
    );

    /// @notice Emitted when a deposit request is settled: `units` minted to `investor`, `amount` paid from
    ///         escrow to `treasury`, `refund` paid from escrow back to `investor`.
    /// @param token The fund token.
    /// @param investor Recipient of the units and of the refund.
    /// @param orderRef The order reference.
    /// @param refSeq The order's sequence number.
    /// @param stablecoin The stablecoin.
    /// @param treasury Payee of the cost.
    /// @param amount Stablecoin paid to the treasury (the cost of the units).
    /// @param refund Stablecoin refunded (escrowed amount minus cost).
    /// @param units Units minted.
    /// @param nav The dealing day's NAV.
    event DepositSettled(
        address indexed token,
        address indexed investor,
        bytes32 indexed orderRef,
        uint256 refSeq,
        address stablecoin,
        address treasury,
        uint256 amount,
        uint256 refund,
        uint256 units,
        uint256 nav
    );

    /// @notice Emitted when a deposit request is cancelled before its cut-off and refunded in full from escrow.
    /// @param token The fund token.
    /// @param investor Payee of the refund.
    /// @param orderRef The order reference.
    /// @param refSeq The order's sequence number.
    /// @param stablecoin The stablecoin.
    /// @param amount Stablecoin refunded.
    event DepositRequestCancelled(
        address indexed token,
        address indexed investor,
        bytes32 indexed orderRef,
        uint256 refSeq,
        address stablecoin,
        uint256 amount
    );

    /// @notice Emitted when a struck deposit request whose mint the token refuses is refunded in full.
    /// @param token The fund token.
    /// @param investor Payee of the refund.
    /// @param orderRef The order reference.
    /// @param refSeq The order's sequence number.
    /// @param stablecoin The stablecoin.
    /// @param amount Stablecoin refunded.
    /// @param restrictionCode The token's ERC-1404 code for the mint (0 when its reference was used elsewhere).
    event DepositRequestRejected(
        address indexed token,
        address indexed investor,
        bytes32 indexed orderRef,
        uint256 refSeq,
        address stablecoin,
        uint256 amount,
        uint8 restrictionCode
    );

    /// @notice Emitted by {settleDeposits} for a request that is not pending (already settled, refunded or
    ///         unknown); it is skipped, so a retried batch is safe.
    /// @param token The fund token.
    /// @param refSeq The request's sequence number.
    /// @param status Its status.
    event RequestSkipped(address indexed token, uint256 indexed refSeq, RequestStatus status);

    /// @notice Emitted when the contract is paused.
    /// @param account The caller.
    event Paused(address account);

    /// @notice Emitted when the contract is unpaused.
    /// @param account The caller.
    event Unpaused(address account);

    // ------------------------------------------------------------------------------------------ errors

    /// @notice An address parameter is the zero address (or, for a treasury, this contract).
    /// @param account The address given.
    error FundSettlementInvalidAddress(address account);

    /// @notice The settlement contract is paused.
    error FundSettlementEnforcedPause();

    /// @notice The settlement contract is not paused.
    error FundSettlementExpectedPause();

    /// @notice The fund's token is paused.
    /// @param token The fund token.
    error FundSettlementFundPaused(address token);

    /// @notice The fund is not configured for the operation's mode.
    /// @param token The fund token.
    /// @param mode Its current mode.
    error FundSettlementWrongFundMode(address token, FundMode mode);

    /// @notice The fund token reads another identity registry than this contract.
    /// @param token The fund token.
    /// @param registry The token's registry.
    error FundSettlementRegistryMismatch(address token, address registry);

    /// @notice Decimals above 36 (which would overflow the pricing).
    /// @param decimals The value.
    error FundSettlementInvalidDecimals(uint8 decimals);

    /// @notice The decimals given for a stablecoin differ from its own `decimals()`.
    /// @param stablecoin The stablecoin.
    /// @param given The decimals given.
    /// @param actual Its decimals (0 if it has no readable `decimals()`).
    error FundSettlementDecimalsMismatch(address stablecoin, uint8 given, uint8 actual);

    /// @notice The stablecoin is not accepted for the fund.
    /// @param token The fund token.
    /// @param stablecoin The stablecoin.
    error FundSettlementStablecoinNotAccepted(address token, address stablecoin);

    /// @notice A NAV of zero or beyond 128 bits (beyond 64 bits for {setNav}).
    /// @param nav The value.
    error FundSettlementInvalidNav(uint256 nav);

    /// @notice The STABLE_NAV fund has no NAV yet.
    /// @param token The fund token.
    error FundSettlementNavNotSet(address token);

    /// @notice A cap that is not a whole number of stablecoins (caps are stored as whole coins).
    /// @param cap The value, in base units.
    /// @param decimals The stablecoin's decimals.
    error FundSettlementInvalidCap(uint256 cap, uint8 decimals);

    /// @notice An amount or cap beyond 96 bits (7.9 x 10^28 base units), the width stored on chain.
    /// @param amount The value.
    error FundSettlementAmountTooLarge(uint256 amount);

    /// @notice Nothing would move: zero units minted, burned or paid.
    error FundSettlementZeroAmount();

    /// @notice Fewer units (subscription) or less stablecoin (redemption) than the order's minimum.
    /// @param amount What the NAV gives.
    /// @param minimum The order's minimum.
    error FundSettlementBelowMinimum(uint256 amount, uint256 minimum);

    /// @notice The wallet is not registered in the identity registry, or its verification expired.
    /// @param wallet The wallet.
    /// @param expiresAt Its stored expiry (0 if not registered).
    error FundSettlementWalletNotVerified(address wallet, uint64 expiresAt);

    /// @notice The fund token would not let `wallet` receive units (frozen, jurisdiction or class not eligible).
    /// @param token The fund token.
    /// @param wallet The wallet.
    error FundSettlementNotEligible(address token, address wallet);

    /// @notice The permit's deadline has passed.
    /// @param deadline The deadline.
    error FundSettlementPermitExpired(uint256 deadline);

    /// @notice The investor's stablecoin balance is below the amount.
    /// @param account The investor's wallet.
    /// @param balance Its balance.
    /// @param needed The amount.
    error FundSettlementInsufficientBalance(address account, uint256 balance, uint256 needed);

    /// @notice The investor's allowance to this contract is below the amount (no approval, or a permit that did
    ///         not apply: wrong signer, value or nonce).
    /// @param account The investor's wallet.
    /// @param allowance Its allowance to this contract.
    /// @param needed The amount.
    error FundSettlementInsufficientAllowance(address account, uint256 allowance, uint256 needed);

    /// @notice The fund's treasury cannot pay an instant redemption: its balance or its allowance to this
    ///         contract is below the payout.
    /// @param treasury The treasury.
    /// @param balance Its balance.
    /// @param allowance Its allowance to this contract.
    /// @param needed The payout.
    error FundSettlementTreasuryShortfall(address treasury, uint256 balance, uint256 allowance, uint256 needed);

    /// @notice The stablecoin refused a transfer for another reason (for example a blocklist or its own pause).
    /// @param stablecoin The stablecoin.
    /// @param from Payer.
    /// @param to Payee.
    /// @param amount Amount.
    error FundSettlementTransferFailed(address stablecoin, address from, address to, uint256 amount);

    /// @notice The fund's instant redemptions today would exceed its daily cap.
    /// @param token The fund token.
    /// @param stablecoin The stablecoin.
    /// @param redeemedToday Already paid today.
    /// @param amount This redemption's payout.
    /// @param cap The daily cap.
    error FundSettlementFundCapExceeded(
        address token, address stablecoin, uint256 redeemedToday, uint256 amount, uint256 cap
    );

    /// @notice The investor's instant redemptions today would exceed the per-investor daily cap.
    /// @param token The fund token.
    /// @param stablecoin The stablecoin.
    /// @param investorId The investor (as stored by the identity registry).
    /// @param redeemedToday Already paid to the investor today.
    /// @param amount This redemption's payout.
    /// @param cap The daily cap.
    error FundSettlementInvestorCapExceeded(
        address token, address stablecoin, bytes32 investorId, uint256 redeemedToday, uint256 amount, uint256 cap
    );

    /// @notice The sequence number has a request already, or the token applied it already.
    /// @param token The fund token.
    /// @param refSeq The sequence number.
    error FundSettlementReferenceUsed(address token, uint256 refSeq);

    /// @notice A cut-off that is not in the future.
    /// @param cutoff The value.
    error FundSettlementInvalidCutoff(uint64 cutoff);

    /// @notice The dealing day has no cut-off.
    /// @param token The fund token.
    /// @param dealingDate The dealing day.
    error FundSettlementDealingDayNotScheduled(address token, uint32 dealingDate);

    /// @notice The dealing day's cut-off has passed: no new request, no cancellation, no new cut-off.
    /// @param token The fund token.
    /// @param dealingDate The dealing day.
    /// @param cutoff Its cut-off.
    error FundSettlementCutoffPassed(address token, uint32 dealingDate, uint64 cutoff);

    /// @notice The dealing day's cut-off has not been reached: its NAV cannot be struck yet.
    /// @param token The fund token.
    /// @param dealingDate The dealing day.
    /// @param cutoff Its cut-off.
    error FundSettlementCutoffNotReached(address token, uint32 dealingDate, uint64 cutoff);

    /// @notice The dealing day's NAV is already set.
    /// @param token The fund token.
    /// @param dealingDate The dealing day.
    error FundSettlementDealingDayStruck(address token, uint32 dealingDate);

    /// @notice The dealing day's NAV is not set yet.
    /// @param token The fund token.
    /// @param dealingDate The dealing day.
    error FundSettlementDealingDayNotStruck(address token, uint32 dealingDate);

    /// @notice The request is not pending.
    /// @param token The fund token.
    /// @param refSeq The request's sequence number.
    /// @param status Its status.
    error FundSettlementRequestNotPending(address token, uint256 refSeq, RequestStatus status);

    /// @notice A rejection of a request the token would mint: it must be settled instead.
    /// @param token The fund token.
    /// @param refSeq The request's sequence number.
    error FundSettlementRequestSettleable(address token, uint256 refSeq);

    // ------------------------------------------------------------------------------ agent: STABLE_NAV

    /// @notice Subscribes against the investor's prior approval of this contract (at least the cost).
    /// @dev Requires AGENT_ROLE. The fund must be STABLE_NAV with a NAV, the stablecoin accepted. The token
    ///      checks the rest in the same transaction and reverts with its own errors if it refuses the mint: the
    ///      wallet not verified (FundTokenNotVerified: the payer is the recipient, so the token's recipient check
    ///      is the payer's), paused (FundTokenEnforcedPause), refSeq used (FundTokenReferenceUsed), eligibility
    ///      and caps.
    /// @param order The subscription.
    /// @return units Units minted.
    /// @return amount Stablecoin paid.
    function subscribe(Subscription calldata order) external returns (uint256 units, uint256 amount);

    /// @notice Subscribes with the investor's EIP-2612 permit (spender this contract, value `order.amount`).
    /// @dev As {subscribe}. Reverts with {FundSettlementPermitExpired} after the deadline. A permit that fails
    ///      (already used by someone who saw it) is ignored: the subscription then needs the allowance that
    ///      permit granted, else {FundSettlementInsufficientAllowance}.
    /// @param order The subscription.
    /// @param permit The investor's signature.
    /// @return units Units minted.
    /// @return amount Stablecoin paid.
    function subscribeWithPermit(Subscription calldata order, Permit calldata permit)
        external
        returns (uint256 units, uint256 amount);

    /// @notice Burns the holder's units and pays their value from the treasury (which must have approved this
    ///         contract), within the fund's and the investor's daily caps.
    /// @dev Requires AGENT_ROLE. The fund must be STABLE_NAV with a NAV, the stablecoin accepted, the holder
    ///      verified.
    /// @param order The redemption.
    /// @return amount Stablecoin paid.
    function redeem(Redemption calldata order) external returns (uint256 amount);

    // -------------------------------------------------------------------------------- agent: FORWARD

    /// @notice Moves the stablecoin of a deposit request into escrow, against a prior approval.
    /// @dev Requires AGENT_ROLE. The fund must be FORWARD and its token not paused, the stablecoin accepted,
    ///      the investor verified and able to receive the fund's units (ERC-7943 canReceive), the dealing day
    ///      scheduled and before its cut-off, the refSeq new to both this contract and the token.
    /// @param request The request.
    function requestDeposit(DepositRequest calldata request) external;

    /// @notice {requestDeposit} with the investor's EIP-2612 permit (value `request.amount`).
    /// @param request The request.
    /// @param permit The investor's signature.
    function requestDepositWithPermit(DepositRequest calldata request, Permit calldata permit) external;

    /// @notice Cancels a pending request before its dealing day's cut-off and refunds it in full.
    /// @dev Requires AGENT_ROLE.
    /// @param token The fund token.
    /// @param refSeq The request's sequence number.
    function cancelDepositRequest(address token, uint256 refSeq) external;

    /// @notice Settles pending requests whose dealing day is struck: mints the units, pays the cost to the
    ///         treasury and refunds the remainder. A request that is not pending is skipped with {RequestSkipped}.
    /// @dev Requires AGENT_ROLE. Reverts whole if a request's day is not struck or a mint or payment fails;
    ///      such a request is left out of the batch and, if the token refuses its mint, rejected.
    /// @param token The fund token.
    /// @param refSeqs The requests' sequence numbers.
    function settleDeposits(address token, uint256[] calldata refSeqs) external;

    /// @notice Refunds a pending request of a struck day in full when the token would refuse its mint (the
    ///         investor is no longer eligible, frozen, over a cap) or its refSeq was used by another mint.
    /// @dev Requires AGENT_ROLE. Reverts with {FundSettlementRequestSettleable} when the mint would succeed.
    /// @param token The fund token.
    /// @param refSeq The request's sequence number.
    function rejectDepositRequest(address token, uint256 refSeq) external;

    /// @notice Sets a dealing day's cut-off. It can move while neither the old nor the new cut-off has passed.
    /// @dev Requires AGENT_ROLE; the fund must be FORWARD.
    /// @param token The fund token.
    /// @param dealingDate The dealing day (days since 1970-01-01).
    /// @param cutoff The cut-off (unix seconds), in the future.
    function scheduleDealingDay(address token, uint32 dealingDate, uint64 cutoff) external;

    /// @notice Sets a dealing day's NAV, once, at or after its cut-off.
    /// @dev Requires AGENT_ROLE.
    /// @param token The fund token.
    /// @param dealingDate The dealing day.
    /// @param nav NAV per unit, scaled by 10^8.
    function strikeDealingDay(address token, uint32 dealingDate, uint256 nav) external;

    // --------------------------------------------------------------------------------- configuration

    /// @notice Configures a fund (or changes its mode; NONE switches it off) and caches its decimals.
    /// @dev Requires CONFIG_ROLE. The token must read this contract's identity registry. Pending requests
    ///      settle and refund whatever the mode.
    /// @param token The fund token.
    /// @param mode The mode.
    function setFund(address token, FundMode mode) external;

    /// @notice Sets the NAV of a STABLE_NAV fund (and the copy in each of its stablecoin routes).
    /// @dev Requires AGENT_ROLE. Reverts with {FundSettlementInvalidNav} for zero or beyond 64 bits.
    /// @param token The fund token.
    /// @param nav NAV per unit, scaled by 10^8.
    function setNav(address token, uint256 nav) external;

    /// @notice Accepts a stablecoin for a configured fund, or changes its treasury and caps (today's usage is
    ///         kept).
    /// @dev Requires CONFIG_ROLE. `decimals` must equal the stablecoin's own. Fee-on-transfer and rebasing
    ///      tokens are not supported: the contract assumes a transfer moves exactly the amount.
    /// @param token The fund token.
    /// @param stablecoin The stablecoin.
    /// @param decimals Its decimals (at most 36).
    /// @param treasury The fund's wallet for subscriptions and instant redemptions (not this contract).
    /// @param fundDailyCap Instant redemptions of the fund per UTC day (base units, a whole number of coins,
    ///        at most 2^96 - 1 base units and 2^64 - 1 coins); 0 = none.
    /// @param investorDailyCap Instant redemptions per investor per UTC day (same rules); 0 = none.
    function setStablecoin(
        address token,
        address stablecoin,
        uint8 decimals,
        address treasury,
        uint256 fundDailyCap,
        uint256 investorDailyCap
    ) external;

    /// @notice Stops accepting a stablecoin for a fund. Its pending requests still settle and refund.
    /// @dev Requires CONFIG_ROLE.
    /// @param token The fund token.
    /// @param stablecoin The stablecoin.
    function removeStablecoin(address token, address stablecoin) external;

    /// @notice Stops every movement of value (subscriptions, redemptions, requests, settlements, refunds).
    /// @dev Requires PAUSER_ROLE.
    function pause() external;

    /// @notice Ends a pause.
    /// @dev Requires PAUSER_ROLE.
    function unpause() external;

    // ------------------------------------------------------------------------------------------ views

    /// @notice Units and cost of a subscription of `amount`, as {priceSubscription} at the fund's NAV.
    /// @param token The fund token (STABLE_NAV, with a NAV).
    /// @param stablecoin The stablecoin (accepted).
    /// @param amount Stablecoin in base units.
    /// @return units Units that would be minted.
    /// @return cost Stablecoin that would be paid.
    function previewSubscribe(address token, address stablecoin, uint256 amount)
        external
        view
        returns (uint256 units, uint256 cost);

    /// @notice Payout of an instant redemption of `units`, as {priceRedemption} at the fund's NAV.
    /// @param token The fund token (STABLE_NAV, with a NAV).
    /// @param stablecoin The stablecoin (accepted).
    /// @param units Units in base units.
    /// @return amount Stablecoin that would be paid.
    function previewRedeem(address token, address stablecoin, uint256 units) external view returns (uint256 amount);

    /// @notice The pricing of a subscription (see the contract's description).
    /// @param amount Stablecoin in base units.
    /// @param stablecoinDecimals Decimals of the stablecoin (at most 36).
    /// @param nav NAV per unit scaled by 10^8 (non-zero).
    /// @param unitDecimals Decimals of the fund token (at most 36).
    /// @return units floor(amount x 10^(8 + unitDecimals) / (nav x 10^stablecoinDecimals)).
    /// @return cost ceil(units x nav x 10^stablecoinDecimals / 10^(8 + unitDecimals)).
    function priceSubscription(uint256 amount, uint8 stablecoinDecimals, uint256 nav, uint8 unitDecimals)
        external
        pure
        returns (uint256 units, uint256 cost);

    /// @notice The pricing of a redemption.
    /// @param units Units in base units.
    /// @param unitDecimals Decimals of the fund token (at most 36).
    /// @param nav NAV per unit scaled by 10^8 (non-zero).
    /// @param stablecoinDecimals Decimals of the stablecoin (at most 36).
    /// @return amount floor(units x nav x 10^stablecoinDecimals / 10^(8 + unitDecimals)).
    function priceRedemption(uint256 units, uint8 unitDecimals, uint256 nav, uint8 stablecoinDecimals)
        external
        pure
        returns (uint256 amount);

    /// @notice The identity registry whose verified wallets may pay and be paid.
    /// @return registry The registry.
    function identityRegistry() external view returns (address registry);

    /// @notice Whether the contract is paused.
    /// @return isPaused True if paused.
    function paused() external view returns (bool isPaused);

    /// @notice A fund's configuration.
    /// @param token The fund token.
    /// @return mode Its mode.
    /// @return unitDecimals The token's decimals.
    /// @return nav Its NAV (STABLE_NAV; 0 if not set), scaled by 10^8.
    function fundOf(address token) external view returns (FundMode mode, uint8 unitDecimals, uint256 nav);

    /// @notice A stablecoin's configuration for a fund.
    /// @param token The fund token.
    /// @param stablecoin The stablecoin.
    /// @return accepted Whether it is accepted.
    /// @return decimals Its decimals.
    /// @return treasury The fund's treasury for it.
    /// @return fundDailyCap The fund's instant redemption cap per UTC day.
    /// @return investorDailyCap The per-investor instant redemption cap per UTC day.
    function stablecoinOf(address token, address stablecoin)
        external
        view
        returns (bool accepted, uint8 decimals, address treasury, uint256 fundDailyCap, uint256 investorDailyCap);

    /// @notice Instant redemptions paid today (UTC) by a fund in a stablecoin.
    /// @param token The fund token.
    /// @param stablecoin The stablecoin.
    /// @return redeemed Paid today.
    /// @return remaining What the fund's cap still allows today.
    function fundRedeemedToday(address token, address stablecoin)
        external
        view
        returns (uint256 redeemed, uint256 remaining);

    /// @notice Instant redemptions paid today (UTC) to the investor that `wallet` belongs to.
    /// @param token The fund token.
    /// @param stablecoin The stablecoin.
    /// @param wallet A wallet of the investor (an unregistered wallet has no investor: 0, 0).
    /// @return redeemed Paid today to the investor, over all its wallets.
    /// @return remaining What the per-investor cap still allows today (ignoring the fund's cap).
    function investorRedeemedToday(address token, address stablecoin, address wallet)
        external
        view
        returns (uint256 redeemed, uint256 remaining);

    /// @notice A dealing day.
    /// @param token The fund token.
    /// @param dealingDate The dealing day.
    /// @return cutoff Its cut-off (0 if not scheduled).
    /// @return nav Its NAV (0 until struck).
    function dealingDayOf(address token, uint32 dealingDate) external view returns (uint64 cutoff, uint256 nav);

    /// @notice A deposit request.
    /// @param token The fund token.
    /// @param refSeq The request's sequence number.
    /// @return status Its status (NONE if there is none).
    /// @return investor The paying wallet.
    /// @return stablecoin The stablecoin.
    /// @return amount Stablecoin escrowed.
    /// @return dealingDate The dealing day.
    /// @return orderRef The order reference.
    function depositRequestOf(address token, uint256 refSeq)
        external
        view
        returns (
            RequestStatus status,
            address investor,
            address stablecoin,
            uint256 amount,
            uint32 dealingDate,
            bytes32 orderRef
        );
}
