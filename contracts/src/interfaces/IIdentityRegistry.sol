// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IIdentityRegistry
/// @notice Verified wallets of a platform deployment, shared by all its funds. Each wallet maps to the
///         investor it belongs to (several wallets may belong to one investor), the investor's
///         jurisdiction and class, and the date the verification expires.
/// @dev Encodings used by the platform:
///      - `jurisdiction`: ISO-3166 alpha-2 code as two upper-case ASCII bytes, e.g. "HK" = 0x484B.
///      - `investorClass`: 1 = RETAIL, 2 = PROFESSIONAL, 3 = INSTITUTIONAL. A fund's eligible classes
///        are a bit mask with bit `(1 << investorClass)` set per eligible class.
///      - `investorId`: a 32-byte hash chosen by the platform. The registry packs a whole identity into
///        one storage slot and therefore keeps only the first 21 bytes (168 bits) of it; views return
///        that stored value (the last 11 bytes are zero) while events carry the full 32 bytes.
///      - `expiresAt`: unix time in seconds; a wallet is verified while `block.timestamp < expiresAt`.
interface IIdentityRegistry {
    /// @notice Emitted when a wallet's identity is written, on first registration and on every update.
    /// @param wallet The registered wallet.
    /// @param investorId The investor the wallet belongs to (full 32 bytes as given).
    /// @param jurisdiction ISO-3166 alpha-2 code of the investor, as two ASCII bytes.
    /// @param investorClass Investor class (1 retail, 2 professional, 3 institutional).
    /// @param expiresAt Unix time at which the verification lapses.
    event IdentityRegistered(
        address indexed wallet,
        bytes32 indexed investorId,
        uint16 jurisdiction,
        uint8 investorClass,
        uint64 expiresAt
    );

    /// @notice Emitted when a wallet's identity is written under a binding (see {registerBoundIdentity}).
    /// @param wallet The registered wallet.
    /// @param bindingId The platform's binding of the wallet that wrote the identity.
    /// @param version The version of the identity now stored.
    event IdentityBound(address indexed wallet, uint64 indexed bindingId, uint64 version);

    /// @notice Emitted when a wallet's identity is removed.
    /// @param wallet The removed wallet.
    /// @param investorId The stored (168-bit, left-aligned) investor id the wallet belonged to.
    event IdentityRemoved(address indexed wallet, bytes32 indexed investorId);

    /// @notice The wallet is the zero address.
    error IdentityRegistryInvalidWallet(address wallet);

    /// @notice The investor id is zero (after truncation to the stored 21 bytes).
    /// @param wallet The wallet being registered.
    /// @param investorId The investor id given.
    error IdentityRegistryInvalidInvestorId(address wallet, bytes32 investorId);

    /// @notice The jurisdiction is not two upper-case ASCII letters.
    /// @param wallet The wallet being registered.
    /// @param jurisdiction The jurisdiction given.
    error IdentityRegistryInvalidJurisdiction(address wallet, uint16 jurisdiction);

    /// @notice The investor class is not 1, 2 or 3.
    /// @param wallet The wallet being registered.
    /// @param investorClass The class given.
    error IdentityRegistryInvalidInvestorClass(address wallet, uint8 investorClass);

    /// @notice The wallet is already registered to another investor; remove it first.
    /// @param wallet The wallet being registered.
    /// @param registeredInvestorId The stored investor id of the wallet.
    /// @param investorId The investor id given.
    error IdentityRegistryInvestorMismatch(address wallet, bytes32 registeredInvestorId, bytes32 investorId);

    /// @notice The wallet is not registered.
    /// @param wallet The wallet.
    error IdentityRegistryNotRegistered(address wallet);

    /// @notice A registration names a binding that is not newer than the wallet's latest one.
    /// @param wallet The wallet being registered.
    /// @param bindingId The binding given.
    /// @param currentBindingId The wallet's latest binding (0 if it never had one).
    error IdentityRegistryStaleBinding(address wallet, uint64 bindingId, uint64 currentBindingId);

    /// @notice An update or removal names a binding that does not hold the wallet's identity now
    ///         (another binding replaced it, or it was removed).
    /// @param wallet The wallet.
    /// @param bindingId The binding given.
    /// @param currentBindingId The wallet's latest binding (0 if it never had one).
    error IdentityRegistryBindingMismatch(address wallet, uint64 bindingId, uint64 currentBindingId);

    /// @notice An update is not newer than the identity's stored version.
    /// @param wallet The wallet being updated.
    /// @param version The version given.
    /// @param currentVersion The stored version.
    error IdentityRegistryStaleVersion(address wallet, uint64 version, uint64 currentVersion);

    /// @notice The arrays of a batch call differ in length.
    /// @param expected Length of the first array (`wallets`).
    /// @param actual Length of the first array that differs from it.
    error IdentityRegistryLengthMismatch(uint256 expected, uint256 actual);

    /// @notice Registers `wallet`, or updates it if it is already registered to the same investor.
    /// @dev Requires AGENT_ROLE. Re-registering a wallet with the same `investorId` overwrites its
    ///      jurisdiction, class and expiry (this is how the platform extends or shortens an expiry);
    ///      re-registering it with another investor id reverts with {IdentityRegistryInvestorMismatch}.
    ///      An `expiresAt` in the past is accepted: the wallet is then registered but not verified.
    /// @param wallet Wallet to register.
    /// @param investorId Investor the wallet belongs to; only its first 21 bytes are stored.
    /// @param jurisdiction ISO-3166 alpha-2 code as two ASCII bytes.
    /// @param investorClass 1 retail, 2 professional, 3 institutional.
    /// @param expiresAt Unix time at which the verification lapses.
    function registerIdentity(
        address wallet,
        bytes32 investorId,
        uint16 jurisdiction,
        uint8 investorClass,
        uint64 expiresAt
    ) external;

    /// @notice Registers or updates many wallets in one transaction, with the rules of {registerIdentity}.
    /// @dev Requires AGENT_ROLE. Atomic: one invalid item reverts the whole batch. Re-running a batch
    ///      is harmless, since an item that is already registered identically is simply rewritten.
    /// @param wallets Wallets to register.
    /// @param investorIds Investor id per wallet.
    /// @param jurisdictions Jurisdiction per wallet.
    /// @param investorClasses Investor class per wallet.
    /// @param expiresAt Expiry per wallet.
    function batchRegisterIdentities(
        address[] calldata wallets,
        bytes32[] calldata investorIds,
        uint16[] calldata jurisdictions,
        uint8[] calldata investorClasses,
        uint64[] calldata expiresAt
    ) external;

    /// @notice Changes the jurisdiction, class and expiry of a registered wallet, keeping its investor.
    /// @dev Requires AGENT_ROLE. Emits {IdentityRegistered} with the stored investor id.
    /// @param wallet Registered wallet.
    /// @param jurisdiction New jurisdiction.
    /// @param investorClass New investor class.
    /// @param expiresAt New expiry.
    function updateIdentity(address wallet, uint16 jurisdiction, uint8 investorClass, uint64 expiresAt) external;

    /// @notice Removes a registered wallet.
    /// @dev Requires AGENT_ROLE. Reverts with {IdentityRegistryNotRegistered} if it is not registered.
    /// @param wallet Wallet to remove.
    function removeIdentity(address wallet) external;

    /// @notice Removes many wallets. Wallets that are not registered are skipped, so a retried batch
    ///         does not revert.
    /// @dev Requires AGENT_ROLE.
    /// @param wallets Wallets to remove.
    function batchRemoveIdentities(address[] calldata wallets) external;

    /// @notice Registers `wallet` under a new binding: a platform-wide, increasing number that names one
    ///         binding of one address to one investor. The identity replaces whatever the wallet held,
    ///         another investor's included (the platform ended that binding first; its removal may still
    ///         be on its way, and {removeBoundIdentity} of it then does nothing to this one).
    /// @dev Requires AGENT_ROLE. Reverts with {IdentityRegistryStaleBinding} unless `bindingId` is
    ///      greater than every binding the wallet had, so a late or repeated registration of an ended
    ///      binding never comes back. Validates like {registerIdentity}. Emits {IdentityRemoved} for a
    ///      replaced identity, then {IdentityRegistered} and {IdentityBound}.
    /// @param wallet Wallet to register.
    /// @param bindingId The binding, greater than the wallet's previous ones.
    /// @param version The identity's version (updates must exceed it).
    /// @param investorId Investor the wallet belongs to; only its first 21 bytes are stored.
    /// @param jurisdiction ISO-3166 alpha-2 code as two ASCII bytes.
    /// @param investorClass 1 retail, 2 professional, 3 institutional.
    /// @param expiresAt Unix time at which the verification lapses.
    function registerBoundIdentity(
        address wallet,
        uint64 bindingId,
        uint64 version,
        bytes32 investorId,
        uint16 jurisdiction,
        uint8 investorClass,
        uint64 expiresAt
    ) external;

    /// @notice Changes the jurisdiction, class and expiry of a wallet registered under `bindingId`,
    ///         keeping its investor.
    /// @dev Requires AGENT_ROLE. Reverts with {IdentityRegistryBindingMismatch} if `bindingId` does not
    ///      hold the wallet's identity now, and with {IdentityRegistryStaleVersion} unless `version` is
    ///      greater than the stored one, so an older update landing late never overwrites a newer one.
    ///      Emits {IdentityRegistered} and {IdentityBound}.
    /// @param wallet Registered wallet.
    /// @param bindingId The binding that registered it.
    /// @param version The new version, greater than the stored one.
    /// @param jurisdiction New jurisdiction.
    /// @param investorClass New investor class.
    /// @param expiresAt New expiry.
    function updateBoundIdentity(
        address wallet,
        uint64 bindingId,
        uint64 version,
        uint16 jurisdiction,
        uint8 investorClass,
        uint64 expiresAt
    ) external;

    /// @notice Removes the identity of `wallet` if `bindingId` holds it, and only then: a late removal of
    ///         an ended binding cannot remove the identity of a newer one.
    /// @dev Requires AGENT_ROLE. Reverts with {IdentityRegistryBindingMismatch} otherwise. The binding
    ///      number stays recorded, so it can never register again. Emits {IdentityRemoved}.
    /// @param wallet Wallet to remove.
    /// @param bindingId The binding that registered it.
    function removeBoundIdentity(address wallet, uint64 bindingId) external;

    /// @notice The latest binding of `wallet` and the version of its identity; zeros if it never had one.
    ///         The binding may have been removed since: see {isRegistered}.
    /// @param wallet Wallet to read.
    /// @return bindingId The latest binding.
    /// @return version The version written by that binding's latest registration or update.
    function bindingOf(address wallet) external view returns (uint64 bindingId, uint64 version);

    /// @notice Whether `wallet` is registered and its verification has not expired.
    /// @param wallet Wallet to check.
    /// @return verified True if registered and `block.timestamp < expiresAt`.
    function isVerified(address wallet) external view returns (bool verified);

    /// @notice Whether `wallet` is registered, expired or not.
    /// @param wallet Wallet to check.
    /// @return registered True if registered.
    function isRegistered(address wallet) external view returns (bool registered);

    /// @notice The stored identity of `wallet`; all zero if it is not registered.
    /// @param wallet Wallet to read.
    /// @return investorId First 21 bytes of the investor id, left-aligned (last 11 bytes zero).
    /// @return jurisdiction ISO-3166 alpha-2 code as two ASCII bytes.
    /// @return investorClass Investor class.
    /// @return expiresAt Expiry, unix seconds.
    function identityOf(address wallet)
        external
        view
        returns (bytes32 investorId, uint16 jurisdiction, uint8 investorClass, uint64 expiresAt);

    /// @notice The identity of `wallet` as the single packed word the registry stores, for cheap
    ///         reads by tokens: bits 0-63 expiresAt, 64-79 jurisdiction, 80-87 investorClass,
    ///         88-255 the first 21 bytes of the investor id. Zero if not registered.
    /// @param wallet Wallet to read.
    /// @return packed The packed identity word.
    function packedIdentityOf(address wallet) external view returns (uint256 packed);

    /// @notice The packed identity words (see {packedIdentityOf}) of two wallets in one call.
    /// @param a First wallet.
    /// @param b Second wallet.
    /// @return packedA Packed identity of `a`.
    /// @return packedB Packed identity of `b`.
    function packedIdentitiesOf(address a, address b) external view returns (uint256 packedA, uint256 packedB);
}
