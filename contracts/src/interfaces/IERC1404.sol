// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IERC1404
/// @notice ERC-1404 ("Simple Restricted Token Standard") transfer restriction queries.
interface IERC1404 {
    /// @notice The restriction that would stop a transfer of `value` from `from` to `to`, or 0 if none.
    /// @param from Sender (the zero address describes a mint).
    /// @param to Recipient (the zero address describes a burn).
    /// @param value Amount.
    /// @return restrictionCode 0 when the transfer would succeed, otherwise a stable reason code.
    function detectTransferRestriction(address from, address to, uint256 value)
        external
        view
        returns (uint8 restrictionCode);

    /// @notice A human-readable message for a restriction code.
    /// @param restrictionCode A code returned by {detectTransferRestriction}.
    /// @return message The message; "UNKNOWN_RESTRICTION" for codes not defined.
    function messageForTransferRestriction(uint8 restrictionCode) external view returns (string memory message);
}
