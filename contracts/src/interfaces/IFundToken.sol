// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC7943Fungible} from "./IERC7943Fungible.sol";
import {IERC1404} from "./IERC1404.sol";
import {IFundFactory} from "./IFundFactory.sol";

/// @title IFundToken
/// @notice Permissioned ERC-20 of one money-market fund. Every mint, burn, transfer, forced transfer and
///         wallet recovery passes one compliance check, whose reason codes (ERC-1404) are stable:
///
///         | code | message                             | meaning
///         |------|-------------------------------------|------------------------------------------------
///         |  0   | SUCCESS                             | allowed
///         |  1   | PAUSED                              | the token is paused
///         |  2   | SENDER_FROZEN                       | the sender's address is frozen
///         |  3   | RECIPIENT_FROZEN                    | the recipient's address is frozen
///         |  4   | SENDER_NOT_VERIFIED                 | sender not registered or its verification expired
///         |  5   | RECIPIENT_NOT_VERIFIED              | recipient not registered or expired
///         |  6   | SENDER_JURISDICTION_NOT_ELIGIBLE    | sender's jurisdiction not eligible for the fund
///         |  7   | RECIPIENT_JURISDICTION_NOT_ELIGIBLE | recipient's jurisdiction not eligible
///         |  8   | SENDER_CLASS_NOT_ELIGIBLE           | sender's investor class not eligible
///         |  9   | RECIPIENT_CLASS_NOT_ELIGIBLE        | recipient's investor class not eligible
///         |  10  | MAX_HOLDERS_REACHED                 | the recipient would be a holder beyond the maximum
///         |  11  | MAX_BALANCE_EXCEEDED                | the recipient's balance would exceed the maximum
///         |  12  | TOKENS_LOCKED                       | the amount includes units still in lock-up
///         |  13  | TOKENS_FROZEN                       | the amount exceeds the unfrozen balance
///         |  14  | INSUFFICIENT_BALANCE                | the amount exceeds the balance
///
///         Which rules apply to which movement:
///         - transfer / transferFrom: all of them, for both sides.
///         - mint: pause, and every recipient rule (frozen, verified, eligible, holders, balance cap).
///         - burn (redemption by the agent): pause, sender not frozen, enough unfrozen balance. Identity,
///           eligibility and lock-up are NOT checked, so a holder whose verification lapsed or who is no
///           longer eligible can always be redeemed: the guaranteed exit. The same holder cannot transfer.
///         - forced transfer and wallet recovery: pause and every recipient rule; the sender's rules are
///           bypassed, and frozen tokens of the sender are unfrozen as far as needed (ERC-7943).
///         Lock-up: each mint locks the holder's newly minted units for `lockupSeconds`; a further mint
///         during a running lock-up adds to the locked amount and restarts the lock-up for all of it.
interface IFundToken is IERC7943Fungible, IERC1404, IERC20Errors {
    // ------------------------------------------------------------------------------------------ events

    /// @notice Emitted when units are minted against an order.
    /// @param to Recipient.
    /// @param amount Amount minted.
    /// @param refSeq The fund's sequence number of the order, never applied twice.
    /// @param orderRef The platform's 32-byte order reference.
    event Minted(address indexed to, uint256 amount, uint256 indexed refSeq, bytes32 indexed orderRef);

    /// @notice Emitted when units are burned (redeemed) against an order.
    /// @param from Holder.
    /// @param amount Amount burned.
    /// @param refSeq The fund's sequence number of the order, never applied twice.
    /// @param orderRef The platform's 32-byte order reference.
    event Burned(address indexed from, uint256 amount, uint256 indexed refSeq, bytes32 indexed orderRef);

    /// @notice Emitted by a batch for an item whose sequence number was already used; the item is skipped.
    /// @param refSeq The already used sequence number.
    /// @param orderRef The order reference of the skipped item.
    event ReferenceSkipped(uint256 indexed refSeq, bytes32 indexed orderRef);

    /// @notice Emitted when an address is frozen or unfrozen.
    /// @param account The address.
    /// @param isFrozen True if frozen, false if unfrozen.
    /// @param agent The caller.
    event AddressFrozen(address indexed account, bool indexed isFrozen, address indexed agent);

    /// @notice Emitted when the token is paused.
    /// @param account The caller.
    event Paused(address account);

    /// @notice Emitted when the token is unpaused.
    /// @param account The caller.
    event Unpaused(address account);

    /// @notice Emitted when a lost wallet's holding is moved to another wallet of the same investor.
    /// @param lostWallet The wallet emptied.
    /// @param newWallet The wallet that received the holding.
    /// @param investorId The investor (as stored by the identity registry).
    /// @param amount Balance moved.
    event WalletRecovered(
        address indexed lostWallet, address indexed newWallet, bytes32 indexed investorId, uint256 amount
    );

    /// @notice Emitted when the numeric compliance rules are set (at initialisation and on change).
    /// @param eligibleClassMask Bit `(1 << class)` per eligible investor class; 0 = any class.
    /// @param maxHolders Maximum number of holders; 0 = unlimited.
    /// @param maxBalancePerHolder Maximum balance per wallet; 0 = unlimited.
    /// @param lockupSeconds Lock-up of newly minted units; 0 = none.
    event ComplianceRulesUpdated(
        uint8 eligibleClassMask, uint32 maxHolders, uint256 maxBalancePerHolder, uint32 lockupSeconds
    );

    /// @notice Emitted when the eligible jurisdictions are set (at initialisation and on change).
    /// @param jurisdictions The eligible ISO-3166 alpha-2 codes; empty = any jurisdiction.
    event EligibleJurisdictionsUpdated(uint16[] jurisdictions);

    // ------------------------------------------------------------------------------------------ errors

    /// @notice {initialize} was called on an initialised token or on the implementation.
    error FundTokenAlreadyInitialized();

    /// @notice An address parameter is the zero address.
    /// @param account The address given.
    error FundTokenInvalidAccount(address account);

    /// @notice A jurisdiction is not two upper-case ASCII letters.
    /// @param jurisdiction The value given.
    error FundTokenInvalidJurisdiction(uint16 jurisdiction);

    /// @notice The class mask has bits other than 1, 2 and 3 set.
    /// @param eligibleClassMask The value given.
    error FundTokenInvalidClassMask(uint8 eligibleClassMask);

    /// @notice The per-holder maximum does not fit the 104-bit balances.
    /// @param maxBalancePerHolder The value given.
    error FundTokenInvalidMaxBalance(uint256 maxBalancePerHolder);

    /// @notice The token is paused.
    error FundTokenEnforcedPause();

    /// @notice The token is not paused.
    error FundTokenExpectedPause();

    /// @notice `account` is frozen.
    /// @param account The frozen address.
    error FundTokenAccountFrozen(address account);

    /// @notice `account` is not registered in the identity registry, or its verification expired.
    /// @param account The address.
    /// @param expiresAt Its stored expiry (0 if not registered).
    error FundTokenNotVerified(address account, uint64 expiresAt);

    /// @notice The jurisdiction of `account` is not eligible for the fund.
    /// @param account The address.
    /// @param jurisdiction Its jurisdiction.
    error FundTokenJurisdictionNotEligible(address account, uint16 jurisdiction);

    /// @notice The investor class of `account` is not eligible for the fund.
    /// @param account The address.
    /// @param investorClass Its class.
    error FundTokenInvestorClassNotEligible(address account, uint8 investorClass);

    /// @notice The recipient would become a holder while the fund has its maximum number of holders.
    /// @param maxHolders The maximum.
    error FundTokenMaxHoldersReached(uint32 maxHolders);

    /// @notice The recipient's balance would exceed the per-holder maximum.
    /// @param account The recipient.
    /// @param balanceAfter Its balance after the movement.
    /// @param maxBalance The maximum.
    error FundTokenMaxBalanceExceeded(address account, uint256 balanceAfter, uint256 maxBalance);

    /// @notice The amount includes units still in lock-up.
    /// @param account The sender.
    /// @param amount Amount requested.
    /// @param transferable The sender's balance that is neither frozen nor locked.
    /// @param lockedUntil End of the sender's lock-up.
    error FundTokenTokensLocked(address account, uint256 amount, uint256 transferable, uint64 lockedUntil);

    /// @notice A mint would take the total supply beyond 2^104 - 1 (the packed balance width).
    /// @param totalSupply Current supply.
    /// @param amount Amount to mint.
    error FundTokenSupplyOverflow(uint256 totalSupply, uint256 amount);

    /// @notice The order's sequence number was already used.
    /// @param refSeq The sequence number.
    error FundTokenReferenceUsed(uint256 refSeq);

    /// @notice The arrays of a batch call differ in length.
    /// @param expected Length of the first array.
    /// @param actual Length of the first array that differs from it.
    error FundTokenLengthMismatch(uint256 expected, uint256 actual);

    /// @notice The two wallets of a recovery do not belong to the same registered investor.
    /// @param lostWallet The lost wallet.
    /// @param newWallet The new wallet.
    error FundTokenRecoveryInvestorMismatch(address lostWallet, address newWallet);

    /// @notice The new wallet of a recovery already holds units or is the lost wallet itself.
    /// @param newWallet The new wallet.
    /// @param balance Its balance.
    error FundTokenRecoveryTargetNotEmpty(address newWallet, uint256 balance);

    /// @notice The permit's deadline has passed.
    /// @param deadline The deadline.
    error FundTokenPermitExpired(uint256 deadline);

    /// @notice The permit was not signed by `owner`.
    /// @param signer The recovered signer.
    /// @param owner The owner.
    error FundTokenPermitInvalidSigner(address signer, address owner);

    // ------------------------------------------------------------------------------------ initialiser

    /// @notice Initialises a freshly cloned token. Runs once; the implementation itself is locked.
    /// @dev Called by {FundFactory} in the transaction that creates the clone. The identity registry is
    ///      not a parameter: it is the clone's immutable argument, written by the factory.
    /// @param params Token parameters, see {IFundFactory.FundParams}.
    function initialize(IFundFactory.FundParams calldata params) external;

    // -------------------------------------------------------------------------------- agent: supply

    /// @notice Mints `amount` to `to` against the order with sequence number `refSeq`.
    /// @dev Requires AGENT_ROLE. Reverts with {FundTokenReferenceUsed} if `refSeq` was used before.
    /// @param to Recipient.
    /// @param amount Amount.
    /// @param refSeq The fund's sequence number of the order (the platform assigns 1, 2, 3, ...).
    /// @param orderRef The platform's order reference, only emitted.
    function mint(address to, uint256 amount, uint256 refSeq, bytes32 orderRef) external;

    /// @notice Burns (redeems) `amount` of `from` against the order with sequence number `refSeq`.
    /// @dev Requires AGENT_ROLE. Works for a holder whose verification lapsed (guaranteed exit).
    ///      Reverts with {FundTokenReferenceUsed} if `refSeq` was used before.
    /// @param from Holder.
    /// @param amount Amount.
    /// @param refSeq The fund's sequence number of the order.
    /// @param orderRef The platform's order reference, only emitted.
    function burn(address from, uint256 amount, uint256 refSeq, bytes32 orderRef) external;

    /// @notice Mints to many recipients. An item whose `refSeq` was already used (by an earlier call or
    ///         earlier in the same batch) is skipped with {ReferenceSkipped}, so a retried batch is safe.
    /// @dev Requires AGENT_ROLE. Any other failing item reverts the whole batch.
    /// @param to Recipients.
    /// @param amounts Amounts.
    /// @param refSeqs Sequence numbers.
    /// @param orderRefs Order references.
    function batchMint(
        address[] calldata to,
        uint256[] calldata amounts,
        uint256[] calldata refSeqs,
        bytes32[] calldata orderRefs
    ) external;

    /// @notice Burns from many holders, skipping already used sequence numbers like {batchMint}.
    /// @dev Requires AGENT_ROLE.
    /// @param from Holders.
    /// @param amounts Amounts.
    /// @param refSeqs Sequence numbers.
    /// @param orderRefs Order references.
    function batchBurn(
        address[] calldata from,
        uint256[] calldata amounts,
        uint256[] calldata refSeqs,
        bytes32[] calldata orderRefs
    ) external;

    /// @notice Whether the sequence number `refSeq` was used by a mint or burn.
    /// @param refSeq The sequence number.
    /// @return used True if used.
    function isReferenceUsed(uint256 refSeq) external view returns (bool used);

    // ------------------------------------------------------------------------------ agent: enforcement

    /// @notice Freezes or unfreezes `account`: a frozen address can neither send nor receive.
    /// @dev Requires FREEZER_ROLE. Emits {AddressFrozen} even if the status does not change.
    /// @param account The address.
    /// @param freeze True to freeze, false to unfreeze.
    function setAddressFrozen(address account, bool freeze) external;

    /// @notice Moves the whole holding of `lostWallet` (balance, lock-up, frozen amount) to `newWallet`,
    ///         another registered wallet of the same investor.
    /// @dev Requires RECOVERY_ROLE. `newWallet` must be verified, eligible, not frozen and empty.
    ///      The address-level freeze of `lostWallet` stays on `lostWallet`. Remove the lost wallet from
    ///      the registry only after the recovery, since the investor match reads it.
    /// @param lostWallet The wallet to empty.
    /// @param newWallet The wallet to fill.
    /// @return result True on success.
    function recoverWallet(address lostWallet, address newWallet) external returns (bool result);

    /// @notice Pauses every movement of units (transfers, mints, burns, forced transfers).
    /// @dev Requires PAUSER_ROLE.
    function pause() external;

    /// @notice Ends a pause.
    /// @dev Requires PAUSER_ROLE.
    function unpause() external;

    // ------------------------------------------------------------------------------------ compliance

    /// @notice Sets the numeric compliance rules.
    /// @dev Requires COMPLIANCE_ROLE. Lowering a maximum below the current figure blocks only new
    ///      holders or increases; a new lock-up period applies to later mints.
    /// @param eligibleClassMask Bit `(1 << class)` per eligible class (bits 1-3); 0 = any class.
    /// @param maxHolders Maximum number of holders; 0 = unlimited.
    /// @param maxBalancePerHolder Maximum balance per wallet; 0 = unlimited.
    /// @param lockupSeconds Lock-up of newly minted units; 0 = none.
    function setComplianceRules(
        uint8 eligibleClassMask,
        uint32 maxHolders,
        uint256 maxBalancePerHolder,
        uint32 lockupSeconds
    ) external;

    /// @notice Replaces the eligible jurisdictions.
    /// @dev Requires COMPLIANCE_ROLE. Up to 11 codes are kept in the rules word itself (no extra storage
    ///      read per check); more are kept in a bitmap.
    /// @param jurisdictions ISO-3166 alpha-2 codes as two ASCII bytes; empty = any jurisdiction.
    function setEligibleJurisdictions(uint16[] calldata jurisdictions) external;

    // ------------------------------------------------------------------------------------------ views

    /// @notice The identity registry this token reads.
    /// @return registry The registry address.
    function identityRegistry() external view returns (address registry);

    /// @notice Whether the token is paused.
    /// @return isPaused True if paused.
    function paused() external view returns (bool isPaused);

    /// @notice Whether `account` is frozen.
    /// @param account The address.
    /// @return frozen True if frozen.
    function isFrozen(address account) external view returns (bool frozen);

    /// @notice Number of wallets with a non-zero balance.
    /// @return count The holder count.
    function holderCount() external view returns (uint256 count);

    /// @notice The numeric compliance rules, see {setComplianceRules}.
    /// @return eligibleClassMask Eligible class mask.
    /// @return maxHolders Maximum number of holders.
    /// @return maxBalancePerHolder Maximum balance per wallet.
    /// @return lockupSeconds Lock-up of newly minted units.
    function complianceRules()
        external
        view
        returns (uint8 eligibleClassMask, uint32 maxHolders, uint256 maxBalancePerHolder, uint32 lockupSeconds);

    /// @notice The eligible jurisdictions; empty = any.
    /// @return jurisdictions The codes (in ascending order when more than 11 are set).
    function eligibleJurisdictions() external view returns (uint16[] memory jurisdictions);

    /// @notice Whether investors of `jurisdiction` are eligible.
    /// @param jurisdiction The code.
    /// @return eligible True if eligible.
    function isJurisdictionEligible(uint16 jurisdiction) external view returns (bool eligible);

    /// @notice The units of `account` still in lock-up, and until when.
    /// @param account The address.
    /// @return amount Locked units (0 once the lock-up ended).
    /// @return lockedUntil End of the lock-up (0 if none is running).
    function lockedBalanceOf(address account) external view returns (uint256 amount, uint64 lockedUntil);
}
