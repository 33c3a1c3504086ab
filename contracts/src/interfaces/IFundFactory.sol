// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IFundFactory
/// @notice Deploys one {FundToken} per fund as an EIP-1167 minimal proxy (clone) at an address derived
///         from the fund id, and initialises it in the same transaction.
interface IFundFactory {
    /// @notice Everything a new fund token is initialised with.
    /// @param name ERC-20 name.
    /// @param symbol ERC-20 symbol.
    /// @param decimals ERC-20 decimals.
    /// @param admin Receives DEFAULT_ADMIN_ROLE, PAUSER_ROLE and COMPLIANCE_ROLE of the token.
    /// @param agent Receives AGENT_ROLE (mint, burn, forced transfer), FREEZER_ROLE and RECOVERY_ROLE.
    /// @param eligibleJurisdictions ISO-3166 alpha-2 codes (two ASCII bytes each, "HK" = 0x484B) whose
    ///        investors may hold the fund; empty = any jurisdiction.
    /// @param eligibleClassMask Bit `(1 << investorClass)` per eligible class (bits 1-3); 0 = any class.
    /// @param maxHolders Maximum number of wallets with a non-zero balance; 0 = unlimited.
    /// @param maxBalancePerHolder Maximum balance of one wallet; 0 = unlimited.
    /// @param lockupSeconds Seconds during which newly minted units cannot be transferred; 0 = none.
    struct FundParams {
        string name;
        string symbol;
        uint8 decimals;
        address admin;
        address agent;
        uint16[] eligibleJurisdictions;
        uint8 eligibleClassMask;
        uint32 maxHolders;
        uint256 maxBalancePerHolder;
        uint32 lockupSeconds;
    }

    /// @notice Emitted when a fund token is deployed and initialised.
    /// @param fundId The platform's id of the fund (the CREATE2 salt).
    /// @param token The token address.
    /// @param admin The token's admin.
    /// @param agent The token's agent.
    /// @param name ERC-20 name.
    /// @param symbol ERC-20 symbol.
    /// @param decimals ERC-20 decimals.
    event FundCreated(
        bytes32 indexed fundId,
        address indexed token,
        address indexed admin,
        address agent,
        string name,
        string symbol,
        uint8 decimals
    );

    /// @notice A constructor argument is the zero address.
    /// @param position 0 implementation, 1 identity registry, 2 admin.
    error FundFactoryZeroAddress(uint256 position);

    /// @notice The fund id is zero.
    error FundFactoryInvalidFundId(bytes32 fundId);

    /// @notice A token was already deployed for `fundId`.
    /// @param fundId The fund id.
    /// @param token The existing token.
    error FundFactoryFundExists(bytes32 fundId, address token);

    /// @notice Deploys and initialises the token of fund `fundId`.
    /// @dev Requires DEPLOYER_ROLE. Reverts with {FundFactoryFundExists} if `fundId` was used before,
    ///      so a retried deployment can never create a second token.
    /// @param fundId The platform's id of the fund, used as the CREATE2 salt.
    /// @param params Token parameters.
    /// @return token The token address (equal to `predictFundAddress(fundId)`).
    function createFund(bytes32 fundId, FundParams calldata params) external returns (address token);

    /// @notice The address the token of `fundId` has or will have.
    /// @param fundId The fund id.
    /// @return token The deterministic address.
    function predictFundAddress(bytes32 fundId) external view returns (address token);

    /// @notice The token of `fundId`, or the zero address if it has not been deployed.
    /// @param fundId The fund id.
    /// @return token The token address or zero.
    function fundOf(bytes32 fundId) external view returns (address token);

    /// @notice The {FundToken} implementation all clones delegate to.
    /// @return The implementation address.
    function implementation() external view returns (address);

    /// @notice The identity registry every token of this factory reads.
    /// @return The registry address.
    function identityRegistry() external view returns (address);
}
